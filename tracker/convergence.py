"""Pure measures of how clause configurations converge: entropy and similarity."""

import math
from collections import Counter
from collections.abc import Iterable
from itertools import combinations

Configuration = frozenset[str]


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B|; two empty sets are identical (1.0)."""
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def entropy_bits(counts: Iterable[int]) -> float:
    """Shannon entropy, in bits, of a distribution given by counts."""
    counts = [c for c in counts if c > 0]
    total = sum(counts)
    if not total:
        return 0.0
    return -sum(c / total * math.log2(c / total) for c in counts)


def mean_pairwise_jaccard(configurations: list[Configuration]) -> float | None:
    """Mean Jaccard similarity over all pairs; None with fewer than two.

    Identical configurations are grouped first, so the cost grows with the
    number of distinct configurations, not with the number of licenses.
    """
    n = len(configurations)
    if n < 2:
        return None
    groups = Counter(configurations)
    total = sum(c * (c - 1) / 2 for c in groups.values())  # identical pairs: 1.0
    for (a, ca), (b, cb) in combinations(groups.items(), 2):
        total += ca * cb * jaccard(a, b)
    return total / (n * (n - 1) / 2)


def convergence_summary(configurations: list[Configuration]) -> dict:
    """Distinct configurations, entropy and mean pairwise Jaccard for one period."""
    counts = Counter(configurations)
    return {
        "licenses": len(configurations),
        "distinct_configurations": len(counts),
        "entropy_bits": round(entropy_bits(counts.values()), 4),
        "mean_pairwise_jaccard": (
            None
            if (value := mean_pairwise_jaccard(configurations)) is None
            else round(value, 4)
        ),
    }
