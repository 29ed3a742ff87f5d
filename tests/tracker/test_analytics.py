"""Analytics figures over the rollups, pinned on hand-built family trees."""

import math
from datetime import UTC, datetime

import pytest

from clauses.models import ClauseVersion, KnownLicense
from licenses.models import ChosenClause, License, LicenseVersion
from tracker.analytics import (
    Filters,
    adherence_report,
    adoption_figures,
    clause_figures,
    convergence_figures,
    drift_figures,
    headline_from_rollups,
    transition_figures,
)
from tracker.models import ClauseMatch
from tracker.rollups import rollups_refresh

from .family_trees import build_tree, edge, hub_model

pytestmark = pytest.mark.django_db


def table(figures: dict, name: str) -> list[dict]:
    return next(t for t in figures["tables"] if t.name == name).as_dicts()


@pytest.fixture
def tree():
    models = build_tree()
    rollups_refresh()
    return models


def test_adoption(tree):
    figures = adoption_figures(filters=Filters())
    assert figures["summary"] == {"models": 13, "behavioral": 4, "rail_share": 0.307692}
    by_family = {
        r["family"]: (r["models"], r["behavioral"]) for r in table(figures, "by_family")
    }
    assert by_family["llama"] == (2, 2)
    assert by_family["deepseek"] == (1, 1)
    assert by_family["permissive"] == (6, 0)
    assert by_family["undeclared"] == (1, 0)
    months = {r["month"]: r for r in table(figures, "behavioral_by_month")}
    assert months["2023-01"] == {
        "month": "2023-01",
        "models": 2,
        "behavioral": 1,
        "share": 0.5,
    }
    assert sum(r["models"] for r in months.values()) == 12  # one undated
    tags = {r["pipeline_tag"]: r["models"] for r in table(figures, "by_pipeline_tag")}
    assert tags == {"text-generation": 12, "text-classification": 1}
    authors = {r["author"]: r["behavioral"] for r in table(figures, "by_author")}
    assert authors["b"] == 1 and authors["meta"] == 1
    over_time = table(figures, "top_licenses_over_time")
    assert over_time[0]["month"] == "2023-01"
    assert over_time[0]["llama3"] == 1


def test_adoption_filtered_by_family(tree):
    figures = adoption_figures(filters=Filters(family="llama"))
    assert figures["summary"]["models"] == 2


def test_drift_by_family(tree):
    figures = drift_figures(filters=Filters())
    kinds = {r["kind"]: r["children"] for r in table(figures, "children_of_restricted")}
    assert kinds == {"restricted": 1, "permissive": 4, "unknown": 1, "undeclared": 1}
    by_family = {r["parent_family"]: r for r in table(figures, "drift_by_family")}
    # meta/base's children, and b/ft-keep's: c/merge counts once here too.
    assert by_family["llama"] == {
        "parent_family": "llama",
        "children": 5,
        "restricted": 1,
        "permissive": 3,
        "unknown": 0,
        "undeclared": 1,
    }
    assert by_family["deepseek"]["children"] == 2
    assert by_family["gemma"]["permissive"] == 1
    assert "permissive" not in by_family  # apache parents do not propagate
    only_llama = drift_figures(filters=Filters(family="llama"))
    assert [r["parent_family"] for r in table(only_llama, "drift_by_family")] == [
        "llama"
    ]


def test_transitions(tree):
    figures = transition_figures(filters=Filters())
    assert figures["summary"]["edges"] == 13
    rows = {
        (r["relation"], r["parent_license"], r["child_license"]): r["edges"]
        for r in table(figures, "transitions")
    }
    assert rows[("finetune", "not-imported", "mit")] == 1
    assert rows[("merge", "llama3", "apache-2.0")] == 1
    assert rows[("finetune", "llama3", "mit")] == 2
    matrix = {r["parent_family"]: r for r in table(figures, "family_to_kind")}
    assert matrix["llama"]["undeclared"] == 1
    merges = transition_figures(filters=Filters(relation="merge"))
    assert merges["summary"]["edges"] == 3


def test_adherence_report_lists_dropping_descendants_with_paths(tree):
    report = adherence_report(repo_id="meta/base")
    assert report["license"] == "llama3" and report["kind"] == "restricted"
    assert report["descendants"] == 5
    assert report["descendants_by_kind"] == {
        "restricted": 1,
        "permissive": 3,
        "unknown": 0,
        "undeclared": 1,
    }
    assert [d["path"] for d in report["dropped"]] == [
        ["meta/base", "a/ft-mit"],
        ["meta/base", "c/merge"],
        ["meta/base", "b/ft-keep", "d/grandchild"],
    ]


