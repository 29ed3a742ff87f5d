"""License PDFs read back with pypdf: pages, text, footer, and nothing active."""

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from licenses.selectors import version_download, version_get
from licenses.services import CustomDraft, LicenseDraft, license_create

pytestmark = pytest.mark.django_db

OPTIONAL = (
    "no-unsupervised-medical-advice",
    "no-surveillance",
    "no-military-use",
    "no-spam",
    "no-commercial-use",
)
CUSTOM = (
    CustomDraft(
        text="Do not use the Artifact to grade school exams.",
        category="academic-dishonesty",
    ),
    CustomDraft(
        text="Do not use the Artifact to price insurance for individuals.",
        category="automated-decisions",
    ),
)
HOSTILE = "<script>alert(1)</script> ](javascript:x) ![i](file:///etc/passwd)"
# PDF keys that make a document do something rather than show text.
ACTIVE_KEYS = {"/URI", "/JS", "/JavaScript", "/Launch", "/OpenAction", "/AA"}


def make_version(**overrides):
    draft = LicenseDraft(
        **{
            "project_name": "Aurora Vision",
            "licensor": "Aurora Labs",
            "flavor": "OpenRAIL",
            "artifacts": ("model", "source_code"),
            "clause_slugs": OPTIONAL,
            "custom_clauses": CUSTOM,
            **overrides,
        }
    )
    created = license_create(draft=draft)
    return version_get(slug=created.license.slug, number=created.number)


def read_pdf(data: bytes) -> tuple[PdfReader, list[str]]:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Undo line breaks and WeasyPrint's hyphenation (U+2010) for searching."""
    text = re.sub("\u2010\\s*\n", "", text)
    return " ".join(text.split())


def squeeze(text: str) -> str:
    return "".join(text.split())


def walk(obj, seen=None):
    """Every dictionary reachable from obj, following indirect references."""
    seen = set() if seen is None else seen
    if isinstance(obj, IndirectObject):
        key = (obj.idnum, obj.generation)
        if key in seen:
            return
        seen.add(key)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        yield obj
        for key, value in obj.items():
            if key != "/Parent":
                yield from walk(value, seen)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            yield from walk(value, seen)


def test_typical_license_pdf():
    version = make_version()
    reader, pages = read_pdf(version_download(version, "pdf"))
    text = flat("\n".join(pages))

    assert len(pages) >= 2
    assert "Aurora Vision OpenRAIL-MS License" in text
    assert "Attachment A: Use restrictions" in text
    titles = [c.clause_version.title for c in version.chosen.all()]
    assert len(titles) >= 5 + 3  # the optional ones and the flavor's mandatory ones
    for title in titles:
        assert f"{title}." in text, title
    for custom in CUSTOM:
        assert custom.text in text
    assert f"License-Id: railtrack:{version.license.slug}:v1" in text

    # Attachment A keeps one running number from the first restriction to the
    # last custom one, as in the Markdown (WeasyPrint ignores <ol start>).
    markers = re.findall(r"^(\d+)\. $", "\n".join(pages), flags=re.MULTILINE)
    total = len(titles) + len(CUSTOM)
    assert [int(m) for m in markers][-total:] == list(range(1, total + 1))

    footer = f"railtrack:{version.license.slug}:v1 · sha256 {version.checksum[:16]}"
    for number, page in enumerate(pages, start=1):
        assert footer in flat(page), number
        assert f"Page {number} of {len(pages)}" in page
    # The full SHA-256 is printed once, in the colophon on the last page.
    assert version.checksum in squeeze(pages[-1])
    assert "SHA-256 of the Markdown" in flat(pages[-1])
    assert all(version.checksum not in squeeze(page) for page in pages[:-1])
    assert reader.metadata.title == "Aurora Vision OpenRAIL-MS License"


def test_hostile_project_name_is_literal_text():
    version = make_version(project_name=HOSTILE, licensor=HOSTILE)
    reader, pages = read_pdf(version_download(version, "pdf"))
    text = "\n".join(pages)

    # Heading, metadata line and definitions all show the name as typed.
    assert squeeze(text).count(squeeze(HOSTILE)) >= 3
    assert reader.metadata.title == f"{HOSTILE} OpenRAIL-MS License"

    for page in reader.pages:
        assert not page.get("/Annots"), "the license PDF has no links"
        assert len(page.images) == 0
    dictionaries = list(walk(reader.trailer["/Root"]))
    assert dictionaries
    for obj in dictionaries:
        assert not ACTIVE_KEYS & set(obj.keys()), obj
        assert obj.get("/Subtype") != "/Image"
