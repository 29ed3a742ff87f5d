"""Held-out texts written in our own words: findings, and silence on mentions.

Sets A to C were written to probe the patterns and the patterns were widened
after each (see benchmarks/detection_eval.py for the before figures); set D
was written last and is reported as it came out.
"""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tracker.detection import detector_from_fixtures

FILES = Path(__file__).parent / "detect_files"
EXPECTED = yaml.safe_load((FILES / "expected.yaml").read_text())["documents"]


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


@pytest.mark.parametrize("doc", EXPECTED, ids=[d["file"] for d in EXPECTED])
def test_each_file(detector, doc):
    result = detector.detect_bytes((FILES / doc["file"]).read_bytes())
    got = {c.key for c in result.categories}
    want = set(doc["categories"])
    if not want:
        assert got == set(), "a text that only mentions topics restricts nothing"
    elif doc.get("heldout") == "D":
        # set D measures recall on unseen wording (see the benchmark); the
        # patterns were not changed for it, so only precision is asserted
        assert not got - want
    else:
        assert len(got & want) / len(want) >= 0.8
        assert len(got - want) <= 1
    assert (result.license.key if result.license else None) == doc["license"]
