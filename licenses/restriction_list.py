"""The restrictions step's clause list: grouping, text filter and counts (no ORM)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from clauses.vocabulary import DOMAINS

# Clause texts longer than this show a short excerpt and open on demand.
EXCERPT_WORDS = 14


@dataclass(frozen=True)
class ClauseFilter:
    query: str = ""
    domain: str = ""

    @classmethod
    def from_data(cls, data) -> "ClauseFilter":
        domain = data.get("domain", "")
        return cls(
            query=" ".join(data.get("q", "").split())[:100],
            domain=domain if domain in DOMAINS else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.query or self.domain)

    @property
    def params(self) -> dict[str, str]:
        return {k: v for k, v in (("q", self.query), ("domain", self.domain)) if v}

    def matches(self, haystack: str, domain: str) -> bool:
        if self.domain and self.domain != domain:
            return False
        return all(word in haystack for word in self.query.lower().split())


@dataclass
class ClauseRow:
    slug: str
    title: str
    text: str
    excerpt: str  # empty when the whole text is short enough to show
    search: str
    locked: bool
    checked: bool
    visible: bool


@dataclass
class DomainGroup:
    domain: str
    rows: list[ClauseRow] = field(default_factory=list)

    @property
    def required(self) -> int:
        return sum(r.locked for r in self.rows)

    @property
    def chosen(self) -> int:
        return sum(r.checked and not r.locked for r in self.rows)

    @property
    def shown(self) -> int:
        return sum(r.visible for r in self.rows)


@dataclass
class ClauseList:
    groups: list[DomainGroup]
    filter: ClauseFilter

    @property
    def required(self) -> int:
        return sum(g.required for g in self.groups)

    @property
    def chosen(self) -> int:
        return sum(g.chosen for g in self.groups)

    @property
    def shown(self) -> int:
        return sum(g.shown for g in self.groups)

    @property
    def total(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    def is_open(self, group: DomainGroup) -> bool:
        """A domain starts open when it holds an author's choice or a filter hit."""
        if self.filter.active:
            return group.shown > 0
        return group.chosen > 0


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words + 3:
        return ""
    return " ".join(parts[:words]).rstrip(",;:.") + "…"


def search_text(*parts: str) -> str:
    return " ".join(" ".join(parts).lower().split())


def clause_list(
    *,
    offered: Iterable,
    mandatory: set[str],
    selected: set[str],
    clause_filter: ClauseFilter,
) -> ClauseList:
    """Offered clauses grouped by domain in library order, marked for the form.

    Every clause keeps its checkbox; the filter only marks rows hidden, so a
    choice outside the filter is still submitted and clearing it loses nothing.
    The text filter looks in the title, the text, the domain and the category.
    """
    groups = {domain: DomainGroup(domain) for domain in DOMAINS}
    for clause in offered:
        search = search_text(
            clause.title, clause.text, clause.domain, clause.category.name
        )
        groups[clause.domain].rows.append(
            ClauseRow(
                slug=clause.slug,
                title=clause.title,
                text=clause.text,
                excerpt=excerpt(clause.text),
                search=search,
                locked=clause.slug in mandatory,
                checked=clause.slug in mandatory or clause.slug in selected,
                visible=clause_filter.matches(search, clause.domain),
            )
        )
    return ClauseList(
        groups=[g for g in groups.values() if g.rows], filter=clause_filter
    )
