"""Turn raw input into analysable text: decoding, size limits and normalisation."""

import re
from dataclasses import dataclass, field

MAX_BYTES = 2 * 1024 * 1024
_SNIFF = 8192

# Length-preserving folds: offsets in the normalised text equal offsets in the
# original, so evidence spans need no translation table.
_FOLDS = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "\u2028": "\n",
    "\u2029": "\n",
}
_UNICODE_FOLD = re.compile("[" + "".join(_FOLDS) + "]")
# Markup and control characters that never carry meaning for matching.
_ASCII_BLANKS = (("\t", " "), ("\r", " "), ("\f", "\n"), ("\v", "\n"))
_MARKUP_CHARS = "*#`|\\"
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,300}>")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
)


@dataclass
class PreparedText:
    """The text to analyse, or why there is none."""

    text: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} kB"
    return f"{n} bytes"


def _looks_binary(sample: str) -> bool:
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 20)


def _truncated(size: int, limit: int) -> str:
    """The one message for a cut input, whether it came as bytes or as text."""
    return f"input is {_size(size)}; only the first {_size(limit)} were analysed"


def _cut_utf8(text: str, limit: int, warnings: list[str]) -> str:
    """The text cut to at most `limit` bytes of UTF-8, at a character boundary."""
    if len(text) * 4 <= limit:  # cannot be over: skip encoding
        return text
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    warnings.append(_truncated(len(data), limit))
    return data[:limit].decode("utf-8", "ignore")


def _finish(text: str, warnings: list[str]) -> PreparedText:
    if _looks_binary(text[:_SNIFF]):
        return PreparedText(
            warnings=warnings, error="input looks like binary data, not text"
        )
    if not text.strip():
        return PreparedText(warnings=warnings, error="empty text: nothing to analyse")
    if not re.search(r"\w", text):
        return PreparedText(
            warnings=warnings, error="no words in the text: nothing to analyse"
        )
    return PreparedText(text=text, warnings=warnings)


def prepare_text(text: str, *, limit: int = MAX_BYTES) -> PreparedText:
    """Check a str for emptiness, binary content and size (in UTF-8 bytes, as
    for files, so both cut non-ASCII text at the same place)."""
    if not isinstance(text, str):
        return PreparedText(error="input must be text")
    warnings: list[str] = []
    return _finish(_cut_utf8(text, limit, warnings), warnings)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when NULs fall on every other byte, as in
    mostly-ASCII UTF-16 text without a byte order mark."""
    n = len(sample) - len(sample) % 2
    if n < 16:
        return None
    even = sample[0:n:2].count(0) / (n // 2)
    odd = sample[1:n:2].count(0) / (n // 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def prepare_bytes(
    data: bytes, *, limit: int = MAX_BYTES, size: int | None = None
) -> PreparedText:
    """Decode file bytes: UTF-8 (with or without BOM) or UTF-16 (with a BOM,
    or without one when its NUL bytes give it away).

    Undecodable bytes are replaced and reported; bytes past `limit` are cut at
    a character boundary and the truncation is reported. `size` is the whole
    file's size when the caller read only its beginning.
    """
    size = len(data) if size is None else size
    warnings: list[str] = []
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return PreparedText(
                error=f"input is {what}, not text; extract its text first"
            )
    utf16 = (
        "utf-16"
        if data.startswith((b"\xff\xfe", b"\xfe\xff"))
        else _utf16_without_bom(data[:_SNIFF])
    )
    if utf16:
        if size > limit:
            warnings.append(_truncated(size, limit))
            data = data[: limit - limit % 2]
        return _finish(data.decode(utf16, errors="replace"), warnings)
    if b"\x00" in data[:_SNIFF]:
        return PreparedText(error="input looks like binary data, not text")
    if size > limit:
        cut = min(limit, len(data))
        while 0 < cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        warnings.append(_truncated(size, limit))
        data = data[:cut]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            f"input is not valid UTF-8 (first bad byte at offset {exc.start}); "
            f"{bad} undecodable sequence(s) were replaced with U+FFFD"
        )
    return _finish(text, warnings)


def normalise(text: str) -> str:
    """Lowercase, fold quotes/dashes/odd spaces, blank out markup and HTML tags.

    The result has exactly the length of the input. (str.translate with a
    dict is several times slower than these C-level passes on 15 kB texts.)
    """
    for old, new in _ASCII_BLANKS:
        if old in text:
            text = text.replace(old, new)
    if not text.isascii():
        text = _UNICODE_FOLD.sub(lambda m: _FOLDS[m.group()], text)
    if "<" in text:
        text = _HTML_TAG.sub(lambda m: " " * (m.end() - m.start()), text)
    for mark in _MARKUP_CHARS:  # str.replace is a memchr pass; a regex sub is not
        if mark in text:
            text = text.replace(mark, " ")
    lowered = text.lower()
    if len(lowered) != len(text):  # a few code points lowercase to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered
