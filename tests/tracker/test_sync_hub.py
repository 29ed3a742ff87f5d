"""sync_hub: the live listing into the tracker, and what a failing Hub leaves."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.tracker.conftest import api_model
from tracker.models import HubModel, ImportRun, LineageEdge

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def sync(*args) -> str:
    out = StringIO()
    call_command("sync_hub", *args, stdout=out)
    return out.getvalue()


def test_sync_imports_every_page(fake_hub):
    fake_hub.pages = [
        [
            api_model("acme/base"),
            api_model("acme/chat", tags=["base_model:finetune:acme/base"]),
        ],
        [
            api_model(
                "acme/gguf", tags=["base_model:quantized:acme/chat", "license:llama3"]
            )
        ],
    ]
    output = sync("--author", "acme", "--batch-size", "2")
    assert "read 3, created 3" in output
    run = ImportRun.objects.get()
    assert (run.source, run.status, run.read, run.created) == (
        "hub-api",
        "succeeded",
        3,
        3,
    )
    assert run.paths == [fake_hub.url]
    assert LineageEdge.objects.filter(parent__isnull=False).count() == 2
    assert "read 3, created 0, updated 0, unchanged 3" in sync("--author", "acme")


def test_a_failing_hub_marks_the_run_failed_and_keeps_what_was_read(
    fake_hub, monkeypatch
):
    monkeypatch.setattr("huggingface_hub.utils._http.time.sleep", lambda s: None)
    fake_hub.pages = [
        [api_model("acme/one"), api_model("acme/two")],
        [api_model("acme/three")],
    ]
    fake_hub.failures.update({(1, n): (500, {}) for n in range(1, 10)})
    with pytest.raises(
        CommandError, match=r"HTTP 500 after 2 models.*run \d+ is marked failed"
    ):
        sync("--author", "acme", "--batch-size", "50")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "HTTP 500" in run.error
    assert run.read == 2
    assert set(HubModel.objects.values_list("repo_id", flat=True)) == {
        "acme/one",
        "acme/two",
    }


def test_since_and_usage(fake_hub):
    fake_hub.pages = [
        [
            api_model("a/new", lastModified="2025-05-01T00:00:00.000Z"),
            api_model("a/old", lastModified="2024-01-01T00:00:00.000Z"),
        ]
    ]
    assert "read 1, created 1" in sync("--since", "2025-01-01")
    with pytest.raises(CommandError, match="--author, --search, --limit or --since"):
        sync()
    with pytest.raises(CommandError, match="not a date"):
        sync("--since", "last week")
    with pytest.raises(CommandError, match="--limit"):
        sync("--limit", "0")


def test_an_unexpected_error_marks_the_run_failed_with_the_reason(
    fake_hub, monkeypatch
):
    fake_hub.pages = [[api_model("acme/one"), api_model("acme/two")]]

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("tracker.importers.listing.listing_apply", broken)
    monkeypatch.setattr("tracker.importers.pipeline.listing_batch", broken)
    with pytest.raises(CommandError, match=r"disk on fire.*run \d+ is marked failed"):
        sync("--author", "acme")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "RuntimeError('disk on fire')" in run.error
    assert run.finished_at is not None


def test_sync_hub_reads_the_endpoint_from_the_environment(fake_hub, tmp_path):
    """A real process: HF_ENDPOINT and HF_TOKEN come from its environment."""
    fake_hub.pages = [
        [api_model("acme/base")],
        [api_model("acme/chat", tags=["base_model:finetune:acme/base"])],
    ]
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "CELERY_BROKER_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HF_ENDPOINT": fake_hub.url,
        "HF_TOKEN": "hf_from_env",
        "HF_HOME": str(tmp_path / "hf-home"),
    }
    env.pop("HUGGINGFACE_CO_STAGING", None)
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=REPO, check=True)
    done = subprocess.run(
        [*manage, "sync_hub", "--author", "acme"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"reading {fake_hub.url}" in done.stdout
    assert "read 2, created 2" in done.stdout
    listing = [r for r in fake_hub.requests if r["path"] == "/api/models"]
    assert len(listing) == 2
    assert listing[0]["headers"]["authorization"] == "Bearer hf_from_env"
    assert listing[1]["query"]["author"] == ["acme"]
