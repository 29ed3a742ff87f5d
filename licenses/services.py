"""Writes for composed licenses: check drafts against the library, store versions."""

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from clauses.models import Category, Clause, ClauseVersion
from clauses.vocabulary import ARTIFACTS, DOMAINS, FLAVORS

from .edit_keys import key_digest, new_edit_key
from .models import ChosenClause, CustomClause, License, LicenseVersion
from .rendering.document import ClauseItem, CustomItem, LicenseDocument, rail_name
from .rendering.markdown import (
    CURRENT_TEMPLATE_VERSION,
    compose_markdown,
    markdown_checksum,
)

MAX_CUSTOM_CLAUSES = 10
CUSTOM_CLAUSE_MAX_LENGTH = 600
CUSTOM_CLAUSE_MIN_LENGTH = 10


@dataclass(frozen=True)
class CustomDraft:
    text: str
    category: str


@dataclass(frozen=True)
class LicenseDraft:
    """What an author chose; plain data shared by the web form and the API."""

    project_name: str
    licensor: str
    flavor: str
    artifacts: tuple[str, ...]
    clause_slugs: tuple[str, ...] = ()
    custom_clauses: tuple[CustomDraft, ...] = ()
    project_url: str = ""
    notes: str = ""


@dataclass
class ResolvedDraft:
    draft: LicenseDraft
    clause_versions: list[ClauseVersion] = field(default_factory=list)
    custom: list[tuple[str, Category]] = field(default_factory=list)


def clause_applies(clause: Clause, artifacts: list[str] | tuple[str, ...]) -> bool:
    return bool(set(artifacts) & set(clause.artifacts))


def clause_is_mandatory(
    clause: Clause, *, flavor: str, artifacts: list[str] | tuple[str, ...]
) -> bool:
    """The one rule for the form (which locks) and the service (which adds).

    A clause is mandatory when it is approved, required by the flavor, and
    applies to at least one chosen artifact.
    """
    return (
        clause.status == "approved"
        and flavor in clause.mandatory_in
        and clause_applies(clause, artifacts)
    )


def mandatory_clauses(
    *, flavor: str, artifacts: list[str] | tuple[str, ...]
) -> list[Clause]:
    """The clauses a license of this flavor must carry for these artifacts."""
    return [
        c
        for c in offered_clauses(artifacts=artifacts)
        if clause_is_mandatory(c, flavor=flavor, artifacts=artifacts)
    ]


def draft_resolve(*, draft: LicenseDraft) -> ResolvedDraft:
    """Check a draft against the library and pin the exact clause versions.

    The flavor's mandatory clauses are always added. Raises ValidationError
    with a message per field (unknown, unapproved or inapplicable clauses,
    unknown categories of custom clauses).
    """
    errors: dict[str, list[str]] = {}
    if draft.flavor not in FLAVORS:
        errors["flavor"] = [f"'{draft.flavor}' is not one of {', '.join(FLAVORS)}."]
    if draft.project_url and not draft.project_url.lower().startswith(
        ("http://", "https://")
    ):
        errors["project_url"] = ["Only http and https URLs are allowed."]
    if not draft.artifacts:
        errors["artifacts"] = ["Choose at least one artifact."]
    elif set(draft.artifacts) - set(ARTIFACTS):
        unknown = sorted(set(draft.artifacts) - set(ARTIFACTS))
        errors["artifacts"] = [f"Unknown artifact(s): {', '.join(unknown)}."]

    requested = list(dict.fromkeys(draft.clause_slugs))
    found = {
        c.slug: c
        for c in Clause.objects.filter(slug__in=requested).select_related("category")
    }
    clause_errors = []
    for slug in requested:
        clause = found.get(slug)
        if clause is None:
            clause_errors.append(f"Unknown clause '{slug}'.")
        elif clause.status != "approved":
            clause_errors.append(f"Clause '{slug}' is not approved for use.")
        elif draft.artifacts and not clause_applies(clause, draft.artifacts):
            clause_errors.append(
                f"Clause '{slug}' does not apply to the chosen artifacts."
            )
    if clause_errors:
        errors["clauses"] = clause_errors

    if len(draft.custom_clauses) > MAX_CUSTOM_CLAUSES:
        errors["custom_clauses"] = [
            f"At most {MAX_CUSTOM_CLAUSES} custom restrictions are allowed."
        ]
    categories = {c.key: c for c in Category.objects.all()}
    custom: list[tuple[str, Category]] = []
    for index, item in enumerate(draft.custom_clauses, start=1):
        text = " ".join(item.text.split())
        if not CUSTOM_CLAUSE_MIN_LENGTH <= len(text) <= CUSTOM_CLAUSE_MAX_LENGTH:
            errors.setdefault("custom_clauses", []).append(
                f"Custom restriction {index} must be {CUSTOM_CLAUSE_MIN_LENGTH} to "
                f"{CUSTOM_CLAUSE_MAX_LENGTH} characters."
            )
        if item.category not in categories:
            errors.setdefault("custom_clauses", []).append(
                f"Custom restriction {index} has an unknown category '{item.category}'."
            )
        else:
            custom.append((text, categories[item.category]))
    if errors:
        raise ValidationError(errors)

    chosen = {
        c.slug: c
        for c in mandatory_clauses(flavor=draft.flavor, artifacts=draft.artifacts)
    }
    chosen.update({slug: found[slug] for slug in requested})
    ordered = sorted(
        chosen.values(), key=lambda c: (DOMAINS.index(c.domain), c.title, c.slug)
    )
    pinned = {
        (v.clause_id, v.version): v
        for v in ClauseVersion.objects.filter(clause__in=ordered).select_related(
            "category", "clause"
        )
    }
    return ResolvedDraft(
        draft=draft,
        clause_versions=[pinned[(c.pk, c.version)] for c in ordered],
        custom=custom,
    )


