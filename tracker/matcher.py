"""One matching run's view of the catalog: resolver, detector, profiles, hash.

Built once per run (or Celery task) from plain catalog data; it reads only the
composed text of license versions it has not seen yet (cached per process).
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field, replace

from .detection.engine import DetectionResult, Detector
from .matching import Profile, nearest_configurations
from .models import CatalogConfigurationMatch
from .resolution import Resolution, Resolver
from .selectors import Catalog, version_texts

# Profiles as the detector sees each version's own text, per process:
# (version id, checksum, library stamp) -> (categories, clauses)
_OWN_TEXT: dict[tuple[int, str, str], tuple[frozenset[str], frozenset[str]]] = {}


@dataclass
class MatchReport:
    considered: int = 0  # stale models looked at
    by_method: Counter = field(default_factory=Counter)
    unchanged: int = 0
    with_clause_matches: int = 0
    clause_matches: int = 0
    adoptions: int = 0
    near: int = 0
    batches: int = 0
    seconds: float = 0.0

    def add(self, other: "MatchReport") -> None:
        for name in (
            "considered",
            "with_clause_matches",
            "clause_matches",
            "adoptions",
            "near",
            "batches",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_method.update(other.by_method)

    def as_dict(self) -> dict:
        return {
            "considered": self.considered,
            "by_method": dict(self.by_method),
            "unchanged": self.unchanged,
            "with_clause_matches": self.with_clause_matches,
            "clause_matches": self.clause_matches,
            "adoptions": self.adoptions,
            "near": self.near,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
        }


def _detected_sets(result: DetectionResult) -> tuple[set[str], set[str]]:
    categories = {c.key for c in result.categories if not c.inferred}
    clauses = {s for c in result.categories if not c.inferred for s in c.clauses}
    return categories, clauses


class Matcher:
    """One run's catalog, resolver and detector, with a per-text detection memo."""

    def __init__(self, catalog: Catalog, detector: Detector, stamp: str = "") -> None:
        self.catalog = catalog
        self.detector = detector
        self._detections: dict[bytes, DetectionResult] = {}
        numbers: dict[str, list[int]] = {}
        for slug, number in catalog.versions:
            numbers.setdefault(slug, []).append(number)
        self.resolver = Resolver(
            catalog.entries,
            generated_versions=numbers,
            identify_text=self.identify,
        )
        self.keys = {e.key for e in catalog.entries}
        self.propagating = {e.key for e in catalog.entries if e.propagates}
        self.profiles = self._own_text_profiles(catalog.profiles, stamp)
        self.by_version = {p.version_id: p for p in self.profiles}
        self.catalog_hash = self._catalog_hash(stamp)

    def _own_text_profiles(self, profiles: list[Profile], stamp: str) -> list[Profile]:
        """Each version's chosen clauses plus what the detector finds in its own
        text, so that an exact copy of the text compares at 1.0."""
        key = {
            p.version_id: (
                p.version_id,
                self.catalog.checksums.get(p.version_id, ""),
                stamp,
            )
            for p in profiles
        }
        missing = [v for v, k in key.items() if k not in _OWN_TEXT]
        if missing:
            if len(_OWN_TEXT) > 20_000:
                _OWN_TEXT.clear()
            for version_id, markdown in version_texts(version_ids=missing).items():
                found = _detected_sets(self.detector.detect_text(markdown))
                _OWN_TEXT[key[version_id]] = (frozenset(found[0]), frozenset(found[1]))
        out = []
        for p in profiles:
            own = _OWN_TEXT.get(key[p.version_id], (frozenset(), frozenset()))
            out.append(
                replace(p, categories=p.categories | own[0], clauses=p.clauses | own[1])
            )
        return out

    def _catalog_hash(self, stamp: str) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(stamp.encode())
        entries = sorted(
            (e.key, e.family, e.aliases, e.links, e.propagates, e.name)
            for e in self.catalog.entries
        )
        profiles = sorted(
            (p.version_id, sorted(p.categories), sorted(p.clauses))
            for p in self.profiles
        )
        known = sorted(
            (k, sorted(c), sorted(s)) for k, (c, s) in self.catalog.known.items()
        )
        for part in (entries, sorted(self.catalog.versions.items()), profiles, known):
            digest.update(json.dumps(part, default=list).encode())
        return digest.hexdigest()

    def detect(self, text: str) -> DetectionResult:
        # Many models carry the same license text: analyse each text once.
        digest = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16)
        key = digest.digest()
        found = self._detections.get(key)
        if found is None:
            if len(self._detections) > 5000:
                self._detections.clear()
            found = self._detections[key] = self.detector.detect_text(text)
        return found

    def identify(self, text: str) -> tuple[str, float] | None:
        """The catalog license a text is, if it is one (the resolver then
        applies its minimum confidence); a derived license is not its base."""
        match = self.detect(text).license
        if match and match.key in self.keys and match.key not in ("other", "unknown"):
            return match.key, match.score
        return None

    def version_id(self, resolution: Resolution) -> int | None:
        slug, number = resolution.generated_slug, resolution.generated_version
        if not slug:
            return None
        exact = self.catalog.versions.get((slug, number)) if number else None
        return exact or self.catalog.latest.get(slug)

    def row_values(self, resolution: Resolution) -> tuple:
        generated = resolution.method == "generated"
        behavioral = generated or resolution.key in self.catalog.behavioral
        propagates = generated or resolution.key in self.propagating
        return (
            resolution.key,
            resolution.family,
            resolution.method,
            resolution.confidence,
            behavioral,
            propagates,
        )

    def catalog_near(self) -> list[CatalogConfigurationMatch]:
        """Near configurations of every catalog license, from its categories and
        the library clauses taken from it (for models resolved without a text)."""
        rows = []
        for key, (categories, clauses) in sorted(self.catalog.known.items()):
            for near in nearest_configurations(
                categories=categories, clauses=clauses, profiles=self.profiles
            ):
                rows.append(
                    CatalogConfigurationMatch(
                        key=key,
                        license_version_id=near.version_id,
                        category_jaccard=near.category_jaccard,
                        clause_jaccard=near.clause_jaccard,
                    )
                )
        return rows
