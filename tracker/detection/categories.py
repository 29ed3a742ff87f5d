"""Find restriction categories in segmented text: context, topics, cues, clauses."""

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

try:
    import ahocorasick
except ImportError:  # pragma: no cover - slower fallback when the wheel is missing
    ahocorasick = None

from .library import Library
from .patterns import LEAD_IN, LIFTED, CategoryPatterns, Rule
from .scope import (
    BLOCK,
    EXCEPTION,
    RESTRICTION_HEADING,
    SOFT,
    STRONG,
    Scope,
    strength_at,
    trigger_scope,
)
from .segment import Unit
from .topics import CATEGORY_PATTERNS
from .triggers import TRIGGER, TRIGGER_KINDS

REPORT_THRESHOLD = 0.5
CUE_BONUS = 0.12
EXACT_SCORE = 0.99
CLAUSE_OVERLAP = 0.3  # share of stemmed content words for a clause to "match"
_PROBE = 40  # characters of a clause text used to spot it verbatim
_WORDS = re.compile(r"[a-z][a-z-]{2,}")
_STOP = frozenset(
    "the and for any use not are with that this you your its their from into"
    " artifact derivative derivatives licensor license do does or of to in on by"
    " as an be is it at other such them they who which what".split()
)
# A unit that forbids by naming the conduct: "No spamming.", "- No deepfakes of
# people who did not agree." (not "No warranty", "No model is perfect").
_NO_ITEM = re.compile(
    r"^(?:[-*+\u2022] )?no (?!(?:\w+ )?(?:warrant|liabil|rights?\b|fees?\b"
    r"|charges?\b|costs?\b|guarantee|support\b|obligation|licen[cs]e|endorsement"
    r"|implied|waiver|agency|partnership|restrictions?\b|limit|other\b|later\b"
    r"|longer\b|more\b|matter\b|one\b|doubt\b|need\b|problem))"
    r"(?!(?:[\w'-]+ ){0,6}?(?:is|are|was|were|will|has|have|had|can|could)\b)"
)
# A unit that ends where an inline list item begins: "... to: 1." / "... ii."
# (the segmenter cuts before the item's capitalised first word).
_INLINE_MARK_END = re.compile(
    r"(?:[:;,] ?\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\s\(?(?:[ivx]{2,5})[.)]"
    r"|\s\((?:\d{1,3}|[a-z])\)|^\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])$"
)
_MARKER_WORD = re.compile(r"^(?:[a-z]|[ivx]{1,5})$")
_LEAD_IN_MARK = re.compile(r": ?\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]$")
# A unit that continues a list rather than starting a sentence: "to harass
# people", "(b) for weapons", "posing as a real person".
_FRAGMENT = re.compile(
    r"^(?:[-\u2022\u00b7+] )?(?:(?:to|for|in|with|by|as|on|or|and)\b"
    r"|\(?(?:[a-z]|[ivx]+|\d+)\)|(?:\d{1,3}|[a-z]|[ivx]{1,5})\.$"
    r"|(?!(?:during|nothing|everything|anything|something|according"
    r"|notwithstanding|regarding|including|following)\b)[a-z]{3,}ing\b)"
)

# A sentence that repeats the previous one's predicate by ellipsis: "So is
# generating ...", "Nor may you ...", "The same goes for ...".
_CONTINUES = re.compile(
    r"^(?:and )?(?:so|nor|neither) (?:is|are|does|do|may|can|shall|must|should"
    r"|will|would|could)\b|^the same (?:also )?(?:goes|applies|holds) (?:for|to)\b"
)


@dataclass
class CategoryFinding:
    key: str
    score: float
    clause: str | None
    start: int
    end: int
    units: list[int] = field(default_factory=list)
    alone: bool = True  # False: made only of hits that need another category
    # every library clause of the category found word for word: (slug, start, end)
    verbatim: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _ClauseIndex:
    slug: str
    cues: tuple[str, ...]
    text: str
    words: frozenset[str]


