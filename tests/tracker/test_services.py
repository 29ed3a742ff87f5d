"""Import runs: counts, idempotence, newer snapshots, put-aside rows, resume."""

import gzip
import json

import pytest

from tests.tracker.conftest import write_hub_stats
from tracker.importers import pipeline
from tracker.importers.writers import batch_writer
from tracker.models import (
    HubModel,
    ImportChunk,
    ImportRun,
    LineageClaim,
    LineageEdge,
    PutAsideRow,
)
from tracker.services import (
    ImportRunError,
    chunk_claim,
    import_run_execute,
    import_run_plan,
    import_run_resume,
)

pytestmark = pytest.mark.django_db

VOLATILE = {
    "id",
    "first_seen_run_id",
    "last_seen_run_id",
    "first_seen_at",
    "last_seen_at",
}


def snapshot() -> dict:
    """Everything stored about models and edges, minus run bookkeeping."""
    models = {
        m["repo_id"]: {k: v for k, v in m.items() if k not in VOLATILE}
        for m in HubModel.objects.values()
    }
    edges = sorted(
        LineageEdge.objects.values_list(
            "child__repo_id",
            "parent_repo_id",
            "relation",
            "inferred",
            "parent__repo_id",
        )
    )
    return {"models": models, "edges": edges}


def counts(run: ImportRun) -> dict:
    return {
        name: getattr(run, name)
        for name in (
            "read",
            "created",
            "updated",
            "unchanged",
            "put_aside",
            "skipped",
            "edges",
            "pending",
        )
    }


def test_jsonl_import_counts_and_puts_bad_rows_aside(files, import_files):
    run = import_files(files / "models.jsonl")
    assert run.status == ImportRun.Status.SUCCEEDED
    assert counts(run) == {
        "read": 10,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "put_aside": 7,
        "skipped": 5,
        "edges": 2,
        "pending": 0,
    }
    issues = {
        (i.position, i.reason, i.row_kept) for i in PutAsideRow.objects.filter(run=run)
    }
    assert issues == {
        (3, "malformed", False),
        (4, "missing-id", False),
        (5, "wrong-type", False),
        (7, "unknown-license", True),
        (8, "oversized", False),
        (9, "bad-parent", True),
        (10, "wrong-type", False),
    }
    kept = HubModel.objects.get(repo_id="fred/custom")
    assert kept.license_tags == ["Apache 2.0"]
    assert kept.declared_license == "Apache 2.0"
    assert set(HubModel.objects.values_list("repo_id", flat=True)) == {
        "acme/base-7b",
        "bob/base-7b-chat",
        "fred/custom",
        "hank/local-path",
        "ivy/last",
    }
    excerpt = PutAsideRow.objects.get(run=run, position=3).excerpt
    assert excerpt.startswith('{"id": "bad/json"') and len(excerpt) <= 500


def test_reimporting_the_same_file_changes_nothing(files, import_files):
    first = import_files(files / "models.jsonl")
    before = snapshot()
    stored = list(HubModel.objects.order_by("pk").values())
    again = import_files(files / "models.jsonl")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert again.skipped == first.skipped  # bad rows are reported every time
    assert snapshot() == before
    assert list(HubModel.objects.order_by("pk").values()) == stored


def test_a_newer_snapshot_updates_what_changed(files, import_files):
    first = import_files(files / "models.jsonl")
    acme = HubModel.objects.get(repo_id="acme/base-7b")
    bob = HubModel.objects.get(repo_id="bob/base-7b-chat")
    run = import_files(files / "models_v2.jsonl")
    assert (run.created, run.updated, run.unchanged) == (1, 1, 2)
    bob2 = HubModel.objects.get(repo_id="bob/base-7b-chat")
    assert (bob2.downloads, bob2.license_tags) == (450, ["apache-2.0"])
    assert bob2.license_inputs_hash != bob.license_inputs_hash
    assert (bob2.first_seen_run_id, bob2.last_seen_run_id) == (first.pk, run.pk)
    acme2 = HubModel.objects.get(repo_id="acme/base-7b")
    assert acme2.license_inputs_hash == acme.license_inputs_hash
    assert acme2.last_seen_run_id == first.pk  # unchanged and seen within the day
    assert LineageEdge.objects.get(child__repo_id="jack/new-one").relation == "adapter"


