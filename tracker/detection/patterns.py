"""Rules: regexes over lowercase squeezed text with the literals that gate them.

Category wordings live in topics.py, prohibition triggers in scope.py; this
module holds the shared rule type, its builders and the unit-level markers
(lifted restrictions, lead-ins).
"""

import dataclasses
import re
from dataclasses import dataclass

from ._anchors import anchors_of, prefixes_of

F = re.MULTILINE


@dataclass(frozen=True)
class Rule:
    """One regex with the literal anchors that any match must contain."""

    pattern: re.Pattern[str]
    anchors: tuple[str, ...] | None  # None: no safe anchor, always scan
    kind: str = "topic"  # topic: needs a restrictive context; self: carries its own
    weight: float = 0.8
    requires: re.Pattern[str] | None = None  # the unit must also match this
    # True when every match starts with one of the anchors: the regex is then
    # only tried (re.match) where an anchor occurs, not over whole units
    prefix: bool = False
    # False: a finding made only of such hits needs another category beside it
    alone: bool = True


def _rule(
    alternatives,
    *,
    kind="topic",
    weight=0.8,
    requires=None,
    anchors=None,
    prefix=False,
) -> Rule:
    pattern = re.compile("|".join(f"(?:{a})" for a in alternatives), F)
    if anchors is not None:  # hand-written where derivation finds only function words
        return Rule(pattern, tuple(anchors), kind, weight, requires, prefix)
    # Cheapest first: rare prefixes (re.match at each), then rarer required
    # literals (search the units holding one), then any prefixes, then a scan.
    for rare in (True, False):
        prefixes = _union(prefixes_of(alt, rare=rare) for alt in alternatives)
        if prefixes is not None:
            return Rule(pattern, tuple(sorted(prefixes)), kind, weight, requires, True)
        if rare:
            derived = _union(anchors_of(alt, rare=True) for alt in alternatives)
            if derived is not None:
                return Rule(pattern, tuple(sorted(derived)), kind, weight, requires)
    derived = _union(anchors_of(alt) for alt in alternatives)
    anchors = tuple(sorted(derived)) if derived is not None else None
    return Rule(pattern, anchors, kind, weight, requires)


def _union(sets) -> set[str] | None:
    out: set[str] = set()
    for found in sets:
        if found is None:
            return None
        out |= found
    return out


def _rules(alternatives, **options) -> tuple[Rule, ...]:
    """One rule, or two when only some alternatives start with a rare literal:
    those go in a prefix rule (tried only where the literal occurs), so one
    loosely anchored wording does not make the whole set scan every unit."""
    prefixed = [a for a in alternatives if prefixes_of(a, rare=True) is not None]
    rest = [a for a in alternatives if a not in prefixed]
    if not prefixed or not rest:
        return (_rule(alternatives, **options),)
    return (_rule(prefixed, **options), _rule(rest, **options))


def topic(
    *alternatives: str, weight: float = 0.8, requires: str | None = None
) -> tuple[Rule, ...]:
    req = re.compile(requires) if requires else None
    return _rules(alternatives, weight=weight, requires=req)


def weak_topic(*alternatives: str) -> tuple[Rule, ...]:
    return _rules(alternatives, weight=0.62)


def own(
    *alternatives: str, requires: str | None = None, alone: bool = True
) -> tuple[Rule, ...]:
    req = re.compile(requires) if requires else None
    rules = _rules(alternatives, kind="self", weight=0.85, requires=req)
    return tuple(dataclasses.replace(r, alone=alone) for r in rules)


def _rx(
    *alternatives: str, anchors: tuple[str, ...] | None = None, prefix: bool = False
) -> Rule:
    return _rule(alternatives, anchors=anchors, prefix=prefix)


# A unit that lifts restrictions is never evidence of one.
LIFTED = _rx(
    r"\bno (?:use[- ]based |use |usage )?restrictions\b",
    r"\bwithout (?:any )?(?:use |usage )?restrictions?\b",
    r"\bunrestricted\b|\bnot restricted\b",
    r"\bno downstream restrictions\b",
)
# Lead-in words that open a list of restricted uses.
LEAD_IN = _rx(
    r"\brestrict",
    r"\bprohibit",
    r"\bforbid",
    r"\bout[- ]of[- ]scope",
    r"\bbanned\b|\boff[- ]limits\b|\bnot (?:permitted|allowed)\b",
    # "this licence ends automatically if you use the model for any of:"
    r"\b(?:terminat\w*|revoked|com(?:e|es) to an end|ends? automatically|lapses?)\b"
    r".{0,200}?\bus(?:e|es|ing)\b",
)


@dataclass(frozen=True)
class CategoryPatterns:
    rules: tuple[Rule, ...] = ()
    veto: re.Pattern[str] | None = None  # a unit matching this never counts
    # category keys that, firing in the same unit, make this one redundant
    subsumed_by: tuple[str, ...] = ()
    keep_if: re.Pattern[str] | None = None
    # a finding made only of `alone=False` hits needs another category beside it
    needs_other_restrictions: bool = False
    # ai-disclosure is usually phrased as the exception ("unless disclosed")
    exceptions_matter: bool = True

    def __post_init__(self) -> None:
        # topic()/own() return tuples of rules; keep one flat tuple
        flat: list[Rule] = []
        for item in self.rules:
            flat.extend(item if isinstance(item, tuple) else (item,))
        object.__setattr__(self, "rules", tuple(flat))
