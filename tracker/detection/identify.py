"""Which license is this? Our own id line, card metadata, fingerprints, names.

A fingerprint identifies a license only when most of that license's text is
in the document (or the document is mostly a piece of it, such as a cut-out
Attachment A). A document that contains a known license but restricts more,
or lacks restrictions the original has, is a custom license derived from it:
it is reported as ``other`` with ``derived_from`` rather than silently taken
for the original (an MIT text with a non-commercial clause is not MIT).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, repeat

import yaml
from rapidfuzz import fuzz, process

from tracker.resolution import name_versions

from .fingerprints import (
    Fingerprint,
    FingerprintSet,
    all_hashes,
    sample_hashes,
    token_ids,
)
from .library import Library

try:
    import ahocorasick
except ImportError:  # pragma: no cover - slower fallback when the wheel is missing
    ahocorasick = None

RAILTRACK_ID = re.compile(r"railtrack:([a-z0-9-]+):v(\d+)", re.IGNORECASE)
_PERMALINK = re.compile(r"/licenses/([a-z0-9][a-z0-9-]*-[0-9a-f]{6})(?:/v(\d+))?")
_SLUG_VERSION = re.compile(r"^([a-z0-9][a-z0-9-]*-[0-9a-f]{6})(?:-v(\d+))?$")
_FRONT_MATTER = re.compile(
    r"\A\s*---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_META_LINE = re.compile(
    r"^[ \t]*(licen[cs]e(?:_name|_link)?)[ \t]*:[ \t]*[\"']?([^\"'\n#]+?)[\"']?[ \t]*$",
    re.M | re.IGNORECASE,
)
_PLACEHOLDERS = {"other", "unknown", "", "none", "null", "see license", "custom"}
MIN_SIMILARITY = 0.25
# Share of a license's own text that must be in a document to identify it.
MIN_COVERAGE = 0.6
# A document that is mostly a piece of one license (an Attachment A alone).
FRAGMENT_CONTAINMENT = 0.6
FRAGMENT_MIN_SAMPLE = 6
# Coverage above which a restriction of the original missing from the
# document means the document changed it.
FULL_TEXT = 0.75
# Shingles an original's evidence needs before its absence means anything.
MIN_EVIDENCE = 8
# Share of that evidence a document must keep word for word: "must not use"
# turned into "may use" changes only a few shingles of the sentence.
EVIDENCE_KEPT = 0.9
DERIVED_PENALTY = 0.5
UNVERIFIED_SCORE = 0.6
CLOSE = 0.1
MENTION_WINDOW = 20_000  # license names are stated early in a card or notice
MENTION_SCORE = 0.6
TITLE_UNITS = 3  # a name in one of the first headings can be the document's title
TITLE_WORDS = 14


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
    coverage: float = 0.0  # share of the fingerprinted license found in the text
    verified: bool | None = None  # composed licenses: checked against the database
    derived_from: str | None = None
    notes: list[str] = field(default_factory=list)


def _slug(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


class LicenseIdentifier:
    def __init__(self, library: Library, fingerprints: FingerprintSet):
        self.fps = fingerprints
        self.by_id: dict[str, Fingerprint] = {
            fp.id: fp for fp in fingerprints.documents
        }
        self.composed = {c.slug: c for c in library.composed}
        self.composed_known = library.composed_known
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
            self.names.setdefault(_slug(lic.name), lic.key)
            self.fuzzy_names.setdefault(_slug(lic.name), lic.key)
            if len(lic.name) >= 14 and lic.key not in {"other", "unknown"}:
                self.mentions.append((" ".join(lic.name.lower().split()), lic.key))
        self._fuzzy_versions = {n: name_versions(n) for n in self.fuzzy_names}
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

    def identify(
        self, text: str, squeezed: str, titles: tuple[str, ...] = ()
    ) -> tuple[LicenseMatch | None, list[str]]:
        """Best license for a text, and notes on what was not taken.

        `squeezed` is the segmented text (doc_text); `titles` the texts of
        its leading heading units, where a license name states the title.
        """
        notes: list[str] = []
        m = RAILTRACK_ID.search(text) if "railtrack:" in squeezed else None
        if m:
            found = self._composed_match(
                m.group(1).lower(), m.group(2), "id-line", m.start(), m.end(), notes
            )
            if found:
                return found, notes
        printed = self.by_fingerprint(squeezed, notes)
        if printed and printed.score >= 0.6:
            return printed, notes
        meta = self.by_metadata(text, notes)
        if meta:
            return meta, notes
        if printed:
            return printed, notes
        return self.by_mention(squeezed, titles, notes), notes

    def _composed_match(
        self,
        slug: str,
        version: str | None,
        method: str,
        start: int,
        end: int,
        notes: list[str],
    ) -> LicenseMatch | None:
        """One of our licenses named by id line, license_name or permalink."""
        number = int(version) if version else None
        key = f"railtrack:{slug}"
        label = f"{key}:v{number}" if number else key
        info = self.composed.get(slug)
        if info is None:
            if self.composed_known:
                notes.append(f"{label} names no license composed here; ignored")
                return None
            return LicenseMatch(
                key=key,
                score=UNVERIFIED_SCORE,
                method=method,
                version=number,
                start=start,
                end=end,
                verified=False,
                notes=[
                    f"{label} could not be checked against the licenses composed "
                    "here (no database); unverified"
                ],
            )
        score = 1.0 if method == "id-line" else 0.95
        if number is not None and number not in info.versions:
            notes.append(f"{key} has no version {number}; the version is unknown")
            number, score = None, round(score * 0.7, 3)
        return LicenseMatch(
            key=key,
            score=score,
            method=method,
            version=number,
            start=start,
            end=end,
            verified=True,
        )

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
            # only names with the same version numbers ("llama-3.4" is not 3.1)
            versions = name_versions(slug)
            choices = [
                n for n in self.fuzzy_names if self._fuzzy_versions[n] == versions
            ]
            best = process.extractOne(slug, choices, scorer=fuzz.ratio, score_cutoff=88)
            if best:
                return self.fuzzy_names[best[0]], round(0.85 * best[1] / 100, 3)
        return None

    def by_metadata(
        self, text: str, notes: list[str] | None = None
    ) -> LicenseMatch | None:
        notes = [] if notes is None else notes
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
            ours = self._composed_reference(value, name)
            if ours:
                found = self._composed_match(*ours, method, start, end, notes)
                if found:
                    return found
                continue
            found = self.lookup(value)
            if found:
                key, score = found
                return LicenseMatch(
                    key=key, score=score, method=method, start=start, end=end
                )
        return None

    @staticmethod
    def _composed_reference(
        value: str, field_name: str
    ) -> tuple[str, str | None] | None:
        """(slug, version) when a metadata value names one of our licenses."""
        lowered = value.strip().lower()
        m = RAILTRACK_ID.search(lowered)
        if m:
            return m.group(1), m.group(2)
        if field_name == "license_link":
            m = _PERMALINK.search(lowered)
            return (m.group(1), m.group(2)) if m else None
        if field_name == "license_name":
            m = _SLUG_VERSION.match(_slug(lowered).replace("/", "-"))
            return (m.group(1), m.group(2)) if m else None
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

    def by_fingerprint(
        self, squeezed: str, notes: list[str] | None = None
    ) -> LicenseMatch | None:
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
                scored.append((sim, n, c_ref, c_query))
        if not scored:
            return None
        top = max(s for s, *_ in scored)
        close = [c for c in scored if c[0] >= top - CLOSE]
        distinct = dict.fromkeys((c[1] for c in close), 0.0)
        if len(close) > 1 and any(docs[c[1]].distinct for c in close):
            # near-duplicates (Llama 3.1 / 3.2 / 3.3 / 4) separate on their own shingles
            hashes = all_hashes(ids)
            for c in close:
                doc = docs[c[1]]
                if doc.distinct:
                    distinct[c[1]] = len(doc.distinct & hashes) / len(doc.distinct)
        close.sort(key=lambda c: (-(c[0] + 0.5 * distinct[c[1]]), c[1]))
        sim, n, c_ref, c_query = close[0]
        best = docs[n]
        if c_ref >= MIN_COVERAGE:
            score = c_ref  # most of the license is here
        elif c_query >= FRAGMENT_CONTAINMENT and len(sample) >= FRAGMENT_MIN_SAMPLE:
            score = sim  # a piece of the license, little else
        else:
            if notes is not None:
                notes.append(
                    f"nearest known license: {best.license} (similarity {sim:.2f}, "
                    f"{c_ref:.0%} of its text present); too different to identify"
                )
            return None
        alternatives = sorted(
            {
                docs[m].license
                for s, m, *_ in close[1:]
                if docs[m].license != best.license
                and abs(s - sim) <= 0.02
                and abs(distinct[m] - distinct[n]) <= 0.05
            }
        )
        return LicenseMatch(
            key=best.license,
            score=round(min(1.0, score), 3),
            method="fingerprint",
            document=best.id,
            alternatives=alternatives,
            coverage=round(c_ref, 3),
        )

    def review(
        self,
        match: LicenseMatch,
        found: dict[str, list[str]],
        declared: str | None,
        squeezed: str,
    ) -> LicenseMatch:
        """Compare a fingerprint match with the categories found in the text.

        `found` maps each detected category to the texts of its evidence
        units. A category the original license does not have, found in text
        that is not the original's, or (for a full text) a restriction of the
        original that is gone, makes the document a license derived from the
        original. When the card itself declares that license, the license
        stands and the difference becomes a note.
        """
        fp = self.by_id.get(match.document)
        if fp is None or fp.categories is None:
            return match
        own = set(fp.categories)
        extra = sorted(
            key
            for key, texts in found.items()
            if key not in own and not all(self._explained(t, fp) for t in texts)
        )
        missing: list[str] = []
        if match.coverage >= FULL_TEXT and own - set(found):
            # gone only when the original's evidence sentence is changed too
            # (its wording may be there but read differently, e.g. reordered)
            present = all_hashes(token_ids(squeezed))
            for key in sorted(own - set(found)):
                evidence = fp.categories[key]
                if len(evidence) < MIN_EVIDENCE:
                    continue  # a title or a short line: too little to tell
                if len(evidence & present) < EVIDENCE_KEPT * len(evidence):
                    missing.append(key)
        if not extra and not missing:
            return match
        parts = []
        if extra:
            parts.append(f"restricts more ({', '.join(extra)})")
        if missing:
            parts.append(f"lacks restrictions of the original ({', '.join(missing)})")
        what = " and ".join(parts)
        if declared == match.key:
            match.notes.append(f"the text differs from {match.key}: it {what}")
            return match
        return LicenseMatch(
            key="other",
            score=round(match.score * DERIVED_PENALTY, 3),
            method="fingerprint",
            document=match.document,
            coverage=match.coverage,
            derived_from=match.key,
            notes=[
                f"the text resembles {match.key} ({match.score:.2f}) but {what}: "
                f"a custom license derived from {match.key}"
            ],
        )

    @staticmethod
    def _explained(unit_text: str, fp: Fingerprint) -> bool:
        """Whether a unit's sampled shingles occur in the fingerprinted text."""
        return bool(sample_hashes(token_ids(unit_text)) & fp.sample)

    def by_mention(
        self,
        squeezed: str,
        titles: tuple[str, ...] = (),
        notes: list[str] | None = None,
    ) -> LicenseMatch | None:
        """A license named in the document's title; a name in prose is a note."""
        head = squeezed[:MENTION_WINDOW]
        hits: list[tuple[int, str, str]] = []
        if self._mention_automaton is not None:
            hits = sorted(hit for _, hit in self._mention_automaton.iter(head))
        else:  # pragma: no cover - without the wheel
            hits = [(r, n, k) for r, (n, k) in enumerate(self.mentions) if n in head]
        if not hits:
            return None
        for _, name, key in hits:
            if any(name in title for title in titles):
                return LicenseMatch(key=key, score=MENTION_SCORE, method="mention")
        if notes is not None:
            _, name, key = hits[0]
            notes.append(f"the text mentions {key} ('{name}') but is not that license")
        return None
