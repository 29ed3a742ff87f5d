"""Shared reads over the rollup cubes: the filters applied, sums grouped."""

from django.db.models import QuerySet, Sum

from ..models import (
    Analytics,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
    TransitionPairCell,
)
from .filters import Filters
from .sql import RELATION_BITS


def share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def with_share(label, total: int, behavioral: int) -> list:
    """A table row: label, models, behavioral-use models and their share."""
    return [label, total, behavioral, share(behavioral, total)]


def masks_with(relation: str) -> list[int]:
    """Every relation bit mask that includes `relation`."""
    bit = RELATION_BITS[relation]
    return [m for m in range(1 << len(RELATION_BITS)) if m & bit]


def filtered(
    qs: QuerySet,
    f: Filters,
    *,
    family_field: str = "family",
    tag: bool = True,
    relation: bool = True,
) -> QuerySet:
    """The cube rows the filters keep.

    Undated rows drop out once a date range is given. `family_field` is the
    cube column the family filter applies to ("" for none).
    """
    if f.dated:
        qs = qs.exclude(month="")
    if f.date_from:
        qs = qs.filter(month__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(month__lte=f.date_to)
    if tag and f.pipeline_tag:
        qs = qs.filter(pipeline_tag=f.pipeline_tag)
    if f.family and family_field:
        qs = qs.filter(**{family_field: f.family})
    if relation and f.relation:
        if qs.model in (TransitionCell, TransitionPairCell):
            qs = qs.filter(relation=f.relation)
        elif qs.model in (DerivativeCell, FamilyDriftCell):
            qs = qs.filter(relations__in=masks_with(f.relation))
    return qs


def sums(qs: QuerySet, *by: str, total: str = "total") -> list[dict]:
    """Rows grouped by `by`, each with n = the sum of `total`."""
    return list(qs.values(*by).annotate(n=Sum(total)).order_by(*by))


def state() -> Analytics | None:
    return Analytics.objects.order_by("pk").first()
