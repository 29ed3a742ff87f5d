"""License classes: what each distinct declared (tag, name, link) resolves to.

Hub models share few distinct declared triples, so the cubes join the models
to one LicenseClass row per triple instead of resolving millions of rows. A
refresh resolves only the triples it has not seen, unless the catalog or the
licenses composed here changed, when every triple is resolved again.
"""

from django.db import transaction

from ..models import HubModel, LicenseClass
from ..resolution import UNDECLARED, UNKNOWN, Resolver
from ..selectors import catalog_get

Triple = tuple[str, str, str]
FIELDS = ("key", "family", "behavioral", "propagates", "kind")


def license_kind(*, key: str, behavioral: bool, propagates: bool) -> str:
    """restricted | permissive | unknown | undeclared, for a resolved license."""
    if key == UNDECLARED:
        return "undeclared"
    if key in (UNKNOWN, "other"):
        return "unknown"
    return "restricted" if behavioral or propagates else "permissive"


def catalog_resolver() -> tuple[Resolver, dict[str, tuple[bool, bool]]]:
    """A Resolver over the catalog, and (behavioral, propagates) per key.

    Built from the same Catalog match_licenses uses, so a triple gets one
    answer (and one behavioral/propagates rule) whichever of the two resolves
    it."""
    catalog = catalog_get()
    facts = {
        e.key: (e.key in catalog.behavioral or e.propagates, e.propagates)
        for e in catalog.entries
    }
    versions: dict[str, list[int]] = {}
    for slug, number in catalog.versions:
        versions.setdefault(slug, []).append(number)
        # Composed here: behavioral by construction, and every composed text
        # binds derivatives to its use restrictions (a template condition).
        facts[f"railtrack:{slug}"] = (True, True)
    return Resolver(catalog.entries, generated_versions=versions), facts


def _classify(resolver: Resolver, facts: dict, triple: Triple) -> tuple:
    tag, name, link = triple
    found = resolver.resolve(tag=tag, name=name, link=link)
    behavioral, propagates = facts.get(found.key, (False, False))
    kind = license_kind(key=found.key, behavioral=behavioral, propagates=propagates)
    return (found.key, found.family, behavioral, propagates, kind)


def license_classes_refresh(*, full: bool = True) -> tuple[int, bool]:
    """Class every distinct declared triple; returns (how many, whether any changed).

    `full=False` resolves only the triples without a class yet and drops the
    ones no model declares any more: right as long as the catalog and the
    composed licenses did not change.
    """
    triples: set[Triple] = set(
        HubModel.objects.order_by()
        .values_list("declared_license", "license_name", "license_link")
        .distinct()
        .iterator(chunk_size=10_000)
    )
    existing = {
        (c.declared_license, c.license_name, c.license_link): c
        for c in LicenseClass.objects.all().iterator(chunk_size=10_000)
    }
    wanted = triples if full else triples - set(existing)
    resolver, facts = catalog_resolver() if wanted else (None, {})
    created, updated = [], []
    for triple in wanted:
        values = _classify(resolver, facts, triple)
        row = existing.get(triple)
        if row is None:
            created.append(
                LicenseClass(
                    declared_license=triple[0],
                    license_name=triple[1],
                    license_link=triple[2],
                    **dict(zip(FIELDS, values, strict=True)),
                )
            )
        elif tuple(getattr(row, f) for f in FIELDS) != values:
            for field, value in zip(FIELDS, values, strict=True):
                setattr(row, field, value)
            updated.append(row)
    gone = [row.pk for triple, row in existing.items() if triple not in triples]
    with transaction.atomic():
        if gone:
            LicenseClass.objects.filter(pk__in=gone).delete()
        LicenseClass.objects.bulk_update(updated, FIELDS, batch_size=2000)
        LicenseClass.objects.bulk_create(created, batch_size=2000)
    return len(triples), bool(created or updated or gone)
