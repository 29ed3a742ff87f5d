"""Shared test set-up: fast hashing, the real library loaded once per session."""

from pathlib import Path

import pytest
from django.conf import settings

from clauses.services import library_load

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(settings.SHARED_DIR)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The library is read-only for nearly every test, so load it once; tests
    # run in transactions that roll back to this state.
    with django_db_blocker.unblock():
        report = library_load(root=settings.FIXTURES_ROOT)
        assert not report.errors, report.errors


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_dir() -> Path:
    """../shared/ when present; tests that need it skip cleanly without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not present")
    return SHARED


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "staff", "staff@example.org", "pw", is_staff=True, is_superuser=True
    )
    client.force_login(user)
    return client
