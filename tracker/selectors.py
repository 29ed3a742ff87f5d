"""Reads of the tracker: models by id, import runs, put-aside rows, matches."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from clauses.models import Category, Clause, KnownLicense
from licenses.models import ChosenClause, CustomClause, LicenseVersion

from .matching import Profile
from .models import (
    ClauseMatch,
    ConfigurationMatch,
    HubModel,
    ImportRun,
    LineageEdge,
    ModelLicense,
    PutAsideRow,
)
from .resolution import CatalogEntry


def model_get(*, repo_id: str) -> HubModel | None:
    return HubModel.objects.filter(repo_id=repo_id).first()


def model_is_known_parent(*, repo_id: str) -> bool:
    """Whether some imported model names this id as a parent."""
    return LineageEdge.objects.filter(parent_repo_id=repo_id).exists()


def model_edges(*, model: HubModel) -> QuerySet[LineageEdge]:
    return model.parent_edges.select_related("parent").order_by(
        "parent_repo_id", "relation"
    )


def model_search(*, query: str, limit: int = 50) -> list[HubModel]:
    """Models whose id starts with the query, most downloaded first.

    A range on the unique repo_id index rather than LIKE, which SQLite and
    PostgreSQL (without a pattern-ops index) would answer by a full scan.
    """
    query = query.strip()
    if not query:
        return []
    upper = query[:-1] + chr(ord(query[-1]) + 1)
    found = HubModel.objects.filter(repo_id__gte=query, repo_id__lt=upper)
    return list(found.order_by("-downloads", "repo_id")[:limit])


def run_list(*, limit: int = 20) -> list[ImportRun]:
    return list(ImportRun.objects.order_by("-started_at", "-pk")[:limit])


def run_issues(*, run_id: int, reason: str | None = None) -> QuerySet[PutAsideRow]:
    issues = PutAsideRow.objects.filter(run_id=run_id)
    if reason:
        issues = issues.filter(reason=reason)
    return issues.order_by("path", "position", "pk")


# --- license matching (issue 5) ------------------------------------------------


@dataclass
class Catalog:
    """What matching needs from the library and the composer, as plain data."""

    entries: list[CatalogEntry]
    behavioral: set[str]  # catalog keys under a behavioral-use license
    latest: dict[str, int]  # license slug -> latest LicenseVersion id
    versions: dict[tuple[str, int], int]  # (slug, number) -> LicenseVersion id
    profiles: list[Profile]  # latest version of each authored license
    clause_ids: dict[str, int]  # clause slug -> Clause id


def catalog_get() -> Catalog:
    """Known licenses, authored licenses and their clause sets, in six queries."""
    behavioral = set(
        KnownLicense.objects.filter(
            categories__in=Category.objects.exclude(group="mechanics")
        ).values_list("key", flat=True)
    )
    entries = []
    for lic in KnownLicense.objects.all():
        entries.append(
            CatalogEntry(
                key=lic.key,
                family=lic.family,
                aliases=tuple(lic.aliases or ()),
                links=tuple(lic.links or ()),
                propagates=lic.propagates_restrictions,
                name=lic.name,
            )
        )
        if lic.propagates_restrictions:
            behavioral.add(lic.key)
    latest: dict[str, int] = {}
    versions: dict[tuple[str, int], int] = {}
    license_of: dict[int, int] = {}
    for pk, slug, number, license_id in LicenseVersion.objects.order_by(
        "license_id", "number"
    ).values_list("pk", "license__slug", "number", "license_id"):
        versions[(slug, number)] = pk
        latest[slug] = pk  # ordered by number: the last one wins
        license_of[pk] = license_id
    wanted = set(latest.values())
    categories: dict[int, set[str]] = {pk: set() for pk in wanted}
    clauses: dict[int, set[str]] = {pk: set() for pk in wanted}
    for version_id, clause, category in ChosenClause.objects.filter(
        license_version_id__in=wanted
    ).values_list(
        "license_version_id",
        "clause_version__clause__slug",
        "clause_version__category__key",
    ):
        clauses[version_id].add(clause)
        categories[version_id].add(category)
    for version_id, category in CustomClause.objects.filter(
        license_version_id__in=wanted
    ).values_list("license_version_id", "category__key"):
        categories[version_id].add(category)
    profiles = [
        Profile(pk, license_of[pk], frozenset(categories[pk]), frozenset(clauses[pk]))
        for pk in sorted(wanted)
    ]
    clause_ids = dict(Clause.objects.values_list("slug", "pk"))
    return Catalog(entries, behavioral, latest, versions, profiles, clause_ids)


def model_license_get(*, model: HubModel) -> ModelLicense | None:
    return (
        ModelLicense.objects.select_related("license_version__license")
        .filter(model=model)
        .first()
    )


def model_clause_matches(*, model: HubModel) -> QuerySet[ClauseMatch]:
    return model.clause_matches.select_related("clause").order_by("-score", "start")


def model_configuration_matches(*, model: HubModel) -> QuerySet[ConfigurationMatch]:
    return model.configuration_matches.select_related(
        "license_version__license"
    ).order_by("-exact", "-category_jaccard", "-clause_jaccard")


def resolutions_by_repo(*, repo_ids: list[str]) -> dict[str, ModelLicense]:
    """Resolved licenses of many models at once, keyed by repo id."""
    found = ModelLicense.objects.filter(model__repo_id__in=repo_ids).select_related(
        "model"
    )
    return {r.model.repo_id: r for r in found}


def version_adopters(*, version: LicenseVersion, limit: int = 20) -> list[HubModel]:
    """Hub models that adopted this license (any version resolved to it, or an
    exact configuration match on this version), most downloaded first."""
    adopted = Q(resolution__license_version__license_id=version.license_id) | Q(
        configuration_matches__license_version=version,
        configuration_matches__exact=True,
    )
    return list(
        HubModel.objects.filter(adopted)
        .distinct()
        .order_by("-downloads", "repo_id")
        .only("repo_id", "downloads")[:limit]
    )


def version_close_models(
    *, version: LicenseVersion, limit: int = 20
) -> list[ConfigurationMatch]:
    """Models whose clause sets resemble this version's, closest first."""
    return list(
        ConfigurationMatch.objects.filter(license_version=version, exact=False)
        .select_related("model")
        .order_by("-category_jaccard", "-clause_jaccard", "model_id")[:limit]
    )