class _Doc:
    """The units joined into one searchable string, with unit start offsets."""

    def __init__(self, units: list[Unit], gate: "_Gate", text: str = ""):
        self.units = units
        self.text = text or "\n".join(u.text for u in units)
        self.starts: list[int] = []
        pos = 0
        for u in units:
            self.starts.append(pos)
            pos += len(u.text) + 1
        self.gate = gate
        self.found = gate.index(self)

    def unit_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def scan(self, rule: Rule) -> Iterator[tuple[int, int]]:
        """(unit index, offset in the unit) of every match of the rule."""
        n = self.gate.ids.get(id(rule))
        if rule.anchors is None or n is None:
            for m in rule.pattern.finditer(self.text):
                i = self.unit_at(m.start())
                yield i, m.start() - self.starts[i]
            return
        if rule.prefix:
            match = rule.pattern.match
            done = -1
            for pos in sorted(self.found.get(n, ())):
                if pos < done:
                    continue
                i = self.unit_at(pos)
                start = self.starts[i]
                m = match(self.text, pos, start + len(self.units[i].text))
                if m:
                    done = m.end()
                    yield i, pos - start
            return
        for i in sorted(self.found.get(n, ())):
            for m in rule.pattern.finditer(self.units[i].text):
                yield i, m.start()

    def matching(self, rule: Rule) -> set[int]:
        return {i for i, _ in self.scan(rule)}

    def matches(self, rule: Rule) -> Iterator[tuple[int, re.Match[str]]]:
        """(unit index, match in the unit's text) of every match of the rule."""
        for i, local in self.scan(rule):
            m = rule.pattern.match(self.units[i].text, local)
            if m:
                yield i, m


class _Gate:
    """Finds every rule's anchors in one Aho-Corasick pass over the document.

    Scanning 15 kB once per anchor with str.find costs ~10 µs each, and there
    are ~300 anchors; the automaton does them all in one pass. For rules whose
    matches start with an anchor it records positions (the regex is then only
    tried there), for the others the units to search. The gate is read-only
    after construction, so one detector can serve many threads.
    """

    def __init__(self, rules: list[Rule]):
        self.ids = {id(rule): n for n, rule in enumerate(rules)}
        self.prefix = [rule.prefix for rule in rules]
        self.words: dict[str, list[int]] = {}
        for n, rule in enumerate(rules):
            for anchor in rule.anchors or ():
                self.words.setdefault(anchor, []).append(n)
        self.automaton = None
        if ahocorasick is not None and self.words:
            self.automaton = ahocorasick.Automaton()
            for word, ids in self.words.items():
                self.automaton.add_word(word, (len(word) - 1, tuple(ids)))
            self.automaton.make_automaton()

    def index(self, doc: _Doc) -> dict[int, set[int]]:
        """Rule number -> positions (prefix rules) or units holding an anchor."""
        found: dict[int, set[int]] = {}
        unit_at = doc.unit_at
        prefix = self.prefix
        if self.automaton is not None:
            for end, (back, ids) in self.automaton.iter(doc.text):
                start = end - back
                unit = -1
                for n in ids:
                    if prefix[n]:
                        found.setdefault(n, set()).add(start)
                    else:
                        if unit < 0:
                            unit = unit_at(start)
                        found.setdefault(n, set()).add(unit)
            return found
        for word, ids in self.words.items():  # pragma: no cover - without the wheel
            for m in re.finditer(re.escape(word), doc.text):
                for n in ids:
                    found.setdefault(n, set()).add(
                        m.start() if prefix[n] else unit_at(m.start())
                    )
        return found


