"""A new user composes a license in headless chromium, then reads the PDF back."""

import io
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from clauses.services import library_load

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", tempfile.gettempdir()))
CUSTOM_TEXT = "Do not use the Artifact to grade school exams."
CHOSEN_TITLE = "Surveillance of people"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def _library_restored(django_db_setup, django_db_blocker):
    # live_server tests are transactional: their tables are flushed afterwards,
    # which would leave later tests without the library the session loaded.
    yield
    with django_db_blocker.unblock():
        library_load(root=settings.FIXTURES_ROOT)


@pytest.fixture
def library(_library_restored, transactional_db):
    report = library_load(root=settings.FIXTURES_ROOT)
    assert not report.errors, report.errors


@pytest.fixture
def browser(monkeypatch):
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


@pytest.fixture
def page(browser):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text} {msg.location}")
            if msg.type == "error" and "favicon.ico" not in str(msg.location)
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    yield page
    context.close()
    assert problems == []


def screenshot(page, name: str) -> None:
    """Full-page screenshot to look at by eye; a capture glitch is retried once."""
    path = str(SCREENSHOTS / f"railtrack-{name}.png")
    page.wait_for_load_state("networkidle")
    try:
        page.screenshot(path=path, full_page=True)
    except Exception:  # chromium now and then refuses one capture
        page.wait_for_timeout(500)
        page.screenshot(path=path, full_page=True)


def pdf_text(path: str) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(Path(path).read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub("\u2010\\s*\n", "", text)  # WeasyPrint's hyphenation
    return len(reader.pages), " ".join(text.split())


def test_new_user_composes_and_downloads_a_license(live_server, library, page):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/")
    # The stylesheet is served: the top bar is laid out as a flex row.
    assert page.eval_on_selector(".topbar", "e => getComputedStyle(e).display") == (
        "flex"
    )
    page.get_by_role("link", name="Compose a license").click()

    # Step 1, first without a project name: the field says what is missing.
    expect(page).to_have_url(re.compile(r"/licenses/new/project/$"))
    page.get_by_label("Licensor").fill("Aurora Labs")
    page.get_by_label("Project URL").fill("https://aurora.example/vision")
    page.get_by_role("radio", name=re.compile(r"OpenRAIL:")).check()
    page.get_by_role("button", name="Continue").click()
    name_field = page.locator(".field.has-error", has=page.locator("#id_project_name"))
    expect(name_field.get_by_role("alert")).to_have_text("This field is required.")
    expect(page.get_by_label("Licensor")).to_have_value("Aurora Labs")
    expect(page.get_by_role("radio", name=re.compile(r"OpenRAIL:"))).to_be_checked()
    page.get_by_label("Project or artifact name").fill("Aurora Vision")
    page.get_by_role("button", name="Continue").click()

    # Step 2: artifacts.
    expect(page).to_have_url(re.compile(r"/licenses/new/artifacts/$"))
    page.get_by_label("Model").check()
    page.get_by_label("Source code").check()
    page.get_by_role("button", name="Continue").click()

    # Step 3: restrictions. The preview first shows the mandatory clauses.
    expect(page).to_have_url(re.compile(r"/licenses/new/restrictions/$"))
    preview = page.locator("#live-preview")
    expect(preview).to_contain_text("Attachment A")
    expect(preview).to_contain_text("Harming minors")
    expect(preview).not_to_contain_text(CHOSEN_TITLE)
    screenshot(page, "restrictions")

    options = page.locator(".clause-option")
    shown = page.locator(".clause-option:not(.hidden)")
    total = options.count()
    assert total > 40
    assert shown.count() == total
    page.get_by_label("Find a restriction").fill("surveil")
    expect(shown).not_to_have_count(total)  # filtered as typed, no submit
    titles = shown.locator("strong").all_inner_texts()
    assert CHOSEN_TITLE in titles
    assert "Malware" not in titles
    assert all("surveil" in t.lower() for t in shown.all_inner_texts())
    expect(page.get_by_role("button", name="Filter")).to_be_hidden()

    option = shown.filter(has_text=CHOSEN_TITLE)
    option.get_by_role("checkbox").check()
    expect(preview).to_contain_text(CHOSEN_TITLE)
    expect(preview).to_contain_text("surveil individuals or populations")
    page.get_by_label("Find a restriction").fill("")
    expect(shown).to_have_count(total)

    custom = page.locator(".custom-row").first
    custom.get_by_label("Restriction in your own words").fill(CUSTOM_TEXT)
    custom.get_by_role("combobox").select_option("academic-dishonesty")
    expect(preview).to_contain_text(CUSTOM_TEXT)
    page.get_by_role("button", name="Review the license").click()

    # Step 4: review.
    expect(page).to_have_url(re.compile(r"/licenses/new/review/$"))
    expect(page.locator(".license-name")).to_have_text("OpenRAIL-MS")
    text = page.locator("article.license-text")
    expect(text.locator("h1")).to_have_text("Aurora Vision OpenRAIL-MS License")
    expect(text).to_contain_text(CHOSEN_TITLE)
    expect(text).to_contain_text(CUSTOM_TEXT)
    page.get_by_role("button", name="Create", exact=True).click()

    # The permalink page.
    expect(page).to_have_url(re.compile(r"/licenses/[a-z0-9-]+/v1/$"))
    slug = page.url.rstrip("/").split("/")[-2]
    expect(page.locator(".messages")).to_contain_text("OpenRAIL-MS version 1 created.")
    for fmt in ("md", "html", "txt", "pdf", "json", "yaml"):
        expect(page.locator(f".downloads a[data-format={fmt}]")).to_be_visible()
    snippet = page.locator("#card-snippet")
    expect(snippet).to_contain_text("license: other")
    expect(snippet).to_contain_text(f"license_name: {slug}")
    expect(snippet).to_contain_text("license_link: LICENSE.md")
    badge = page.locator(".license-side img")
    expect(badge).to_have_attribute("alt", "license: OpenRAIL-MS v1")
    assert badge.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, "permalink")

    with page.expect_download() as download_info:
        page.locator(".downloads a[data-format=pdf]").click()
    download = download_info.value
    assert download.suggested_filename == f"{slug}-v1.pdf"
    pages, pdf = pdf_text(download.path())
    assert pages >= 2
    assert "Aurora Vision OpenRAIL-MS License" in pdf
    assert f"{CHOSEN_TITLE}." in pdf
    assert CUSTOM_TEXT in pdf
    assert f"railtrack:{slug}:v1" in pdf
    assert f"Page {pages} of {pages}" in pdf
