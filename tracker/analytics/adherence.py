"""Adherence report: which descendants of a model drop its restrictions, and how.

Only a model whose own license carries behavioral-use restrictions (kind
restricted) has restrictions to drop; for any other model (permissive,
`other`/unknown, undeclared, or never imported) the report still counts the
descendants by license kind but lists no offenders.
"""

from collections import deque

from ..lineage import edges_down
from .sql import (
    MODELS,
    class_joins,
    family_of,
    fetch,
    key_of,
    kind_of,
    propagates_flag,
)

# ruff: noqa: S608
CHUNK = 500


def license_of(*, repo_ids: list[str]) -> dict[str, tuple[str, str, str, bool]]:
    """repo_id → (key, family, kind, propagates) for the imported ones."""
    found: dict[str, tuple[str, str, str, bool]] = {}
    for start in range(0, len(repo_ids), CHUNK):
        chunk = repo_ids[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        for repo_id, key, family, kind, propagates in fetch(
            f"""
            SELECT m.repo_id, {key_of("m")}, {family_of("m")}, {kind_of("m")},
                   {propagates_flag("m")}
            FROM {MODELS} m {class_joins("m")}
            WHERE m.repo_id IN ({marks})
            """,
            chunk,
        ):
            found[repo_id] = (key, family, kind, bool(propagates))
    return found


def adherence_report(*, repo_id: str, limit: int | None = 500) -> dict:
    """The model's license and, when it carries restrictions, the descendants
    under a permissive license (which drop them).

    Each offender comes with one shortest lineage path from the model down to
    it; the walk visits each edge once, so cycles in bad data terminate.
    """
    edges = edges_down(repo_ids=[repo_id])
    children: dict[str, list[str]] = {}
    for child, parent, _ in sorted(edges):
        children.setdefault(parent, []).append(child)
    came_from: dict[str, str | None] = {repo_id: None}
    queue = deque([repo_id])
    while queue:
        node = queue.popleft()
        for child in children.get(node, ()):
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    licenses = license_of(repo_ids=list(came_from))
    own = licenses.get(repo_id)
    restrictions = own is not None and own[2] == "restricted"
    counts = dict.fromkeys(("restricted", "permissive", "unknown", "undeclared"), 0)
    dropped = []
    for descendant in sorted(came_from):
        if descendant == repo_id or descendant not in licenses:
            continue
        key, _, kind, _ = licenses[descendant]
        counts[kind] += 1
        if restrictions and kind == "permissive":
            path, node = [], descendant
            while node is not None:
                path.append(node)
                node = came_from[node]
            dropped.append({"repo_id": descendant, "license": key, "path": path[::-1]})
    dropped.sort(key=lambda d: (len(d["path"]), d["repo_id"]))
    return {
        "repo_id": repo_id,
        "imported": own is not None,
        "license": own[0] if own else None,
        "family": own[1] if own else None,
        "kind": own[2] if own else None,
        "restrictions": restrictions,
        "propagates": bool(own and own[3]),
        "descendants": sum(counts.values()),
        "descendants_by_kind": counts,
        "dropped": dropped[:limit],
        "dropped_total": len(dropped),
    }
