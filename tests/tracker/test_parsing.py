"""Pure parsing: Hub rows into records, lineage rules, validation, hashes."""

import pickle
from datetime import UTC, datetime

import pytest

from tracker.importers.parsing import (
    infer_relation,
    partial_from_edge,
    partial_from_license_text,
    partial_from_models_csv,
    partial_from_worklist,
    record_from_family_row,
    record_from_json,
    record_from_mapping,
)
from tracker.importers.records import (
    CREATED_AT_FLOOR,
    EdgeRecord,
    HubRecord,
    RowError,
    content_hash,
    parent_id_cleaned,
    parse_card,
    parse_timestamp,
)


def test_api_row_keeps_the_declared_license_as_given():
    record = record_from_mapping(
        {
            "id": "bob/chat",
            "author": "bob",
            "createdAt": "2024-02-01T10:00:00.000Z",
            "lastModified": "2024-02-03T10:00:00.123Z",
            "gated": "manual",
            "downloads": 300,
            "likes": 5,
            "tags": ["license:other"],
            "cardData": {
                "license": "other",
                "license_name": "deepseek",
                "license_link": "LICENSE",
            },
        }
    )
    assert record.license_tags == ["other"]
    assert (record.license_name, record.license_link) == ("deepseek", "LICENSE")
    assert record.created_at == "2024-02-01 10:00:00"
    assert record.last_modified == "2024-02-03 10:00:00.123000"
    assert record.gated == "manual"
    assert record.warnings == []


def test_created_at_floor_is_flagged():
    record = record_from_mapping(
        {"id": "old/model", "createdAt": "2022-03-02T23:29:04.000Z"}
    )
    assert record.created_at == CREATED_AT_FLOOR
    assert record.created_at_is_floor
    assert not record_from_mapping(
        {"id": "new/model", "createdAt": "2023-03-02T23:29:04.000Z"}
    ).created_at_is_floor


def test_card_license_is_used_when_tags_have_none_including_list_and_misspelling():
    assert record_from_mapping(
        {"id": "a/b", "cardData": {"license": ["mit"]}}
    ).license_tags == ["mit"]
    misspelled = record_from_mapping(
        {"id": "a/c", "cardData": {"licence": "apache-2.0"}}
    )
    assert misspelled.license_tags == ["apache-2.0"]


def test_unknown_license_is_kept_with_a_warning():
    record = record_from_mapping({"id": "a/b", "tags": ["license:Apache 2.0"]})
    assert record.license_tags == ["Apache 2.0"]
    assert [w.reason for w in record.warnings] == ["unknown-license"]


def test_typed_tags_give_relations_and_plain_parents_are_inferred():
    record = record_from_mapping(
        {
            "id": "x/merge",
            "tags": [
                "base_model:a/one",
                "base_model:merge:a/one",
                "base_model:merge:b/two",
                "base_model:c/three",
            ],
        }
    )
    assert set(record.edges) == {
        EdgeRecord("a/one", "merge"),
        EdgeRecord("b/two", "merge"),
        EdgeRecord("c/three", "merge", inferred=True),
    }


def test_card_base_model_list_is_a_merge_and_bad_values_are_reported():
    record = record_from_mapping(
        {
            "id": "x/y",
            "cardData": {"base_model": ["- a/one", "b/two", "/home/me/ckpt", ""]},
        }
    )
    assert set(record.edges) == {
        EdgeRecord("a/one", "merge", inferred=True),
        EdgeRecord("b/two", "merge", inferred=True),
    }
    assert [w.reason for w in record.warnings] == ["bad-parent"]


def test_card_relation_and_base_models_struct_state_the_relation():
    card = record_from_mapping(
        {
            "id": "x/y",
            "cardData": {"base_model": "a/b", "base_model_relation": "adapter"},
        }
    )
    assert card.edges == (EdgeRecord("a/b", "adapter"),)
    stats = record_from_mapping(
        {
            "id": "x/z",
            "baseModels": {
                "relation": "quantized",
                "models": [{"_id": "1", "id": "a/b"}],
            },
        }
    )
    assert stats.edges == (EdgeRecord("a/b", "quantized"),)


def test_self_parent_is_dropped():
    record = record_from_mapping({"id": "x/y", "cardData": {"base_model": "x/y"}})
    assert record.edges == ()
    assert [w.reason for w in record.warnings] == ["self-parent"]


