"""Reads for the analytics: adoption, clause convergence, drift and adherence.

`headline` runs the hub_report figures straight over the models; `figures`
reads the rollup cubes (tracker.rollups) with the page and API filters;
`adherence` walks one model's descendants.
"""

from .adherence import adherence_report
from .figures import (
    Table,
    adoption_figures,
    clause_figures,
    convergence_figures,
    drift_figures,
    headline_from_rollups,
    state,
    transition_figures,
)
from .filters import Filters, FiltersForm
from .headline import HEADLINE_KEYS, headline_figures

__all__ = [
    "HEADLINE_KEYS",
    "Filters",
    "FiltersForm",
    "Table",
    "adherence_report",
    "adoption_figures",
    "clause_figures",
    "convergence_figures",
    "drift_figures",
    "headline_figures",
    "headline_from_rollups",
    "state",
    "transition_figures",
]
