"""Tracker API: model, lineage and import runs with their put-aside rows."""

import pytest

from tracker.models import ImportRun

pytestmark = pytest.mark.django_db


def test_model_and_lineage(client, files, import_files):
    import_files(files / "api_page.json")
    model = client.get("/api/hub-models/erin/frankenmerge/").json()
    assert model["license_tags"] == ["apache-2.0"]
    assert {p["parent_repo_id"] for p in model["parents"]} == {
        "bob/base-7b-chat",
        "gone/missing-7b",
    }
    lineage = client.get("/api/hub-models/erin/frankenmerge/lineage/").json()
    assert lineage["roots"] == ["acme/base-7b", "gone/missing-7b"]
    assert (lineage["depth"], lineage["family_size"], lineage["imported"]) == (
        2,
        6,
        True,
    )
    assert lineage["ancestors"][0] == {"repo_id": "bob/base-7b-chat", "distance": 1}
    dangling = client.get("/api/hub-models/gone/missing-7b/lineage/").json()
    assert dangling["imported"] is False
    assert dangling["descendants"] == [{"repo_id": "erin/frankenmerge", "distance": 1}]
    assert client.get("/api/hub-models/gone/missing-7b/").status_code == 404
    assert client.get("/api/hub-models/no/where/lineage/").status_code == 404


def test_runs_and_issues(client, admin_client, files, import_files):
    run = import_files(files / "models.jsonl")
    # They name server paths and quote raw rows: staff only.
    for url in ("/api/import-runs/", f"/api/import-runs/{run.pk}/"):
        assert client.get(url).status_code == 403
    assert client.get(f"/api/import-runs/{run.pk}/issues/").status_code == 403
    client = admin_client
    runs = client.get("/api/import-runs/").json()
    assert runs["results"][0]["id"] == run.pk
    assert runs["results"][0]["put_aside"] == 7
    issues = client.get(
        f"/api/import-runs/{run.pk}/issues/", {"reason": "malformed"}
    ).json()
    assert [i["position"] for i in issues["results"]] == [3]
    assert (
        client.get(f"/api/import-runs/{run.pk}/").json()["status"]
        == ImportRun.Status.SUCCEEDED
    )
