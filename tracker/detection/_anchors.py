"""Derive literal substrings that every match of a regex must contain.

Scanning a 15 kB document with forty regexes costs more than our whole time
budget; finding a few literals with str.find first is an order of magnitude
cheaper, and the regex then runs only on the units that contain one.
"""

import re

try:  # Python 3.11+: the parser lives at re._parser
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layout
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_ANCHOR = 3
# Function words make useless gates: they occur in every unit.
_COMMON = frozenset(
    "the and for not any use may can will shall with only this that from such "
    "other all are you your own its has have who was were been being into onto "
    "but nor per via than then them they their our out off"
    # and words every license repeats
    " licen license licence agreement model models material materials software"
    " right rights data information service services content person third".split()
)
# Stems so frequent in license texts that a rule gated on them is tried almost
# everywhere; prefix mode avoids them when a rarer required literal exists.
FREQUENT = frozenset(
    "age legal may rate mark output outputs train deep copyright patent trademark"
    " compl comply compliance inform generat shar personal private require"
    " commercial agree restrict restriction restrictions process provide violat"
    " decision decisions".split()
)
_LITERAL = sre_constants.LITERAL
_BRANCH = sre_constants.BRANCH
_SUBPATTERN = sre_constants.SUBPATTERN
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)


def _required(seq, rare: bool = False) -> set[str] | None:
    """A set of literals of which every match of `seq` contains at least one."""
    runs: list[str] = []
    run: list[str] = []
    options: list[set[str]] = []

    def flush() -> None:
        if run:
            runs.append("".join(run))
        run.clear()

    for op, av in seq:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        flush()
        sub: set[str] | None = None
        if op is _BRANCH:
            parts = [_required(branch, rare) for branch in av[1]]
            if parts and all(parts):
                sub = set().union(*parts)
        elif op is _SUBPATTERN:
            sub = _required(av[-1], rare)
        elif op in _REPEATS and av[0] >= 1:
            sub = _required(av[2], rare)
        if sub and all(_usable(s, rare) for s in sub):
            options.append(sub)
    flush()
    options.extend({r} for r in runs if _usable(r, rare))
    if not options:
        return None
    return max(options, key=lambda s: (min(len(x.strip()) for x in s), -len(s)))


def _usable(literal: str, rare: bool = False) -> bool:
    core = literal.strip()
    if rare and core in FREQUENT:
        return False
    return len(core) >= MIN_ANCHOR and core not in _COMMON


def _prefixes(seq) -> set[str] | None:
    """Literals one of which every match starts with (after zero-width checks)."""
    run: list[str] = []
    for op, av in seq:
        if op in _ZERO_WIDTH and not run:
            continue
        if op is _LITERAL:
            run.append(chr(av))
            continue
        head = "".join(run)
        sub: set[str] | None = None
        if op is _BRANCH:  # sre_parse hoists a shared head out of alternatives
            parts = [_prefixes(branch) for branch in av[1]]
            sub = set().union(*parts) if parts and all(parts) else None
        elif op is _SUBPATTERN:
            sub = _prefixes(av[-1])
        if sub:
            return {head + p for p in sub}
        return {head} if head else None
    return {"".join(run)} if run else None


def prefixes_of(pattern: str, *, rare: bool = False) -> set[str] | None:
    """Literals every match of `pattern` starts with, when all are usable gates
    (and, with rare=True, none is a stem license texts use all the time)."""
    try:
        parsed = sre_parse.parse(pattern, re.MULTILINE)
    except (re.error, AttributeError, TypeError):
        return None
    found = _prefixes(list(parsed))
    if not found or not all(_usable(p) for p in found):
        return None
    if rare and any(p.strip() in FREQUENT for p in found):
        return None
    return found


def anchors_of(pattern: str, *, rare: bool = False) -> set[str] | None:
    """Literals guarding `pattern`, or None when no safe set can be derived."""
    try:
        parsed = sre_parse.parse(pattern, re.MULTILINE)
    except (re.error, AttributeError, TypeError):
        return None
    found = _required(list(parsed), rare)
    if not found:
        return None
    return found
