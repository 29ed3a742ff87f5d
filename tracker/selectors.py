"""Reads of the tracker: models by id, import runs, put-aside rows, matches."""

from dataclasses import dataclass, field

from django.db.models import Case, FloatField, Q, QuerySet, Value, When

from clauses.models import Category, Clause, KnownLicense
from licenses.models import ChosenClause, CustomClause, LicenseVersion

from .matching import Profile
from .models import (
    CatalogConfigurationMatch,
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
    profiles: list[Profile]  # every version of each authored license (chosen)
    clause_ids: dict[str, int]  # clause slug -> Clause id
    checksums: dict[int, str] = field(default_factory=dict)  # version -> sha256
    # catalog key -> (its categories, the library clauses taken from it)
    known: dict[str, tuple[frozenset[str], frozenset[str]]] = field(
        default_factory=dict
    )


def propagates_restrictions(known: KnownLicense, category_keys) -> bool:
    """A catalog license binds derivatives to its use restrictions when it
    says so, or when it carries the restrictions-propagate category."""
    return known.propagates_restrictions or PROPAGATES_CATEGORY in category_keys


PROPAGATES_CATEGORY = "restrictions-propagate"

# Resolutions decided by the card's declaration alone (no text analysed).
DECLARED_METHODS = ("tag", "name", "link")


def catalog_get() -> Catalog:
    """Known licenses, authored licenses and their clause sets, in eight queries."""
    behavioral = set(
        KnownLicense.objects.filter(
            categories__in=Category.objects.exclude(group="mechanics")
        ).values_list("key", flat=True)
    )
    known_categories: dict[str, set[str]] = {}
    for key, category in KnownLicense.categories.through.objects.values_list(
        "knownlicense__key", "category__key"
    ):
        known_categories.setdefault(key, set()).add(category)
    known_clauses: dict[str, set[str]] = {}
    for key, slug in Clause.provenance.through.objects.values_list(
        "knownlicense__key", "clause__slug"
    ):
        known_clauses.setdefault(key, set()).add(slug)
    entries = []
    known = {}
    for lic in KnownLicense.objects.all():
        entries.append(
            CatalogEntry(
                key=lic.key,
                family=lic.family,
                aliases=tuple(lic.aliases or ()),
                links=tuple(lic.links or ()),
                propagates=propagates_restrictions(
                    lic, known_categories.get(lic.key, ())
                ),
                name=lic.name,
            )
        )
        known[lic.key] = (
            frozenset(known_categories.get(lic.key, ())),
            frozenset(known_clauses.get(lic.key, ())),
        )
        if entries[-1].propagates:
            behavioral.add(lic.key)
    latest: dict[str, int] = {}
    versions: dict[tuple[str, int], int] = {}
    license_of: dict[int, int] = {}
    checksums: dict[int, str] = {}
    for pk, slug, number, license_id, checksum in LicenseVersion.objects.order_by(
        "license_id", "number"
    ).values_list("pk", "license__slug", "number", "license_id", "checksum"):
        versions[(slug, number)] = pk
        latest[slug] = pk  # ordered by number: the last one wins
        license_of[pk] = license_id
        checksums[pk] = checksum
    categories: dict[int, set[str]] = {pk: set() for pk in license_of}
    clauses: dict[int, set[str]] = {pk: set() for pk in license_of}
    for version_id, clause, category in ChosenClause.objects.values_list(
        "license_version_id",
        "clause_version__clause__slug",
        "clause_version__category__key",
    ):
        clauses[version_id].add(clause)
        categories[version_id].add(category)
    for version_id, category in CustomClause.objects.values_list(
        "license_version_id", "category__key"
    ):
        categories[version_id].add(category)
    newest = set(latest.values())
    profiles = [
        Profile(
            pk,
            license_of[pk],
            frozenset(categories[pk]),
            frozenset(clauses[pk]),
            latest=pk in newest,
        )
        for pk in sorted(license_of)
    ]
    clause_ids = dict(Clause.objects.values_list("slug", "pk"))
    return Catalog(
        entries, behavioral, latest, versions, profiles, clause_ids, checksums, known
    )


def version_texts(*, version_ids: list[int]) -> dict[int, str]:
    """The composed Markdown of some license versions."""
    return dict(
        LicenseVersion.objects.filter(pk__in=version_ids).values_list("pk", "markdown")
    )


def model_license_get(*, model: HubModel) -> ModelLicense | None:
    return (
        ModelLicense.objects.select_related("license_version__license")
        .filter(model=model)
        .first()
    )


def model_clause_matches(*, model: HubModel) -> QuerySet[ClauseMatch]:
    return model.clause_matches.select_related("clause").order_by("-score", "start")


def model_configuration_matches(*, model: HubModel) -> list[ConfigurationMatch]:
    """The model's adoption and near configurations. A model resolved to a
    catalog license without a text shares that license's near configurations
    (unsaved rows with basis "catalog")."""
    rows = list(
        model.configuration_matches.select_related("license_version__license").order_by(
            "-exact", "-category_jaccard", "-clause_jaccard"
        )
    )
    resolution = ModelLicense.objects.filter(model=model).first() if model.pk else None
    if (
        resolution is not None
        and resolution.method in DECLARED_METHODS
        and not any(not r.exact for r in rows)
    ):
        have = {r.license_version_id for r in rows}
        for near in CatalogConfigurationMatch.objects.filter(
            key=resolution.key
        ).select_related("license_version__license"):
            if near.license_version_id in have:
                continue
            rows.append(
                ConfigurationMatch(
                    model=model,
                    license_version=near.license_version,
                    exact=False,
                    category_jaccard=near.category_jaccard,
                    clause_jaccard=near.clause_jaccard,
                    basis="catalog",
                )
            )
    return rows


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
    """Models whose clause sets resemble this version's, closest first: from
    their license texts, and models resolved to a catalog license that does
    (those as unsaved rows with basis "catalog")."""
    rows = list(
        ConfigurationMatch.objects.filter(license_version=version, exact=False)
        .select_related("model")
        .order_by("-category_jaccard", "-clause_jaccard", "model_id")[:limit]
    )

    rows.extend(_catalog_close_models(version=version, limit=limit))
    rows.sort(key=lambda r: (r.category_jaccard, r.clause_jaccard), reverse=True)
    return rows[:limit]


def _catalog_close_models(
    *, version: LicenseVersion, limit: int
) -> list[ConfigurationMatch]:
    """The closest models resolved, by declaration, to a catalog license that
    resembles this version: one query ranked by that license's similarity,
    then downloads (not one query per catalog license)."""
    nearest = list(CatalogConfigurationMatch.objects.filter(license_version=version))
    if not nearest:
        return []

    def score_of(field_name: str) -> Case:
        return Case(
            *(
                When(resolution__key=n.key, then=Value(getattr(n, field_name)))
                for n in nearest
            ),
            output_field=FloatField(),
        )

    models = (
        HubModel.objects.filter(
            resolution__key__in=[n.key for n in nearest],
            resolution__method__in=DECLARED_METHODS,
        )
        .exclude(configuration_matches__license_version=version)
        .annotate(
            near_category=score_of("category_jaccard"),
            near_clause=score_of("clause_jaccard"),
        )
        .order_by("-near_category", "-near_clause", "-downloads", "repo_id")
        .only("repo_id", "downloads")[:limit]
    )
    return [
        ConfigurationMatch(
            model=m,
            license_version=version,
            exact=False,
            category_jaccard=m.near_category,
            clause_jaccard=m.near_clause,
            basis="catalog",
        )
        for m in models
    ]
