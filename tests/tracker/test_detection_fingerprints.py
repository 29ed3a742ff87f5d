"""Fingerprints: hashes only, round trips, and near-duplicate versions apart."""

import json

import pytest
from django.conf import settings

from tracker.detection.engine import Detector
from tracker.detection.fingerprints import (
    build_fingerprints,
    dump_fingerprints,
    load_fingerprints,
)
from tracker.detection.library import Library

BODY = " ".join(
    f"Clause {n}. The holder of the gadget may lend it to a neighbour on day {n} "
    f"provided that the neighbour returns it clean before sunset number {n * 7}."
    for n in range(1, 60)
)


def version(number: str, date: str) -> str:
    return (
        f"WIDGET PUBLIC TERMS {number}\nWidget {number} Release Date: {date}\n\n"
        f"{BODY}\n\nWidget {number} is offered under the Widget {number} Terms."
    )


VERSIONS = {
    "widget-1": version("1", "March 3, 2021"),
    "widget-2": version("2", "June 9, 2022"),
    "widget-2.1": version("2.1", "July 1, 2023"),
    "other": "Completely different words about ferries, timetables and harbours. " * 40,
}


@pytest.fixture(scope="module")
def detector():
    fps = build_fingerprints((key, key, text) for key, text in VERSIONS.items())
    return Detector(Library(), load_fingerprints(dump_fingerprints(fps)))


@pytest.mark.parametrize("key", ["widget-1", "widget-2", "widget-2.1"])
def test_near_identical_versions_are_told_apart(detector, key):
    lic = detector.detect_text(VERSIONS[key]).license
    assert lic.key == key
    assert lic.score > 0.95


def test_a_middle_fragment_still_finds_its_version(detector):
    text = VERSIONS["widget-2.1"]
    middle = text[len(text) // 3 :]
    assert detector.detect_text(middle).license.key == "widget-2.1"


def test_unrelated_text_matches_nothing(detector):
    text = "A recipe: boil the pasta, add salt, stir the sauce and serve hot. " * 30
    assert detector.detect_text(text).license is None


def test_a_file_from_another_interpreter_is_refused():
    data = dump_fingerprints(build_fingerprints([("a", "a", VERSIONS["other"])]))
    data["hash_probe"] += 1
    with pytest.raises(ValueError, match="build_fingerprints"):
        load_fingerprints(data)


def test_committed_fingerprints_hold_no_license_text():
    path = settings.FIXTURES_ROOT / "license_fingerprints.json"
    data = json.loads(path.read_text())
    assert data["documents"]
    for doc in data["documents"]:
        assert set(doc) == {
            "id",
            "license",
            "title",
            "date",
            "version",
            "size",
            "sample",
            "distinct",
        }
        # titles and dates are facts; nothing sentence-long is stored
        for field in ("id", "license", "title", "date", "version"):
            assert len(doc[field]) <= 90
            assert doc[field].count(" ") < 12
    load_fingerprints(path)  # and it loads under this interpreter