def test_adherence_report_terminates_on_a_cycle(tree):
    report = adherence_report(repo_id="cyc/a")
    assert report["dropped"] == [
        {"repo_id": "cyc/b", "license": "cc-by-nc-4.0", "path": ["cyc/a", "cyc/b"]}
    ]
    ghost = adherence_report(repo_id="ghost/never-imported")
    assert ghost["imported"] is False
    assert ghost["descendants_by_kind"]["permissive"] == 1
    # Never imported: no license known, so no restrictions to drop.
    assert ghost["restrictions"] is False
    assert ghost["dropped"] == [] and ghost["dropped_total"] == 0


def test_adherence_lists_nothing_for_roots_without_restrictions(tree):
    # apache/base has two mit/apache children; apache carries no restrictions.
    apache = adherence_report(repo_id="apache/base")
    assert apache["kind"] == "permissive" and apache["restrictions"] is False
    assert apache["descendants_by_kind"]["permissive"] == 2
    assert apache["dropped"] == [] and apache["dropped_total"] == 0
    unknown_root = hub_model("x/other-root", "other")
    edge(hub_model("x/mit-child", "mit"), "x/other-root")
    rollups_refresh()
    report = adherence_report(repo_id=unknown_root.repo_id)
    assert report["kind"] == "unknown" and report["restrictions"] is False
    assert report["descendants"] == 1 and report["dropped"] == []
    llama = adherence_report(repo_id="meta/base")
    assert llama["restrictions"] is True and llama["propagates"] is True


def _match(model, *categories):
    for category in categories:
        ClauseMatch.objects.create(
            model=model, category=category, score=0.9, start=0, end=1, evidence="e"
        )


def _authored(slug: str, clause_versions: list[ClauseVersion], created: datetime):
    license_ = License.objects.create(slug=slug)
    for number in (1, 2):  # only the latest version counts
        version = LicenseVersion.objects.create(
            license=license_,
            number=number,
            project_name="p",
            licensor="l",
            flavor="OpenRAIL",
            artifacts=["model"],
            name="OpenRAIL-M",
            template_version="1",
            markdown="",
            checksum="c",
            created_at=created,
        )
        chosen = clause_versions if number == 2 else clause_versions[:1]
        for position, clause_version in enumerate(chosen):
            ChosenClause.objects.create(
                license_version=version,
                clause_version=clause_version,
                position=position,
            )


def test_clause_usage_cooccurrence_and_convergence():
    a = hub_model("h/a", "other", created="2024-01-10")
    b = hub_model("h/b", "other", created="2024-02-10")
    c = hub_model("h/c", "other", created="2024-07-10")
    _match(a, "medical", "weapons")
    _match(b, "medical", "weapons")
    _match(c, "medical")
    versions = list(ClauseVersion.objects.order_by("pk")[:3])
    _authored("one", versions, datetime(2024, 5, 1, tzinfo=UTC))
    rollups_refresh()

    figures = clause_figures(filters=Filters())
    usage = {r["category"]: r for r in table(figures, "category_usage")}
    assert usage["medical"]["hub"] == 3 and usage["weapons"]["hub"] == 2
    assert sum(r["authored"] for r in usage.values()) == len(
        {v.category.key for v in versions}
    )
    clauses = {r["clause"]: r["authored"] for r in table(figures, "clause_usage")}
    assert clauses == {v.clause.slug: 1 for v in versions}
    heat = {r["item"]: r for r in table(figures, "cooccurrence_hub")}
    assert heat["medical"]["medical"] == 3
    assert heat["medical"]["weapons"] == heat["weapons"]["medical"] == 2
    authored = {r["item"]: r for r in table(figures, "cooccurrence_authored")}
    categories = sorted({v.category.key for v in versions})
    assert set(authored) == set(categories)
    assert all(authored[a][b] == 1 for a in categories for b in categories)
    configs = {
        (r["source"], r["items"]): r["licenses"]
        for r in table(figures, "category_configurations")
    }
    assert configs[("hub", "medical, weapons")] == 2
    assert configs[("authored", ", ".join(categories))] == 1
    slugs = ", ".join(sorted(v.clause.slug for v in versions))
    clause_sets = {
        (r["source"], r["items"]): r["licenses"]
        for r in table(figures, "clause_configurations")
    }
    assert clause_sets == {("authored", slugs): 1}

    # Clause-level co-occurrence counts clauses, not categories.
    by_clause = clause_figures(filters=Filters(), level="clause")
    heat = {r["item"]: r for r in table(by_clause, "cooccurrence_authored")}
    assert set(heat) == {v.clause.slug for v in versions}
    assert table(by_clause, "cooccurrence_hub") == []  # no clause found on the Hub

    rows = table(convergence_figures(filters=Filters()), "convergence")
    hub = {
        r["quarter"]: r
        for r in rows
        if r["source"] == "hub" and r["level"] == "category"
    }
    assert hub["2024Q1"]["licenses"] == 2
    assert hub["2024Q1"]["distinct_configurations"] == 1
    assert hub["2024Q1"]["entropy_bits"] == 0.0
    # A single configuration has entropy 0, never the -0.0 that prints as such.
    assert math.copysign(1, hub["2024Q1"]["entropy_bits"]) == 1.0
    assert hub["2024Q1"]["mean_pairwise_jaccard"] == 1.0
    assert hub["2024Q3"]["mean_pairwise_jaccard"] is None
    later = table(
        convergence_figures(filters=Filters(date_from="2024-04")), "convergence"
    )
    assert {r["quarter"] for r in later} == {"2024Q2", "2024Q3"}


