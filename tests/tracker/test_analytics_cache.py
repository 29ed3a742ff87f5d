"""Figure reads are cached per rollups refresh, and only cut ones."""

import pytest
from django.core.cache import cache

from tracker.analytics import Filters
from tracker.analytics.figures import adherence_read, cache_key, figure_read
from tracker.analytics.reads import state
from tracker.rollups import rollups_refresh

from .family_trees import build_tree, edge, hub_model

pytestmark = pytest.mark.django_db


def _models(figure: dict) -> int:
    return figure["summary"]["models"]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_refresh_moves_the_cached_figures_on():
    build_tree()
    rollups_refresh()
    read = dict(name="adoption", filters=Filters(), limit=25)
    first = figure_read(**read, current=state())
    hub_model("late/one", "mit")
    # Same refresh: the cached figure, although a model arrived since.
    assert _models(figure_read(**read, current=state())) == _models(first)
    rollups_refresh()
    assert _models(figure_read(**read, current=state())) == _models(first) + 1


def test_uncut_reads_and_reads_without_a_state_are_not_kept():
    build_tree()
    rollups_refresh()
    current, f = state(), Filters()
    figure_read("adoption", filters=f, limit=None, current=current)
    assert cache.get(cache_key("adoption", f, None, {}, current)) is None
    figure_read("drift", filters=f, limit=25, current=None)
    assert cache.get(cache_key("drift", f, 25, {}, current)) is None
    figure_read("drift", filters=f, limit=25, current=current)
    assert cache.get(cache_key("drift", f, 25, {}, current)) is not None


def test_changing_a_read_table_leaves_the_cached_one_alone():
    build_tree()
    rollups_refresh()
    read = dict(name="transitions", filters=Filters(), limit=25, current=state())
    figure_read(**read)["tables"][0].title = "changed by a page"
    assert figure_read(**read)["tables"][0].title != "changed by a page"


def test_a_csv_of_another_table_skips_the_author_table():
    build_tree()
    rollups_refresh()
    figure = figure_read(
        "adoption",
        filters=Filters(),
        limit=None,
        options={"only": "by_license"},
        current=state(),
    )
    names = {t.name for t in figure["tables"]}
    assert "by_license" in names and "by_author" not in names


def test_adherence_reports_are_cached_per_refresh_too():
    build_tree()
    rollups_refresh()
    first = adherence_read(repo_id="meta/base", limit=10, current=state())
    assert first["dropped_total"] >= 1  # a/ft-mit at least
    edge(hub_model("late/ft-mit", "mit"), "meta/base")
    cached = adherence_read(repo_id="meta/base", limit=10, current=state())
    assert cached["dropped_total"] == first["dropped_total"]
    rollups_refresh()
    fresh = adherence_read(repo_id="meta/base", limit=10, current=state())
    assert fresh["dropped_total"] == first["dropped_total"] + 1
    assert "late/ft-mit" in {d["repo_id"] for d in fresh["dropped"]}
