"""Convergence measures on hand-made configuration sets."""

import math

from tracker.convergence import (
    convergence_summary,
    entropy_bits,
    jaccard,
    mean_pairwise_jaccard,
)


def test_jaccard():
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert jaccard(set(), set()) == 1.0
    assert jaccard({"a"}, set()) == 0.0


def test_entropy():
    assert entropy_bits([5]) == 0.0
    assert entropy_bits([1, 1]) == 1.0
    assert math.isclose(entropy_bits([1, 1, 1, 1]), 2.0)
    assert entropy_bits([]) == 0.0


def test_mean_pairwise_jaccard_matches_brute_force():
    configs = [
        frozenset("ab"),
        frozenset("ab"),
        frozenset("abc"),
        frozenset("d"),
    ]
    pairs = [
        jaccard(configs[i], configs[j])
        for i in range(len(configs))
        for j in range(i + 1, len(configs))
    ]
    assert math.isclose(mean_pairwise_jaccard(configs), sum(pairs) / len(pairs))
    assert mean_pairwise_jaccard(configs[:1]) is None


def test_identical_configurations_converge_fully():
    summary = convergence_summary([frozenset("ab")] * 4)
    assert summary == {
        "licenses": 4,
        "distinct_configurations": 1,
        "entropy_bits": 0.0,
        "mean_pairwise_jaccard": 1.0,
    }
