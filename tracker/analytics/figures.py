"""One entry point for every figure by name, as the pages and the API call them.

A figure only changes when the rollups are refreshed, so a read with a row
limit (and an adherence report) is kept in Django's cache under the refresh
it was read from: the first request for a filter pays for the read, the next
ones do not, and a refresh moves every key on. Uncut reads (CSV, limit=0)
are not kept; at Hub scale one holds a row per author.
"""

import hashlib

from django.core.cache import cache

from ..models import Analytics
from .adherence import adherence_report
from .adoption import adoption_figures
from .clauses import clause_figures, convergence_figures
from .filters import Filters
from .lineage import drift_figures, transition_figures

CACHE_SECONDS = 3600


def _read(name: str, filters: Filters, limit, options: dict, current) -> dict:
    if name == "adoption":
        authors = (current.counts or {}).get("authors") if current else None
        return adoption_figures(
            filters=filters,
            limit=limit,
            authors_total=authors,
            with_authors=options.get("only") in (None, "by_author"),
        )
    if name == "clauses":
        level = options.get("level") or "category"
        return clause_figures(filters=filters, level=level, limit=limit)
    if name == "convergence":
        return convergence_figures(filters=filters, current=current)
    if name == "transitions":
        return transition_figures(filters=filters, limit=limit)
    if name == "drift":
        return drift_figures(filters=filters, limit=limit)
    raise KeyError(name)


def _key(current: Analytics, *parts) -> str:
    """A cache key that moves on with every refresh of the rollups."""
    read = repr((current.pk, current.refreshed_at.isoformat(), *parts))
    return "analytics:" + hashlib.blake2b(read.encode(), digest_size=16).hexdigest()


def cache_key(name: str, filters: Filters, limit, options: dict, current) -> str:
    return _key(
        current,
        name,
        sorted(filters.as_query().items()),
        limit,
        sorted(options.items()),
    )


def _cacheable(limit: int | None, current: Analytics | None) -> bool:
    return limit is not None and current is not None and bool(current.refreshed_at)


def _cached(key: str, read):
    value = cache.get(key)
    if value is None:
        value = read()
        cache.set(key, value, CACHE_SECONDS)
    return value


def figure_read(
    name: str,
    *,
    filters: Filters,
    limit: int | None,
    options: dict | None = None,
    current: Analytics | None = None,
) -> dict:
    """The summary and tables of figure `name` (see specs.FIGURES).

    `current` is the rollups' state row when the caller has it already;
    without it (or before the first refresh) nothing is cached.
    """
    options = options or {}
    if not _cacheable(limit, current):
        return _read(name, filters, limit, options, current)
    return _cached(
        cache_key(name, filters, limit, options, current),
        lambda: _read(name, filters, limit, options, current),
    )


def adherence_read(
    *, repo_id: str, limit: int | None, current: Analytics | None
) -> dict:
    """adherence_report, cached like the figures.

    It reads the models and edges, not the cubes, but those change only
    through imports and match runs, and each of them ends with a refresh:
    the key moves on with the data.
    """
    if not _cacheable(limit, current):
        return adherence_report(repo_id=repo_id, limit=limit)
    return _cached(
        _key(current, "adherence", repo_id, limit),
        lambda: adherence_report(repo_id=repo_id, limit=limit),
    )
