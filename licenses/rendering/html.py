"""Canonical Markdown -> HTML fragment and -> plain text."""

import re
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
