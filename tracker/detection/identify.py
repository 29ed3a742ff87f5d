"""Which license is this? Our own id line, card metadata, fingerprints, names."""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, repeat

import yaml
from rapidfuzz import fuzz, process

try:
    import ahocorasick
except ImportError:  # pragma: no cover - slower fallback when the wheel is missing
    ahocorasick = None

from .fingerprints import FingerprintSet, all_hashes, sample_hashes, token_ids
from .library import Library

RAILTRACK_ID = re.compile(r"railtrack:([a-z0-9-]+):v(\d+)", re.IGNORECASE)
_FRONT_MATTER = re.compile(
    r"\A\s*---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_META_LINE = re.compile(
    r"^[ \t]*(licen[cs]e(?:_name|_link)?)[ \t]*:[ \t]*[\"']?([^\"'\n#]+?)[\"']?[ \t]*$",
    re.M | re.IGNORECASE,
)
_PLACEHOLDERS = {"other", "unknown", "", "none", "null", "see license", "custom"}
MIN_SIMILARITY = 0.25
FRAGMENT_CONTAINMENT = 0.6
FRAGMENT_MIN_SAMPLE = 6
CLOSE = 0.1
MENTION_WINDOW = 20_000  # license names are stated early in a card or notice


@dataclass
class LicenseMatch:
    key: str
    score: float
    method: str  # id-line | fingerprint | tag | name | link | mention
    version: int | None = None
    document: str = ""
    alternatives: list[str] = field(default_factory=list)
    start: int = 0  # where in the text the deciding metadata sits
    end: int = 0