@pytest.mark.parametrize(
    ("parents", "tags", "library", "relation"),
    [
        (2, set(), "transformers", "merge"),
        (1, {"lora"}, "", "adapter"),
        (1, set(), "peft", "adapter"),
        (1, {"gguf"}, "", "quantized"),
        (1, set(), "transformers", "finetune"),
    ],
)
def test_infer_relation(parents, tags, library, relation):
    assert infer_relation(parents=parents, tags=tags, library_name=library) == relation


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'{"id": "a/b", ', "malformed"),
        (b'{"author": "x"}', "missing-id"),
        (b'{"id": 5}', "wrong-type"),
        (b'{"id": "not a valid id"}', "bad-id"),
        (b'{"id": "a/b", "downloads": "many"}', "wrong-type"),
        (b'{"id": "a/b", "downloads": -1}', "wrong-type"),
        (b'{"id": "a/b", "tags": "license:mit"}', "wrong-type"),
        (b'{"id": "a/b", "createdAt": "yesterday"}', "wrong-type"),
        (b'{"id": "a/b", "gated": "sometimes"}', "wrong-type"),
        (b"[1, 2]", "wrong-type"),
        (
            b'{"id": "a/b", "cardData": {"license_name": "' + b"x" * 300 + b'"}}',
            "oversized",
        ),
        (b'{"id": "' + b"a" * 250 + b'"}', "oversized"),
    ],
)
def test_bad_rows_raise_with_a_reason(raw, reason):
    with pytest.raises(RowError) as caught:
        record_from_json(raw)
    assert caught.value.reason == reason


def test_timestamps_become_utc_text():
    assert parse_timestamp("2025-01-23 14:13:54+00:00", "t") == "2025-01-23 14:13:54"
    assert parse_timestamp("2025-01-23T16:13:54+02:00", "t") == "2025-01-23 14:13:54"
    assert parse_timestamp(datetime(2024, 1, 1, 12), "t") == "2024-01-01 12:00:00"
    assert (
        parse_timestamp(datetime(2024, 1, 1, 12, tzinfo=UTC), "t")
        == "2024-01-01 12:00:00"
    )
    with pytest.raises(RowError):
        parse_timestamp("2025-02-30T00:00:00.000Z", "t")


def test_card_data_parses_from_json_or_yaml_text():
    assert parse_card('{"license": "mit"}') == {"license": "mit"}
    assert parse_card("license: mit\nbase_model: a/b") == {
        "license": "mit",
        "base_model": "a/b",
    }
    assert parse_card("{}") == {}
    assert parse_card(None) == {}
    with pytest.raises(RowError):
        parse_card("license: [unclosed")


def test_family_row_reads_the_serialized_model_info():
    record = record_from_family_row(
        {
            "model_id": "a/b",
            "metadata": '{"id": "a/b", "created_at": "2025-01-23 14:13:54+00:00", '
            '"tags": ["base_model:finetune:r/oot"], '
            '"card_data": "license: mit\\nbase_model: r/oot"}',
        }
    )
    assert record.edges == (EdgeRecord("r/oot", "finetune"),)
    assert record.license_tags == ["mit"]


def test_parent_id_cleaning():
    assert parent_id_cleaned("- Qwen/Qwen2.5-Coder-7B") == "Qwen/Qwen2.5-Coder-7B"
    assert parent_id_cleaned("https://huggingface.co/a/b") == "a/b"
    assert parent_id_cleaned("t5-small") == "t5-small"
    assert parent_id_cleaned("/home/me/out") is None
    assert parent_id_cleaned("a/b/c") is None


def test_content_hash_changes_with_any_listed_field():
    base = record_from_mapping({"id": "a/b", "downloads": 1, "tags": ["license:mit"]})
    same = record_from_mapping({"id": "a/b", "downloads": 1, "tags": ["license:mit"]})
    more = record_from_mapping({"id": "a/b", "downloads": 2, "tags": ["license:mit"]})
    assert content_hash(base) == content_hash(same) != content_hash(more)


