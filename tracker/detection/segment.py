"""Split a document into units (sentences and list items) with their offsets.

Paragraph and sentence boundaries are found with a few whole-text regex
passes rather than a per-line Python loop: segmentation is a third of the
time budget otherwise.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# A list marker at the start of a line: bullets, 1. 1) (1) a. (a) iv. 3.2 1\.
_MARKER_SRC = (
    r"[ \t]*(?:[-*\u2022\u00b7\u25aa\u25e6+]"
    r"|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,5})[.)](?![\w.])"
    r"|\d{1,3}(?:\.\d{1,3})+(?=[ \t])"
    r"|\d{1,3}\\\."
    r"|\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})\))[ \t]+"
)
_MARKER = re.compile(_MARKER_SRC)
# Where one paragraph ends and the next begins; each regex is cheap on its own
# (a single alternation of them was four times slower).
_BLANK_RUN = re.compile(r"\n(?:[^\w\n]*\n)+")  # blank or word-less lines
_BEFORE_ITEM = re.compile(r"\n(?=" + _MARKER_SRC + r"|[ \t]*#)")  # item or heading
_SENTENCE_END = re.compile(r"[.;:!?][*_`\"' \t]*(\n)(?=[ \t*_>`]*[\"'(\[A-Z])")
_SHORT_LINE = re.compile(r"\n(?=[^\n]{1,60}+\n[ \t*_>`]*[A-Z])")  # heading-like
_LINE_TAIL = " \t*_`"
_WORD = re.compile(r"\w")
# A sentence end and the first character after it.
_BREAK = re.compile(r"([.!?;])(?=[\"')\]*_]*\s+[\"')\]*_]*(\S)?)")
_WORD_EDGE = "\"'([*_"
_ABBREV = frozenset(
    "e.g i.e etc inc ltd co corp u.s u.k no nos vs sec art para cf al approx "
    "fig mr mrs ms dr st jr sr v".split()
)
_STRIP = " \t\n*#_`|>"
# Longer "sentences" are not sentences (a file with no punctuation, a wall of
# text): they are cut at spaces so per-unit work stays bounded.
MAX_UNIT = 2000


@dataclass(slots=True)
class Unit:
    """One sentence or list item; offsets index the original text."""

    start: int
    end: int
    text: str  # lowercase, markup removed, whitespace squeezed
    para: int
    item: bool  # its paragraph starts with a list marker
    first: bool  # first unit of its paragraph
    last: bool  # last unit of its paragraph
    words: int


_NUMBER_LINE = re.compile(r"[ \t]*\d{1,3}[.)][ \t]")
_WRAPPED_MIN = 60


def _wrapped_number(text: str, nl: int) -> bool:
    """True when the line after newline `nl` starts with a number that continues
    the sentence of a long hard-wrapped line ("... anyone under\n18. Content")."""
    if nl < 0 or not _NUMBER_LINE.match(text, nl + 1):
        return False
    prev = text[text.rfind("\n", 0, nl) + 1 : nl].rstrip()
    return len(prev) > _WRAPPED_MIN and (prev[-1].isalnum() or prev[-1] == ",")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    breaks: dict[int, int] = {}  # newline position -> where the next paragraph starts
    for m in _BLANK_RUN.finditer(text):
        breaks[m.start()] = m.end()
    for m in _BEFORE_ITEM.finditer(text):
        if not _wrapped_number(text, m.start()):
            breaks.setdefault(m.start(), m.end())
    for m in _SENTENCE_END.finditer(text):
        breaks.setdefault(m.start(1), m.end(1))
    shorts = [m.end() for m in _SHORT_LINE.finditer(text)]
    first = text.find("\n")
    if 0 < first <= 60:
        shorts.append(0)
    for line_start in shorts:
        end = text.find("\n", line_start)
        tail = text[line_start:end].rstrip(_LINE_TAIL)
        if tail and tail[-1] not in ",-":
            breaks.setdefault(end, end + 1)
    spans = []
    pos = 0
    for cut in sorted(breaks):
        if cut < pos:
            continue
        if cut > pos:
            spans.append((pos, cut))
        pos = breaks[cut]
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _sentence_cuts(text: str) -> list[int]:
    """Offsets just after each sentence end in the whole text."""
    cuts = []
    for m in _BREAK.finditer(text):
        pos = m.start()
        if m.group(1) == ".":
            after = m.group(2)
            if after and after.islower():
                continue
            near = max(0, pos - 40)  # longer "words" are no abbreviations
            start = max(
                text.rfind(" ", near, pos), text.rfind("\n", near, pos), near - 1
            )
            start += 1
            word = text[start:pos].lstrip(_WORD_EDGE)
            if len(word) == 1 and word.isalpha() or word.lower() in _ABBREV:
                continue
            line = text.rfind("\n", max(0, start - 12), start) + 1
            if (
                word.isdigit()
                and (line or start < 12)
                and not text[line:start].strip(" \t*#")
                and not _wrapped_number(text, line - 1)
            ):
                continue  # a section number such as "3." opening a line
        cuts.append(pos + 1)
    return cuts


def _bounded(text: str, cuts: list[int]) -> list[int]:
    out = [cuts[0]]
    for a, b in zip(cuts, cuts[1:], strict=False):
        while b - a > MAX_UNIT:
            space = text.rfind(" ", a + MAX_UNIT // 2, a + MAX_UNIT)
            a = space if space > a else a + MAX_UNIT
            out.append(a)
        out.append(b)
    return out


def segment(text: str, norm: str) -> list[Unit]:
    """Units in document order; `norm` is normalise(text)."""
    units: list[Unit] = []
    cuts_all = _sentence_cuts(text)
    index = 0
    for pstart, pend in _paragraphs(text):
        if not _WORD.search(norm, pstart, pend):
            continue
        marker = _MARKER.match(text, pstart, pend)
        body = marker.end() if marker else pstart
        lo = bisect_right(cuts_all, body)
        hi = bisect_left(cuts_all, pend)
        cuts = [body, *cuts_all[lo:hi], pend]
        if any(b - a > MAX_UNIT for a, b in zip(cuts, cuts[1:], strict=False)):
            cuts = _bounded(text, cuts)
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            raw = text[a:b]
            core = raw.strip(_STRIP)
            if not core:
                continue
            a += len(raw) - len(raw.lstrip(_STRIP))
            b = a + len(core)
            squeezed = " ".join(norm[a:b].split())
            if squeezed and _WORD.search(squeezed):
                pieces.append((a, b, squeezed))
        last = len(pieces) - 1
        item = marker is not None
        for n, (a, b, squeezed) in enumerate(pieces):
            units.append(
                Unit(
                    a,
                    b,
                    squeezed,
                    index,
                    item,
                    n == 0,
                    n == last,
                    squeezed.count(" ") + 1,
                )
            )
        index += 1
    return units