class CategoryDetector:
    """Holds the compiled library (cues, clause texts) for repeated use."""

    def __init__(self, library: Library):
        self.order = [c.key for c in library.categories] or list(CATEGORY_PATTERNS)
        self.clauses: dict[str, list[_ClauseIndex]] = {}
        self.probes: dict[str, list[tuple[str, str, str]]] = {}
        for clause in library.clauses:
            text = " ".join(clause.text.lower().split())
            self.clauses.setdefault(clause.category, []).append(
                _ClauseIndex(
                    slug=clause.slug,
                    cues=tuple(c for c in clause.cues if len(c) >= 4),
                    text=text,
                    words=frozenset(_content_words(text + " " + clause.title.lower())),
                )
            )
            if len(text) >= _PROBE:
                self.probes.setdefault(text[:_PROBE], []).append(
                    (clause.category, clause.slug, text)
                )
        self.patterns: dict[str, CategoryPatterns] = {
            key: CATEGORY_PATTERNS.get(key, CategoryPatterns()) for key in self.order
        }
        rules = [TRIGGER, LIFTED]
        for pats in self.patterns.values():
            rules.extend(pats.rules)
        self.gate = _Gate(rules)

    def contexts(self, doc: _Doc) -> list[tuple[Scope, ...] | None]:
        """Per unit, the spans in which topics count as restricted (None: none).

        A prohibition governs its own clause (see scope.py); a restrictive
        heading, a lead-in ending in ":" or a prohibition whose clause runs to
        the end of its unit governs the whole of the list items or inline
        fragments ("(b) to harass people;") that follow.
        """
        units = doc.units
        lifted = doc.matching(LIFTED)
        own: dict[int, list[Scope]] = {}
        for i, m in doc.matches(TRIGGER):
            if i in lifted:
                continue
            found = trigger_scope(
                units[i].text, m.start(), m.end(), TRIGGER_KINDS[m.lastgroup]
            )
            if found:
                own.setdefault(i, []).extend(found)
        n = len(units)
        ctx: list[tuple[Scope, ...] | None] = [None] * n
        block = 0.0
        marked = False  # the previous unit ended with an inline "1." / "ii."
        for i, u in enumerate(units):
            t = u.text
            is_lifted = i in lifted
            scopes = own.get(i)
            strong = bool(scopes) and any(s.strength >= STRONG for s in scopes)
            heading = u.first and u.last and u.words <= 8 and t[-1] not in ".;,"
            reaches = [s for s in scopes or () if s.end >= len(t)]
            item = u.item or marked
            marked = False
            if t[-1] in ".)":
                last = t[t.rfind(" ") + 1 :].lstrip("(")[:-1]
                # only a short last token can be a marker: "1.", "ii.", "(b)"
                if len(last) <= 5 and (last.isdigit() or _MARKER_WORD.match(last)):
                    tail = t[-16:]
                    marked = _INLINE_MARK_END.search(tail) is not None
            if (
                (t[-1] == ":" or (marked and _LEAD_IN_MARK.search(tail)))
                and not is_lifted
                and (scopes or LEAD_IN.pattern.search(t))
            ):
                block = SOFT if scopes and not strong else STRONG
            elif heading and RESTRICTION_HEADING.match(t):
                block = SOFT if "scope" in t or "misuse" in t else BLOCK
            elif block:
                fragment = _FRAGMENT.match(t) is not None
                if not (item or fragment or heading):
                    block = 0.0
                elif heading and not u.item and i + 1 < n:
                    nxt = units[i + 1]
                    if not (nxt.item or _FRAGMENT.match(nxt.text)):
                        block = 0.0
            if heading and not strong and u.words <= 3:
                continue  # a "5. Privacy" sub-heading names a topic, restricts nothing
            here = list(scopes or ())
            if not is_lifted and _NO_ITEM.match(t):
                here.append(Scope(0, len(t), STRONG))  # "- No spamming, no phishing."
            if block and not is_lifted:
                here.append(Scope(0, len(t), block))
            if i and ctx[i - 1] and not is_lifted and _CONTINUES.match(t):
                here.append(Scope(0, len(t), max(s.strength for s in ctx[i - 1])))
            if here:
                ctx[i] = tuple(here)
            if reaches and (t[-1] in ";,:" or marked) and not is_lifted and i + 1 < n:
                # an inline enumeration: "not to use it: (a) for X; (b) to Y;"
                if marked or _FRAGMENT.match(units[i + 1].text):
                    block = max(s.strength for s in reaches)
        return ctx

    def detect(self, units: list[Unit], joined: str = "") -> list[CategoryFinding]:
        """Findings in category order; `joined` is the units' texts joined by
        newlines when the caller already has it."""
        if not units:
            return []
        doc = _Doc(units, self.gate, joined)
        ctx = self.contexts(doc)
        lifted = doc.matching(LIFTED)
        hits: dict[str, dict[int, float]] = {}
        alone: set[str] = set()  # categories with a hit that stands on its own
        exception_at: dict[int, int] = {}  # first "unless/except" offset per unit
        for key, pats in self.patterns.items():
            per: dict[int, float] = {}
            vetoed: dict[int, bool] = {}
            for rule in pats.rules:
                required: dict[int, bool] = {}
                for i, local in doc.scan(rule):
                    if i in per and per[i] >= rule.weight:
                        continue  # one hit per unit is all a category needs
                    if rule.kind == "self":
                        if i in lifted:
                            continue
                        score = rule.weight
                    else:
                        strength = strength_at(ctx[i], local)
                        if not strength:
                            continue
                        score = strength * rule.weight
                    text = units[i].text
                    if rule.requires is not None:
                        if i not in required:
                            required[i] = rule.requires.search(text) is not None
                        if not required[i]:
                            continue
                    if pats.exceptions_matter:
                        if i not in exception_at:
                            m = EXCEPTION.search(text)
                            exception_at[i] = m.start() if m else len(text)
                        if exception_at[i] < local:
                            continue
                    if pats.veto is not None:
                        if i not in vetoed:
                            vetoed[i] = pats.veto.search(text) is not None
                        if vetoed[i]:
                            continue
                    if score > per.get(i, 0.0):
                        per[i] = score
                    if rule.alone and score >= REPORT_THRESHOLD:
                        alone.add(key)
            if per:
                hits[key] = per
        self._apply_subsumption(hits, units)
        cues = self._cue_hits(hits, units)
        exact = self._exact_clauses(doc)
        for key, found in exact.items():
            for i, _slug in found:
                hits.setdefault(key, {})[i] = EXACT_SCORE

        findings: list[CategoryFinding] = []
        for key in self.order:
            per = hits.get(key)
            if not per:
                continue
            scores = {
                i: min(0.98, s + CUE_BONUS)
                if (key, i) in cues and s < EXACT_SCORE
                else s
                for i, s in per.items()
            }
            good = sorted(i for i, s in scores.items() if s >= REPORT_THRESHOLD)
            if not good:
                continue
            best = max(good, key=lambda i: (scores[i], -i))
            bonus = min(0.09, 0.03 * (len(good) - 1))
            clause = (
                exact[key][0][1]
                if key in exact
                else self._choose_clause(key, good, units, cues)
            )
            verbatim = [
                (slug, units[i].start, units[i].end) for i, slug in exact.get(key, ())
            ]
            findings.append(
                CategoryFinding(
                    key=key,
                    score=round(min(0.99, scores[best] + bonus), 3),
                    clause=clause,
                    start=units[best].start,
                    end=units[best].end,
                    units=good,
                    alone=key in alone or key in exact,
                    verbatim=verbatim,
                )
            )
        return self._apply_needs_others(findings)

    def _cue_hits(
        self, hits: dict[str, dict[int, float]], units: list[Unit]
    ) -> dict[tuple[str, int], set[str]]:
        found: dict[tuple[str, int], set[str]] = {}
        for key, per in hits.items():
            cues = {q for c in self.clauses.get(key, ()) for q in c.cues}
            for i in per:
                text = units[i].text
                seen = {q for q in cues if q in text}
                if seen:
                    found[(key, i)] = seen
        return found

    def _exact_clauses(self, doc: _Doc) -> dict[str, list[tuple[int, str]]]:
        """Library clauses found word for word: category -> [(unit, slug)]."""
        exact: dict[str, list[tuple[int, str]]] = {}
        if not self.probes:
            return exact
        for i, u in enumerate(doc.units):
            for category, slug, text in self.probes.get(u.text[:_PROBE], ()):
                if doc.text.startswith(text, doc.starts[i]):
                    found = exact.setdefault(category, [])
                    if all(slug != s for _, s in found):
                        found.append((i, slug))
        return exact

    def _choose_clause(
        self,
        key: str,
        good: list[int],
        units: list[Unit],
        cues: dict[tuple[str, int], set[str]],
    ) -> str | None:
        candidates = self.clauses.get(key)
        if not candidates:
            return None
        seen: set[str] = set()
        for i in good:
            seen |= cues.get((key, i), set())
        if seen:
            weight = [sum(len(q) for q in c.cues if q in seen) for c in candidates]
            top = max(weight)
            if top:
                return candidates[weight.index(top)].slug
        words: set[str] = set()
        for i in good:
            words |= _content_words(units[i].text)
        best, best_score = None, 0.0
        for c in candidates:
            if c.words and words:
                shared = len(c.words & words)
                overlap = shared / min(len(c.words), len(words))
                if shared >= 2 and overlap > best_score:
                    best, best_score = c.slug, overlap
        return best if best_score >= CLAUSE_OVERLAP else None

    def _apply_subsumption(
        self, hits: dict[str, dict[int, float]], units: list[Unit]
    ) -> None:
        for key, pats in self.patterns.items():
            if not pats.subsumed_by or key not in hits:
                continue
            for i in list(hits[key]):
                if any(i in hits.get(other, {}) for other in pats.subsumed_by) and (
                    pats.keep_if is None or not pats.keep_if.search(units[i].text)
                ):
                    del hits[key][i]

    def _apply_needs_others(
        self, findings: list[CategoryFinding]
    ) -> list[CategoryFinding]:
        keys = {f.key for f in findings}
        return [
            f
            for f in findings
            if f.alone
            or not (self.patterns[f.key].needs_other_restrictions and keys == {f.key})
        ]


def _content_words(text: str) -> set[str]:
    """Content words cut to 6 letters: a crude stem (diagnoses ~ diagnosis)."""
    return {w[:6] for w in _WORDS.findall(text) if w not in _STOP}
