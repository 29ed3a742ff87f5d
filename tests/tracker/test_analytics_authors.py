"""The by-author table's fast paths agree row for row with the full grouping.

The population is heavy-tailed like the Hub's (a few authors with many
models, a long tail with one or two), over three tags, four licenses and
three years, so the ranked cells, the dated candidates and the fallback all
get exercised; RANKED_AUTHORS is cut to a handful to make the ranks partial.
"""

import random
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.models import Sum

from tracker.analytics import Filters, adoption_figures, transition_figures
from tracker.analytics import authors as author_reads
from tracker.models import (
    Analytics,
    AuthorFacetCell,
    AuthorRankCell,
    HubModel,
    TransitionCell,
    TransitionPairCell,
)
from tracker.rollups import cubes, rollups_refresh

from .family_trees import NOW, build_tree

pytestmark = pytest.mark.django_db

TAGS = ["text-generation", "text-to-image", "fill-mask"]
LICENSES = {"apache-2.0": "permissive", "mit": "permissive", "llama3": "llama"}
LICENSES["openrail"] = "openrail"
FILTERS = [
    Filters(),
    Filters(pipeline_tag="text-generation"),
    Filters(family="permissive"),
    Filters(pipeline_tag="text-to-image", family="openrail"),
    Filters(date_from="2024-01", date_to="2024-12"),
    Filters(date_from="2025-03"),
    Filters(date_to="2023-06", pipeline_tag="fill-mask"),
    Filters(date_from="2023-01", date_to="2025-12", family="llama"),
    Filters(date_from="2024-06", pipeline_tag="text-generation", family="permissive"),
]
LIMITS = [1, 2, 3, 10, 40, None]


