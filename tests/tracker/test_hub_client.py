"""The live client against a local Hub: paging, retries, errors, typed records."""

from datetime import UTC, datetime

import pytest

from tests.tracker.conftest import api_model
from tracker.hub_client import HubError, hub_api, models_list


def test_pages_are_followed_through_link_headers(fake_hub):
    fake_hub.pages = [
        [api_model("a/one"), api_model("a/two")],
        [api_model("b/three", tags=["base_model:finetune:a/one", "license:llama3.1"])],
        [
            api_model(
                "c/four", cardData={"license": "other", "license_name": "deepseek"}
            )
        ],
    ]
    items = list(models_list(author="a"))
    assert [i.record.repo_id for i in items] == ["a/one", "a/two", "b/three", "c/four"]
    assert items[2].record.edges[0].parent_repo_id == "a/one"
    assert items[2].record.license_tags == ["llama3.1"]
    assert items[3].record.license_name == "deepseek"
    first = fake_hub.requests[0]
    assert first["path"] == "/api/models"
    assert first["query"]["author"] == ["a"]
    assert first["query"]["full"] == ["true"] and first["query"]["cardData"] == ["true"]
    assert first["headers"]["authorization"] == "Bearer hf_test_token"
    assert [r["query"].get("cursor") for r in fake_hub.requests] == [None, ["1"], ["2"]]
    # Following pages keep the query, as the Hub's next links do.
    assert {r["query"]["author"][0] for r in fake_hub.requests} == {"a"}
    assert fake_hub.requests[2]["query"]["cardData"] == ["true"]


def test_a_malformed_agent_registry_does_not_break_the_listing(
    fake_hub, monkeypatch, tmp_path
):
    # huggingface_hub 2.x asks {HF_ENDPOINT}/api/agent-harnesses (the endpoint
    # it read at import) for its User-Agent, and fails on a list reply.
    from huggingface_hub import constants
    from huggingface_hub.utils import _detect_agent

    monkeypatch.setattr(constants, "ENDPOINT", fake_hub.url)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", False)
    monkeypatch.setattr(constants, "AGENT_HARNESSES_PATH", str(tmp_path / "h.json"))
    monkeypatch.setattr(_detect_agent, "_registry", None)
    fake_hub.harnesses = []
    fake_hub.pages = [[api_model("a/one")]]
    assert [i.record.repo_id for i in models_list(author="a")] == ["a/one"]
    assert "/api/agent-harnesses" not in {r["path"] for r in fake_hub.requests}


def test_an_unreadable_reply_is_a_hub_error(fake_hub):
    fake_hub.pages = [["not a model object"]]
    with pytest.raises(HubError, match="unreadable Hub reply after 0 models"):
        list(models_list(author="a"))


def test_the_endpoint_comes_from_settings_at_call_time(fake_hub, settings):
    assert hub_api().endpoint == fake_hub.url
    settings.HF_ENDPOINT = "http://127.0.0.1:9/"
    assert hub_api().endpoint == "http://127.0.0.1:9"


def test_limit_stops_early(fake_hub):
    fake_hub.pages = [[api_model(f"a/m{i}") for i in range(3)], [api_model("b/x")]]
    assert len(list(models_list(limit=2))) == 2
    assert len(fake_hub.requests) == 1


def test_since_stops_at_older_models(fake_hub):
    fake_hub.pages = [
        [
            api_model("a/new", lastModified="2025-05-01T00:00:00.000Z"),
            api_model("a/old", lastModified="2024-01-01T00:00:00.000Z"),
        ],
        [api_model("a/older", lastModified="2023-01-01T00:00:00.000Z")],
    ]
    items = list(models_list(since=datetime(2025, 1, 1, tzinfo=UTC)))
    assert [i.record.repo_id for i in items] == ["a/new"]
    assert fake_hub.requests[0]["query"]["sort"] == ["lastModified"]
    assert len(fake_hub.requests) == 1


def test_a_bad_item_is_reported_not_fatal(fake_hub):
    fake_hub.pages = [
        [api_model("a/ok"), api_model("a/bad", downloads="lots"), api_model("a/fine")]
    ]
    items = list(models_list(search="a"))
    assert [(i.position, i.error.reason if i.error else None) for i in items] == [
        (1, None),
        (2, "wrong-type"),
        (3, None),
    ]


def test_429_is_retried_after_the_retry_after_delay(fake_hub):
    # huggingface_hub retries 429 itself, sleeping Retry-After + 1 s.
    fake_hub.pages = [[api_model("a/one")], [api_model("a/two")]]
    fake_hub.failures[(1, 1)] = (429, {"Retry-After": "0"})
    items = list(models_list(author="a"))
    assert [i.record.repo_id for i in items] == ["a/one", "a/two"]
    assert fake_hub.attempts == {0: 1, 1: 2}


def test_a_5xx_that_persists_becomes_a_clear_error(fake_hub, monkeypatch):
    # The client retries 5xx five times with backoff; skip the sleeping.
    slept = []
    monkeypatch.setattr("huggingface_hub.utils._http.time.sleep", slept.append)
    fake_hub.pages = [[api_model("a/one")], [api_model("a/two")]]
    fake_hub.failures.update({(1, n): (503, {}) for n in range(1, 10)})
    seen = []
    with pytest.raises(HubError, match=r"HTTP 503 after 1 models"):
        for item in models_list(author="a"):
            seen.append(item.record.repo_id)
    assert seen == ["a/one"]
    assert fake_hub.attempts[1] == 6
    assert len(slept) == 5
