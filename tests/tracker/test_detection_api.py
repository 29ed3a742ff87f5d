"""POST /api/detect/: the same result as the command, 400 with reasons."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from tracker.detect_api import DetectApi, detector_get, detector_reset

pytestmark = pytest.mark.django_db
URL = "/api/detect/"


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()  # throttle history
    detector_reset()
    yield
    detector_reset()


@pytest.fixture
def api():
    return APIClient()


def test_url_is_namespaced():
    assert reverse("detect:detect") == URL


def test_detects_and_matches_the_engine(api):
    text = (
        "---\nlicense: other\nlicense_name: gemma-terms-of-use\n---\n\n"
        "You agree not to use the model to write malware or to stalk anyone."
    )
    response = api.post(URL, {"text": text}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data == detector_get().detect_text(text).as_dict()
    assert data["license"]["key"] == "gemma"
    found = {c["key"]: c for c in data["categories"]}
    assert {"malware", "harassment"} <= set(found)
    ev = found["malware"]["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({}, "required"),
        ({"text": ""}, "blank"),
        ({"text": "   \n "}, "empty"),
        ({"text": "abc\u0000def" * 20}, "null"),
        ({"text": "abc\u0001\u0002def" * 20}, "binary"),
        ({"text": 42}, "not a valid string"),
    ],
)
def test_bad_input_is_a_400_with_the_reason(api, payload, reason):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert reason in str(response.json()["text"]).lower()


def test_non_json_body_is_a_400(api):
    response = api.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_over_the_upload_limit_is_a_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(URL, {"text": "word " * 500}, format="json")
    assert response.status_code == 413


def test_throttled_by_the_detect_scope(api, monkeypatch):
    assert DetectApi.throttle_scope == "detect"
    assert ScopedRateThrottle in DetectApi.throttle_classes
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"detect": "2/minute"})
    codes = [
        api.post(
            URL, {"text": "You must not use it for spam."}, format="json"
        ).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_a_non_ascii_text_over_2_mb_is_cut_like_a_file(api):
    # 1.1 million characters, 2.2 MB of UTF-8: cut at 2 MB as the command does
    text = "You must not use the model to write malware. " + "\u00e9" * 1_100_000
    response = api.post(URL, {"text": text}, format="json")
    assert response.status_code == 200
    data = response.json()
    assert any("only the first 2.0 MB were analysed" in w for w in data["warnings"])
    assert {c["key"] for c in data["categories"]} == {"malware"}