def document_from_resolved(
    *, resolved: ResolvedDraft, slug: str, number: int, issued
) -> LicenseDocument:
    draft = resolved.draft
    return LicenseDocument(
        slug=slug,
        version=number,
        project_name=draft.project_name,
        licensor=draft.licensor,
        project_url=draft.project_url,
        notes=draft.notes,
        flavor=draft.flavor,
        artifacts=tuple(a for a in ARTIFACTS if a in draft.artifacts),
        issued=issued,
        clauses=tuple(_clause_item(v) for v in resolved.clause_versions),
        custom=tuple(
            CustomItem(text=text, category=cat.key, category_name=cat.name)
            for text, cat in resolved.custom
        ),
    )


def _clause_item(version: ClauseVersion) -> ClauseItem:
    return ClauseItem(
        slug=version.clause.slug,
        version=version.version,
        title=version.title,
        text=version.text,
        domain=version.domain,
        category=version.category.key,
    )


def new_license_slug(project_name: str = "") -> str:
    """A fresh license slug: readable prefix plus a random suffix."""
    base = slugify(project_name)[:40].strip("-") or "license"
    return f"{base}-{secrets.token_hex(3)}"


def offered_clauses(*, artifacts: list[str] | tuple[str, ...]) -> list[Clause]:
    """Approved clauses that apply to at least one of the chosen artifacts."""
    return [
        c
        for c in Clause.objects.filter(status="approved")
        .select_related("category")
        .order_by("title")
        if clause_applies(c, artifacts)
    ]


@transaction.atomic
def _version_store(
    *, license: License, number: int, resolved: ResolvedDraft
) -> LicenseVersion:
    now = timezone.now()
    doc = document_from_resolved(
        resolved=resolved, slug=license.slug, number=number, issued=now.date()
    )
    markdown = compose_markdown(doc, template_version=CURRENT_TEMPLATE_VERSION)
    draft = resolved.draft
    version = LicenseVersion(
        license=license,
        number=number,
        project_name=draft.project_name,
        licensor=draft.licensor,
        project_url=draft.project_url,
        notes=draft.notes,
        flavor=draft.flavor,
        artifacts=list(doc.artifacts),
        name=rail_name(draft.flavor, doc.artifacts),
        template_version=CURRENT_TEMPLATE_VERSION,
        markdown=markdown,
        checksum=markdown_checksum(markdown),
        created_at=now,
    )
    version.full_clean()
    version.save()
    ChosenClause.objects.bulk_create(
        ChosenClause(license_version=version, clause_version=cv, position=i)
        for i, cv in enumerate(resolved.clause_versions)
    )
    CustomClause.objects.bulk_create(
        CustomClause(license_version=version, position=i, text=text, category=cat)
        for i, (text, cat) in enumerate(resolved.custom)
    )
    return version


def license_create(*, draft: LicenseDraft, slug: str | None = None) -> LicenseVersion:
    """Create a new license with its first version.

    `slug` is the one the wizard showed in its preview; a fresh one is drawn
    when it is missing or already taken. The returned version carries the
    license's new edit key as `edit_key` (only its digest is stored).
    """
    resolved = draft_resolve(draft=draft)
    candidates = [slug] if slug else []
    candidates += [new_license_slug(draft.project_name) for _ in range(5)]
    edit_key = new_edit_key()
    for candidate in candidates:
        try:
            with transaction.atomic():
                license = License.objects.create(
                    slug=candidate, edit_key_hash=key_digest(edit_key)
                )
                version = _version_store(license=license, number=1, resolved=resolved)
                # The plain key lives only on this returned object: it is
                # shown to the author once and never stored.
                version.edit_key = edit_key
                return version
        except IntegrityError:  # slug taken: draw another suffix
            continue
    raise RuntimeError("could not allocate a unique license slug")


def license_version_create(*, license: License, draft: LicenseDraft) -> LicenseVersion:
    """Add the next immutable version to an existing license."""
    resolved = draft_resolve(draft=draft)
    with transaction.atomic():
        locked = License.objects.select_for_update().get(pk=license.pk)
        last = locked.versions.order_by("-number").values_list("number", flat=True)
        number = (last.first() or 0) + 1
        return _version_store(license=locked, number=number, resolved=resolved)
