"""Family trees through recursive CTEs: real Mistral-Small tree, merges, cycles."""

import csv
from collections import Counter

import pytest

from tracker.lineage import (
    Relative,
    ancestors,
    depth,
    descendants,
    family_size,
    family_tree,
    lineage,
    roots,
)
from tracker.models import (
    HubModel,
    ImportRun,
    LineageClaim,
    LineageEdge,
    PutAsideRow,
)

pytestmark = pytest.mark.django_db

MISTRAL = "Mistral-Small-24B-Base-2501_finetunes_20250405_001816.csv"
ROOT = "mistralai/Mistral-Small-24B-Base-2501"


def test_mistral_small_family_tree(corpus, import_files):
    run = import_files(corpus / MISTRAL, batch_size=20)
    assert (run.read, run.created, run.skipped) == (67, 67, 0)
    edges = LineageEdge.objects.all()
    # 66 declared finetunes; ConicCat/MistralSmallV3R's card also names the
    # root, which its tags leave out: kept, with the row's relation, inferred.
    assert edges.count() == 67
    assert set(edges.values_list("relation", flat=True)) == {"finetune"}
    assert list(
        edges.filter(inferred=True).values_list("child__repo_id", "parent_repo_id")
    ) == [("ConicCat/MistralSmallV3R", ROOT)]
    assert not edges.filter(parent__isnull=True).exists()
    with open(corpus / MISTRAL, newline="") as stream:
        expected = {
            row["model_id"]: int(row["depth"]) for row in csv.DictReader(stream)
        }
    assert {repo_id: depth(repo_id=repo_id) for repo_id in expected} == expected
    assert set(expected.values()) == {0, 1, 2, 3}
    assert family_size(repo_id=ROOT) == 67
    assert len(descendants(repo_id=ROOT)) == 66
    deepest = next(r for r, d in expected.items() if d == 3)
    assert roots(repo_id=deepest) == [ROOT]
    assert [a.distance for a in ancestors(repo_id=deepest)] == [1, 2, 3]
    assert ancestors(repo_id=deepest)[-1] == Relative(ROOT, 3)
    tree = family_tree(repo_id=deepest)
    assert (tree.size, tree.shown, tree.has_cycle) == (67, 67, False)
    assert [m.repo_id for m in tree.roots] == [ROOT]
    licenses = Counter(HubModel.objects.values_list("declared_license", flat=True))
    assert licenses == {"apache-2.0": 58, "mit": 4, "other": 1, "": 4}


PARQUET = "eval-card-registry_hub_stats_frozen.parquet"
OPEN_RAW = "open-source-ai-discovery_hf_models_open_raw.csv"
GENEALOGY = "open-source-ai-discovery_genealogy_edges.csv"
TEXTS = "open-source-ai-discovery_other_licensed_models.json"
WORK_OTHER = "hub-docs_hacktoberfest_model_license_other.csv"
WORK_NONE = "hub-docs_hacktoberfest_model_no_license.csv"
# Per file: read, created, updated, unchanged, put aside, skipped, edges, pending.
GLOB_ORDER = {
    MISTRAL: (67, 67, 0, 0, 0, 0, 67, 0),
    PARQUET: (4167, 4158, 9, 0, 96, 0, 5648, 0),
    WORK_OTHER: (349, 346, 3, 0, 0, 0, 0, 0),
    WORK_NONE: (286, 111, 97, 78, 0, 0, 0, 0),
    "model_data.json": (5, 0, 0, 5, 0, 0, 0, 0),
    GENEALOGY: (6999, 0, 8, 46, 25, 25, 8, 6920),
    OPEN_RAW: (20070, 19959, 18, 93, 3, 0, 6886, 0),
    TEXTS: (10, 0, 10, 0, 0, 0, 0, 0),
}
GOOD_ORDER = {
    PARQUET: (4167, 4167, 0, 0, 96, 0, 5648, 0),
    MISTRAL: (67, 58, 0, 9, 0, 0, 59, 0),
    "model_data.json": (5, 0, 0, 5, 0, 0, 0, 0),
    OPEN_RAW: (20070, 19977, 0, 93, 3, 0, 0, 0),
    GENEALOGY: (6999, 0, 6894, 46, 25, 25, 6894, 34),
    TEXTS: (10, 0, 10, 0, 0, 0, 0, 0),
    WORK_OTHER: (349, 335, 13, 1, 0, 0, 0, 0),
    WORK_NONE: (286, 104, 101, 81, 0, 0, 0, 0),
}
REVERSE_ORDER = {
    WORK_NONE: (286, 286, 0, 0, 0, 0, 0, 0),
    WORK_OTHER: (349, 182, 66, 101, 0, 0, 0, 0),
    TEXTS: (10, 9, 1, 0, 0, 0, 0, 0),
    GENEALOGY: (6999, 0, 8, 0, 25, 25, 8, 6966),
    OPEN_RAW: (20070, 20043, 27, 0, 3, 0, 6932, 0),
    "model_data.json": (5, 5, 0, 0, 0, 0, 5, 0),
    MISTRAL: (67, 62, 0, 5, 0, 0, 62, 0),
    PARQUET: (4167, 4054, 113, 0, 96, 0, 5648, 0),
}
COUNTS = ("read", "created", "updated", "unchanged", "put_aside", "skipped")