def test_unchanged_rows_are_marked_seen_once_the_resolution_has_passed(
    files, import_files, settings
):
    import_files(files / "models.jsonl")
    settings.TRACKER_LAST_SEEN_RESOLUTION = 0
    before = snapshot()
    run = import_files(files / "models.jsonl")
    assert run.unchanged == 5
    assert set(HubModel.objects.values_list("last_seen_run", flat=True)) == {run.pk}
    assert snapshot() == before


def test_repeated_id_in_one_batch_counts_as_in_two(tmp_path, import_files):
    path = tmp_path / "dupes.jsonl"
    rows = [
        {"id": "a/b", "downloads": 1},
        {"id": "a/b", "downloads": 2},
        {"id": "a/b", "downloads": 2},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run = import_files(path, batch_size=100)
    assert (run.created, run.updated, run.unchanged) == (1, 1, 1)
    assert HubModel.objects.get().downloads == 2


def test_api_page_lineage_with_dangling_parent(files, import_files):
    run = import_files(files / "api_page.json")
    assert (run.created, run.put_aside, run.edges) == (5, 0, 5)
    edges = {
        (e.child.repo_id, e.parent_repo_id, e.relation, e.parent_id is not None)
        for e in LineageEdge.objects.select_related("child")
    }
    assert edges == {
        ("bob/base-7b-chat", "acme/base-7b", "finetune", True),
        ("carol/base-7b-chat-GGUF", "bob/base-7b-chat", "quantized", True),
        ("dave/chat-lora", "bob/base-7b-chat", "adapter", True),
        ("erin/frankenmerge", "bob/base-7b-chat", "merge", True),
        ("erin/frankenmerge", "gone/missing-7b", "merge", False),
    }
    acme = HubModel.objects.get(repo_id="acme/base-7b")
    assert acme.created_at_is_floor and acme.gated == "manual"


def test_parents_imported_later_get_linked(files, import_files, tmp_path):
    child = tmp_path / "child.jsonl"
    child.write_text(
        json.dumps({"id": "k/child", "tags": ["base_model:finetune:k/base"]}) + "\n"
    )
    parent = tmp_path / "parent.jsonl"
    parent.write_text(json.dumps({"id": "k/base"}) + "\n")
    import_files(child)
    assert LineageEdge.objects.get().parent is None
    import_files(parent)
    assert LineageEdge.objects.get().parent.repo_id == "k/base"


def test_hub_stats_parquet_and_gzip_import_like_the_api_page(
    files, import_files, tmp_path
):
    rows = json.loads((files / "api_page.json").read_text())
    parquet = write_hub_stats(tmp_path / "stats.parquet", rows)
    run = import_files(parquet)
    assert (run.created, run.edges) == (5, 5)
    merged = HubModel.objects.get(repo_id="erin/frankenmerge")
    assert merged.parent_edges.filter(relation="merge").count() == 2
    again = import_files(parquet)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    gz = tmp_path / "models.jsonl.gz"
    gz.write_bytes(gzip.compress((files / "models.jsonl").read_bytes()))
    assert import_files(gz).put_aside == 7


def test_family_tree_csv_and_card_yaml(files, import_files):
    run = import_files(files / "family.csv")
    assert (run.created, run.skipped) == (2, 1)
    issue = PutAsideRow.objects.get(run=run)
    assert (issue.position, issue.reason) == (4, "malformed")
    bob = HubModel.objects.get(repo_id="bob/base-7b-chat")
    assert (bob.license_name, bob.license_link) == (
        "llama-2-community-license",
        "LICENSE",
    )


def test_license_texts_fill_license_text_and_change_the_license_inputs_hash(
    files, import_files
):
    import_files(files / "api_page.json")
    bob = HubModel.objects.get(repo_id="bob/base-7b-chat")
    run = import_files(files / "license_texts.json")
    assert (run.created, run.updated, run.skipped) == (1, 1, 1)
    bob2 = HubModel.objects.get(repo_id="bob/base-7b-chat")
    assert bob2.license_text.startswith("# Llama 2 Community License")
    assert bob2.content_hash == bob.content_hash
    assert bob2.license_inputs_hash != bob.license_inputs_hash
    reasons = set(PutAsideRow.objects.filter(run=run).values_list("reason", flat=True))
    assert reasons == {"wrong-type"}
    # A text for a model not imported yet is kept on a new row, which its
    # listing completes later.
    nobody = HubModel.objects.get(repo_id="nobody/not-imported")
    assert (nobody.license_text, nobody.declared_license) == ("Some text.", "")
    # A listing re-import keeps the text and sees the row as unchanged.
    again = import_files(files / "api_page.json")
    assert again.unchanged == 5
    assert (
        HubModel.objects.get(repo_id="bob/base-7b-chat").license_text
        == bob2.license_text
    )


def test_lineage_csv_adds_missing_edges_only(files, import_files):
    import_files(files / "models.jsonl")
    run = import_files(files / "edges.csv")
    assert (
        run.read,
        run.updated,
        run.unchanged,
        run.skipped,
        run.pending,
        run.edges,
    ) == (5, 1, 1, 2, 1, 1)
    edge = LineageEdge.objects.get(child__repo_id="ivy/last")
    assert (edge.parent_repo_id, edge.relation, edge.inferred, edge.source) == (
        "acme/base-7b",
        "finetune",
        True,
        "lineage-csv",
    )
    assert LineageEdge.objects.filter(child__repo_id="bob/base-7b-chat").count() == 1
    again = import_files(files / "edges.csv")
    assert (again.updated, again.unchanged, again.pending) == (0, 2, 1)


def test_an_edge_whose_child_comes_later_is_attached_when_it_arrives(
    files, import_files, tmp_path
):
    run = import_files(files / "edges.csv")
    assert (run.pending, run.skipped, run.edges) == (3, 2, 0)
    assert not LineageEdge.objects.exists()
    ghost = tmp_path / "ghost.jsonl"
    ghost.write_text('{"id": "ghost/child", "tags": ["license:mit"]}\n')
    import_files(files / "models.jsonl", ghost)
    edges = {
        (e.child.repo_id, e.parent_repo_id, e.relation, e.source)
        for e in LineageEdge.objects.select_related("child")
    }
    assert edges == {
        # declared by bob's listing: the claim of the same parent is not added
        ("bob/base-7b-chat", "acme/base-7b", "finetune", "listing"),
        ("hank/local-path", "acme/base-7b", "finetune", "listing"),
        ("ivy/last", "acme/base-7b", "finetune", "lineage-csv"),
        ("ghost/child", "acme/base-7b", "finetune", "lineage-csv"),
    }


def _edges() -> list[tuple]:
    return sorted(
        LineageEdge.objects.values_list(
            "child__repo_id",
            "parent_repo_id",
            "relation",
            "inferred",
            "source",
            "parent__repo_id",
        )
    )


def test_edges_end_the_same_whatever_order_the_files_come_in(
    files, import_files, tmp_path
):
    files_ = [
        "models.jsonl",
        "models_v2.jsonl",
        "edges.csv",
        "license_texts.json",
        "worklist.csv",
        "models_open.csv",
        "api_page.json",
    ]
    orders = [files_, files_[::-1], files_[2:] + files_[:2]]
    results = []
    for order in orders:
        HubModel.objects.all().delete()
        LineageClaim.objects.all().delete()
        for name in order:
            import_files(files / name)
        results.append((_edges(), snapshot()["models"]))
    assert results[0][0] == results[1][0] == results[2][0]
    # Listings that disagree about a model and have the same dates (a tie)
    # are won by the later import; every other model ends the same.
    tied = {"acme/base-7b", "bob/base-7b-chat"} | {
        json.loads(line)["id"]
        for line in (files / "models_v2.jsonl").read_text().splitlines()
    }
    for models in results[1:]:
        same = {
            repo_id: {k: v for k, v in model.items() if k != "source_hash"}
            for repo_id, model in models[1].items()
            if repo_id not in tied
        }
        first = {
            repo_id: {k: v for k, v in model.items() if k != "source_hash"}
            for repo_id, model in results[0][1].items()
            if repo_id not in tied
        }
        assert same == first
    assert {"nobody/not-imported", "kim/open-thing", "dave/chat-lora"} <= first.keys()


def test_a_listing_update_keeps_edges_that_came_from_an_edge_list(
    files, import_files, tmp_path
):
    first = tmp_path / "first.jsonl"
    first.write_text('{"id": "s/o1", "downloads": 1, "tags": ["base_model:a/x"]}\n')
    later = tmp_path / "later.jsonl"
    later.write_text('{"id": "s/o1", "downloads": 9, "tags": ["base_model:a/x"]}\n')
    edges = tmp_path / "edges.csv"
    edges.write_text("child_model,base_model\ns/o1,meta/llama\n")
    import_files(first)
    import_files(edges)
    run = import_files(later)
    assert run.updated == 1
    assert {(parent, source) for _, parent, _, _, source, _ in _edges()} == {
        ("a/x", "listing"),
        ("meta/llama", "lineage-csv"),
    }


def test_models_csv_and_worklist_supplements(files, import_files):
    run = import_files(files / "models_open.csv")
    assert (run.created, run.skipped) == (2, 1)
    thing = HubModel.objects.get(repo_id="kim/open-thing")
    assert (thing.declared_license, thing.pipeline_tag, thing.downloads) == (
        "creativeml-openrail-m",
        "text-generation",
        141,
    )
    import_files(files / "api_page.json")
    hashes = dict(HubModel.objects.values_list("repo_id", "license_inputs_hash"))
    work = import_files(files / "worklist.csv")
    assert (work.updated, work.unchanged) == (2, 0)
    # The matcher may use a suggestion as a hint: it reconsiders the model.
    after = dict(HubModel.objects.values_list("repo_id", "license_inputs_hash"))
    assert after["acme/base-7b"] != hashes["acme/base-7b"]
    assert after["carol/base-7b-chat-GGUF"] == hashes["carol/base-7b-chat-GGUF"]
    # A listing re-import keeps the suggestion and the hash.
    assert import_files(files / "api_page.json").unchanged == 5
    assert dict(HubModel.objects.values_list("repo_id", "license_inputs_hash")) == after
    acme = HubModel.objects.get(repo_id="acme/base-7b")
    # The declared license stays exactly as the card gave it; the worklist's
    # suggestion is kept beside it.
    assert (acme.license_name, acme.license_link) == ("", "")
    assert (acme.suggested_license_name, acme.suggested_license_link) == (
        "llama-license",
        "https://huggingface.co/acme/base-7b/blob/main/LICENSE",
    )
    assert acme.downloads == 1200  # an undated suggestion never overwrites
    bob = HubModel.objects.get(repo_id="bob/base-7b-chat")
    assert bob.license_name == "llama-2-community-license"
    assert bob.suggested_license_name == "should-not-overwrite"
    again = import_files(files / "worklist.csv")
    assert (again.updated, again.unchanged) == (0, 2)


def test_an_older_snapshot_never_overwrites_a_newer_one(files, import_files, tmp_path):
    # The parquet was taken after its newest row changed (2026-05-20): later
    # than the CSV crawl, whose row has the same lastModified.
    rows = [
        {"id": "o/gpt", "lastModified": "2025-08-26T17:25:47", "downloads": 80},
        {"id": "o/new", "lastModified": "2026-05-20T18:24:08", "downloads": 1},
    ]
    newer = write_hub_stats(tmp_path / "newer.parquet", rows)
    older = tmp_path / "older.csv"
    older.write_text(
        "name,id,model_type,license,date_released,date_last_modified,downloads,"
        "author\ngpt,o/gpt,text-generation,apache-2.0,2025-08-04T22:33:29+00:00,"
        "2025-08-26T17:25:47+00:00,65,o\n"
    )
    import_files(newer)
    run = import_files(older)
    assert (run.updated, run.unchanged) == (0, 1)
    model = HubModel.objects.get(repo_id="o/gpt")
    assert (model.downloads, model.declared_license) == (80, "")
    assert model.observed_at.isoformat().startswith("2026-05-20T18:24:08")
    # The other way round, the newer parquet wins all the same.
    HubModel.objects.all().delete()
    import_files(older)
    assert HubModel.objects.get().downloads == 65
    run = import_files(newer)
    assert (run.created, run.updated) == (1, 1)
    model = HubModel.objects.get(repo_id="o/gpt")
    assert (model.downloads, model.declared_license) == (80, "")
    assert model.fields_observed is None


def test_a_newer_partial_source_keeps_its_fields_when_an_older_listing_comes(
    import_files, tmp_path
):
    listing_old = tmp_path / "old.jsonl"
    listing_old.write_text(
        '{"id": "p/m", "lastModified": "2025-01-01T00:00:00.000Z", "downloads": 1,'
        ' "likes": 3}\n'
    )
    listing_mid = tmp_path / "mid.jsonl"
    listing_mid.write_text(
        '{"id": "p/m", "lastModified": "2025-03-01T00:00:00.000Z", "downloads": 2,'
        ' "likes": 4}\n'
    )
    csv_new = tmp_path / "new.csv"
    csv_new.write_text(
        "name,id,model_type,license,date_released,date_last_modified,downloads,"
        "author\nm,p/m,,,,2025-06-01T00:00:00+00:00,7,p\n"
    )
    results = []
    for order in (
        [listing_old, csv_new, listing_mid],
        [listing_old, listing_mid, csv_new],
    ):
        HubModel.objects.all().delete()
        for path in order:
            import_files(path)
        model = HubModel.objects.get()
        results.append((model.downloads, model.likes, model.last_modified))
    # downloads and last_modified from the newest (CSV), likes from mid.
    assert results[0] == results[1]
    assert results[0][:2] == (7, 4)


def test_dry_run_writes_nothing(files):
    plan = import_run_plan(paths=[files / "models.jsonl"], dry_run=True)
    total = import_run_execute(plan=plan, batch_size=3, dry_run=True)
    assert (total.read, total.created, total.skipped) == (10, 5, 5)
    assert not ImportRun.objects.exists()
    assert not HubModel.objects.exists()


def test_limit_stops_after_that_many_rows(files, import_files):
    run = import_files(files / "models.jsonl", limit=4)
    assert run.read == 4
    assert run.status == ImportRun.Status.SUCCEEDED


def test_bad_usage_is_refused(files, tmp_path):
    with pytest.raises(ImportRunError):
        import_run_plan(paths=[])
    with pytest.raises(ImportRunError):
        import_run_plan(paths=[tmp_path / "missing.jsonl"])
    with pytest.raises(ImportRunError):
        import_run_resume(run_id=12345)


def _clean_result(files, import_files):
    import_files(files / "models.jsonl", files / "api_page.json")
    result = snapshot()
    run = ImportRun.objects.order_by("-pk").first()
    HubModel.objects.all().delete()
    return result, counts(run)


def test_resume_after_a_stop_request_ends_like_a_clean_run(files, import_files):
    clean, clean_counts = _clean_result(files, import_files)
    batches = []
    stopping = import_files(
        files / "models.jsonl",
        files / "api_page.json",
        should_stop=lambda: len(batches) >= 2,
        on_batch=lambda chunk, c, i: batches.append(c),
    )
    assert stopping.status == ImportRun.Status.INTERRUPTED
    assert stopping.read == 6
    chunk = stopping.chunks.get(index=0)
    assert chunk.position == {"offset": chunk.position["offset"], "line": 7}
    plan = import_run_resume(run_id=stopping.pk)
    import_run_execute(plan=plan, batch_size=3)
    stopping.refresh_from_db()
    assert stopping.status == ImportRun.Status.SUCCEEDED
    assert counts(stopping) == clean_counts
    assert snapshot() == clean
    assert not stopping.position


@pytest.mark.parametrize(("commit_rows", "kept"), [(3, 6), (50_000, 0)])
def test_resume_after_ctrl_c_mid_batch_ends_like_a_clean_run(
    files, import_files, monkeypatch, settings, commit_rows, kept
):
    settings.TRACKER_SQLITE_COMMIT_ROWS = commit_rows
    settings.TRACKER_SQLITE_COMMIT_SECONDS = 3600
    clean, clean_counts = _clean_result(files, import_files)
    real = pipeline.listing_batch
    calls = []

    def interrupted(rows, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            real(rows, **kwargs)  # the writes happen, then Ctrl-C before commit
            raise KeyboardInterrupt
        return real(rows, **kwargs)

    monkeypatch.setattr(pipeline, "listing_batch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_files(files / "models.jsonl", files / "api_page.json")
    run = ImportRun.objects.order_by("-pk").first()
    assert run.status == ImportRun.Status.INTERRUPTED
    # Everything since the last commit was rolled back with its position:
    # with one batch per commit the first two stay, in one group none does.
    # (PostgreSQL commits every batch.)
    assert run.read == (kept if batch_writer().commit_rows else 6)
    monkeypatch.setattr(pipeline, "listing_batch", real)
    import_run_execute(plan=import_run_resume(run_id=run.pk), batch_size=3)
    run.refresh_from_db()
    assert counts(run) == clean_counts
    assert snapshot() == clean


def test_a_finished_run_cannot_be_resumed(files, import_files):
    run = import_files(files / "models.jsonl")
    with pytest.raises(ImportRunError, match="already finished"):
        import_run_resume(run_id=run.pk)
    assert run.chunks.get().status == ImportChunk.Status.DONE


def test_a_chunk_held_by_another_process_is_not_imported_twice(files):
    plan = import_run_plan(paths=[files / "models.jsonl"])
    assert chunk_claim(chunk_id=plan.chunks[0].pk)  # someone else, alive
    with pytest.raises(ImportRunError, match="being imported elsewhere"):
        import_run_execute(plan=plan, batch_size=3)
    run = ImportRun.objects.get(pk=plan.run.pk)
    assert (run.status, run.read) == (ImportRun.Status.RUNNING, 0)
    assert not HubModel.objects.exists()
