"""Demo content for a fresh install: a few example licenses."""

from .models import LicenseVersion
from .services import CustomDraft, LicenseDraft, license_create, license_version_create

DEMO_DRAFTS = [
    LicenseDraft(
        project_name="Aurora Vision",
        licensor="Aurora Labs",
        project_url="https://aurora.example/vision",
        notes="Image classifier weights and training code.",
        flavor="OpenRAIL",
        artifacts=("model", "source_code"),
        clause_slugs=("no-unsupervised-medical-advice", "no-biometric-identification"),
    ),
    LicenseDraft(
        project_name="Heron Speech Corpus",
        licensor="Heron Collective",
        flavor="ResearchRAIL",
        artifacts=("data",),
        clause_slugs=("no-likeness-synthesis",),
        custom_clauses=(
            CustomDraft(
                text="Do not use the recordings to identify the speakers.",
                category="surveillance",
            ),
        ),
    ),
    LicenseDraft(
        project_name="Kestrel Chat",
        licensor="Kestrel Studio",
        flavor="RAIL",
        artifacts=("application", "model"),
        clause_slugs=("no-military-use", "no-automated-legal-decisions"),
    ),
]


# Fixed slugs, so the demo Hub models in fixtures/hub/ can declare them
# (license: other, license_name: <slug>) and show up as adopters.
DEMO_SLUGS = {
    "Aurora Vision": "aurora-vision-de0001",
    "Heron Speech Corpus": "heron-speech-corpus-de0002",
    "Kestrel Chat": "kestrel-chat-de0003",
}


def demo_licenses_create() -> list[LicenseVersion]:
    """Create the demo licenses that do not exist yet; safe to run again.

    The first demo license also gets a second version, so the version list
    and the diff page have something to show.
    """
    from clauses.models import Clause

    known = set(Clause.objects.values_list("slug", flat=True))
    created = []
    for draft in DEMO_DRAFTS:
        if LicenseVersion.objects.filter(project_name=draft.project_name).exists():
            continue
        usable = tuple(s for s in draft.clause_slugs if s in known)
        version = license_create(
            draft=_with_clauses(draft, usable),
            slug=DEMO_SLUGS.get(draft.project_name),
        )
        created.append(version)
        if draft is DEMO_DRAFTS[0]:
            wider = _with_clauses(
                draft, usable, artifacts=("data", "model", "source_code")
            )
            created.append(license_version_create(license=version.license, draft=wider))
    return created


def _with_clauses(draft: LicenseDraft, slugs, artifacts=None) -> LicenseDraft:
    from dataclasses import replace

    return replace(draft, clause_slugs=slugs, artifacts=artifacts or draft.artifacts)