def _tables() -> tuple:
    volatile = {"id", "first_seen_run_id", "last_seen_run_id", "first_seen_at"}
    volatile |= {"last_seen_at", "source_hash"}
    models = sorted(
        tuple(sorted((k, repr(v)) for k, v in m.items() if k not in volatile))
        for m in HubModel.objects.values()
    )
    edges = sorted(
        LineageEdge.objects.values_list(
            "child__repo_id",
            "parent_repo_id",
            "relation",
            "inferred",
            "source",
            "parent__repo_id",
        )
    )
    return models, edges


@pytest.mark.slow
def test_the_corpus_ends_the_same_in_any_order(corpus, import_files):
    """Each file is one run; glob order, dependency order and its reverse
    end with the same tables."""
    names = sorted(
        p.name
        for p in corpus.iterdir()
        if p.suffix in {".csv", ".json", ".parquet"}
        and p.name != "hf-license-identifiers.csv"
    )
    assert list(GLOB_ORDER) == names
    results = []
    for order in (GLOB_ORDER, GOOD_ORDER, REVERSE_ORDER):
        HubModel.objects.all().delete()
        LineageClaim.objects.all().delete()
        ImportRun.objects.all().delete()
        seen = {}
        for name in order:
            run = import_files(corpus / name, batch_size=2000)
            seen[name] = tuple(getattr(run, c) for c in (*COUNTS, "edges", "pending"))
        assert seen == order
        results.append(_tables())
        assert (HubModel.objects.count(), LineageEdge.objects.count()) == (
            24641,
            12601,
        )
        assert PutAsideRow.objects.count() == 124
    assert results[0] == results[1] == results[2]
    edges = LineageEdge.objects
    assert Counter(edges.values_list("relation", "inferred")) == {
        ("finetune", False): 1455,
        ("finetune", True): 3614,
        ("merge", False): 3732,
        ("merge", True): 233,
        ("quantized", False): 48,
        ("quantized", True): 3258,
        ("adapter", False): 20,
        ("adapter", True): 241,
    }
    # Every GGUF re-upload of the edge list is quantized, not a finetune.
    gguf = edges.filter(source="lineage-csv", child__repo_id__icontains="gguf")
    assert set(gguf.values_list("relation", flat=True)) == {"quantized"}
    # The 2026 snapshot keeps its downloads over the Oct 2025 crawl.
    assert HubModel.objects.get(repo_id="openai/gpt-oss-20b").downloads == 8_007_529
    # Hacktoberfest suggestions stay beside the declared license.
    llama = HubModel.objects.get(repo_id="huggyllama/llama-7b")
    assert (llama.license_name, llama.suggested_license_name) == ("", "llama-license")
    assert not edges.filter(parent_repo_id__startswith="- ").exists()
    assert HubModel.objects.exclude(license_text=None).count() == 10
    assert LineageClaim.objects.count() == 6999 - 25


def test_the_other_corpus_files_import_with_lineage(corpus, import_files):
    run = import_files(corpus / PARQUET, corpus / "model_data.json", batch_size=2000)
    assert (run.read, run.created, run.updated, run.skipped) == (4172, 4171, 0, 0)
    assert (run.unchanged, run.put_aside, run.edges) == (1, 96, 5652)
    relations = set(LineageEdge.objects.values_list("relation", flat=True))
    assert relations == {"finetune", "merge", "quantized", "adapter"}
    merges = HubModel.objects.filter(parent_edges__relation="merge").distinct()
    assert merges.exists()
    assert all(m.parent_edges.count() >= 1 for m in merges[:50])
    assert HubModel.objects.filter(created_at_is_floor=True).exists()
    assert (
        HubModel.objects.filter(declared_license="other")
        .exclude(license_name="")
        .exists()
    )
    # Parents with no typed tag, card parents the tags leave out among them,
    # are kept with a relation marked inferred (87 before card parents were
    # kept).
    guessed = LineageEdge.objects.filter(inferred=True, source="listing")
    assert guessed.count() == 451


