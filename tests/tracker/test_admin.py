"""Admin changelists for models, runs and put-aside rows."""

import pytest

from tracker.models import HubModel, ImportRun

pytestmark = pytest.mark.django_db


def test_changelists_and_detail_pages(staff_client, files, import_files):
    run = import_files(files / "models.jsonl")
    model = HubModel.objects.get(repo_id="bob/base-7b-chat")
    pages = [
        "/admin/tracker/hubmodel/",
        "/admin/tracker/hubmodel/?q=bob/base-7b-chat",
        f"/admin/tracker/hubmodel/{model.pk}/change/",
        "/admin/tracker/importrun/",
        f"/admin/tracker/importrun/{run.pk}/change/",
        f"/admin/tracker/putasiderow/?run__id__exact={run.pk}",
    ]
    for page in pages:
        assert staff_client.get(page).status_code == 200, page
    listing = staff_client.get(
        "/admin/tracker/putasiderow/?reason=malformed"
    ).content.decode()
    assert "bad/json" in listing
    runs = staff_client.get("/admin/tracker/importrun/").content.decode()
    assert f"/admin/tracker/putasiderow/?run__id__exact={run.pk}" in runs
    assert staff_client.get("/admin/tracker/hubmodel/add/").status_code == 403
    assert ImportRun.objects.count() == 1


def test_suggested_licenses_and_claims_are_shown(staff_client, files, import_files):
    import_files(files / "api_page.json", files / "worklist.csv", files / "edges.csv")
    acme = HubModel.objects.get(repo_id="acme/base-7b")
    page = staff_client.get(f"/admin/tracker/hubmodel/{acme.pk}/change/")
    text = page.content.decode()
    assert "Suggested license" in text and "llama-license" in text
    claims = staff_client.get("/admin/tracker/lineageclaim/").content.decode()
    assert "ghost/child" in claims
