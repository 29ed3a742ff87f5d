"""Writes of license matching: resolutions, clause matches, configuration matches.

`matches_recompute` walks Hub models by id range. In each range it reads the
stale rows, resolves each distinct (tag, name, link) once, and writes the rows
without a license text or a composed license with set-based INSERT ... SELECT
statements that join the models to those few answers. The rest (a license
text to analyse, or one of our licenses adopted) go through Python: clause
detection, then exact adoption and the nearest authored configurations.

A row is stale when the model has no resolution yet, its license inputs
changed, the resolver is newer, or the catalog hash differs: a digest of the
known-license catalog, the clause library and every license version composed
here (with its clause set). Editing an alias, loading clauses or composing a
license therefore recomputes every row on the next run; rows without a text
take the set-based path, so that costs about as much as a first run.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from django.db import connection, transaction

from .detection.engine import DetectionResult, Detector
from .detection_db import detector_get, library_stamp
from .matching import Profile, jaccard, nearest_configurations
from .models import (
    CatalogConfigurationMatch,
    ClauseMatch,
    ConfigurationMatch,
    HubModel,
    ModelLicense,
)
from .resolution import Resolution, Resolver
from .selectors import Catalog, catalog_get, version_texts

# Raise when the resolver's answers change: every row is then recomputed.
RESOLVER_VERSION = 2
BATCH_SIZE = 10_000
EVIDENCE_CHARS = 500
# Distinct (tag, name, link) answers per INSERT: 9 parameters each stays far
# below PostgreSQL's 65,535 bind parameters (and SQLite's 32,766).
DECLARED_CHUNK = 1_000
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
    "catalog_hash",
    "matched_at",
)
# SQL here is built from table names and column lists only; values are
# parameters.
# ruff: noqa: S608

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


class _Matcher:
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


def _now() -> datetime:
    return datetime.now(UTC)


def _stale_filter(full: bool, catalog_hash: str) -> tuple[str, list]:
    if full:
        return "", []
    return (
        "AND (m.model_id IS NULL OR m.inputs_hash <> h.license_inputs_hash "
        "OR m.resolver_version < %s OR m.catalog_hash <> %s)",
        [RESOLVER_VERSION, catalog_hash],
    )


def _stale_rows(
    lo: int, hi: int, full: bool, limit: int | None, catalog_hash: str
) -> list[tuple]:
    stale, extra = _stale_filter(full, catalog_hash)
    sql = (
        f"SELECT h.id, h.declared_license, h.license_name, h.license_link, "
        f"h.license_text IS NOT NULL FROM {MODELS} h "
        f"LEFT JOIN {LICENSES} m ON m.model_id = h.id "
        f"WHERE h.id > %s AND h.id <= %s {stale} ORDER BY h.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [lo, hi, *extra])
        return cursor.fetchall()


def _write_declared(
    *,
    answers: dict[tuple[str, str, str], tuple],
    lo: int,
    hi: int,
    full: bool,
    now: datetime,
    catalog_hash: str,
) -> int:
    """Upsert the resolution of every text-less model in (lo, hi] by its combo,
    in statements of at most DECLARED_CHUNK distinct combos."""
    written = 0
    combos = list(answers.items())
    for start in range(0, len(combos), DECLARED_CHUNK):
        written += _write_declared_chunk(
            combos[start : start + DECLARED_CHUNK], lo, hi, full, now, catalog_hash
        )
    return written


def _write_declared_chunk(
    combos: list[tuple[tuple[str, str, str], tuple]],
    lo: int,
    hi: int,
    full: bool,
    now: datetime,
    catalog_hash: str,
) -> int:
    marks = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(combos))
    params: list = []
    for combo, values in combos:
        params.extend((*combo, *values))
    stale, extra = _stale_filter(full, catalog_hash)
    columns = ", ".join(("model_id", *UPDATED))
    updates = ", ".join(f"{c} = excluded.{c}" for c in UPDATED)
    sql = (
        f"WITH c (tag, name, link, key, family, method, confidence, behavioral, "
        f"propagates) AS (VALUES {marks}) "
        f"INSERT INTO {LICENSES} ({columns}) "
        f"SELECT h.id, c.key, c.family, c.method, c.confidence, c.behavioral, "
        f"c.propagates, NULL, h.license_inputs_hash, %s, %s, %s "
        f"FROM {MODELS} h JOIN c ON c.tag = h.declared_license "
        f"AND c.name = h.license_name AND c.link = h.license_link "
        f"LEFT JOIN {LICENSES} m ON m.model_id = h.id "
        f"WHERE h.id > %s AND h.id <= %s AND h.license_text IS NULL {stale} "
        f"ON CONFLICT (model_id) DO UPDATE SET {updates}"
    )
    params += [
        RESOLVER_VERSION,
        catalog_hash,
        connection.ops.adapt_datetimefield_value(now),
        lo,
        hi,
        *extra,
    ]
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
            if finding.inferred:
                continue
            categories.add(finding.key)
            clauses.update(finding.clauses)
            spans = [(finding.clause, finding.evidence), *finding.more]
            for slug, evidence in spans:
                clause_rows.append(
                    ClauseMatch(
                        model_id=model_id,
                        category=finding.key,
                        clause_id=matcher.catalog.clause_ids.get(slug or ""),
                        score=finding.score,
                        start=evidence.start,
                        end=evidence.end,
                        evidence=evidence.text[:EVIDENCE_CHARS],
                    )
                )
    config_rows: list[ConfigurationMatch] = []
    adopted = matcher.version_id(resolution)
    exclude = None
    basis = "text"
    if adopted:
        own = matcher.by_version.get(adopted)
        if not categories and own:
            # No text to analyse: the adopted version's own clause set stands in.
            categories, clauses = set(own.categories), set(own.clauses)
            basis = "adopted"
        exclude = own.license_id if own else None
        config_rows.append(
            ConfigurationMatch(
                model_id=model_id,
                license_version_id=adopted,
                exact=True,
                category_jaccard=jaccard(categories, own.categories) if own else 0.0,
                clause_jaccard=jaccard(clauses, own.clauses) if own else 0.0,
                basis=basis,
            )
        )
    for near in nearest_configurations(
        categories=categories,
        clauses=clauses,
        profiles=matcher.profiles,
        exclude_license=exclude,
    ):
        config_rows.append(
            ConfigurationMatch(
                model_id=model_id,
                license_version_id=near.version_id,
                exact=False,
                category_jaccard=near.category_jaccard,
                clause_jaccard=near.clause_jaccard,
                basis=basis,
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
    rows = _stale_rows(lo, hi, full, limit, matcher.catalog_hash)
    if not rows:
        return report, hi
    if limit is not None and len(rows) >= limit:
        hi = rows[-1][0]
    report.considered = len(rows)
    answers: dict[tuple[str, str, str], tuple] = {}
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
                catalog_hash=matcher.catalog_hash,
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
        _write_declared(
            answers=answers,
            lo=lo,
            hi=hi,
            full=full,
            now=now,
            catalog_hash=matcher.catalog_hash,
        )
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
    return _Matcher(catalog_get(), detector_get(), library_stamp())


def catalog_matches_refresh(*, matcher: _Matcher | None = None) -> int:
    """Rewrite the near configurations of catalog licenses (a few dozen rows)."""
    matcher = matcher or _matcher()
    rows = matcher.catalog_near()
    with transaction.atomic():
        CatalogConfigurationMatch.objects.all().delete()
        CatalogConfigurationMatch.objects.bulk_create(rows)
    return len(rows)


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
    if id_range is None and not dry_run:
        catalog_matches_refresh(matcher=matcher)
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

    catalog_matches_refresh()
    ranges = match_ranges(batch_size=batch_size)
    for lo, hi in ranges:
        transaction.on_commit(partial(match_range.delay, lo=lo, hi=hi, full=full))
    return len(ranges)
