"""Reads of the clause library."""

from collections import OrderedDict

from django.db.models import Prefetch, QuerySet

from .models import Category, Clause, KnownLicense
from .vocabulary import DOMAINS


def clause_list(*, approved_only: bool = False) -> QuerySet[Clause]:
    """Clauses with their category and provenance loaded in two extra queries."""
    qs = Clause.objects.select_related("category").prefetch_related(
        Prefetch("provenance", queryset=KnownLicense.objects.only("id", "key", "name"))
    )
    if approved_only:
        qs = qs.filter(status="approved")
    return qs


def clauses_by_domain(
    *, approved_only: bool = True
) -> "OrderedDict[str, list[Clause]]":
    """Clauses grouped by display domain, in the library's domain order."""
    grouped: OrderedDict[str, list[Clause]] = OrderedDict((d, []) for d in DOMAINS)
    for clause in clause_list(approved_only=approved_only).order_by("title"):
        grouped[clause.domain].append(clause)
    return OrderedDict((d, items) for d, items in grouped.items() if items)


def category_list() -> QuerySet[Category]:
    return Category.objects.all()


def known_license_list() -> QuerySet[KnownLicense]:
    return KnownLicense.objects.prefetch_related(
        Prefetch("categories", queryset=Category.objects.only("id", "key"))
    )
