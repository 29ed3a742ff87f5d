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
