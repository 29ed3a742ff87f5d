"""Neutralise author-typed text so it stays plain text in Markdown and HTML."""

import re

# Characters with inline meaning in Markdown (emphasis, code, links, images).
_INLINE = re.compile(r"([\\`*_\[\]()!~|{}])")
# Constructs that only matter at the start of a line or list item.
_LEADING = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def plain_markdown(text: str) -> str:
    """Author text as one inert Markdown line.

    Newlines collapse to spaces (no injected headings or list items), Markdown
    punctuation is backslash-escaped (no links, images or emphasis), and
    `<`, `>` and `&` become entities so no raw HTML survives any renderer.
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(_escape_leading, text)


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph folded to one line, empties dropped."""
    return [
        " ".join(part.split()) for part in _BLANK_LINE.split(text or "") if part.strip()
    ]


def _escape_leading(match: re.Match) -> str:
    indent, marker, digits, dot = match.groups()
    if marker:
        return f"{indent}\\{marker}"
    return f"{indent}{digits}\\{dot}"
