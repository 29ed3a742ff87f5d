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


def test_resume_keeps_the_limit_and_batch_size_of_the_original_run(files, monkeypatch):
    real = pipeline.listing_batch
    calls = []

    def terminated(rows, **kwargs):
        calls.append(len(rows))
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGTERM)
        return real(rows, **kwargs)

    monkeypatch.setattr(pipeline, "listing_batch", terminated)
    with pytest.raises(CommandError, match=r"interrupted after 2 rows"):
        run_command(files / "models.jsonl", "--limit", 7, "--batch-size", 2)
    run = ImportRun.objects.get()
    output = run_command("--resume", run.pk)
    run.refresh_from_db()
    # 7 rows in all, in batches of 2, as the original command asked.
    assert (run.status, run.read) == (ImportRun.Status.SUCCEEDED, 7)
    assert calls == [2, 2, 2, 1]
    assert output.startswith("read 7, ")
    # A new --limit on the resume replaces it.
    run.status = ImportRun.Status.INTERRUPTED
    run.save()
    again = run_command("--resume", run.pk, "--limit", 9)
    assert again.startswith("read 9, ")


def test_put_aside_rows_name_their_model_in_every_format(files, tmp_path):
    array = tmp_path / "page.json"
    array.write_text('[{"id": "a/ok"}, {"id": "a/bad", "downloads": "lots"}]')
    edges = tmp_path / "edges.csv"
    edges.write_text("child_model,base_model\nc/child,/local/path\n")
    run_command(array, edges, files / "family.csv")
    issues = {(i.reason, i.repo_id) for i in ImportRun.objects.get().issues.all()}
    assert ("wrong-type", "a/bad") in issues
    assert ("bad-parent", "c/child") in issues
    assert all(repo_id for _, repo_id in issues), issues


def test_kept_warnings_are_not_recorded_again_by_a_reimport(files):
    run_command(files / "models.jsonl", files / "models_open.csv")
    first = ImportRun.objects.get()
    kept = first.issues.filter(row_kept=True).count()
    assert kept == 2
    run_command(files / "models.jsonl", files / "models_open.csv")
    again = ImportRun.objects.exclude(pk=first.pk).get()
    assert not again.issues.filter(row_kept=True).exists()
    # Rows that cannot be stored are reported every time.
    assert again.skipped == first.skipped == 6
