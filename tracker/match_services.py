"""Writes of license matching: resolutions, clause matches, configuration matches.

`matches_recompute` walks Hub models by id range. In each range it reads the
stale rows (no resolution yet, changed license inputs, or an older resolver),
resolves each distinct (tag, name, link) once, and writes the rows without a
license text or a composed license with one set-based INSERT ... SELECT that
joins the models to those few answers. The rest (a license text to analyse,
or one of our licenses adopted) go through Python: clause detection, then
exact adoption and the nearest authored configurations.
"""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from django.db import connection, transaction

from .detection.engine import DetectionResult, Detector
from .detection_db import detector_get
from .matching import jaccard, nearest_configurations
from .models import ClauseMatch, ConfigurationMatch, HubModel, ModelLicense
from .resolution import Resolution, Resolver
from .selectors import Catalog, catalog_get

# Raise when the resolver's answers change: every row is then recomputed.
RESOLVER_VERSION = 1
BATCH_SIZE = 10_000
EVIDENCE_CHARS = 500
MODELS = HubModel._meta.db_table
LICENSES = ModelLicense._meta.db_table
UPDATED = (
    "key",
    "family",
    "method",
    "confidence",
    "behavioral",
    "propagates",
    "license_version_id",
    "inputs_hash",
    "resolver_version",
    "matched_at",
)
# SQL here is built from table names and column lists only; values are
# parameters.
# ruff: noqa: S608


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


class _Matcher:
    """One run's catalog, resolver and detector, with a per-text detection memo."""

    def __init__(self, catalog: Catalog, detector: Detector) -> None:
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


def _now() -> datetime:
    return datetime.now(UTC)


def _stale_rows(lo: int, hi: int, full: bool, limit: int | None) -> list[tuple]:
    stale = (
        ""
        if full
        else "AND (m.model_id IS NULL OR m.inputs_hash <> h.license_inputs_hash "
        "OR m.resolver_version < %s)"
    )
    params = [lo, hi] if full else [lo, hi, RESOLVER_VERSION]
    sql = (
        f"SELECT h.id, h.declared_license, h.license_name, h.license_link, "
        f"h.license_text IS NOT NULL FROM {MODELS} h "
        f"LEFT JOIN {LICENSES} m ON m.model_id = h.id "
        f"WHERE h.id > %s AND h.id <= %s {stale} ORDER BY h.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _write_declared(
    *,
    answers: dict[tuple[str, str, str], tuple],
    lo: int,
    hi: int,
    full: bool,
    now: datetime,
) -> int:
    """Upsert the resolution of every text-less model in (lo, hi] by its combo."""
    if not answers:
        return 0
    marks = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(answers))
    params: list = []
    for combo, values in answers.items():
        params.extend((*combo, *values))
    stale = (
        ""
        if full
        else "AND (m.model_id IS NULL OR m.inputs_hash <> h.license_inputs_hash "
        "OR m.resolver_version < %s)"
    )
    columns = ", ".join(("model_id", *UPDATED))
    updates = ", ".join(f"{c} = excluded.{c}" for c in UPDATED)
    sql = (
        f"WITH c (tag, name, link, key, family, method, confidence, behavioral, "
        f"propagates) AS (VALUES {marks}) "
        f"INSERT INTO {LICENSES} ({columns}) "
        f"SELECT h.id, c.key, c.family, c.method, c.confidence, c.behavioral, "
        f"c.propagates, NULL, h.license_inputs_hash, %s, %s "
        f"FROM {MODELS} h JOIN c ON c.tag = h.declared_license "
        f"AND c.name = h.license_name AND c.link = h.license_link "
        f"LEFT JOIN {LICENSES} m ON m.model_id = h.id "
        f"WHERE h.id > %s AND h.id <= %s AND h.license_text IS NULL {stale} "
        f"ON CONFLICT (model_id) DO UPDATE SET {updates}"
    )
    params += [RESOLVER_VERSION, connection.ops.adapt_datetimefield_value(now), lo, hi]
    if not full:
        params.append(RESOLVER_VERSION)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _match_one(
    matcher: _Matcher, model_id: int, resolution: Resolution, text: str | None
) -> tuple[list[ClauseMatch], list[ConfigurationMatch]]:
    clause_rows: list[ClauseMatch] = []
    categories: set[str] = set()
    clauses: set[str] = set()
    if text:
        result = matcher.detect(text)
        for finding in result.categories:
            categories.add(finding.key)
            if finding.clause:
                clauses.add(finding.clause)
            clause_rows.append(
                ClauseMatch(
                    model_id=model_id,
                    category=finding.key,
                    clause_id=matcher.catalog.clause_ids.get(finding.clause or ""),
                    score=finding.score,
                    start=finding.evidence.start,
                    end=finding.evidence.end,
                    evidence=finding.evidence.text[:EVIDENCE_CHARS],
                )
            )
    config_rows: list[ConfigurationMatch] = []
    adopted = matcher.version_id(resolution)
    exclude = None
    profiles = {p.version_id: p for p in matcher.catalog.profiles}
    if adopted:
        own = profiles.get(adopted)
        if not categories and own:
            # No text to analyse: the adopted license's own clause set stands in.
            categories, clauses = set(own.categories), set(own.clauses)
        exclude = own.license_id if own else None
        config_rows.append(
            ConfigurationMatch(
                model_id=model_id,
                license_version_id=adopted,
                exact=True,
                category_jaccard=jaccard(categories, own.categories) if own else 1.0,
                clause_jaccard=jaccard(clauses, own.clauses) if own else 1.0,
            )
        )
    for near in nearest_configurations(
        categories=categories,
        clauses=clauses,
        profiles=matcher.catalog.profiles,
        exclude_license=exclude,
    ):
        if near.version_id == adopted:
            continue
        config_rows.append(
            ConfigurationMatch(
                model_id=model_id,
                license_version_id=near.version_id,
                exact=False,
                category_jaccard=near.category_jaccard,
                clause_jaccard=near.clause_jaccard,
            )
        )
    return clause_rows, config_rows


