"""Author-typed text stays inert text in every output: downloads and pages."""

import json
import re
from html.parser import HTMLParser

import markdown as python_markdown
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse

from licenses.forms import ProjectForm
from licenses.rendering.html import markdown_to_html
from licenses.selectors import version_download, version_get
from licenses.services import CustomDraft, LicenseDraft, license_create

pytestmark = pytest.mark.django_db

NAME = "<script>alert(1)</script> ](javascript:alert(1)) ![x](http://evil/x.png)"
LICENSOR = "# Heading <img src=x onerror=alert(1)>\n## injected [link](http://evil)"
URL = "https://evil.example/p?q=<script>alert(1)</script>&r=](javascript:alert(1))"
NOTES = (
    "1. item\n## injected <script>alert(1)</script> ![x](http://evil/x.png) "
    "[link](http://evil) *em* `code` <b>bold</b> &lt;i&gt; "
    "!!python/object/apply:os.system ['id'] &anchor *alias"
)
CUSTOM = (
    "# Heading <img src=x onerror=alert(1)> ](javascript:alert(1))\n"
    "## injected [link](http://evil)"
)
CUSTOM_2 = "1. item ![x](http://evil/x.png) <script>alert(1)</script>"
HOSTILE = {
    "project_name": NAME,
    "licensor": LICENSOR,
    "project_url": URL,
    "notes": NOTES,
    "custom": (CUSTOM, CUSTOM_2),
}
BENIGN = {
    "project_name": "Plain Project",
    "licensor": "Plain Labs",
    "project_url": "https://plain.example/project",
    "notes": "Weights only.",
    "custom": (
        "Do not use the Artifact to grade school exams.",
        "Do not use the Artifact to price insurance.",
    ),
}
CLAUSES = ("no-unsupervised-medical-advice", "no-surveillance")
# Elements no page of ours contains; <script> and <img> are checked separately.
BANNED_TAGS = {"iframe", "object", "embed", "style", "base", "frame"}


def one_line(text: str) -> str:
    return " ".join(text.split())


def create(values: dict):
    draft = LicenseDraft(
        project_name=values["project_name"],
        licensor=values["licensor"],
        project_url=values["project_url"],
        notes=values["notes"],
        flavor="OpenRAIL",
        artifacts=("model", "source_code"),
        clause_slugs=CLAUSES,
        custom_clauses=tuple(
            CustomDraft(text=t, category="academic-dishonesty")
            for t in values["custom"]
        ),
    )
    created = license_create(draft=draft)
    return version_get(slug=created.license.slug, number=created.number)


