"""Which source's view of a model's fields is the newest (pure).

Every source row is an observation of a model at some time: the source's
snapshot time when it is known (a hub-stats parquet, a live sync, an
explicit --snapshot), and at least the row's own last_modified. Each field
keeps the value of its newest observation, so importing the same files in
any order ends with the same rows. Ties go to the later import, except that
worklist suggestions (undated) never win a tie against any other source.

A model stores the time of the listing that last set it (`observed_at`) and,
only for fields a partial source observed later than that listing (or, on a
model no listing has seen yet, for every field), a map field -> [time, rank]
(`fields_observed`, NULL in the usual case).
"""

from typing import Any

from .records import UtcText

# (UTC text, "" when undated; rank). Tuples compare time first, then rank.
Observation = tuple[str, int]
RANK_UNOBSERVED = -1  # a field of a model no listing has seen, no source set
RANK_SUGGESTION = 0
RANK_SOURCE = 1

# What a full listing row sets; partial sources set some of these.
LISTING_FIELDS = (
    "author",
    "created_at",
    "last_modified",
    "downloads",
    "likes",
    "pipeline_tag",
    "library_name",
    "gated",
    "license_tags",
    "license_name",
    "license_link",
    "edges",
)


def observed_time(
    *, snapshot: UtcText | None, last_modified: UtcText | None
) -> UtcText | None:
    """When a row was observed: its source's snapshot, at least its last change."""
    if snapshot and last_modified:
        return max(snapshot, last_modified)
    return snapshot or last_modified


def observation(time: UtcText | None, rank: int = RANK_SOURCE) -> Observation:
    return (time or "", rank)


def field_observation(
    name: str, *, observed_at: UtcText | None, fields_observed: dict | None
) -> Observation:
    """The observation a stored field's value comes from."""
    entry = (fields_observed or {}).get(name)
    if entry is not None:
        return (entry[0] or "", entry[1])
    return observation(observed_at)


def listing_merge(
    *,
    incoming: Observation,
    observed_at: UtcText | None,
    fields_observed: dict | None,
) -> tuple[frozenset[str], UtcText | None, dict | None] | None:
    """What a full listing may set on a stored model; None when it is older.

    Returns the fields to take from the listing, the model's new
    observed_at and the entries of fields_observed that stay (fields a
    partial source observed after this listing).
    """
    if incoming < observation(observed_at):
        return None
    kept = {
        name: entry
        for name, entry in (fields_observed or {}).items()
        if (entry[0] or "", entry[1]) > incoming
    }
    return (
        frozenset(LISTING_FIELDS).difference(kept),
        incoming[0] or None,
        kept or None,
    )


def unobserved() -> dict:
    """The field map of a model a partial source creates: nobody saw anything."""
    return {name: ["", RANK_UNOBSERVED] for name in LISTING_FIELDS}


def partial_merge(
    *,
    current: dict[str, Any],
    incoming_values: dict[str, Any],
    incoming: Observation,
    observed_at: UtcText | None,
    fields_observed: dict | None,
) -> tuple[dict[str, Any], dict | None]:
    """The values a partial source may set on a model, and the new field map.

    Two suggestions observed alike (undated worklists) cannot be ordered; the
    larger value wins, so the outcome does not depend on the import order.
    """
    entries: dict[str, Any] = dict(fields_observed or {})
    row = observation(observed_at)
    applied: dict[str, Any] = {}
    for name, value in incoming_values.items():
        was = field_observation(name, observed_at=observed_at, fields_observed=entries)
        if incoming < was:
            continue
        if (
            incoming == was
            and incoming[1] == RANK_SUGGESTION
            and not _larger(value, current.get(name))
        ):
            continue
        applied[name] = value
        if incoming == row:
            entries.pop(name, None)
        else:
            entries[name] = [incoming[0], incoming[1]]
    return applied, entries or None


def suggestion_merge(current: str, incoming: str) -> str:
    """A suggested license name or link: set once, the larger on disagreement."""
    if not current or _larger(incoming, current):
        return incoming
    return current


def _larger(value: Any, other: Any) -> bool:
    if other is None:
        return True
    try:
        return value > other
    except TypeError:
        return repr(value) > repr(other)
