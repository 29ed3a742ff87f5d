"""PDF through WeasyPrint, from the same HTML the preview shows."""

import re
from functools import cache
from html import escape
from pathlib import Path

from django.conf import settings

from .html import markdown_to_html

PDF_CSS = Path(settings.BASE_DIR) / "static" / "pdf.css"


@cache
def _stylesheet():
    from weasyprint import CSS  # imported lazily: loading WeasyPrint takes ~0.5 s

    return CSS(filename=str(PDF_CSS))


@cache
def _refusing_fetcher():
    from weasyprint.urls import URLFetcher, URLFetchingError

    class RefusingFetcher(URLFetcher):
        # A license PDF needs nothing from the network or the disk; refusing
        # every fetch keeps author text from making the renderer read files.
        def fetch(self, url, headers=None):
            raise URLFetchingError(f"external resource refused: {url[:80]}")

    return RefusingFetcher()


def _mark_attachment(body: str) -> str:
    # Attachment A starts on its own page. WeasyPrint ignores <ol start>, so a
    # counter-reset keeps the running restriction numbers across domains.
    body = body.replace("<h2>Attachment A", '<h2 class="attachment">Attachment A', 1)
    return re.sub(
        r'<ol start="(\d+)">',
        lambda m: (
            f'<ol start="{m[1]}" style="counter-reset: list-item {int(m[1]) - 1}">'
        ),
        body,
    )


def _colophon(facts: list[tuple[str, str]]) -> str:
    if not facts:
        return ""
    rows = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in facts
    )
    return f"<aside class='colophon'><dl>{rows}</dl></aside>"


def markdown_to_pdf(
    source: str,
    *,
    title: str,
    footer: str,
    colophon: list[tuple[str, str]] | None = None,
) -> bytes:
    """Render the canonical Markdown as a typeset PDF.

    `footer` is printed at the foot of every page beside the page numbers; it
    must be plain text (it is escaped for CSS here). `colophon` is a list of
    (label, value) facts set after the text, e.g. the full checksum, which the
    Markdown cannot carry itself.
    """
    from weasyprint import CSS, HTML

    css_footer = footer.replace("\\", "\\\\").replace('"', '\\"')
    footer_css = CSS(string=f'@page {{ @bottom-left {{ content: "{css_footer}"; }} }}')
    document = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head>"
        f"<body><article class='license'>{_mark_attachment(markdown_to_html(source))}"
        f"</article>{_colophon(colophon or [])}"
        "</body></html>"
    )
    return HTML(string=document, url_fetcher=_refusing_fetcher()).write_pdf(
        stylesheets=[_stylesheet(), footer_css]
    )
