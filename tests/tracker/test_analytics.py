"""Analytics figures over the rollups, pinned on hand-built family trees."""

from datetime import UTC, datetime

import pytest

from clauses.models import ClauseVersion
from licenses.models import ChosenClause, License, LicenseVersion
from tracker.analytics import (
    Filters,
    adherence_report,
    adoption_figures,
    clause_figures,
    convergence_figures,
    drift_figures,
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
    heat = {r["category"]: r for r in table(figures, "cooccurrence")}
    assert heat["medical"]["medical"] == 3
    assert heat["medical"]["weapons"] == heat["weapons"]["medical"] == 2
    configs = {
        (r["source"], r["categories"]): r["licenses"]
        for r in table(figures, "configurations")
    }
    assert configs[("hub", "medical, weapons")] == 2

    rows = table(convergence_figures(filters=Filters()), "convergence")
    hub = {
        r["quarter"]: r
        for r in rows
        if r["source"] == "hub" and r["level"] == "category"
    }
    assert hub["2024Q1"]["licenses"] == 2
    assert hub["2024Q1"]["distinct_configurations"] == 1
    assert hub["2024Q1"]["entropy_bits"] == 0.0
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