class _Tags(HTMLParser):
    """Start tags with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert_html(html: str, *, allowed: tuple[str, ...] = ()) -> None:
    """No author-made element, attribute or URL; `allowed` are the page's own tags.

    `allowed` holds prefixes of raw tags the page template itself writes
    (its script, its badge image).
    """
    lowered = html.lower()
    assert 'href="javascript:' not in lowered
    assert "<h2>injected" not in lowered
    assert '<a href="http://evil' not in lowered
    for tag in re.findall(r"<(?:script|img)\b[^>]*>", html, flags=re.IGNORECASE):
        assert tag.startswith(allowed), tag
    for tag, attrs in parse(html).tags:
        assert tag not in BANNED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert (
                    not (value or "")
                    .lower()
                    .startswith(("javascript:", "file:", "data:", "http://evil"))
                ), (tag, name, value)


def tag_shape(html: str) -> list[str]:
    return [tag for tag, _ in parse(html).tags]


def visible(html: str) -> str:
    return one_line("".join(parse(html).text))


def assert_literal(text: str, values: dict) -> None:
    for key in ("project_name", "licensor", "notes"):
        assert one_line(values[key]) in text, key
    for custom in values["custom"]:
        assert one_line(custom) in text


# --- Markdown ---------------------------------------------------------------


def test_markdown_has_no_raw_html_or_link_syntax():
    markdown = version_download(create(HOSTILE), "md").decode()
    assert "<script" not in markdown
    assert "<img" not in markdown
    assert "<b>" not in markdown
    assert "[link](http://evil)" not in markdown
    assert "](javascript:" not in markdown
    assert "![x](" not in markdown
    assert not re.search(r"^\s*#+ +injected", markdown, flags=re.MULTILINE)
    assert not re.search(r"^\s*#+ +Heading", markdown, flags=re.MULTILINE)
    assert not re.search(r"^\s*1\. item", markdown, flags=re.MULTILINE)


def test_hostile_markdown_renders_like_benign_markdown():
    """Python-Markdown: same element structure as a plain license, text literal."""
    hostile = version_download(create(HOSTILE), "md").decode()
    benign = version_download(create(BENIGN), "md").decode()
    for render in (
        markdown_to_html,  # what the site, the HTML download and the PDF use
        lambda s: python_markdown.markdown(s),  # defaults, no extension
    ):
        html = render(hostile)
        assert tag_shape(html) == tag_shape(render(benign))
        assert_inert_html(html)
        assert_literal(visible(html), HOSTILE)


def test_hostile_markdown_under_commonmark():
    markdown_it = pytest.importorskip("markdown_it")
    hostile = version_download(create(HOSTILE), "md").decode()
    benign = version_download(create(BENIGN), "md").decode()
    render = markdown_it.MarkdownIt("commonmark").render
    html = render(hostile)
    assert tag_shape(html) == tag_shape(render(benign))
    assert_inert_html(html)
    assert_literal(visible(html), HOSTILE)


def test_punctuation_shows_without_backslashes():
    values = {**BENIGN, "project_name": "Tilde~Pipe|Equals=Test"}
    html = version_download(create(values), "html").decode()
    assert "Tilde~Pipe|Equals=Test" in visible(html)


# --- HTML, text and manifests -----------------------------------------------


def test_html_download_is_inert():
    html = version_download(create(HOSTILE), "html").decode()
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    # The file's own stylesheet is the one <style>, in the head; it loads nothing.
    head, body = html.split("</head>", 1)
    assert head.count("<style>") == 1 and "<style" not in body
    assert "default-src 'none'" in head
    assert_inert_html(body)
    assert_literal(visible(body), HOSTILE)


def test_text_download_keeps_text_as_typed():
    text = version_download(create(HOSTILE), "txt").decode()
    assert_literal(one_line(text), HOSTILE)
    assert "&lt;" not in text.replace("&lt;i&gt;", "")  # only the typed entity
    assert "\\" not in text  # no Markdown escapes leak into the plain text
    lines = [line.strip() for line in text.splitlines()]
    assert "injected" not in lines
    assert "Heading" not in lines
    assert "item" not in lines


def test_json_and_yaml_round_trip_the_typed_text():
    version = create(HOSTILE)
    for fmt, load in (("json", json.loads), ("yaml", yaml.safe_load)):
        manifest = load(version_download(version, fmt).decode())
        assert manifest["project"] == {
            "name": NAME,
            "licensor": LICENSOR,
            "url": URL,
            "notes": NOTES,
        }, fmt
        assert [c["text"] for c in manifest["custom_clauses"]] == [
            one_line(CUSTOM),
            one_line(CUSTOM_2),
        ], fmt


def test_downloads_are_not_served_as_html(client):
    version = create(HOSTILE)
    for fmt in ("md", "txt", "json", "yaml"):
        url = reverse("licenses:download", args=[version.license.slug, 1, fmt])
        response = client.get(url)
        assert response.status_code == 200
        assert "html" not in response["Content-Type"], fmt
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")


# --- Project URL ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "javascript://evil.example/%0aalert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://evil.example/file",
    ],
)
def test_form_accepts_only_http_urls(url):
    form = ProjectForm(
        {"project_name": "X", "licensor": "Y", "project_url": url, "flavor": "RAIL"}
    )
    assert not form.is_valid()
    assert "project_url" in form.errors


def test_service_rejects_javascript_url():
    with pytest.raises(ValidationError) as excinfo:
        create({**BENIGN, "project_url": "javascript:alert(1)"})
    assert "project_url" in excinfo.value.message_dict


def test_service_rejects_ftp_url():
    with pytest.raises(ValidationError):
        create({**BENIGN, "project_url": "ftp://evil.example/file"})


# --- Pages ------------------------------------------------------------------


def test_permalink_list_and_diff_pages_are_inert(client):
    version = create(HOSTILE)
    slug = version.license.slug
    badge = f'<img src="{reverse("licenses:badge", args=[slug, 1])}"'
    page = client.get(reverse("licenses:version", args=[slug, 1])).content.decode()
    assert_inert_html(page, allowed=(badge,))
    assert "<script" not in page
    assert_literal(visible(page), HOSTILE)

    listing = client.get(reverse("licenses:index")).content.decode()
    assert_inert_html(listing)
    assert one_line(NAME) in visible(listing)


def step(name: str) -> str:
    return reverse("licenses:wizard-step", args=[name])


def wizard_with_hostile_input(client) -> dict:
    """Walk the no-JS wizard with hostile text; returns the custom-clause POST."""
    client.get(reverse("licenses:wizard-start"))
    response = client.post(
        step("project"),
        {
            "project_name": NAME,
            "licensor": LICENSOR,
            "project_url": URL,
            "notes": NOTES,
            "flavor": "OpenRAIL",
        },
    )
    assert response.status_code == 302, response.content
    client.post(step("artifacts"), {"artifacts": ["model", "source_code"]})
    data = {
        "custom-TOTAL_FORMS": "2",
        "custom-INITIAL_FORMS": "0",
        "custom-MIN_NUM_FORMS": "0",
        "custom-MAX_NUM_FORMS": "10",
        "custom-0-text": CUSTOM,
        "custom-0-category": "academic-dishonesty",
        "custom-1-text": CUSTOM_2,
        "custom-1-category": "child-safety",
        "clauses": list(CLAUSES),
    }
    response = client.post(step("restrictions"), data)
    assert response.status_code == 302, response.content
    return data


def test_review_step_and_live_preview_are_inert(client):
    data = wizard_with_hostile_input(client)
    composer_js = '<script src="/static/js/composer.js"'

    review = client.get(step("review"))
    assert review.status_code == 200
    html = review.content.decode()
    assert_inert_html(html, allowed=(composer_js,))
    assert html.count("<script") == 1
    assert_literal(visible(html), HOSTILE)

    restrictions = client.get(step("restrictions"))
    assert_inert_html(restrictions.content.decode(), allowed=(composer_js,))

    preview = client.post(reverse("licenses:wizard-preview"), data)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<script" not in html
    assert "<img" not in html
    assert_inert_html(html)
    assert_literal(visible(html), HOSTILE)


# --- Library text and multi-paragraph notes ----------------------------------


def test_library_clause_text_is_neutralised_too():
    from clauses.models import Clause
    from clauses.services import clause_version_ensure

    clause = Clause.objects.get(slug=CLAUSES[0])
    clause.title = "Title <b>bold</b> [t](javascript:alert(1))"
    clause.text = "Admin text <img src=x onerror=alert(1)> ![x](http://evil/x.png)"
    clause.save()
    assert clause_version_ensure(clause=clause)
    version = create(BENIGN)
    markdown = version.markdown
    assert "<img" not in markdown and "<b>" not in markdown
    html = markdown_to_html(markdown)
    assert_inert_html(html)
    assert "<b>bold" not in html
    text = visible(html)
    assert "Title <b>bold</b> [t](javascript:alert(1))." in text
    assert "Admin text <img src=x onerror=alert(1)> ![x](http://evil/x.png)" in text


def test_notes_keep_their_paragraphs_and_stay_inert(client):
    notes = "First line\nsame paragraph.\n\n# Not a heading <b>x</b>\n\n\n1. not a list"
    client.get(reverse("licenses:wizard-start"))
    client.post(
        step("project"),
        {
            "project_name": "Para",
            "licensor": "Para Labs",
            "notes": notes,
            "flavor": "RAIL",
        },
    )
    client.post(step("artifacts"), {"artifacts": ["model"]})
    client.post(
        step("restrictions"),
        {"custom-TOTAL_FORMS": "0", "custom-INITIAL_FORMS": "0"},
    )
    html = client.get(step("review")).content.decode()
    assert "<p>Licensor's note: First line same paragraph.</p>" in html
    assert "<p># Not a heading &lt;b&gt;x&lt;/b&gt;</p>" in html
    assert "<p>1. not a list</p>" in html
    assert "<h1>Not a heading" not in html and "<ol>" not in html.split("Preamble")[0]
