"""Tracker models: Hub models and lineage, import runs, matches, analytics rollups."""

from .hub import (  # noqa: F401
    HubModel,
    LineageClaim,
    LineageEdge,
)
from .matching import (  # noqa: F401
    CatalogConfigurationMatch,
    ClauseMatch,
    ConfigurationMatch,
    ModelLicense,
)
from .rollups import (  # noqa: F401
    AdoptionCell,
    Analytics,
    AuthorCell,
    AuthorFacetCell,
    AuthorRankCell,
    ConfigurationCell,
    DerivativeCell,
    FamilyDriftCell,
    LicenseClass,
    TransitionCell,
    TransitionPairCell,
)
from .runs import (  # noqa: F401
    ImportChunk,
    ImportRun,
    PutAsideRow,
)
