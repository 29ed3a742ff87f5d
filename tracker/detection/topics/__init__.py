"""Our own per-category wording patterns, written for lowercase squeezed text.

Each category has `topic` patterns (what the restriction is about; they only
count inside the scope of a prohibition, see scope.py) and optionally `self`
patterns, which carry their own restrictive meaning ("for non-commercial
purposes only", "monthly active users"). Patterns are general wordings with
their common synonyms, not sentences of any one license.
"""

from ..patterns import CategoryPatterns
from . import deception, harms, mechanics, privacy, regulated

CATEGORY_PATTERNS: dict[str, CategoryPatterns] = {
    **harms.PATTERNS,
    **deception.PATTERNS,
    **privacy.PATTERNS,
    **regulated.PATTERNS,
    **mechanics.PATTERNS,
}
