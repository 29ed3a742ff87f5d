"""import_hub: the command around the import services."""

import os
import signal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tracker.importers import pipeline
from tracker.models import HubModel, ImportRun

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = StringIO()
    call_command("import_hub", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_import_prints_a_summary(files):
    output = run_command(
        files / "models.jsonl", files / "api_page.json", "--batch-size", 4
    )
    run = ImportRun.objects.get()
    assert (
        "read 15, created 8, updated 2, unchanged 0, put aside 7 (5 skipped, 2 kept), "
        "edges 7" in output
    )
    assert f"[run {run.pk}]" in output
    assert run.format == "jsonl,hub-api-json"


def test_issues_lists_put_aside_rows(files):
    run_command(files / "models.jsonl")
    run = ImportRun.objects.get()
    output = run_command("--issues", run.pk)
    lines = output.strip().splitlines()
    assert lines[0].startswith("models.jsonl:3\tmalformed\tskipped\tbad/json")
    assert "models.jsonl:7\tunknown-license\tkept\tfred/custom" in output
    assert lines[-1] == f"7 put-aside rows in run {run.pk}"
    with pytest.raises(CommandError, match="no import run 999"):
        run_command("--issues", 999)


def test_dry_run_prints_issues_and_writes_nothing(files):
    output = run_command(files / "models.jsonl", "--dry-run")
    assert "(dry run, nothing written)" in output
    assert "malformed" in output
    assert not HubModel.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give files to import"),
        (("--batch-size", "0", "x.jsonl"), "--batch-size"),
        (("--limit", "0", "x.jsonl"), "--limit"),
        (("--workers", "--dry-run", "x.jsonl"), "--workers cannot"),
        (("--resume", "1", "x.jsonl"), "--resume takes no paths"),
        (
            (
                "--resume",
                "77",
            ),
            "no import run 77",
        ),
        (("missing.jsonl",), "no such file"),
    ],
)
def test_bad_usage_fails_with_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run_command(*args)


def test_an_unknown_file_is_refused(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError, match="unrecognised layout"):
        run_command(path)


def test_sigterm_stops_after_the_batch_and_resume_finishes(files, monkeypatch):
    clean_out = run_command(files / "models.jsonl", "--batch-size", 3)
    clean = sorted(HubModel.objects.values_list("repo_id", "content_hash"))
    HubModel.objects.all().delete()
    real = pipeline.listing_batch
    calls = []

    def terminated(rows, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            os.kill(os.getpid(), signal.SIGTERM)  # as `kill PID` would
        return real(rows, **kwargs)

    monkeypatch.setattr(pipeline, "listing_batch", terminated)
    with pytest.raises(CommandError, match=r"interrupted after 6 rows.*--resume (\d+)"):
        run_command(files / "models.jsonl", "--batch-size", 3)
    run = ImportRun.objects.order_by("-pk").first()
    assert run.status == ImportRun.Status.INTERRUPTED
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    output = run_command("--resume", run.pk)
    assert output.split(";")[0] == clean_out.split(";")[0]
    assert sorted(HubModel.objects.values_list("repo_id", "content_hash")) == clean
    with pytest.raises(CommandError, match="already finished"):
        run_command("--resume", run.pk)


def test_format_can_be_forced(files, tmp_path):
    path = tmp_path / "listing.txt"
    path.write_bytes((files / "models.jsonl").read_bytes())
    assert "created 5" in run_command(path, "--format", "jsonl")