def _slug(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


class LicenseIdentifier:
    def __init__(self, library: Library, fingerprints: FingerprintSet):
        self.fps = fingerprints
        self.names: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        for lic in library.licenses:
            self.names[_slug(lic.key)] = lic.key
            for alias in lic.aliases:
                self.names.setdefault(_slug(alias), lic.key)
            self.links.extend((link.lower(), lic.key) for link in lic.links)
        self.fuzzy_names: dict[str, str] = dict(self.names)
        self.mentions: list[tuple[str, str]] = []
        for lic in library.licenses:
            self.fuzzy_names.setdefault(_slug(lic.name), lic.key)
            if len(lic.name) >= 14 and lic.key not in {"other", "unknown"}:
                self.mentions.append((" ".join(lic.name.lower().split()), lic.key))
        for fp in fingerprints.documents:
            title = " ".join(fp.title.lower().split())
            if len(title) >= 14:
                self.mentions.append((title, fp.license))
        self.mentions.sort(key=lambda m: -len(m[0]))
        self._mention_automaton = None
        if ahocorasick is not None and self.mentions:
            self._mention_automaton = ahocorasick.Automaton()
            for rank, (name, key) in enumerate(self.mentions):
                if name not in self._mention_automaton:
                    self._mention_automaton.add_word(name, (rank, name, key))
            self._mention_automaton.make_automaton()
        self.links.sort(key=lambda m: -len(m[0]))

    # --- layers --------------------------------------------------------------

    def identify(self, text: str, squeezed: str) -> LicenseMatch | None:
        """Best license for a text; `squeezed` is its segmented form (doc_text)."""
        m = RAILTRACK_ID.search(text) if "railtrack:" in squeezed else None
        if m:
            return LicenseMatch(
                key=f"railtrack:{m.group(1).lower()}",
                score=1.0,
                method="id-line",
                version=int(m.group(2)),
                start=m.start(),
                end=m.end(),
            )
        printed = self.by_fingerprint(squeezed)
        if printed and printed.score >= 0.6:
            return printed
        meta = self.by_metadata(text)
        if meta:
            return meta
        if printed:
            return printed
        return self.by_mention(squeezed)

    def lookup(self, value: str) -> tuple[str, float] | None:
        """A declared license id or name -> catalog key and confidence."""
        slug = _slug(value)
        if slug in _PLACEHOLDERS:
            return None
        if slug in self.names:
            return self.names[slug], 0.95
        lowered = value.strip().lower()
        for link, key in self.links:
            if link in lowered:
                return key, 0.9
        if self.fuzzy_names:
            best = process.extractOne(
                slug, list(self.fuzzy_names), scorer=fuzz.ratio, score_cutoff=88
            )
            if best:
                return self.fuzzy_names[best[0]], round(0.85 * best[1] / 100, 3)
        return None

    def by_metadata(self, text: str) -> LicenseMatch | None:
        fields: dict[str, tuple[str, int, int]] = {}
        front = _FRONT_MATTER.match(text)
        region_end = front.end() if front else min(len(text), 4000)
        for m in _META_LINE.finditer(text, 0, region_end):
            name = m.group(1).lower().replace("licence", "license")
            fields.setdefault(name, (m.group(2).strip(), m.start(), m.end()))
        if front and "license" not in fields:
            fields.update(self._yaml_license(front.group(1), front.start(1)))
        order = (("license", "tag"), ("license_name", "name"), ("license_link", "link"))
        for name, method in order:
            if name not in fields:
                continue
            value, start, end = fields[name]
            found = self.lookup(value)
            if found:
                key, score = found
                return LicenseMatch(
                    key=key, score=score, method=method, start=start, end=end
                )
        return None

    @staticmethod
    def _yaml_license(block: str, offset: int) -> dict[str, tuple[str, int, int]]:
        try:
            data = yaml.safe_load(block[:65536])
        except yaml.YAMLError:
            return {}
        if not isinstance(data, dict):
            return {}
        value = data.get("license", data.get("licence"))
        if isinstance(value, list) and value:
            value = value[0]
        if not isinstance(value, str):
            return {}
        pos = block.find(value)
        start = offset + max(pos, 0)
        return {"license": (value, start, start + len(value))}

    def by_fingerprint(self, squeezed: str) -> LicenseMatch | None:
        docs = self.fps.documents
        if not docs:
            return None
        ids = token_ids(squeezed)
        sample = sample_hashes(ids)
        if not sample:
            return None
        counts = Counter(
            chain.from_iterable(map(self.fps.index.get, sample, repeat(())))
        )
        scored = []
        for n, doc in enumerate(docs):
            if not counts[n] or not doc.sample:
                continue
            c_query = counts[n] / len(sample)
            c_ref = counts[n] / len(doc.sample)
            sim = (c_query + c_ref) / 2
            fragment = (
                c_query >= FRAGMENT_CONTAINMENT and len(sample) >= FRAGMENT_MIN_SAMPLE
            )
            if sim >= MIN_SIMILARITY or fragment:
                scored.append((sim, n))
        if not scored:
            return None
        top = max(s for s, _ in scored)
        close = [(s, n) for s, n in scored if s >= top - CLOSE]
        distinct = dict.fromkeys((n for _, n in close), 0.0)
        if len(close) > 1 and any(docs[n].distinct for _, n in close):
            # near-duplicates (Llama 3.1 / 3.2 / 3.3 / 4) separate on their own shingles
            hashes = all_hashes(ids)
            for _, n in close:
                if docs[n].distinct:
                    distinct[n] = len(docs[n].distinct & hashes) / len(docs[n].distinct)
        close.sort(key=lambda c: (-(c[0] + 0.5 * distinct[c[1]]), c[1]))
        sim, n = close[0]
        best = docs[n]
        alternatives = sorted(
            {
                docs[m].license
                for s, m in close[1:]
                if docs[m].license != best.license
                and abs(s - sim) <= 0.02
                and abs(distinct[m] - distinct[n]) <= 0.05
            }
        )
        return LicenseMatch(
            key=best.license,
            score=round(min(1.0, sim), 3),
            method="fingerprint",
            document=best.id,
            alternatives=alternatives,
        )

    def by_mention(self, squeezed: str) -> LicenseMatch | None:
        head = squeezed[:MENTION_WINDOW]
        if self._mention_automaton is not None:
            found = [hit for _, hit in self._mention_automaton.iter(head)]
            if not found:
                return None
            _, name, key = min(found)  # the longest name, as in the loop below
            return LicenseMatch(key=key, score=0.6, method="mention")
        for name, key in self.mentions:  # pragma: no cover - without the wheel
            pos = head.find(name)
            if pos >= 0:
                return LicenseMatch(key=key, score=0.6, method="mention")
        return None