def _batch(
    *,
    matcher: _Matcher,
    lo: int,
    hi: int,
    full: bool,
    limit: int | None,
    dry_run: bool,
) -> tuple[MatchReport, int]:
    """Recompute the stale models in (lo, hi]; returns the report and the last id."""
    report = MatchReport(batches=1)
    rows = _stale_rows(lo, hi, full, limit)
    if not rows:
        return report, hi
    if limit is not None and len(rows) >= limit:
        hi = rows[-1][0]
    report.considered = len(rows)
    answers: dict[tuple[str, str, str], tuple] = {}
    declared_ids: list[int] = []
    one_by_one: list[tuple[int, str, str, str, bool]] = []
    for model_id, tag, name, link, has_text in rows:
        if has_text:
            one_by_one.append((model_id, tag, name, link, True))
            continue
        resolution = matcher.resolver.resolve(tag=tag, name=name, link=link)
        report.by_method[resolution.method] += 1
        if resolution.method == "generated":
            one_by_one.append((model_id, tag, name, link, False))
            continue
        declared_ids.append(model_id)
        combo = (tag, name, link)
        if combo not in answers:
            answers[combo] = matcher.row_values(resolution)
    texts = dict(
        HubModel.objects.filter(pk__in=[r[0] for r in one_by_one if r[4]]).values_list(
            "pk", "license_text"
        )
    )
    now = _now()
    licenses: list[ModelLicense] = []
    clause_rows: list[ClauseMatch] = []
    config_rows: list[ConfigurationMatch] = []
    hashes = dict(
        HubModel.objects.filter(pk__in=[r[0] for r in one_by_one]).values_list(
            "pk", "license_inputs_hash"
        )
    )
    for model_id, tag, name, link, has_text in one_by_one:
        text = texts.get(model_id) if has_text else None
        resolution = matcher.resolver.resolve(
            tag=tag, name=name, link=link, text=text or ""
        )
        if has_text:
            report.by_method[resolution.method] += 1
        found, configs = _match_one(matcher, model_id, resolution, text)
        key, family, method, confidence, behavioral, propagates = matcher.row_values(
            resolution
        )
        licenses.append(
            ModelLicense(
                model_id=model_id,
                key=key,
                family=family,
                method=method,
                confidence=confidence,
                behavioral=behavioral,
                propagates=propagates,
                license_version_id=matcher.version_id(resolution),
                inputs_hash=hashes.get(model_id, ""),
                resolver_version=RESOLVER_VERSION,
                matched_at=now,
            )
        )
        clause_rows += found
        config_rows += configs
        report.with_clause_matches += bool(found)
    report.clause_matches = len(clause_rows)
    report.adoptions = sum(c.exact for c in config_rows)
    report.near = len(config_rows) - report.adoptions
    if dry_run:
        return report, hi
    ids = [r[0] for r in rows]
    with transaction.atomic():
        # Drop earlier findings of every recomputed model (its text or
        # license may be gone); the Python-path ones are written again below.
        for table in (ClauseMatch, ConfigurationMatch):
            had = set(
                table.objects.filter(model_id__gt=lo, model_id__lte=hi)
                .values_list("model_id", flat=True)
                .distinct()
            ).intersection(ids)
            if had:
                table.objects.filter(model_id__in=had).delete()
        _write_declared(answers=answers, lo=lo, hi=hi, full=full, now=now)
        ModelLicense.objects.bulk_create(
            licenses,
            update_conflicts=True,
            unique_fields=["model"],
            update_fields=[f.removesuffix("_id") for f in UPDATED],
        )
        ClauseMatch.objects.bulk_create(clause_rows, batch_size=2000)
        ConfigurationMatch.objects.bulk_create(config_rows, batch_size=2000)
    return report, hi


