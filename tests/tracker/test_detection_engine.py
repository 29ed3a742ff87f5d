"""The detection engine on short texts written for these tests."""

import dataclasses
import json

import pytest
from django.conf import settings

from tracker.detection import Detector, detector_from_fixtures, library_from_fixtures
from tracker.detection.library import ComposedInfo


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


def keys(result) -> set[str]:
    return {c.key for c in result.categories}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("You must not use the model to write ransomware.", "malware"),
        (
            "The licensee shall not deploy the software to develop weapons.",
            "military-weapons",
        ),
        ("Users may not rely on the outputs to diagnose illnesses.", "medical"),
        ("Do not use this checkpoint to harass or threaten journalists.", "harassment"),
        (
            "It is prohibited to use the weights for political campaigning.",
            "political-campaigning",
        ),
        ("You agree not to send spam with the system.", "fraud-spam"),
        ("Commercial use of the weights is strictly prohibited.", "non-commercial"),
        (
            "If your service exceeds 10 million monthly active users you need a "
            "separate license.",
            "user-threshold",
        ),
        (
            "Licensees may not use generated text to train a competing language model.",
            "competing-models",
        ),
        ("You will not use the assistant to stalk a former partner.", "harassment"),
        (
            "Never use the model to produce sexual content involving minors.",
            "child-safety",
        ),
        (
            "You may not use it to predict whether someone will commit a crime.",
            "law-enforcement",
        ),
        ("The Model may be used solely for academic research.", "research-only"),
    ],
)
def test_restrictions_in_our_own_words_are_found(detector, text, category):
    assert category in keys(detector.detect_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "This model was evaluated on medical questions.",
        "The model was trained on data about weapons, drugs and crime.",
        "We fixed a bug where the model could not generate answers about weapons.",
        "There are no restrictions on commercial use.",
        "Our benchmark covers fraud detection, spam filtering and malware triage.",
        "The dataset includes news about elections, terrorism and immigration.",
        "Do not use the tool, except for fraud investigations.",
    ],
)
def test_mentions_without_a_restriction_are_not_findings(detector, text):
    assert keys(detector.detect_text(text)) == set()


def test_evidence_offsets_point_at_the_sentence(detector):
    text = (
        "# Sparrow terms\r\n\r\nWelcome to Sparrow. We hope you enjoy it.\r\n\r\n"
        "* You shall not use Sparrow to build \u201csmart\u201d weapons.\r\n"
        "* Have fun.\r\n"
    )
    result = detector.detect_text(text)
    [finding] = [c for c in result.categories if c.key == "military-weapons"]
    ev = finding.evidence
    assert text[ev.start : ev.end] == ev.text
    assert ev.text == "You shall not use Sparrow to build \u201csmart\u201d weapons."


def test_a_specific_category_makes_the_general_one_redundant(detector):
    narrow = detector.detect_text("You shall not discriminate in hiring or lending.")
    assert "essential-services-discrimination" in keys(narrow)
    assert "discrimination" not in keys(narrow)
    both = detector.detect_text(
        "You shall not discriminate against people because of their religion "
        "when hiring."
    )
    assert {"essential-services-discrimination", "discrimination"} <= keys(both)


def test_propagation_needs_a_restriction_to_propagate(detector):
    copy_only = "You must give every recipient a copy of this License."
    assert keys(detector.detect_text(copy_only)) == set()
    with_rule = copy_only + "\n\nYou must not use the Model to write malware."
    assert {"restrictions-propagate", "malware"} <= keys(
        detector.detect_text(with_rule)
    )


def test_a_list_under_a_restrictive_lead_in_counts(detector):
    text = (
        "You agree that you will not use the weights:\n"
        "- to build surveillance tools that track people;\n"
        "- for military targeting.\n\n"
        "Thanks for reading this far, the weather is fine.\n"
        "- terrorism studies are a popular topic.\n"
    )
    found = keys(detector.detect_text(text))
    assert {"surveillance", "military-weapons"} <= found
    assert "violence-terrorism" not in found  # the list ended at the prose paragraph


def test_composed_license_is_identified_and_clauses_match_exactly(detector):
    library = library_from_fixtures(settings.FIXTURES_ROOT)
    first = {}
    for clause in library.clauses:
        first.setdefault(clause.category, clause)
    chosen = [first["malware"], first["medical"]]
    body = "\n".join(f"{n}. {c.text}" for n, c in enumerate(chosen, 1))
    text = (
        "Acme OpenRAIL-M License\nLicense-Id: railtrack:acme-openrail-m:v3\n\n"
        f"Attachment A\n\n{body}\n"
    )
    # without the database the line cannot be checked: unverified
    unverified = detector.detect_text(text).license
    assert (unverified.key, unverified.verified) == ("railtrack:acme-openrail-m", False)
    assert unverified.score < 1.0
    known = dataclasses.replace(
        library,
        composed=(ComposedInfo("acme-openrail-m", versions=(1, 2, 3)),),
        composed_known=True,
    )
    result = Detector(known).detect_text(text)
    assert result.license.key == "railtrack:acme-openrail-m"
    assert result.license.version == 3
    assert result.license.score == 1.0
    assert result.license.verified is True
    found = {c.key: c for c in result.categories}
    for clause in chosen:
        assert found[clause.category].clause == clause.slug
        assert found[clause.category].score >= 0.99


@pytest.mark.parametrize(
    ("card", "key", "method"),
    [
        ("---\nlicense: llama3.1\n---\n# A card\n", "llama3.1", "tag"),
        (
            "---\nlicense: other\nlicense_name: gemma-terms-of-use\n---\n",
            "gemma",
            "name",
        ),
        (
            "---\nlicense: other\nlicense_link: https://ai.google.dev/gemma/terms\n---\n",
            "gemma",
            "link",
        ),
        ("---\nlicense: Apache-2.0\n---\nHello", "apache-2.0", "tag"),
    ],
)
def test_card_metadata_identifies_the_license(detector, card, key, method):
    lic = detector.detect_text(card).license
    assert (lic.key, lic.method) == (key, method)


def test_a_bare_tag_reports_the_catalog_categories_as_inferred(detector):
    text = "license: llama3.1\n"
    result = detector.detect_text(text)
    assert result.license.key == "llama3.1"
    assert "illegal-activity" in keys(result)
    assert all(c.inferred and c.score < 0.5 for c in result.categories)
    assert all(c.evidence.text == "license: llama3.1" for c in result.categories)
    assert any("catalog" in w for w in result.warnings)


def test_result_serialises_to_the_documented_shape(detector):
    result = detector.detect_text("You must not use the model to write malware.")
    data = json.loads(json.dumps(result.as_dict(path="x.txt")))
    assert set(data) >= {"path", "license", "categories"}
    [cat] = data["categories"]
    assert set(cat) == {"key", "clause", "score", "evidence"}
    assert set(cat["evidence"]) == {"start", "end", "text"}
    assert 0 < cat["score"] <= 1
