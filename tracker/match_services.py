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

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from django.db import connection, transaction

from .detection_db import detector_get, library_stamp
from .matcher import Matcher, MatchReport
from .matching import jaccard, nearest_configurations
from .models import (
    CatalogConfigurationMatch,
    ClauseMatch,
    ConfigurationMatch,
    HubModel,
    ModelLicense,
)
from .resolution import Resolution
from .selectors import catalog_get

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


# The batch's id range repeated on the resolutions: without it PostgreSQL
# hashes the whole resolutions table for every batch (a match run that found
# nothing to do took 46 s at 2M models; with it, index range scans).
RANGED_LICENSES_JOIN = (
    f"LEFT JOIN {LICENSES} m ON m.model_id = h.id "
    "AND m.model_id > %s AND m.model_id <= %s"
)


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
        f"{RANGED_LICENSES_JOIN} "
        f"WHERE h.id > %s AND h.id <= %s {stale} ORDER BY h.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [lo, hi, lo, hi, *extra])
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
        f"{RANGED_LICENSES_JOIN} "
        f"WHERE h.id > %s AND h.id <= %s AND h.license_text IS NULL {stale} "
        f"ON CONFLICT (model_id) DO UPDATE SET {updates}"
    )
    params += [
        RESOLVER_VERSION,
        catalog_hash,
        connection.ops.adapt_datetimefield_value(now),
        lo,
        hi,
        lo,
        hi,
        *extra,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _match_one(
    matcher: Matcher, model_id: int, resolution: Resolution, text: str | None
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
    matcher: Matcher,
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


def _matcher() -> Matcher:
    return Matcher(catalog_get(), detector_get(), library_stamp())


def catalog_matches_refresh(*, matcher: Matcher | None = None) -> int:
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
