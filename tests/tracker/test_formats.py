"""Formats: recognising files, streaming readers, resume points, chunk plans."""

import gzip
import json
import shutil

import pytest

from tracker.importers.formats import FormatError, detect_format, plan_spans
from tracker.importers.readers import JsonLinesReader, ParquetReader

CORPUS_FORMATS = {
    "Mistral-Small-24B-Base-2501_finetunes_20250405_001816.csv": "family-tree-csv",
    "model_data.json": "models-json",
    "eval-card-registry_hub_stats_frozen.parquet": "hub-stats-parquet",
    "open-source-ai-discovery_hf_models_open_raw.csv": "models-csv",
    "open-source-ai-discovery_genealogy_edges.csv": "lineage-csv",
    "hub-docs_hacktoberfest_model_license_other.csv": "license-worklist-csv",
    "hub-docs_hacktoberfest_model_no_license.csv": "license-worklist-csv",
    "open-source-ai-discovery_other_licensed_models.json": "license-texts-json",
}


@pytest.mark.parametrize(("name", "expected"), sorted(CORPUS_FORMATS.items()))
def test_every_corpus_file_is_recognised(corpus, name, expected):
    assert detect_format(corpus / name).name == expected


def test_the_license_identifier_table_is_not_a_model_listing(corpus):
    with pytest.raises(FormatError):
        detect_format(corpus / "hf-license-identifiers.csv")


def test_small_samples_are_recognised(files, small_files):
    assert detect_format(files / "api_page.json").name == "hub-api-json"
    assert detect_format(files / "models.jsonl").name == "jsonl"
    assert detect_format(small_files["gz"]).name == "jsonl"
    assert detect_format(small_files["parquet"]).name == "hub-stats-parquet"
    assert detect_format(files / "family.csv").name == "family-tree-csv"
    assert detect_format(files / "license_texts.json").name == "license-texts-json"
    assert detect_format(files / "edges.csv").name == "lineage-csv"
    assert detect_format(files / "models_open.csv").name == "models-csv"
    assert detect_format(files / "worklist.csv").name == "license-worklist-csv"


def test_unknown_files_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello\n")
    (tmp_path / "numbers.json").write_text("[1, 2, 3]")
    for name in ("notes.txt", "numbers.json", "missing.jsonl"):
        with pytest.raises(FormatError):
            detect_format(tmp_path / name)


def test_spans_cover_a_jsonl_file_exactly(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"o/m{i}"}) + "\n" for i in range(500)))
    for target in (path, tmp_path / "many.jsonl.gz"):
        if target.suffix == ".gz":
            target.write_bytes(gzip.compress(path.read_bytes()))
        spans = plan_spans(target, detect_format(target), pieces=4)
        assert len(spans) == 4
        seen = []
        for start, stop in spans:
            seen += [r.position for r in JsonLinesReader(target, start, stop)]
        assert seen == list(range(1, 501))


def test_spans_follow_parquet_row_groups(small_files):
    spans = plan_spans(
        small_files["parquet"], detect_format(small_files["parquet"]), pieces=2
    )
    seen = []
    for start, stop in spans:
        seen += [r.position for r in ParquetReader(small_files["parquet"], start, stop)]
    assert seen == [1, 2, 3, 4, 5]
    assert len(spans) == 2


def test_a_json_array_can_be_gzipped(files, tmp_path):
    target = tmp_path / "page.json.gz"
    with open(files / "api_page.json", "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert detect_format(target).name == "hub-api-json"