@pytest.fixture
def family(files, import_files):
    import_files(files / "api_page.json")


def test_ancestors_descendants_roots_and_depth_with_a_merge(family):
    assert ancestors(repo_id="erin/frankenmerge") == [
        Relative("bob/base-7b-chat", 1),
        Relative("gone/missing-7b", 1),
        Relative("acme/base-7b", 2),
    ]
    assert roots(repo_id="erin/frankenmerge") == ["acme/base-7b", "gone/missing-7b"]
    assert depth(repo_id="erin/frankenmerge") == 2
    assert depth(repo_id="acme/base-7b") == 0
    assert [d.repo_id for d in descendants(repo_id="acme/base-7b")] == [
        "bob/base-7b-chat",
        "carol/base-7b-chat-GGUF",
        "dave/chat-lora",
        "erin/frankenmerge",
    ]
    assert descendants(repo_id="gone/missing-7b") == [Relative("erin/frankenmerge", 1)]
    assert family_size(repo_id="carol/base-7b-chat-GGUF") == 5
    assert family_size(repo_id="erin/frankenmerge") == 6  # both roots' families


def test_family_tree_places_a_merge_once_and_lists_its_parents(family):
    tree = family_tree(repo_id="dave/chat-lora")
    assert [m.repo_id for m in tree.roots] == ["acme/base-7b"]
    bob = tree.roots[0].children[0]
    assert bob.repo_id == "bob/base-7b-chat"
    assert [c.repo_id for c in bob.children] == [
        "carol/base-7b-chat-GGUF",
        "dave/chat-lora",
        "erin/frankenmerge",
    ]
    assert bob.model.declared_license == "other"
    merge = tree.family = family_tree(repo_id="erin/frankenmerge")
    assert [m.repo_id for m in merge.roots] == ["acme/base-7b", "gone/missing-7b"]
    assert merge.roots[1].model is None  # not imported, still shown
    found = [
        m
        for m in merge.roots[0].children[0].children
        if m.repo_id == "erin/frankenmerge"
    ]
    assert found[0].parents == [
        ("bob/base-7b-chat", "merge"),
        ("gone/missing-7b", "merge"),
    ]


def test_family_tree_is_limited_but_keeps_the_model(family):
    tree = family_tree(repo_id="erin/frankenmerge", limit=2)
    assert tree.size == 6
    assert tree.shown == 2
    shown = [m.repo_id for m in tree.roots]
    assert "erin/frankenmerge" in shown or any(
        c.repo_id == "erin/frankenmerge" for m in tree.roots for c in m.children
    )


def test_cycles_in_bad_data_terminate(files, import_files):
    import_files(files / "cycle.jsonl")
    info = lineage(repo_id="loop/d")
    assert info.has_cycle
    assert {a.repo_id for a in info.ancestors} == {"loop/a", "loop/b", "loop/c"}
    assert info.roots == ["loop/a"]  # no true root: a member stands in
    assert {d.repo_id for d in descendants(repo_id="loop/a")} == {
        "loop/b",
        "loop/c",
        "loop/d",
        "loop/a",
    }
    assert family_size(repo_id="loop/d") == 4
    tree = family_tree(repo_id="loop/b")
    assert tree.has_cycle
    assert tree.shown == 4
    assert lineage(repo_id="loop/a").has_cycle


def test_deep_merge_chains_are_not_mistaken_for_cycles(tmp_path, import_files):
    path = tmp_path / "chain.jsonl"
    lines = ['{"id": "chain/m0"}']
    for i in range(1, 120):
        lines.append(
            f'{{"id": "chain/m{i}", "tags": ["base_model:merge:chain/m{i - 1}", '
            f'"base_model:merge:other/base"]}}'
        )
    path.write_text("\n".join(lines) + "\n")
    import_files(path, batch_size=50)
    info = lineage(repo_id="chain/m119")
    assert (info.depth, info.has_cycle) == (119, False)
    assert info.roots == ["chain/m0", "other/base"]
    assert family_size(repo_id="chain/m60") == 121
    assert not family_tree(repo_id="chain/m119").has_cycle


def test_a_model_without_edges_is_its_own_root(family):
    info = lineage(repo_id="acme/base-7b")
    assert (info.roots, info.depth, info.ancestors, info.has_cycle) == (
        ["acme/base-7b"],
        0,
        [],
        False,
    )
