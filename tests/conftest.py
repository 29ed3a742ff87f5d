"""Shared test set-up: fast hashing, the library loaded once, headless chromium."""

from pathlib import Path

import pytest
from django.conf import settings

from clauses.services import library_load

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(settings.SHARED_DIR)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The library is read-only for nearly every test, so load it once; tests
    # run in transactions that roll back to this state.
    with django_db_blocker.unblock():
        report = library_load(root=settings.FIXTURES_ROOT)
        assert not report.errors, report.errors


@pytest.fixture(scope="module")
def _library_restored(django_db_setup, django_db_blocker):
    # live_server tests are transactional: their tables are flushed afterwards,
    # which would leave later tests without the library the session loaded.
    yield
    with django_db_blocker.unblock():
        library_load(root=settings.FIXTURES_ROOT)


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


@pytest.fixture
def browser(monkeypatch):
    """Headless chromium through Playwright; skips when either is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop running in this thread, so any
    # ORM call made while the browser is open would trip Django's async check.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:  # any launch failure means: skip
            pytest.skip(f"chromium cannot start: {exc}")
        yield browser
        browser.close()
