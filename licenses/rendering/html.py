"""Canonical Markdown -> HTML fragment, standalone HTML file, and plain text."""

import re
from html import escape
from html.parser import HTMLParser

import markdown as md

# No extension that passes author text through as HTML; author text reaches
# here already neutralised by `safe.plain_markdown`.
_EXTENSIONS = ["sane_lists"]


def markdown_to_html(source: str) -> str:
    # lazy_ol=False keeps the running numbers of Attachment A across domains.
    converter = md.Markdown(extensions=_EXTENSIONS, output_format="html", lazy_ol=False)
    # `safe.plain_markdown` escapes these as CommonMark allows; Python-Markdown
    # would otherwise print the backslash.
    converter.ESCAPED_CHARS = [*converter.ESCAPED_CHARS, "|", "~", "=", "{", "}"]
    return converter.convert(source)


# The standalone file's own small stylesheet, so it reads well opened locally.
STANDALONE_CSS = """\
body { margin: 0; background: #f7f8fa; color: #1d2430; }
main { max-width: 46rem; margin: 2rem auto; padding: 2rem 2.5rem; background: #fff;
  border: 1px solid #dfe3ea; border-radius: 8px;
  font: 1rem/1.6 Georgia, "DejaVu Serif", serif; }
h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  line-height: 1.25; }
h1 { font-size: 1.8rem; margin: 0 0 .6rem; }
h1 + p { color: #5b6472; border-bottom: 2px solid #1d2430; padding-bottom: .8rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; color: #333; }
li { margin-bottom: .35rem; }
hr { border: 0; border-top: 1px solid #dfe3ea; margin: 2rem 0 1rem; }
hr + p { font: .8rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; color: #5b6472; }
@media (max-width: 600px) { main { margin: 0; padding: 1rem; border: 0; } }
@media print { body { background: #fff; } main { border: 0; margin: 0; } }
"""


def standalone_html(source: str, *, title: str) -> str:
    """A complete HTML document of the license, reproducible from its inputs.

    The Content-Security-Policy lets the file load nothing and run nothing,
    wherever it is opened; only its own inline stylesheet applies.
    """
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title, quote=False)}</title>\n"
        f"<style>\n{STANDALONE_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{markdown_to_html(source)}\n</main>\n</body>\n</html>\n"
    )


class _TextExtractor(HTMLParser):
    """Turns the license HTML into readable plain text with list numbers kept."""

    BLOCKS = {"p", "h1", "h2", "h3", "li", "hr", "ol", "ul"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list] = []  # [kind, counter]

    def handle_starttag(self, tag, attrs):
        if tag in ("ol", "ul"):
            start = int(dict(attrs).get("start") or 1)
            self.lists.append([tag, start - 1])
        elif tag == "li" and self.lists:
            current = self.lists[-1]
            current[1] += 1
            bullet = f"{current[1]}. " if current[0] == "ol" else "- "
            self.parts.append("\n" + "   " * (len(self.lists) - 1) + bullet)
        elif tag == "hr":
            self.parts.append("\n\n" + "-" * 60 + "\n")
        elif tag in ("p", "h1", "h2", "h3"):
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
            self.parts.append("\n")
        elif tag == "h1":
            self.parts.append("\n" + "=" * 60)
        elif tag == "h2":
            self.parts.append("\n" + "-" * 40)

    def handle_data(self, data):
        self.parts.append(data)


def markdown_to_text(source: str) -> str:
    parser = _TextExtractor()
    parser.feed(markdown_to_html(source))
    parser.close()
    text = "".join(parser.parts)  # convert_charrefs already unescaped it
    text = "\n".join(line.rstrip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
