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
    assert [item[1].repo_id for item in ahead.parsed] == ["c/d"]


def test_a_newer_snapshot_parses_identical_rows_to_move_their_observation_on():
    same = row(1, b'{"id": "a/b", "downloads": 1}\n', "a/b")
    stored = {"a/b": Stored(7, "h", same.fingerprint, None, False, "2025-01-01")}
    older = listing_prepare(
        [same],
        normalize=NORMALIZE,
        lookup=lambda ids: dict(stored),
        snapshot="2024-06-01 00:00:00",
    )
    assert older.same == [(7, False)]
    newer = listing_prepare(
        [same],
        normalize=NORMALIZE,
        lookup=lambda ids: dict(stored),
        snapshot="2025-06-01 00:00:00",
    )
    assert newer.same == []
    assert [item[1].repo_id for item in newer.parsed] == ["a/b"]


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
    assert [item[1].repo_id for item in prepared.parsed] == ["real/id", "u/l"]
    assert [(i[0], i[1], i[2], i[5]) for i in prepared.issues] == [
        (2, "bad/json", "malformed", False),
    ]
    # A kept row's warning travels with it: recorded only if it is written.
    assert [(i[0], i[1], i[2], i[5]) for i in prepared.parsed[1][3]] == [
        (3, "u/l", "unknown-license", True),
    ]


def test_an_id_met_earlier_in_the_batch_is_parsed_even_if_its_bytes_match():
    old = row(1, b'{"id": "a/b", "downloads": 1}\n', "a/b")
    new = row(2, b'{"id": "a/b", "downloads": 2}\n', "a/b")
    stored = {"a/b": Stored(7, "h", new.fingerprint, None, False)}
    prepared = listing_prepare(
        [old, new], normalize=NORMALIZE, lookup=lambda ids: dict(stored)
    )
    # The first row changes a/b; the second must be written again after it.
    assert prepared.same == []
    assert [item[1].downloads for item in prepared.parsed] == [1, 2]
