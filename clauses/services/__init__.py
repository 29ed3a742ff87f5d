"""Writes to the clause library: idempotent upserts and the whole-library load."""

from .library import KindCounts, LoadReport, library_load
from .upserts import (
    Outcome,
    category_upsert,
    clause_upsert,
    clause_version_ensure,
    clauses_approve,
    known_license_upsert,
    text_checksum,
)

__all__ = [
    "KindCounts",
    "LoadReport",
    "Outcome",
    "category_upsert",
    "clause_upsert",
    "clause_version_ensure",
    "clauses_approve",
    "known_license_upsert",
    "library_load",
    "text_checksum",
]