def population(authors: int, *, heavy: bool, seed: int = 7) -> list[HubModel]:
    rng = random.Random(seed)  # noqa: S311 - a fixed test population
    models = []
    for a in range(authors):
        count = max(1, 60 // (a + 1)) if heavy else 2
        for i in range(count):
            license = rng.choice(list(LICENSES))
            created = datetime(rng.choice([2023, 2024, 2025]), rng.randint(1, 12), 3)
            models.append(
                HubModel(
                    repo_id=f"author{a:03d}/m{i}",
                    author=f"author{a:03d}",
                    declared_license=license,
                    created_at=created.replace(tzinfo=UTC),
                    pipeline_tag=rng.choice(TAGS),
                    first_seen_at=NOW,
                    last_seen_at=NOW,
                    content_hash="x",
                    license_inputs_hash="x",
                )
            )
    return HubModel.objects.bulk_create(models)


def by_hand(models: list[HubModel], f: Filters) -> list[tuple[str, int]]:
    """Authors and their model counts under the filters, from the models."""
    counts: Counter = Counter()
    for m in models:
        month = m.created_at.strftime("%Y-%m")
        if (
            (f.date_from and month < f.date_from)
            or (f.date_to and month > f.date_to)
            or (f.pipeline_tag and m.pipeline_tag != f.pipeline_tag)
            or (f.family and LICENSES[m.declared_license] != f.family)
        ):
            continue
        counts[m.author] += 1
    return sorted(counts.items(), key=lambda i: (-i[1], i[0]))


@pytest.fixture
def few_ranked(monkeypatch):
    monkeypatch.setattr(cubes, "RANKED_AUTHORS", 4)
    monkeypatch.setattr(author_reads, "RANKED_AUTHORS", 4)


@pytest.mark.parametrize("heavy", [True, False], ids=["heavy-tail", "flat"])
@pytest.mark.parametrize("ranked", ["few", "all"])
def test_every_path_agrees_with_the_models(request, heavy, ranked):
    if ranked == "few":
        request.getfixturevalue("few_ranked")
    models = population(30, heavy=heavy)
    rollups_refresh()
    for f in FILTERS:
        want = by_hand(models, f)
        for limit in LIMITS:
            got = author_reads.author_rows(f, limit)
            expected = want if limit is None else want[: limit + 1]
            assert [(a, n) for a, n, _ in got] == expected, (f, limit)


def test_dated_candidates_settle_a_heavy_tail_and_give_way_on_a_flat_one(
    few_ranked,
):
    f = Filters(date_from="2023-01", date_to="2025-12")
    population(30, heavy=True)
    rollups_refresh()
    settled = author_reads._from_candidates(f, limit=2)
    assert settled is not None and len(settled) == 3
    HubModel.objects.all().delete()
    population(30, heavy=False)
    rollups_refresh()
    # Everyone has two models: the fourth-ranked bounds the rest at two,
    # so no candidate can prove it beats the authors left out.
    assert author_reads._from_candidates(f, limit=2) is None
    assert len(author_reads.author_rows(f, 2)) == 3


def test_ranks_hold_the_top_authors_of_each_facet_value(few_ranked):
    population(30, heavy=True)
    rollups_refresh()
    for facet in AuthorRankCell.FACETS:
        cells = AuthorRankCell.objects.filter(facet=facet)
        assert cells.exists()
        values = cells.values_list("pipeline_tag", "family").distinct()
        for tag, family in values:
            ranks = cells.filter(pipeline_tag=tag, family=family)
            assert sorted(ranks.values_list("rank", flat=True)) == list(
                range(1, min(4, ranks.count()) + 1)
            )
            assert (facet != "family") == bool(tag)
            assert (facet != "tag") == bool(family)


def test_table_says_when_rows_were_left_out(few_ranked):
    population(30, heavy=True)
    rollups_refresh()
    tagged = next(
        t
        for t in adoption_figures(
            filters=Filters(pipeline_tag="text-generation"), limit=3
        )["tables"]
        if t.name == "by_author"
    )
    assert len(tagged.rows) == 3 and tagged.more and tagged.total_rows is None
    everyone = next(
        t
        for t in adoption_figures(filters=Filters(), limit=3)["tables"]
        if t.name == "by_author"
    )
    assert everyone.total_rows == 30 and everyone.truncated


def test_transition_pairs_sum_the_transition_cells():
    build_tree()
    rollups_refresh()
    keys = ("relation", "parent_key", "parent_family", "child_key", "child_kind")

    def summed(model):
        rows = model.objects.values(*keys).annotate(n=Sum("edges")).order_by(*keys)
        return list(rows)

    assert summed(TransitionPairCell) == summed(TransitionCell)
    # The undated read (pairs) and a read over every month agree.
    everything = transition_figures(filters=Filters())
    wide = transition_figures(filters=Filters(date_to="2999-12"))
    undated = TransitionCell.objects.filter(month="").aggregate(n=Sum("edges"))["n"]
    assert everything["summary"]["edges"] == wide["summary"]["edges"] + (undated or 0)


def test_a_new_cube_layout_rebuilds_without_any_input_moving():
    build_tree()
    rollups_refresh()
    quiet = rollups_refresh().groups
    assert not quiet["adoption"]["rebuilt"] and not quiet["lineage"]["rebuilt"]
    state = Analytics.objects.get()
    state.inputs = {k: v for k, v in state.inputs.items() if k != "layout"}
    state.save()
    AuthorRankCell.objects.all().delete()
    TransitionPairCell.objects.all().delete()
    groups = rollups_refresh().groups
    assert groups["adoption"]["rebuilt"] and groups["lineage"]["rebuilt"]
    assert AuthorRankCell.objects.exists() and TransitionPairCell.objects.exists()
    again = rollups_refresh().groups
    assert not again["adoption"]["rebuilt"] and not again["lineage"]["rebuilt"]


def test_rebuilt_cubes_get_planner_statistics_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE runs on PostgreSQL only")
    population(30, heavy=True)
    rollups_refresh()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s",
            [AuthorFacetCell._meta.db_table],
        )
        # -1 until a table is first analyzed; ANALYZE counts its rows.
        assert cursor.fetchone()[0] == AuthorFacetCell.objects.count()


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.as_query()) or "all")
def test_the_streamed_csv_holds_the_full_table(f):
    population(30, heavy=True)
    rollups_refresh()
    streamed = list(author_reads.author_csv_rows(f))
    full = next(
        t for t in adoption_figures(filters=f)["tables"] if t.name == "by_author"
    )
    assert streamed == full.rows and len(streamed) > 0


def test_the_admin_streams_the_author_csv_with_the_filters(admin_client):
    population(30, heavy=True)
    rollups_refresh()
    response = admin_client.get(
        "/admin/tracker/analytics/adoption/",
        {"csv": "by_author", "pipeline_tag": "fill-mask"},
    )
    assert response.streaming
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "author,models,behavioral,share"
    want = by_hand(HubModel.objects.all(), Filters(pipeline_tag="fill-mask"))
    assert [line.split(",")[:2] for line in lines[1:]] == [[a, str(n)] for a, n in want]
