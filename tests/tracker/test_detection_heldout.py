"""Texts written in our own words: findings, recall per set, silence on mentions.

How each set relates to the patterns (figures in benchmarks/detection_eval.py,
notes in detect_files/expected.yaml):

- A-C were written while the first patterns were developed and the patterns
  were widened after each: development data, not held out.
- D scored recall 0.29 when first run; the scope-aware rework looked at it.
- E (22 texts) was labelled before that rework: P 0.79 / R 0.24 then; the
  rework looked at its misses too.
- F (13 texts, unusual wording) was written after the rework: P 0.71 / R 0.39
  on its first run; two bugs and vocabulary it showed were then fixed.
- G (12 texts, unusual wording) was written after that: P 0.80 / R 0.41 on
  its first run; only general sentence forms it showed were then added
  (P 0.90 / R 0.66). A later change tuned on G: its misses were read and
  general vocabulary, basis-of-decision and audience forms and elliptical
  "So is ..." sentences were added, giving P 1.00 / R 1.00 (29 TP, 0 FP,
  0 FN; before: 19 TP, 2 FP, 10 FN). G is development data now.
- H (12 texts, conventional license wording) was written last and first run
  with nothing changed for it: P 0.93 / R 0.96. The same change looked at
  its three errors (one miss, two false findings) and fixed them by general
  rules: P 1.00 / R 1.00, so H no longer measures unseen wording either.
- I (14 texts, varied wording, 4 negatives) was written by someone who never
  saw the patterns, cues or fingerprints. First run, on the engine as it was
  (commit 2369736): P 0.96 / R 0.50, license 14/14, negatives silent; after
  the G tuning (which never saw I): P 0.96 / R 0.52 (24 TP, 1 FP, 22 FN).
  A later change tuned on I: its misses were read and general forms were
  added (a grant on condition that the work is not used for something, a
  purpose-limited grant, "make no attempt to", a termination clause that
  lists uses, an attributive "prohibited items") with synonym families for
  what it worded unusually, giving P 1.00 / R 1.00 (46 TP, 0 FP, 0 FN),
  license 14/14, negatives silent. I is development data now.
- J (16 texts, varied wording, 4 negatives) was written by someone who never
  saw the patterns, cues or fingerprints. First run, with nothing changed
  for it (commit 86cd131): P 0.91 / R 0.66 (40 TP, 4 FP, 21 FN), license
  16/16, negatives silent. After the I tuning (which never saw J; commit
  a246474): P 0.91 / R 0.69 (42 TP, 4 FP, 19 FN). It has no floor: nobody
  tunes against it, it measures unseen wording.

The floors below are the measured figures rounded down and guard what was
fixed; only J (and sets written later) measures generalisation.
"""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tracker.detection import detector_from_fixtures

FILES = Path(__file__).parent / "detect_files"
EXPECTED = yaml.safe_load((FILES / "expected.yaml").read_text())["documents"]
# (precision, recall) each set must keep, over all its labelled categories
SET_FLOOR = {
    "D": (0.9, 0.9),
    "E": (0.95, 0.95),
    "F": (0.95, 0.85),
    "G": (1.0, 1.0),
    "H": (0.9, 0.9),
    "I": (1.0, 1.0),
}


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


def _found(detector, doc) -> tuple[set[str], str | None]:
    result = detector.detect_bytes((FILES / doc["file"]).read_bytes())
    got = {c.key for c in result.categories if not c.inferred}
    return got, result.license.key if result.license else None


@pytest.mark.parametrize("doc", EXPECTED, ids=[d["file"] for d in EXPECTED])
def test_each_file(detector, doc):
    got, license_key = _found(detector, doc)
    want = set(doc["categories"])
    if not want:
        assert got == set(), "a text that only mentions topics restricts nothing"
    elif doc.get("heldout", "A") in ("A", "B", "C"):
        assert len(got & want) / len(want) >= 0.8
        assert len(got - want) <= 1
    assert license_key == doc["license"]


@pytest.mark.parametrize("group", sorted(SET_FLOOR))
def test_held_out_set_keeps_its_precision_and_recall(detector, group):
    docs = [d for d in EXPECTED if d.get("heldout") == group]
    assert docs, f"set {group} has no texts"
    tp = fp = fn = 0
    for doc in docs:
        got, _ = _found(detector, doc)
        want = set(doc["categories"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    precision_floor, recall_floor = SET_FLOOR[group]
    assert tp / (tp + fp) >= precision_floor
    assert tp / (tp + fn) >= recall_floor
