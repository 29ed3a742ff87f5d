"""Fingerprints: hashes only, round trips, and near-duplicate versions apart."""

import dataclasses
import json

import pytest
from django.conf import settings

from tracker.detection.engine import Detector
from tracker.detection.fingerprints import (
    build_fingerprints,
    dump_fingerprints,
    load_fingerprints,
)
from tracker.detection.library import Library, LicenseInfo

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
            "categories",
        }
        # categories hold hashes of their evidence, not the sentence
        assert all(isinstance(v, str) for v in doc["categories"].values())
        # titles and dates are facts; nothing sentence-long is stored
        for field in ("id", "license", "title", "date", "version"):
            assert len(doc[field]) <= 90
            assert doc[field].count(" ") < 12
    load_fingerprints(path)  # and it loads under this interpreter


def test_committed_fingerprints_record_what_the_engine_finds(shared_dir):
    """Rebuild fixtures/license_fingerprints.json when this fails: the derived-
    license check compares documents with these recorded categories."""
    from tracker.detection import detector_from_fixtures
    from tracker.detection.corpus import corpus_documents

    detector = detector_from_fixtures(settings.FIXTURES_ROOT)
    recorded = {fp.id: fp for fp in detector.identifier.fps.documents}
    corpus = shared_dir / "corpus" / "licenses"
    for doc in corpus_documents(corpus, detector.library):
        if doc.doc_id not in recorded:
            continue
        result = detector.detect_bytes(doc.path.read_bytes())
        found = {c.key for c in result.categories if not c.inferred}
        assert set(recorded[doc.doc_id].categories) == found, doc.doc_id


# --- documents derived from a known license ----------------------------------

PERMISSIVE = " ".join(
    f"Section {n}. Anyone may copy the gizmo plans, change them and give them away "
    f"on day {n}, provided that the notice of clause {n * 3} stays with every copy."
    for n in range(1, 40)
)
RESTRICTED = PERMISSIVE + (
    " Section 99. You must not use the gizmo plans to build weapons of any kind,"
    " whether for armies, militias or private collectors of arms."
)


def _pair_detector():
    from tracker.detection import library_from_fixtures

    base = library_from_fixtures(settings.FIXTURES_ROOT)
    library = dataclasses.replace(
        base, licenses=(*base.licenses, LicenseInfo(key="gizmo", name="Gizmo Terms"))
    )
    plain = Detector(library)

    def found(text):
        return {
            c.key: c.evidence.text
            for c in plain.detect_text(text).categories
            if not c.inferred
        }

    fps = build_fingerprints(
        [("gizmo", "gizmo", PERMISSIVE), ("gizmo-safe", "gizmo-safe", RESTRICTED)],
        categories=found,
    )
    return Detector(library, load_fingerprints(dump_fingerprints(fps)))


def test_a_known_license_plus_restrictions_is_a_derived_license():
    detector = _pair_detector()
    extra = PERMISSIVE + (
        " Section 98. Nobody may use the gizmo plans for commercial purposes;"
        " they are for non-commercial purposes only."
    )
    lic = detector.detect_text(extra).license
    assert (lic.key, lic.derived_from) == ("other", "gizmo")
    assert lic.score <= 0.5
    # the original itself, and the original that has the restriction, stand
    assert detector.detect_text(PERMISSIVE).license.key == "gizmo"
    assert detector.detect_text(RESTRICTED).license.key == "gizmo-safe"


def test_a_known_license_with_a_restriction_removed_is_a_derived_license():
    detector = _pair_detector()
    lic = detector.detect_text(PERMISSIVE).license
    assert lic.key == "gizmo"  # the unrestricted original exists
    weakened = RESTRICTED.replace("You must not use", "You may use")
    lic = (
        Detector(detector.library, _only("gizmo-safe", detector))
        .detect_text(weakened)
        .license
    )
    assert (lic.key, lic.derived_from) == ("other", "gizmo-safe")


def _only(key, detector):
    from tracker.detection.fingerprints import FingerprintSet

    return FingerprintSet(
        documents=[d for d in detector.identifier.fps.documents if d.id == key]
    )


def test_a_card_that_declares_the_license_keeps_it_with_a_note():
    detector = _pair_detector()
    card = (
        "---\nlicense: gizmo\n---\n"
        + PERMISSIVE
        + (" Out of scope: the plans should not be used for medical diagnosis.")
    )
    result = detector.detect_text(card)
    assert (result.license.key, result.license.derived_from) == ("gizmo", None)
    assert any("differs from gizmo" in w for w in result.warnings)
    undeclared = card.replace("license: gizmo", "license: other")
    assert detector.detect_text(undeclared).license.derived_from == "gizmo"


def test_a_bare_mention_in_prose_identifies_nothing():
    from tracker.detection import detector_from_fixtures

    detector = detector_from_fixtures(settings.FIXTURES_ROOT)
    prose = (
        "# Reading list\n\nLast week we compared the Gemma Terms of Use with two "
        "other model licenses in a seminar about open weights.\n"
    )
    result = detector.detect_text(prose)
    assert result.license is None
    assert any("mentions gemma" in w for w in result.warnings)
    titled = "# Gemma Terms of Use\n\nThese terms govern the weights.\n"
    assert detector.detect_text(titled).license.key == "gemma"
