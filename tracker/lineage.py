"""Family-tree reads: recursive CTEs over lineage edges, on SQLite and PostgreSQL.

The CTEs walk edges, not paths: a UNION over (child, parent, relation) visits
each edge once, so bad data with a cycle still terminates, and merges reached
by many paths are not multiplied. Distances, depth and cycles are then worked
out over the edges fetched. Walks follow `parent_repo_id`, so a parent that
was never imported still appears, as a root.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

from django.db import connection

from .models import HubModel, LineageEdge

# SQL here is built from model table names only; values are parameters.
# ruff: noqa: S608
MODELS = HubModel._meta.db_table
EDGES = LineageEdge._meta.db_table

Edge = tuple[str, str, str]  # child, parent, relation


@dataclass(frozen=True)
class Relative:
    repo_id: str
    distance: int  # fewest generations between the two models


@dataclass
class Lineage:
    repo_id: str
    ancestors: list[Relative]
    roots: list[str]
    depth: int  # longest chain of parents up to a root; 0 for a root
    has_cycle: bool


@dataclass
class Member:
    repo_id: str
    depth: int
    model: HubModel | None
    parents: list[tuple[str, str]] = field(default_factory=list)  # (id, relation)
    children: list["Member"] = field(default_factory=list)


@dataclass
class FamilyTree:
    roots: list[Member]
    size: int  # every model in the family, shown or not
    shown: int
    has_cycle: bool


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def edges_up(*, repo_id: str) -> list[Edge]:
    """Every edge above a model: its parents, their parents, and so on."""
    return _fetch(
        f"""
        WITH RECURSIVE up(child, parent, relation) AS (
            SELECT c.repo_id, e.parent_repo_id, e.relation
            FROM {EDGES} e JOIN {MODELS} c ON c.id = e.child_id
            WHERE c.repo_id = %s
          UNION
            SELECT c.repo_id, e.parent_repo_id, e.relation
            FROM up u
            JOIN {MODELS} c ON c.repo_id = u.parent
            JOIN {EDGES} e ON e.child_id = c.id
        )
        SELECT child, parent, relation FROM up
        """,
        [repo_id],
    )


def edges_down(*, repo_ids: list[str]) -> list[Edge]:
    """Every edge below some models: their children, grandchildren, and so on."""
    marks = ", ".join(["%s"] * len(repo_ids))
    return _fetch(
        f"""
        WITH RECURSIVE down(child, parent, relation) AS (
            SELECT c.repo_id, e.parent_repo_id, e.relation
            FROM {EDGES} e JOIN {MODELS} c ON c.id = e.child_id
            WHERE e.parent_repo_id IN ({marks})
          UNION
            SELECT c.repo_id, e.parent_repo_id, e.relation
            FROM down d
            JOIN {EDGES} e ON e.parent_repo_id = d.child
            JOIN {MODELS} c ON c.id = e.child_id
        )
        SELECT child, parent, relation FROM down
        """,
        repo_ids,
    )


def _levels(starts: list[str], neighbours: dict[str, list[str]]) -> dict[str, int]:
    """Fewest steps from the starts to every node reached (breadth first)."""
    level = dict.fromkeys(starts, 0)
    queue = deque(starts)
    while queue:
        node = queue.popleft()
        for nxt in neighbours.get(node, ()):
            if nxt not in level:
                level[nxt] = level[node] + 1
                queue.append(nxt)
    return level


def _longest(start: str, neighbours: dict[str, list[str]]) -> tuple[int, bool]:
    """Longest chain from start (ignoring edges that close a cycle); cycle found?"""
    longest: dict[str, int] = {}
    on_path: set[str] = set()
    cycle = False
    # Iterative depth-first search: real chains are 75+ deep, bad ones deeper.
    stack: list[tuple[str, int]] = [(start, 0)]
    while stack:
        node, index = stack.pop()
        if index == 0:
            on_path.add(node)
        nexts = neighbours.get(node, ())
        if index < len(nexts):
            stack.append((node, index + 1))
            nxt = nexts[index]
            if nxt in on_path:
                cycle = True
            elif nxt not in longest:
                stack.append((nxt, 0))
            continue
        on_path.discard(node)
        longest[node] = max((longest[n] + 1 for n in nexts if n in longest), default=0)
    return longest[start], cycle


def _parents_of(edges: list[Edge]) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent, _ in sorted(edges):
        if not parents[child] or parents[child][-1] != parent:
            parents[child].append(parent)
    return parents


def lineage(*, repo_id: str) -> Lineage:
    """Ancestors, roots and depth of one model, from a single walk up."""
    parents = _parents_of(edges_up(repo_id=repo_id))
    level = _levels([repo_id], parents)
    ancestors_ = sorted(
        (Relative(r, d) for r, d in level.items() if r != repo_id),
        key=lambda a: (a.distance, a.repo_id),
    )
    depth_, has_cycle = _longest(repo_id, parents)
    roots = sorted(r for r in level if not parents.get(r))
    if not roots:
        # Only a cycle lies above: one member stands in for the missing root.
        roots = [min(a.repo_id for a in ancestors_)] if ancestors_ else [repo_id]
    return Lineage(repo_id, ancestors_, roots, depth_, has_cycle)


def ancestors(*, repo_id: str) -> list[Relative]:
    """Every model above this one, nearest first."""
    return lineage(repo_id=repo_id).ancestors


def roots(*, repo_id: str) -> list[str]:
    return lineage(repo_id=repo_id).roots


def depth(*, repo_id: str) -> int:
    return lineage(repo_id=repo_id).depth


def _children_of(edges: list[Edge]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent, _ in sorted(edges, key=lambda e: (e[1], e[0])):
        if not children[parent] or children[parent][-1] != child:
            children[parent].append(child)
    return children


def descendants(*, repo_id: str, limit: int | None = None) -> list[Relative]:
    """Every model below this one, nearest first (itself too, if in a cycle)."""
    children = _children_of(edges_down(repo_ids=[repo_id]))
    level = _levels([repo_id], children)
    found = [Relative(r, d) for r, d in level.items() if d > 0]
    back = _cycle_length(repo_id, children)
    if back:
        found.append(Relative(repo_id, back))
    found.sort(key=lambda d: (d.distance, d.repo_id))
    return found[:limit] if limit is not None else found


def _cycle_length(start: str, children: dict[str, list[str]]) -> int:
    """Steps from a model back to itself, 0 when it is on no cycle."""
    level = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in children.get(node, ()):
            if nxt == start:
                return level[node] + 1
            if nxt not in level:
                level[nxt] = level[node] + 1
                queue.append(nxt)
    return 0


def family_size(*, repo_id: str) -> int:
    """Models in the family: the roots above this one and everything below them."""
    starts = roots(repo_id=repo_id)
    below = {child for child, _, _ in edges_down(repo_ids=starts)}
    return len(below | set(starts))


def family_tree(*, repo_id: str, limit: int = 500) -> FamilyTree:
    """The whole family from its roots down, as nested members (up to `limit`)."""
    info = lineage(repo_id=repo_id)
    edges = edges_down(repo_ids=info.roots)
    children = _children_of(edges)
    level = _levels(info.roots, children)
    has_cycle = info.has_cycle or any(_longest(r, children)[1] for r in info.roots)
    ordered = sorted(level.items(), key=lambda item: (item[1], item[0]))
    shown = ordered[:limit]
    if repo_id in level and all(r != repo_id for r, _ in shown):
        shown = [*shown[: limit - 1], (repo_id, level[repo_id])]
    members = {r: Member(r, d, None) for r, d in shown}
    found = HubModel.objects.filter(repo_id__in=list(members)).select_related(
        "resolution"
    )
    for model in found.only(
        "repo_id",
        "declared_license",
        "license_tags",
        "license_name",
        "license_link",
        "downloads",
        "resolution__key",
        "resolution__family",
        "resolution__method",
    ):
        members[model.repo_id].model = model
    for child, parent, relation in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        if child in members and parent in members:
            members[child].parents.append((parent, relation))
    top: list[Member] = []
    placed: set[str] = set()
    for member in members.values():
        # A merge has several parents; it is drawn once, under the first one
        # already placed, and lists the others.
        home = next((p for p, _ in member.parents if p in placed), None)
        if home is None:
            top.append(member)
        else:
            members[home].children.append(member)
        placed.add(member.repo_id)
    return FamilyTree(
        roots=top, size=len(level), shown=len(members), has_cycle=has_cycle
    )
