"""`manage.py detect_clauses`: JSON and text output, bad paths, the DB library."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tracker.detection_db import detector_reset

FILES = Path(__file__).parent / "detect_files"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_detector():
    detector_reset()
    yield
    detector_reset()


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("detect_clauses", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_has_one_object_per_file(tmp_path):
    card = tmp_path / "card.md"
    card.write_text("---\nlicense: apache-2.0\n---\n\nYou must not use it for spam.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out, err = run(
        str(card), str(empty), str(tmp_path / "missing.txt"), "--format", "json"
    )
    data = json.loads(out)
    assert [d["path"] for d in data] == [
        str(card),
        str(empty),
        str(tmp_path / "missing.txt"),
    ]
    first = data[0]
    assert first["license"]["key"] == "apache-2.0"
    assert first["license"]["score"] > 0.9
    [cat] = first["categories"]
    assert cat["key"] == "fraud-spam"
    assert set(cat) == {"key", "clause", "score", "evidence"}
    text = card.read_text()
    assert (
        text[cat["evidence"]["start"] : cat["evidence"]["end"]]
        == cat["evidence"]["text"]
    )
    assert data[1]["license"] is None and data[1]["categories"] == []
    assert "empty" in data[1]["warnings"][0]
    assert "cannot read" in data[2]["error"]
    assert "3 file(s) analysed, 2 not analysable" in err


def test_text_output_for_people():
    out, _ = run(str(FILES / "research-weights-license.txt"))
    assert out.startswith(str(FILES / "research-weights-license.txt"))
    assert "license: not identified" in out
    assert "research-only" in out and "non-commercial" in out


def test_a_folder_is_expanded_to_its_files():
    out, _ = run(str(FILES), "--format", "json")
    paths = {Path(d["path"]).name for d in json.loads(out)}
    assert {"northwind-terms.md", "expected.yaml"} <= paths


def test_binary_file_is_reported_not_raised(tmp_path):
    blob = tmp_path / "weights.bin"
    blob.write_bytes(b"\x00\x01\x02" * 1000)
    out, _ = run(str(blob), "--format", "json")
    [data] = json.loads(out)
    assert "binary" in data["error"]


def _composed(slug_hint: str = "Demo"):
    from licenses.services import LicenseDraft, license_create

    return license_create(
        draft=LicenseDraft(
            project_name=slug_hint,
            licensor="Demo Labs",
            flavor="OpenRAIL",
            artifacts=("model",),
            clause_slugs=("no-unsupervised-medical-advice",),
        )
    )


def test_the_library_comes_from_the_database(tmp_path):
    from clauses.models import Clause

    version = _composed()
    slug = version.license.slug
    clause = Clause.objects.filter(category__key="malware").first()
    path = tmp_path / "composed.md"
    path.write_text(f"License-Id: railtrack:{slug}:v1\n\n1. {clause.text}\n")
    out, _ = run(str(path), "--format", "json")
    [data] = json.loads(out)
    assert data["license"] == {
        "key": f"railtrack:{slug}",
        "score": 1.0,
        "method": "id-line",
        "version": 1,
        "verified": True,
    }
    assert any(
        c["key"] == "malware" and c["clause"] == clause.slug for c in data["categories"]
    )


def test_an_id_line_for_a_license_never_composed_is_refused(tmp_path):
    _composed()
    path = tmp_path / "fake.md"
    path.write_text("License-Id: railtrack:nobody-000000:v1\n\nSome terms.\n")
    out, _ = run(str(path), "--format", "json")
    [data] = json.loads(out)
    assert data["license"] is None
    assert any("names no license composed here" in w for w in data["warnings"])


def test_a_card_naming_our_slug_or_permalink_is_identified(tmp_path):
    version = _composed()
    slug = version.license.slug
    cards = {
        "name.md": f"---\nlicense: other\nlicense_name: {slug}\n---\n# Card\n",
        "suffix.md": f"---\nlicense: other\nlicense_name: {slug}-v1\n---\n# Card\n",
        "link.md": (
            "---\nlicense: other\nlicense_link: "
            f"https://rail.example/licenses/{slug}/v1/\n---\n# Card\n"
        ),
    }
    for name, text in cards.items():
        (tmp_path / name).write_text(text)
    out, _ = run(str(tmp_path), "--format", "json")
    found = {Path(d["path"]).name: d["license"] for d in json.loads(out)}
    for name in cards:
        assert found[name]["key"] == f"railtrack:{slug}", name
        assert found[name]["verified"] is True
    assert found["suffix.md"]["version"] == 1
    assert found["link.md"]["method"] == "link"


def test_without_a_database_an_id_line_is_unverified(tmp_path):
    path = tmp_path / "composed.md"
    path.write_text("License-Id: railtrack:demo-123abc:v2\n\nSome terms.\n")
    out, _ = run(str(path), "--format", "json", "--fixtures")
    [data] = json.loads(out)
    assert data["license"]["verified"] is False
    assert data["license"]["score"] < 1.0


def test_the_cached_detector_sees_alias_and_link_edits(tmp_path, monkeypatch):
    from clauses.models import KnownLicense
    from tracker import detection_db

    monkeypatch.setattr(detection_db, "RECHECK_SECONDS", 0.0)
    card = tmp_path / "card.md"
    card.write_text("---\nlicense: other\nlicense_name: finch-terms\n---\n# Finch\n")
    [before] = json.loads(run(str(card), "--format", "json")[0])
    assert before["license"] is None
    gemma = KnownLicense.objects.get(key="gemma")
    gemma.aliases = [*gemma.aliases, "finch-terms"]
    gemma.save()
    [after] = json.loads(run(str(card), "--format", "json")[0])
    assert after["license"]["key"] == "gemma"
    gemma.links = [*gemma.links, "finch.example/terms"]
    gemma.save()
    card.write_text(
        "---\nlicense: other\nlicense_link: https://finch.example/terms\n---\n"
    )
    [linked] = json.loads(run(str(card), "--format", "json")[0])
    assert (linked["license"]["key"], linked["license"]["method"]) == ("gemma", "link")