def test_supplement_rows():
    models = partial_from_models_csv(
        {
            "id": "k/x",
            "model_type": "text-generation",
            "license": "llama2",
            "downloads": "5",
        }
    )
    assert models.values["license_tags"] == ["llama2"]
    assert models.values["downloads"] == 5
    worklist = partial_from_worklist(
        {
            "model_id": "[a/b](https://huggingface.co/a/b)",
            "suggested_license_name": "llama-license",
            "suggested_license_link": "https://x/LICENSE",
        }
    )
    assert worklist.repo_id == "a/b"
    # A suggestion, never the declared license.
    assert worklist.suggestions == {
        "suggested_license_name": "llama-license",
        "suggested_license_link": "https://x/LICENSE",
    }
    assert "license_name" not in worklist.values
    edge = partial_from_edge({"child_model": "c/d", "base_model": "- a/b"})
    assert edge.edges == (EdgeRecord("a/b", "finetune", inferred=True),)
    text = partial_from_license_text({"model_id": "a/b", "license_md_text": "Terms"})
    assert text.license_text == "Terms"
    with pytest.raises(RowError):
        partial_from_license_text({"model_id": "a/b", "license_md_text": 42})


@pytest.mark.parametrize(
    ("child", "relation"),
    [
        ("TheBloke/Llama-2-7B-Chat-GGUF", "quantized"),
        ("x/OpenReasoning-Nemotron-32B-4bit", "quantized"),
        ("x/gpt-oss-20b-MLX-6.5bit", "quantized"),
        ("OpenVINO/Qwen2.5-Coder-7B-Instruct-int4-ov", "quantized"),
        ("x/model-AWQ", "quantized"),
        ("x/model-GPTQ-Int8", "quantized"),
        ("x/model-q4_k_m", "quantized"),
        ("x/chat-lora", "adapter"),
        ("x/some-Adapter-v2", "adapter"),
        ("x/model-16bit", "finetune"),  # full precision: a merged finetune
        ("x/Qwen2.5-7B-Instruct", "finetune"),
        ("x/quantum-chemistry-7b", "finetune"),
    ],
)
def test_edge_list_relations_are_inferred_from_the_child_name(child, relation):
    edge = partial_from_edge({"child_model": child, "base_model": "a/b"})
    assert edge.edges == (EdgeRecord("a/b", relation, inferred=True),)


def test_card_parents_missing_from_the_tags_are_kept():
    record = record_from_mapping(
        {
            "id": "z/glm-chat-hf",
            "tags": ["base_model:z/glm-chat", "base_model:finetune:z/glm-chat"],
            "cardData": {"base_model": "old-org/glm-chat"},
        }
    )
    assert record.edges == (
        EdgeRecord("z/glm-chat", "finetune"),
        EdgeRecord("old-org/glm-chat", "finetune", inferred=True),
    )
    merged = record_from_mapping(
        {
            "id": "m/x",
            "baseModels": {"relation": "merge", "models": [{"id": "a/one"}]},
            "cardData": {"base_model": ["a/one", "b/two", "- c/three"]},
        }
    )
    assert merged.edges == (
        EdgeRecord("a/one", "merge"),
        EdgeRecord("b/two", "merge", inferred=True),
        EdgeRecord("c/three", "merge", inferred=True),
    )
    stated = record_from_mapping(
        {
            "id": "m/y",
            "tags": ["base_model:adapter:a/one"],
            "cardData": {"base_model": ["a/one", "b/two"]},
        }
    )
    assert stated.edges == (
        EdgeRecord("a/one", "adapter"),
        EdgeRecord("b/two", "adapter", inferred=True),
    )


def test_records_survive_the_pipe_to_the_writer_process():
    record = record_from_mapping(
        {"id": "x/y", "tags": ["base_model:merge:a/b", "base_model:merge:c/d"]}
    )
    copy = pickle.loads(pickle.dumps(record))  # noqa: S301 - our own bytes
    assert copy == record
    assert isinstance(copy, HubRecord) and isinstance(copy.edges[0], EdgeRecord)


def test_card_base_model_of_a_wrong_type_is_a_bad_parent():
    record = record_from_mapping(
        {
            "id": "x/y",
            "tags": ["base_model:finetune:a/b"],
            "cardData": {"base_model": [{"name": "a/b"}, 7, "a/b"]},
        }
    )
    assert record.edges == (EdgeRecord("a/b", "finetune"),)
    assert [w.reason for w in record.warnings] == ["bad-parent", "bad-parent"]
