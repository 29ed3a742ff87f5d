"""Chunks on workers: claimed once, taken over when stalled, and a stalled wait."""

import os

import pytest
from django.core.management import CommandError, call_command

from tests.tracker.test_tasks import COUNTS, listing
from tracker.importers import pipeline
from tracker.importers.pipeline import ClaimLost
from tracker.models import HubModel, ImportChunk, ImportRun
from tracker.services import chunk_claim, import_run_execute, import_run_plan
from tracker.worker_services import import_chunk_process


@pytest.mark.django_db
def test_a_chunk_delivered_twice_is_processed_once(tmp_path, monkeypatch):
    path = listing(tmp_path / "hub.jsonl")
    single = import_run_plan(paths=[path])
    import_run_execute(plan=single, batch_size=25, read_ahead=False)
    single.run.refresh_from_db()
    HubModel.objects.all().delete()
    plan = import_run_plan(paths=[path], pieces=2)
    first, second = plan.chunks
    real = pipeline.listing_batch
    nested = []

    def meanwhile(rows, **kwargs):
        if not nested:
            # A second delivery of the same task while the first one runs.
            nested.append(import_chunk_process(chunk_id=first.pk, batch_size=25))
        return real(rows, **kwargs)

    monkeypatch.setattr(pipeline, "listing_batch", meanwhile)
    counts = import_chunk_process(chunk_id=first.pk, batch_size=25)
    assert nested[0].read == 0 and counts.read > 0
    assert import_chunk_process(chunk_id=first.pk, batch_size=25).read == 0
    import_chunk_process(chunk_id=second.pk, batch_size=25)
    run = ImportRun.objects.get(pk=plan.run.pk)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert [getattr(run, c) for c in COUNTS] == [getattr(single.run, c) for c in COUNTS]
    assert run.issues.count() == single.run.issues.count() == 1


@pytest.mark.django_db
def test_a_stalled_claim_is_taken_over_and_the_old_holder_writes_nothing(
    tmp_path, settings
):
    path = listing(tmp_path / "hub.jsonl")
    plan = import_run_plan(paths=[path])
    chunk = plan.chunks[0]
    old = chunk_claim(chunk_id=chunk.pk)
    assert old and chunk_claim(chunk_id=chunk.pk) is None  # held, and alive
    settings.TRACKER_WORKER_STALL_SECONDS = 0  # the holder's heartbeat is old
    counts = import_chunk_process(chunk_id=chunk.pk, batch_size=25)
    assert counts.read == 240
    chunk.refresh_from_db()
    assert chunk.status == ImportChunk.Status.DONE and chunk.claim != old
    before = ImportChunk.objects.values().get(pk=chunk.pk)
    # The old holder comes back: its next checkpoint fails, nothing counts.
    with pytest.raises(ClaimLost):
        pipeline._checkpoint(chunk, {"offset": 0}, pipeline.Counts(read=5), old)
    assert ImportChunk.objects.values().get(pk=chunk.pk) == before


@pytest.mark.django_db
def test_workers_that_never_come_leave_a_resumable_run(tmp_path, settings):
    path = listing(tmp_path / "hub.jsonl")
    settings.CELERY_TASK_ALWAYS_EAGER = False  # queued, but no worker runs
    out = open(os.devnull, "w")
    with pytest.raises(CommandError) as stalled:
        call_command(
            "import_hub", str(path), "--workers", "--stall-timeout", "0.3", stdout=out
        )
    run = ImportRun.objects.get()
    message = str(stalled.value)
    assert "no progress from the workers for 0.3s" in message
    assert f"import_hub --resume {run.pk} --workers" in message
    assert run.status == ImportRun.Status.INTERRUPTED
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("import_hub", "--resume", str(run.pk), "--no-match", stdout=out)
    run.refresh_from_db()
    assert (run.status, run.read, run.created, run.skipped) == (
        "succeeded",
        240,
        239,
        1,
    )
