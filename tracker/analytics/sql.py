"""SQL fragments that class a model's license, shared by the report and rollups.

A model's license is read from its ModelLicense row when `match_licenses` has
written one, else from the LicenseClass row of its declared (tag, name, link).
Everything here is plain SQL that runs on SQLite and PostgreSQL.
"""

from django.db import connection

from ..importers.records import RELATIONS
from ..models import HubModel, LicenseClass, LineageEdge, ModelLicense

# Fragments are built from table names and code constants only.
# ruff: noqa: S608
MODELS = HubModel._meta.db_table
EDGES = LineageEdge._meta.db_table
RESOLUTIONS = ModelLicense._meta.db_table
CLASSES = LicenseClass._meta.db_table

RELATION_BITS = {relation: 1 << i for i, relation in enumerate(RELATIONS)}
KINDS = ("restricted", "permissive", "unknown", "undeclared")
NOT_IMPORTED = "not-imported"


def class_joins(alias: str) -> str:
    """LEFT JOINs that bring the license facts of the model row `alias`."""
    return (
        f" LEFT JOIN {RESOLUTIONS} {alias}_ml ON {alias}_ml.model_id = {alias}.id"
        f" LEFT JOIN {CLASSES} {alias}_lc"
        f" ON {alias}_lc.declared_license = {alias}.declared_license"
        f" AND {alias}_lc.license_name = {alias}.license_name"
        f" AND {alias}_lc.license_link = {alias}.license_link"
    )


def key_of(alias: str) -> str:
    return f"COALESCE({alias}_ml.key, {alias}_lc.key, 'unknown')"


def family_of(alias: str) -> str:
    return f"COALESCE({alias}_ml.family, {alias}_lc.family, 'unknown')"


def kind_of(alias: str) -> str:
    return (
        f"CASE WHEN {alias}_ml.model_id IS NULL THEN COALESCE({alias}_lc.kind, "
        f"'unknown') WHEN {alias}_ml.key = 'undeclared' THEN 'undeclared' "
        f"WHEN {alias}_ml.key IN ('unknown', 'other') THEN 'unknown' "
        f"WHEN {alias}_ml.behavioral OR {alias}_ml.propagates THEN 'restricted' "
        "ELSE 'permissive' END"
    )


def propagates_flag(alias: str) -> str:
    """1 when the model's license propagates its restrictions, else 0."""
    return (
        f"CASE WHEN (CASE WHEN {alias}_ml.model_id IS NULL THEN {alias}_lc.propagates"
        f" ELSE {alias}_ml.propagates END) THEN 1 ELSE 0 END"
    )


def relation_mask(edge: str = "e") -> str:
    """Aggregate: one bit per relation the grouped edges have."""
    return " + ".join(
        f"MAX(CASE WHEN {edge}.relation = '{relation}' THEN {bit} ELSE 0 END)"
        for relation, bit in RELATION_BITS.items()
    )


def month_of(alias: str) -> str:
    """'YYYY-MM' of creation; '' when undated or dated only by the Hub's floor."""
    if connection.vendor == "postgresql":
        month = f"to_char({alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM')"
    else:
        # Django keeps SQLite datetimes as UTC ISO text.
        month = f"substr({alias}.created_at, 1, 7)"
    return (
        f"CASE WHEN {alias}.created_at IS NULL OR {alias}.created_at_is_floor "
        f"THEN '' ELSE {month} END"
    )


def derivatives_cte() -> str:
    """`d`: one row per derivative with its relations and restricted flag.

    A derivative with several parents is one row; it is restricted when any
    imported parent's license propagates. Parents never imported have no
    license here, so they never make a child restricted.
    """
    return f"""
        d AS (
            SELECT e.child_id AS child_id, {relation_mask()} AS relations,
                   MAX({propagates_flag("p")}) AS restricted
            FROM {EDGES} e
            LEFT JOIN {MODELS} p ON p.id = e.parent_id
            {class_joins("p")}
            GROUP BY e.child_id
        )"""


def fetch(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def execute(sql: str, params: list | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount
