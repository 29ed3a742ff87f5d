"""Reads for the analytics: adoption, clause convergence, drift and adherence.

`headline` runs the hub_report figures straight over the models; the other
modules read the rollup cubes (tracker.rollups) with the page and API
filters; `adherence` walks one model's descendants. `specs` declares what
each figure returns.
"""

from .adherence import adherence_report
from .adoption import (
    adoption_figures,
    declared_table,
    derivative_summary,
    headline_from_rollups,
    monthly_table,
)
from .clauses import clause_figures, convergence_figures
from .figures import adherence_read, figure_read
from .filters import Filters, FiltersForm
from .headline import HEADLINE_KEYS, headline_figures
from .lineage import drift_figures, transition_figures
from .reads import state
from .specs import FIGURES
from .tables import Table

__all__ = [
    "FIGURES",
    "HEADLINE_KEYS",
    "Filters",
    "FiltersForm",
    "Table",
    "adherence_read",
    "adherence_report",
    "adoption_figures",
    "clause_figures",
    "convergence_figures",
    "declared_table",
    "derivative_summary",
    "drift_figures",
    "figure_read",
    "headline_figures",
    "headline_from_rollups",
    "monthly_table",
    "state",
    "transition_figures",
]
