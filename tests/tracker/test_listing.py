"""listing_prepare: which rows are parsed, and what a prepared batch carries."""

from tracker.importers.formats import FORMATS
from tracker.importers.listing import listing_prepare
from tracker.importers.readers import SourceRow
from tracker.importers.records import source_fingerprint
from tracker.importers.writers import Stored

NORMALIZE = FORMATS["jsonl"].normalize


def row(position: int, raw: bytes, hint: str) -> SourceRow:
    return SourceRow(position, {"line": position}, raw, source_fingerprint(raw), hint)


def test_byte_identical_rows_are_not_parsed_unless_in_flight():
    same = row(1, b'{"id": "a/b", "downloads": 1}\n', "a/b")
    other = row(2, b'{"id": "c/d", "downloads": 2}\n', "c/d")
    stored = {
        "a/b": Stored(7, "h", same.fingerprint, None, True),
        "c/d": Stored(8, "h", other.fingerprint, None, False),
    }
    prepared = listing_prepare(
        [same, other], normalize=NORMALIZE, lookup=lambda ids: dict(stored)
    )
    assert prepared.same == [(7, True), (8, False)]
    assert prepared.parsed == []
    assert prepared.resume == {"line": 2}
    ahead = listing_prepare(
        [same, other],
        normalize=NORMALIZE,
        lookup=lambda ids: dict(stored),
        in_flight={"c/d"},
    )
    assert ahead.same == [(7, True)]
    assert [rec.repo_id for _, rec, _ in ahead.parsed] == ["c/d"]


def test_wrong_hints_are_looked_up_again_and_issues_are_plain_data():
    asked = []

    def lookup(ids):
        asked.append(ids)
        return {}

    rows = [
        row(1, b'{"cardData": {"id": "x/y"}, "id": "real/id"}\n', "x/y"),
        row(2, b'{"id": "bad/json"\n', "bad/json"),
        row(3, b'{"id": "u/l", "tags": ["license:Apache 2.0"]}\n', "u/l"),
    ]
    prepared = listing_prepare(rows, normalize=NORMALIZE, lookup=lookup)
    assert asked == [["x/y", "bad/json", "u/l"], ["real/id"]]
    assert [rec.repo_id for _, rec, _ in prepared.parsed] == ["real/id", "u/l"]
    assert [(i[0], i[2], i[5]) for i in prepared.issues] == [
        (2, "malformed", False),
        (3, "unknown-license", True),
    ]