def test_a_parent_linked_later_counts_once_imported(tree):
    late = hub_model("late/child", "mit")
    edge(late, "meta/base")
    state = rollups_refresh()
    assert state.headline["dropped_restrictions"] == 5


def test_drift_family_filter_is_the_parent_family_everywhere(tree):
    only_llama = drift_figures(filters=Filters(family="llama"))
    kinds = only_llama["summary"]["children_of_restricted"]
    row = table(only_llama, "drift_by_family")[0]
    # The summary and the per-family table count the same children.
    assert {k: row[k] for k in kinds} == kinds
    assert only_llama["summary"]["restricted_parent_children"] == row["children"] == 5
    # Derivatives of llama-family parents: meta/base's four and b/ft-keep's one.
    assert only_llama["summary"]["derivatives"] == 5
    headline = headline_from_rollups(Filters(family="llama"))
    assert headline["dropped_restrictions"] == kinds["permissive"] == 3
    assert headline["undeclared_children_of_restricted"] == 1
    # Models themselves still filter on their own family.
    assert headline["models"] == 2
    gemma = drift_figures(filters=Filters(family="gemma"))["summary"]
    assert gemma["children_of_restricted"]["permissive"] == 1  # cyc/b
    apache = drift_figures(filters=Filters(family="permissive"))["summary"]
    # Children of apache/base (c/merge, c/apache-child): none restricted.
    assert apache["derivatives"] == 2
    assert apache["restricted_parent_children"] == 0


def test_authors_follow_the_filters_and_all_are_kept(tree):
    everyone = table(adoption_figures(filters=Filters()), "by_author")
    assert {r["author"] for r in everyone} == {
        "meta",
        "apache",
        "ds",
        "a",
        "b",
        "c",
        "cyc",
        "d",
    }
    tagged = table(
        adoption_figures(filters=Filters(pipeline_tag="text-classification")),
        "by_author",
    )
    assert tagged == [{"author": "b", "models": 1, "behavioral": 1, "share": 1.0}]
    llama = table(adoption_figures(filters=Filters(family="llama")), "by_author")
    assert [(r["author"], r["models"]) for r in llama] == [("b", 1), ("meta", 1)]
    march = table(
        adoption_figures(filters=Filters(date_from="2024-03", date_to="2024-03")),
        "by_author",
    )
    assert [(r["author"], r["models"]) for r in march] == [("b", 1), ("c", 1)]
    for i in range(210):
        hub_model(f"many-{i:03d}/m", "mit")
    rollups_refresh()
    cut = adoption_figures(filters=Filters(), limit=20)
    authors = next(t for t in cut["tables"] if t.name == "by_author")
    assert len(authors.rows) == 20 and authors.total_rows == 218 and authors.truncated
    every = next(
        t
        for t in adoption_figures(filters=Filters())["tables"]
        if t.name == "by_author"
    )
    assert len(every.rows) == 218 and not every.truncated


def test_limits_cut_tables_but_none_keeps_every_row(tree):
    keys = list(
        KnownLicense.objects.exclude(
            key__in=["mit", "apache-2.0", "llama3", "cc-by-nc-4.0", "gemma"]
        )
        .order_by("key")
        .values_list("key", flat=True)[:30]
    )
    for i, key in enumerate(keys):
        edge(hub_model(f"lic/{i}", key), "meta/base")
    rollups_refresh()
    cut = transition_figures(filters=Filters(), limit=5)
    matrix = next(t for t in cut["tables"] if t.name == "license_matrix")
    assert len(matrix.rows) <= 5 and len(matrix.columns) == 6 and matrix.truncated
    full = transition_figures(filters=Filters(), limit=None)
    matrix = next(t for t in full["tables"] if t.name == "license_matrix")
    rows = {
        r[0]: dict(zip(matrix.columns[1:], r[1:], strict=True)) for r in matrix.rows
    }
    # Every parent license x child license pair, uncut.
    assert len(matrix.columns) - 1 == matrix.total_columns
    assert set(keys) <= set(matrix.columns)
    assert all(rows["llama3"][key] == 1 for key in keys)
    assert rows["not-imported"]["mit"] == 1
    listed = next(t for t in full["tables"] if t.name == "transitions")
    # The tree's 12 distinct (relation, parent, child) license triples, plus 30.
    assert len(listed.rows) == listed.total_rows == 42


def test_transitions_filter_on_the_child_pipeline_tag(tree):
    tagged = transition_figures(filters=Filters(pipeline_tag="text-classification"))
    # b/ft-keep, the only text-classification model, has two edges to meta/base.
    assert tagged["summary"]["edges"] == 2
