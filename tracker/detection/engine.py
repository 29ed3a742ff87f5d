"""The detector: prepared text in, license + categories with evidence out."""

from dataclasses import dataclass, field

from .categories import CategoryDetector
from .fingerprints import FingerprintSet
from .identify import TITLE_UNITS, LicenseIdentifier, LicenseMatch
from .library import Library
from .segment import segment
from .textprep import MAX_BYTES, PreparedText, normalise, prepare_bytes, prepare_text

INFERRED_SCORE = 0.5


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class CategoryResult:
    key: str
    clause: str | None
    score: float
    evidence: Evidence
    inferred: bool = False  # from the catalog entry of a declared license
    # more library clauses of this category found word for word (slug, evidence)
    more: list[tuple[str, Evidence]] = field(default_factory=list)

    @property
    def clauses(self) -> list[str]:
        """Every library clause this finding stands for."""
        return [self.clause, *(slug for slug, _ in self.more)] if self.clause else []

    def as_dict(self) -> dict:
        data = {
            "key": self.key,
            "clause": self.clause,
            "score": self.score,
            "evidence": {
                "start": self.evidence.start,
                "end": self.evidence.end,
                "text": self.evidence.text,
            },
        }
        if self.inferred:
            data["inferred"] = True
        if self.more:
            data["clauses"] = self.clauses
        return data


@dataclass
class DetectionResult:
    license: LicenseMatch | None = None
    categories: list[CategoryResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def as_dict(self, path: str | None = None) -> dict:
        data: dict = {}
        if path is not None:
            data["path"] = path
        lic = None
        if self.license:
            lic = {"key": self.license.key, "score": self.license.score}
            lic["method"] = self.license.method
            if self.license.version is not None:
                lic["version"] = self.license.version
            if self.license.alternatives:
                lic["alternatives"] = list(self.license.alternatives)
            if self.license.verified is not None:
                lic["verified"] = self.license.verified
            if self.license.derived_from:
                lic["derived_from"] = self.license.derived_from
        data["license"] = lic
        data["categories"] = [c.as_dict() for c in self.categories]
        warnings = list(self.warnings)
        if self.error:
            data["error"] = self.error
            warnings.insert(0, self.error)
        if warnings:
            data["warnings"] = warnings
        return data


class Detector:
    """Build once per library/fingerprint set; `detect_*` are then pure and fast."""

    def __init__(self, library: Library, fingerprints: FingerprintSet | None = None):
        self.library = library
        self.categories = CategoryDetector(library)
        self.identifier = LicenseIdentifier(library, fingerprints or FingerprintSet())
        self._provenance: dict[tuple[str, str], str] = {}
        for clause in library.clauses:
            for key in clause.provenance:
                self._provenance.setdefault((key, clause.category), clause.slug)

    def detect_text(self, text: str, *, limit: int = MAX_BYTES) -> DetectionResult:
        return self.detect_prepared(prepare_text(text, limit=limit))

    def detect_bytes(self, data: bytes, *, limit: int = MAX_BYTES) -> DetectionResult:
        return self.detect_prepared(prepare_bytes(data, limit=limit))

    def detect_prepared(self, prepared: PreparedText) -> DetectionResult:
        if prepared.error:
            return DetectionResult(warnings=prepared.warnings, error=prepared.error)
        text = prepared.text
        norm = normalise(text)
        units = segment(text, norm)
        squeezed = "\n".join(u.text for u in units)
        findings = self.categories.detect(units, squeezed)
        titles = tuple(
            u.text for u in units[:TITLE_UNITS] if u.first and u.last and u.words <= 14
        )
        match, notes = self.identifier.identify(text, squeezed, titles)
        if match and match.method == "fingerprint" and match.document:
            declared = self.identifier.by_metadata(text)
            match = self.identifier.review(
                match,
                {f.key: [units[i].text for i in f.units] for f in findings},
                declared.key if declared else None,
                squeezed,
            )
        results = [
            CategoryResult(
                key=f.key,
                clause=f.clause,
                score=f.score,
                evidence=Evidence(f.start, f.end, text[f.start : f.end]),
                more=[
                    (slug, Evidence(a, b, text[a:b]))
                    for slug, a, b in f.verbatim
                    if slug != f.clause
                ],
            )
            for f in findings
        ]
        warnings = list(prepared.warnings) + notes
        if match:
            warnings += match.notes
        if not results and match and match.method in {"tag", "name", "link"}:
            results = self._inferred(match, text)
            if results:
                warnings.append(
                    "no restriction text found; categories are taken from the "
                    f"catalog entry of the declared license '{match.key}'"
                )
        return DetectionResult(license=match, categories=results, warnings=warnings)

    def _inferred(self, match: LicenseMatch, text: str) -> list[CategoryResult]:
        lic = self.library.license(match.key)
        if lic is None:
            return []
        order = self.categories.order
        keys = sorted(
            lic.categories, key=lambda k: order.index(k) if k in order else 99
        )
        evidence = Evidence(match.start, match.end, text[match.start : match.end])
        score = round(INFERRED_SCORE * match.score, 3)
        return [
            CategoryResult(
                key=key,
                clause=self._provenance.get((lic.key, key)),
                score=score,
                evidence=evidence,
                inferred=True,
            )
            for key in keys
        ]
