"""The by-author table of the adoption figures, read the cheapest way the filters allow.

- No filter: AuthorCell, one row per author, in rank order.
- A tag and/or family filter, no dates: AuthorRankCell, the top authors of
  that facet value, ranked when the rollups were refreshed.
- A date range: the candidate authors (the top ones of the same facet, or of
  all) have their facet rows summed over the months. That is the answer when
  the last row shown still has more models in the range than any author
  outside the candidates has at all; otherwise, and for a full table (the
  CSV), every facet row the filters keep is grouped.

Every path orders by models, then author, as the database sorts them, so
they agree row for row; tests/tracker/test_analytics_authors.py holds them to
the full grouping.
"""

from collections.abc import Iterator

from django.db.models import QuerySet, Sum

from ..models import AuthorCell, AuthorFacetCell, AuthorRankCell
from ..rollups.cubes import RANKED_AUTHORS
from .filters import Filters
from .reads import filtered, with_share
from .specs import ADOPTION
from .tables import Table, top

Row = tuple[str, int, int]  # author, models, behavioral


def _facet(f: Filters) -> str:
    if f.pipeline_tag and f.family:
        return "tag_family"
    return "tag" if f.pipeline_tag else "family"


def _narrowed(f: Filters) -> bool:
    """Whether a filter narrows the models counted (AuthorCell has them all)."""
    return bool(f.dated or f.pipeline_tag or f.family)


def _ranked(f: Filters) -> QuerySet:
    """The ranked authors of the filters' tag/family (all authors without)."""
    if not (f.pipeline_tag or f.family):
        return AuthorCell.objects.order_by("-total", "author")
    return AuthorRankCell.objects.filter(
        facet=_facet(f), pipeline_tag=f.pipeline_tag, family=f.family
    ).order_by("rank")


def _grouped(f: Filters, authors: list[str] | None = None) -> QuerySet:
    cells = AuthorFacetCell.objects.all()
    if authors is not None:
        cells = cells.filter(author__in=authors)
    return (
        filtered(cells, f, relation=False)
        .values("author")
        .annotate(t=Sum("total"), b=Sum("behavioral"))
        .order_by("-t", "author")
        .values_list("author", "t", "b")
    )


def _from_candidates(f: Filters, limit: int) -> list[Row] | None:
    """The top limit + 1 dated rows, when the ranked candidates settle them.

    An author outside the candidates has at most `bound` models in all, so at
    most that many in the range: the rows found are exact when the limit-th
    has more. None when they do not settle it.
    """
    candidates = list(_ranked(f).values_list("author", "total")[:RANKED_AUTHORS])
    complete = len(candidates) < RANKED_AUTHORS
    found = list(_grouped(f, [a for a, _ in candidates])[: limit + 1])
    if complete:
        return found
    bound = candidates[-1][1]
    if len(found) > limit and found[limit - 1][1] > bound:
        return found
    return None


def _every_row(f: Filters) -> QuerySet:
    """Every author row the filters keep, ranked (the uncut table)."""
    if _narrowed(f):
        return _grouped(f)
    return _ranked(f).values_list("author", "total", "behavioral")


def author_rows(f: Filters, limit: int | None) -> list[Row]:
    """Up to limit + 1 rows (every row when limit is None), ranked."""
    if limit is None:
        return list(_every_row(f))
    # Unfiltered (AuthorCell is ranked), or more rows than the ranks hold.
    if not _narrowed(f) or limit >= RANKED_AUTHORS:
        return list(_every_row(f)[: limit + 1])
    if not f.dated:
        ranked = _ranked(f).values_list("author", "total", "behavioral")
        return list(ranked[: limit + 1])
    found = _from_candidates(f, limit)
    return found if found is not None else list(_grouped(f)[: limit + 1])


def author_csv_rows(f: Filters) -> Iterator[list]:
    """Every row of the by-author table, read in chunks: the CSV streams a
    million authors without holding them all."""
    for row in _every_row(f).iterator(chunk_size=10_000):
        yield with_share(*row)


def author_table(f: Filters, limit: int | None, authors_total: int | None) -> Table:
    """The by-author table; `authors_total` is how many authors there are in
    all (the rollups' count), used when no filter narrows them."""
    rows = author_rows(f, limit)
    if _narrowed(f) or limit is None:
        total = None
    elif authors_total is None:
        total = AuthorCell.objects.count()
    else:
        total = authors_total
    table = Table.of(
        ADOPTION.table("by_author"),
        [with_share(*r) for r in top(rows, limit)],
        total_rows=total,
    )
    # One row past the limit tells whether the table was cut.
    if total is None and limit is not None and len(rows) > limit:
        table.total_rows, table.more = None, True
    return table
