"""Readers: positions, resume points, bad and oversized input, buffer edges."""

import io
import json

from tracker.importers.readers import (
    Broken,
    JsonLinesReader,
    ParquetReader,
    iter_json_array,
)


def test_jsonl_reader_positions_and_resume(files, small_files):
    for path in (files / "models.jsonl", small_files["gz"]):
        rows = list(JsonLinesReader(path, None, None))
        assert [r.position for r in rows] == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
        assert rows[0].hint_id == "acme/base-7b"
        resumed = list(JsonLinesReader(path, rows[4].resume, None))
        assert [r.position for r in resumed] == [7, 8, 9, 10, 11]
        assert [r.raw for r in resumed] == [r.raw for r in rows[5:]]


def test_jsonl_oversized_line_is_put_aside_without_reading_it_whole(
    tmp_path, monkeypatch
):
    monkeypatch.setattr("tracker.importers.readers.MAX_RECORD_BYTES", 100)
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"id": "a/b"}\n{"id": "c/d", "x": "' + "y" * 5000 + '"}\n{"id": "e/f"}\n'
    )
    rows = list(JsonLinesReader(path, None, None))
    assert [r.position for r in rows] == [1, 2, 3]
    assert isinstance(rows[1].raw, Broken)
    assert rows[1].raw.error.reason == "oversized"
    assert rows[2].raw == b'{"id": "e/f"}\n'


def test_json_array_scanner_splits_items_and_survives_a_bad_one():
    text = '[{"id": "a/b", "s": "x]},\\"y"}, {"id": oops}, 7, {"id": "c/d"}]'
    items = list(iter_json_array(io.StringIO(text)))
    assert items == [
        '{"id": "a/b", "s": "x]},\\"y"}',
        '{"id": oops}',
        "7",
        '{"id": "c/d"}',
    ]


def test_json_array_scanner_reads_across_buffer_boundaries(monkeypatch):
    monkeypatch.setattr("tracker.importers.readers._READ_CHARS", 7)
    items = [{"id": f"o/m{i}", "card": {"t": ["a,b", "c]"]}} for i in range(20)]
    text = json.dumps({"models": items}, indent=2)
    found = list(iter_json_array(io.StringIO(text), key="models"))
    assert [json.loads(t) for t in found] == items


def test_json_array_scanner_reports_a_truncated_file():
    items = list(iter_json_array(io.StringIO('[{"id": "a/b"}, {"id": "c/')))
    assert items[0] == '{"id": "a/b"}'
    assert isinstance(items[1], Broken)


def test_parquet_reader_positions_resume_and_fingerprints(small_files):
    rows = list(ParquetReader(small_files["parquet"], None, None))
    assert [r.position for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].hint_id == "acme/base-7b" and rows[0].fingerprint
    resumed = list(ParquetReader(small_files["parquet"], rows[2].resume, None))
    assert [r.position for r in resumed] == [4, 5]
