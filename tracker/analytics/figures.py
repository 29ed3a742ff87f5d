"""One entry point for every figure by name, as the pages and the API call them."""

from ..models import Analytics
from .adoption import adoption_figures
from .clauses import clause_figures, convergence_figures
from .filters import Filters
from .lineage import drift_figures, transition_figures


def figure_read(
    name: str,
    *,
    filters: Filters,
    limit: int | None,
    options: dict | None = None,
    current: Analytics | None = None,
) -> dict:
    """The summary and tables of figure `name` (see specs.FIGURES).

    `current` is the rollups' state row when the caller has it already.
    """
    options = options or {}
    if name == "adoption":
        authors = (current.counts or {}).get("authors") if current else None
        return adoption_figures(filters=filters, limit=limit, authors_total=authors)
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
