"""License fingerprints: hashed word shingles plus a few facts, never the text.

A fingerprint keeps a 1-in-4 sample of the 32-bit hashes of every 5-word
shingle (enough to estimate containment both ways) and, for documents that
have near-duplicates (Llama 3.1 / 3.2 / 3.3 / 4), the hashes of the shingles
that only that document has, so versions with identical terms still separate.
"""

import base64
import json
import re
import zlib
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress
from operator import eq
from pathlib import Path

from .segment import segment
from .textprep import normalise

FORMAT_VERSION = 6
SHINGLE = 5
SAMPLE_MOD = 4
NEAR_DUPLICATE = 0.5
MAX_DISTINCT = 400
MAX_EVIDENCE = 64
_PUNCT = ".,;:!?()[]{}\"'<>/-_"
# ASCII-to-ASCII tables take CPython's fast translate path.
_PUNCT_TO_SPACE = str.maketrans(_PUNCT, " " * len(_PUNCT))
_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december) \d{1,2}, \d{4}\b|\b\d{1,2} (?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december) \d{4}\b"
)
_VERSION = re.compile(r"\bversion:? ?(\d+(?:\.\d+)*)\b")


_MASK = 0xFFFFFFFF
# Shingles are hashed with CPython's tuple hash over the tokens' CRC-32s: it
# runs in C, and for tuples of ints it is the same in every process (string
# hashing is what PYTHONHASHSEED randomises). This probe, stored in the file,
# catches an interpreter whose tuple hash differs.
HASH_PROBE = hash((1, 22, 333, 4444, 55555)) & _MASK
_LOW = SAMPLE_MOD - 1  # SAMPLE_MOD is a power of two


_CRC_CACHE: dict[str, int] = {}
_CRC_CACHE_MAX = 200_000


def token_ids(squeezed: str) -> list[int]:
    """CRC-32 of each token of the segmented text (units joined, see `doc_text`).

    Tokens are the words between whitespace and ASCII punctuation.
    License vocabulary repeats across documents, so token CRCs are cached for
    the process (bounded; plain dict operations are safe under the GIL).
    """
    tokens = squeezed.translate(_PUNCT_TO_SPACE).split()
    cache = _CRC_CACHE
    missing = set(tokens).difference(cache)
    if missing:
        if len(cache) + len(missing) > _CRC_CACHE_MAX:
            cache.clear()
            missing = set(tokens)
        cache.update({tok: zlib.crc32(tok.encode("utf-8")) for tok in missing})
    return list(map(cache.__getitem__, tokens))


def _windows(ids: list[int]):
    return zip(*(ids[k:] for k in range(SHINGLE)), strict=False)


def all_hashes(ids: list[int]) -> set[int]:
    """32-bit hashes of every SHINGLE-token window."""
    return set(map(_MASK.__and__, map(hash, _windows(ids))))


def sample_hashes(ids: list[int]) -> set[int]:
    """Hashes of the 1-in-SAMPLE_MOD sample of shingles.

    A shingle is in the sample when its 1st and 3rd token CRCs agree modulo
    SAMPLE_MOD, so only a quarter of the windows get hashed (all in C), and any
    text samples the same shingles the stored fingerprints did.
    """
    low = list(map(_LOW.__and__, ids))
    keep = map(eq, low, low[2:])
    return set(map(_MASK.__and__, map(hash, compress(_windows(ids), keep))))


def doc_text(text: str) -> str:
    """The text as detection sees it: normalised, segmented, units joined."""
    return "\n".join(u.text for u in segment(text, normalise(text)))


def _pack(values: Iterable[int]) -> str:
    return base64.b64encode(array("I", sorted(values)).tobytes()).decode("ascii")


def _unpack(data: str) -> frozenset[int]:
    arr = array("I")
    arr.frombytes(base64.b64decode(data))
    return frozenset(arr)


def _title(text: str) -> str:
    """The document's title line: a short early line that names a license."""
    short = []
    for line in text.splitlines()[:40]:
        line = " ".join(re.sub(r"<[^>]+>|[*#_`]", " ", line).split()).strip(" .:")
        if re.search(r"[A-Za-z]{3}", line) and len(line) <= 90 and line.count(" ") < 12:
            short.append(line)
            if re.search(r"(?i)licen[cs]e|agreement|terms|policy|rail", line):
                return line
        if len(short) >= 15:
            break
    return short[0] if short else ""


@dataclass
class Fingerprint:
    id: str
    license: str
    title: str = ""
    date: str = ""
    version: str = ""
    size: int = 0  # shingles in the whole document
    sample: frozenset[int] = field(default_factory=frozenset)
    distinct: frozenset[int] = field(default_factory=frozenset)
    # restriction categories the engine finds in the original text, each with
    # the shingle hashes of its evidence sentence (None: not recorded); a
    # document that differs from them is a license derived from this one
    categories: dict[str, frozenset[int]] | None = None


