"""The literal gate never hides a match that a plain regex scan would find."""

from pathlib import Path

import pytest
from django.conf import settings

from tracker.detection import detector_from_fixtures
from tracker.detection._anchors import anchors_of, prefixes_of
from tracker.detection.categories import _Doc
from tracker.detection.patterns import LIFTED
from tracker.detection.segment import segment
from tracker.detection.textprep import normalise
from tracker.detection.topics import CATEGORY_PATTERNS
from tracker.detection.triggers import TRIGGER

FILES = Path(__file__).parent / "detect_files"
RULES = [
    (key, n, rule)
    for key, pats in CATEGORY_PATTERNS.items()
    for n, rule in enumerate(pats.rules)
] + [("TRIGGER", 0, TRIGGER), ("LIFTED", 0, LIFTED)]


@pytest.fixture(scope="module")
def docs(shared_dir_or_none):
    detector = detector_from_fixtures(settings.FIXTURES_ROOT)
    paths = sorted(FILES.glob("*.[mt][dx]*"))
    if shared_dir_or_none:
        paths += sorted((shared_dir_or_none / "corpus" / "licenses").glob("*.txt"))
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        out.append(_Doc(segment(text, normalise(text)), detector.categories.gate))
    return out


@pytest.fixture(scope="module")
def shared_dir_or_none():
    shared = Path(settings.SHARED_DIR)
    return shared if shared.is_dir() else None


@pytest.mark.parametrize(
    ("key", "n", "rule"), RULES, ids=[f"{k}-{n}" for k, n, _ in RULES]
)
def test_gated_scan_finds_what_a_full_scan_finds(docs, key, n, rule):
    for doc in docs:
        full = {
            i
            for i, u in enumerate(doc.units)
            if rule.pattern.search(u.text) is not None
        }
        assert doc.matching(rule) == full, key


def test_anchor_derivation():
    assert anchors_of(r"\bmalware\b") == {"malware"}
    assert anchors_of(r"\b(?:illegal|unlawful) (?:acts|conduct)") == {
        "illegal",
        "unlawful",
    }
    assert anchors_of(r"\bthe\b") is None  # a function word gates nothing
    assert prefixes_of(r"\bself[- ]?harm|\bsuicid\w*") == {"self", "suicid"}
    assert prefixes_of(r"\w+ weapons") is None
