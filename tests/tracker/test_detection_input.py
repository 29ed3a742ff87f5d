"""Bad input never crashes detection: it says what is wrong or what was cut."""

import os

import pytest
from django.conf import settings

from tracker.detection import detector_from_fixtures
from tracker.detection.textprep import MAX_BYTES, normalise, prepare_bytes, prepare_text

RULE = "You must not use the model to build weapons."


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


@pytest.mark.parametrize("text", ["", "   \n\t  ", "---- **** ....", "\n" * 50])
def test_empty_or_wordless_text_is_an_error_not_a_crash(detector, text):
    result = detector.detect_text(text)
    assert result.error
    assert result.categories == [] and result.license is None
    assert result.as_dict()["warnings"][0] == result.error


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"abc\x00\x01\x02def" * 10, "binary"),
    ],
)
def test_binary_files_are_refused_with_a_reason(detector, data, word):
    result = detector.detect_bytes(data)
    assert word in result.error
    assert result.categories == []


def test_random_bytes_do_not_crash(detector):
    result = detector.detect_bytes(os.urandom(20_000))
    assert result.error or result.warnings


def test_a_text_with_nul_characters_is_refused(detector):
    assert "binary" in detector.detect_text("hello\x00world" * 20).error


def test_non_utf8_bytes_are_replaced_and_reported(detector):
    data = ("Bienvenue \u00e0 tous. " + RULE).encode("latin-1")
    result = detector.detect_bytes(data)
    assert any("not valid UTF-8" in w for w in result.warnings)
    assert "military-weapons" in {c.key for c in result.categories}


def test_utf16_with_a_bom_is_decoded(detector):
    result = detector.detect_bytes(RULE.encode("utf-16"))
    assert "military-weapons" in {c.key for c in result.categories}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(detector, codec):
    result = detector.detect_bytes(("# Terms\n\n" + RULE).encode(codec))
    assert result.error is None
    assert "military-weapons" in {c.key for c in result.categories}


def test_text_and_bytes_are_cut_at_the_same_byte(detector):
    # two bytes per character: a character limit would keep twice as much text
    text = "\u00e9t\u00e9 " * (MAX_BYTES // 5) + RULE
    as_text = prepare_text(text)
    data = text.encode()
    as_bytes = prepare_bytes(data[: MAX_BYTES + 4], size=len(data))
    assert as_text.text == as_bytes.text
    assert len(as_text.text.encode()) <= MAX_BYTES
    assert as_text.warnings == as_bytes.warnings
    assert as_text.warnings[0].startswith("input is ")


def test_a_utf8_bom_is_not_part_of_the_text(detector):
    result = detector.detect_bytes(b"\xef\xbb\xbf" + RULE.encode())
    [finding] = result.categories
    assert finding.evidence.start == 0


def test_texts_over_the_limit_are_cut_and_say_so(detector):
    filler = "The weather report for the harbour follows below.\n" * (MAX_BYTES // 40)
    text = RULE + "\n\n" + filler
    result = detector.detect_text(text)
    assert any("only the first 2.0 MB" in w for w in result.warnings)
    [finding] = [c for c in result.categories if c.key == "military-weapons"]
    assert text[finding.evidence.start : finding.evidence.end] == RULE


def test_large_byte_input_is_cut_on_a_character_boundary():
    data = ("\u00e9" * (MAX_BYTES // 2 + 10)).encode()  # two bytes per character
    prepared = prepare_bytes(data[: MAX_BYTES + 1], size=len(data))
    assert prepared.error is None
    assert "\ufffd" not in prepared.text
    assert any("only the first" in w for w in prepared.warnings)


def test_normalise_keeps_offsets():
    text = "\u201cQuote\u201d \u2014 **bold** <br> \tTab\r\nI\u0307stanbul \u0130"
    assert len(normalise(text)) == len(text)