@dataclass
class FingerprintSet:
    documents: list[Fingerprint] = field(default_factory=list)
    index: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index:
            self.reindex()

    def reindex(self) -> None:
        self.index = {}
        for n, doc in enumerate(self.documents):
            for h in doc.sample:
                self.index.setdefault(h, []).append(n)


def fingerprint_text(
    doc_id: str, license_key: str, text: str
) -> tuple[Fingerprint, set[int]]:
    """A fingerprint without distinct shingles, plus the full hash set."""
    norm = normalise(text)
    ids = token_ids(doc_text(text))
    hashes = all_hashes(ids)
    head = " ".join(norm[:2000].split())
    date = _DATE.search(head)
    version = _VERSION.search(head)
    fp = Fingerprint(
        id=doc_id,
        license=license_key,
        title=_title(text),
        date=date.group(0) if date else "",
        version=version.group(1) if version else "",
        size=len(hashes),
        sample=frozenset(sample_hashes(ids)),
    )
    return fp, hashes


def evidence_hashes(text: str) -> frozenset[int]:
    """A bounded set of shingle hashes of an evidence sentence."""
    return frozenset(sorted(all_hashes(token_ids(doc_text(text))))[:MAX_EVIDENCE])


def build_fingerprints(
    documents: Iterable[tuple[str, str, str]],
    categories: Callable[[str], dict[str, str]] | None = None,
) -> FingerprintSet:
    """Fingerprint (doc id, license key, text) triples; texts are not kept.

    `categories`, when given, maps a text to its restriction categories and
    the evidence sentence of each; they are recorded (hashed) with its
    fingerprint.
    """
    prints: list[Fingerprint] = []
    full: list[set[int]] = []
    for doc_id, key, text in documents:
        fp, hashes = fingerprint_text(doc_id, key, text)
        if categories is not None:
            fp.categories = {
                cat: evidence_hashes(ev) for cat, ev in sorted(categories(text).items())
            }
        prints.append(fp)
        full.append(hashes)
    for i, fp in enumerate(prints):
        others: set[int] = set()
        for j, other in enumerate(prints):
            if i == j or not fp.sample or not other.sample:
                continue
            inter = len(fp.sample & other.sample)
            if inter / min(len(fp.sample), len(other.sample)) >= NEAR_DUPLICATE:
                others |= full[j]
        if others:
            own = sorted(full[i] - others)
            fp.distinct = frozenset(own[:MAX_DISTINCT])
    return FingerprintSet(documents=prints)


def dump_fingerprints(fps: FingerprintSet) -> dict:
    return {
        "format": FORMAT_VERSION,
        "shingle": SHINGLE,
        "sample_mod": SAMPLE_MOD,
        "hash": "CPython tuple hash of the CRC-32s of 5 lowercase words of the "
        "segmented text, low 32 bits; the sample keeps shingles whose 1st and "
        "3rd token CRCs agree modulo sample_mod",
        "hash_probe": HASH_PROBE,
        "documents": [
            {
                "id": fp.id,
                "license": fp.license,
                "title": fp.title,
                "date": fp.date,
                "version": fp.version,
                "size": fp.size,
                "sample": _pack(fp.sample),
                "distinct": _pack(fp.distinct),
                **(
                    {"categories": {k: _pack(v) for k, v in fp.categories.items()}}
                    if fp.categories is not None
                    else {}
                ),
            }
            for fp in fps.documents
        ],
    }


def load_fingerprints(source: Path | dict | None) -> FingerprintSet:
    """Read a fingerprints file (or its parsed JSON); None or missing -> empty set."""
    if source is None:
        return FingerprintSet()
    if isinstance(source, Path):
        if not source.is_file():
            return FingerprintSet()
        source = json.loads(source.read_text(encoding="utf-8"))
    if source.get("format") != FORMAT_VERSION or source.get("shingle") != SHINGLE:
        raise ValueError("fingerprints file has an unsupported format; rebuild it")
    if source.get("hash_probe") != HASH_PROBE:
        raise ValueError(
            "fingerprints were built by an interpreter whose tuple hash differs; "
            "run `manage.py build_fingerprints` again"
        )
    return FingerprintSet(
        documents=[
            Fingerprint(
                id=d["id"],
                license=d["license"],
                title=d.get("title", ""),
                date=d.get("date", ""),
                version=d.get("version", ""),
                size=d.get("size", 0),
                sample=_unpack(d["sample"]),
                distinct=_unpack(d.get("distinct", "")),
                categories=(
                    {k: _unpack(v) for k, v in d["categories"].items()}
                    if d.get("categories") is not None
                    else None
                ),
            )
            for d in source.get("documents", [])
        ]
    )
