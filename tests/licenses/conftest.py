"""Fixtures for composer tests."""

import pytest

from licenses.services import CustomDraft, LicenseDraft, license_create

HOSTILE_NAME = "<script>alert('x')</script> ](javascript:alert(1)) ![i](http://e/i.png)"


@pytest.fixture
def draft() -> LicenseDraft:
    return LicenseDraft(
        project_name="Aurora Vision",
        licensor="Aurora Labs",
        project_url="https://aurora.example/vision",
        notes="Weights and training code.",
        flavor="OpenRAIL",
        artifacts=("source_code", "model"),
        clause_slugs=("no-unsupervised-medical-advice",),
        custom_clauses=(
            CustomDraft(
                text="Do not use the Artifact to grade school exams.",
                category="academic-dishonesty",
            ),
        ),
    )


@pytest.fixture
def version(db, draft):
    return license_create(draft=draft)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Creation is rate-limited per client; each test starts with a full allowance."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