def _matcher() -> _Matcher:
    return _Matcher(catalog_get(), detector_get())


def match_ranges(*, batch_size: int) -> list[tuple[int, int]]:
    """(lo, hi] id ranges of about batch_size models covering every model."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MIN(id), MAX(id) FROM {MODELS}")
        low, high = cursor.fetchone()
    if low is None:
        return []
    return [(lo, min(lo + batch_size, high)) for lo in range(low - 1, high, batch_size)]


def matches_recompute(
    *,
    batch_size: int = BATCH_SIZE,
    full: bool = False,
    limit: int | None = None,
    dry_run: bool = False,
    id_range: tuple[int, int] | None = None,
    on_batch: Callable[[MatchReport], None] | None = None,
) -> MatchReport:
    """Resolve the license of every model whose license inputs changed.

    `full` recomputes every model; `limit` stops after that many models;
    `id_range` = (lo, hi] restricts the run to one range (a Celery task's share).
    """
    started = _now()
    matcher = _matcher()
    report = MatchReport()
    ranges = [id_range] if id_range else match_ranges(batch_size=batch_size)
    for lo, hi in ranges:
        while lo < hi:
            remaining = None if limit is None else limit - report.considered
            if remaining is not None and remaining <= 0:
                break
            part, last = _batch(
                matcher=matcher,
                lo=lo,
                hi=hi,
                full=full,
                limit=remaining,
                dry_run=dry_run,
            )
            report.add(part)
            if on_batch:
                on_batch(part)
            lo = last
    if id_range is None and limit is None:
        report.unchanged = HubModel.objects.count() - report.considered
    report.seconds = (_now() - started).total_seconds()
    return report


def matches_dispatch(*, batch_size: int = BATCH_SIZE, full: bool = False) -> int:
    """Queue one Celery task per id range once this transaction commits."""
    from .tasks import match_range

    ranges = match_ranges(batch_size=batch_size)
    for lo, hi in ranges:
        transaction.on_commit(partial(match_range.delay, lo=lo, hi=hi, full=full))
    return len(ranges)
