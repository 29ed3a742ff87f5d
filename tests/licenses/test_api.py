"""The license API: create, version, download, and 400s with reasons."""

import json

import pytest
import yaml
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "name": "Kestrel Diffusion",
    "licensor": "Kestrel Studio",
    "flavor": "OpenRAIL",
    "artifacts": ["model", "source_code"],
    "clauses": ["no-unsupervised-medical-advice"],
    "custom_clauses": [
        {
            "text": "Do not use the Artifact to forge signatures.",
            "category": "fraud-spam",
        }
    ],
}


@pytest.fixture
def api():
    cache.clear()  # throttle counters live in the cache
    return APIClient()


def create(api, **changes):
    return api.post("/api/licenses/", {**PAYLOAD, **changes}, format="json")


def test_create_answers_201_with_name_and_downloads(api):
    response = create(api)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "OpenRAIL-MS"
    assert body["version"] == 1
    slugs = {c["slug"] for c in body["clauses"]}
    assert "no-unsupervised-medical-advice" in slugs
    assert "no-unlawful-use" in slugs  # mandatory although not listed
    assert body["custom_clauses"][0]["category"] == "fraud-spam"
    assert set(body["downloads"]) == {"md", "html", "txt", "pdf", "json", "yaml"}
    assert body["license_id"] == f"railtrack:{body['id']}:v1"


def test_new_version_and_download_formats(api):
    first = create(api).json()
    response = api.post(
        f"/api/licenses/{first['id']}/versions/",
        {**PAYLOAD, "flavor": "ResearchRAIL"},
        format="json",
        headers={"X-License-Key": first["edit_key"]},
    )
    assert response.status_code == 201
    assert response.json()["version"] == 2
    assert response.json()["name"] == "ResearchRAIL-MS"
    base = f"/api/licenses/{first['id']}/versions/1/download/"
    md = api.get(base, {"format": "md"})
    assert md.status_code == 200
    assert md.content.decode().startswith("# Kestrel Diffusion OpenRAIL-MS License")
    manifest = json.loads(api.get(base, {"format": "json"}).content)
    assert manifest["checksum"]["sha256"] == first["checksum"]
    assert manifest["flavor"] == "OpenRAIL"
    assert {"slug", "version", "category"} <= set(manifest["clauses"][0])
    assert yaml.safe_load(api.get(base, {"format": "yaml"}).content) == manifest
    bad = api.get(base, {"format": "docx"})
    assert bad.status_code == 400
    assert "format" in bad.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"clauses": ["no-such-clause"]}, "clauses"),
        ({"artifacts": []}, "artifacts"),
        ({"artifacts": ["weights"]}, "artifacts"),
        ({"flavor": "Closed"}, "flavor"),
        ({"name": ""}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"licensor": "   "}, "licensor"),
        ({"project_url": "javascript:alert(1)"}, "project_url"),
        (
            {"custom_clauses": [{"text": "Do not do bad things.", "category": "nope"}]},
            "custom_clauses",
        ),
        (
            {"custom_clauses": [{"text": "x" * 601, "category": "malware"}]},
            "custom_clauses",
        ),
        (
            {
                "custom_clauses": [
                    {"text": f"Do not do thing {i}.", "category": "malware"}
                    for i in range(11)
                ]
            },
            "custom_clauses",
        ),
    ],
)
def test_bad_input_is_400_with_a_reason_per_field(api, changes, field):
    response = create(api, **changes)
    assert response.status_code == 400
    assert field in response.json()


def test_missing_fields_listed(api):
    response = api.post("/api/licenses/", {}, format="json")
    assert response.status_code == 400
    assert {"name", "licensor", "flavor", "artifacts"} <= set(response.json())


def test_unapproved_clause_is_400(api):
    from clauses.models import Clause

    draft = Clause.objects.filter(status="draft").first()
    response = create(api, clauses=[draft.slug])
    assert response.status_code == 400
    assert "not approved" in response.json()["clauses"][0]


def test_creation_is_rate_limited(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"license_create": "2/minute", "detect": "9/minute"},
    }
    from rest_framework.throttling import ScopedRateThrottle

    rates = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = {"license_create": "2/minute"}
    try:
        assert create(api).status_code == 201
        assert create(api).status_code == 201
        third = create(api)
        assert third.status_code == 429
        assert int(third["Retry-After"]) > 0
    finally:
        ScopedRateThrottle.THROTTLE_RATES = rates


def test_unknown_license_404(api):
    assert api.get("/api/licenses/none-000000/versions/1/").status_code == 404


def test_openapi_schema_lists_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = yaml.safe_load(schema.content)["paths"]
    assert "/api/licenses/" in paths
    assert "/api/clauses/" in paths


def test_notes_keep_their_paragraphs(api):
    response = create(api, notes="First paragraph\nstill first.\n\n\nSecond <b>x</b>.")
    assert response.status_code == 201
    assert (
        response.json()["notes"] == "First paragraph still first.\n\nSecond <b>x</b>."
    )
