"""Quality on the real published licenses in ../shared (skipped without it)."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tracker.detection import detector_from_fixtures

LABELS = Path(__file__).parent / "data" / "license_labels.yaml"


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


@pytest.fixture
def corpus(shared_dir):
    folder = shared_dir / "corpus" / "licenses"
    docs = yaml.safe_load(LABELS.read_text())["documents"]
    return [(d, (folder / d["file"]).read_text(encoding="utf-8")) for d in docs]


def test_micro_f1_and_identification_meet_the_targets(detector, corpus):
    tp = fp = fn = identified = 0
    per: dict[str, list[int]] = {}
    for doc, text in corpus:
        result = detector.detect_text(text)
        got = {c.key for c in result.categories}
        want = set(doc["categories"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        for key in want:
            per.setdefault(key, [0, 0])[key in got] += 1
        identified += bool(result.license and result.license.key == doc["license"])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.9
    assert identified / len(corpus) >= 0.95
    weak = {
        k: hit / (hit + miss)
        for k, (miss, hit) in per.items()
        if hit / (hit + miss) < 0.7
    }
    assert not weak


@pytest.mark.parametrize("version", ["3.1", "3.2", "3.3", "4"])
def test_llama_versions_apart_even_without_title_and_date(
    detector, shared_dir, version
):
    path = shared_dir / "corpus" / "licenses" / f"llama{version}-license.txt"
    text = path.read_text()
    assert detector.detect_text(text).license.key == f"llama{version}"
    body = text[text.index("License Rights") :]  # no title, no release date
    assert detector.detect_text(body).license.key == f"llama{version}"


def test_an_attachment_a_fragment_is_placed_in_its_family(detector, shared_dir):
    text = (
        shared_dir / "corpus" / "licenses" / "creativeml-openrail-m.txt"
    ).read_text()
    fragment = text[text.rindex("Attachment A") :]  # the list of restrictions only
    result = detector.detect_text(fragment)
    # the RAIL-M and RAIL++-M attachments are word for word the same
    keys = {result.license.key, *result.license.alternatives}
    assert result.license.key in {"creativeml-openrail-m", "openrail++"}
    assert {"creativeml-openrail-m", "openrail++"} <= keys
    assert {"medical", "law-enforcement", "child-safety"} <= {
        c.key for c in result.categories
    }
