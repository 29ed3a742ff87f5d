"""Loading the library: idempotence, versioning, per-file all-or-nothing."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clauses.models import Category, Clause, ClauseVersion, KnownLicense
from clauses.services import library_load

CATEGORIES = """
categories:
  - {key: fraud-spam, name: Fraud and spam, description: Scams., group: deception}
  - {key: malware, name: Malware, description: Harmful code., group: regulated}
"""
LICENSES = """
licenses:
  - key: llama2
    name: Llama 2 Community License Agreement
    family: llama
    on_hub_list: true
    propagates_restrictions: true
    categories: [fraud-spam, malware]
    aliases: [llama-2-community-license]
    links: [ai.meta.com/llama/license]
  - {key: mit, name: MIT, family: permissive, on_hub_list: true}
"""
SPAM = """
clauses:
  - slug: no-spam
    title: Spam
    category: fraud-spam
    domain: Disinformation
    text: Do not use the Artifact to send bulk unsolicited messages.
    artifacts: [model]
    provenance: [llama2]
    cues: [spam, unsolicited messages, bulk messages]
    status: approved
"""
MALWARE = """
clauses:
  - slug: no-malware
    title: Malware
    category: malware
    domain: Malware
    text: Do not use the Artifact to write code meant to damage computer systems.
    artifacts: [source_code, model]
    mandatory_in: [OpenRAIL, RAIL, ResearchRAIL]
    cues: [malware, computer viruses, malicious code]
    status: draft
"""


@pytest.fixture
def tree(tmp_path, db) -> Path:
    """A small library tree, loaded into an otherwise empty library."""
    ClauseVersion.objects.all().delete()
    Clause.objects.all().delete()
    KnownLicense.objects.all().delete()
    Category.objects.all().delete()
    (tmp_path / "clauses").mkdir()
    (tmp_path / "categories.yaml").write_text(CATEGORIES)
    (tmp_path / "known_licenses.yaml").write_text(LICENSES)
    (tmp_path / "clauses" / "spam.yaml").write_text(SPAM)
    (tmp_path / "clauses" / "malware.yaml").write_text(MALWARE)
    return tmp_path


def test_first_load_creates_everything(tree):
    report = library_load(root=tree)
    assert report.errors == []
    assert (report.categories.created, report.licenses.created) == (2, 2)
    assert report.clauses.created == 2
    assert report.new_versions == 2
    spam = Clause.objects.get(slug="no-spam")
    assert spam.version == 1
    assert list(spam.provenance.values_list("key", flat=True)) == ["llama2"]
    llama = KnownLicense.objects.get(key="llama2")
    assert set(llama.categories.values_list("key", flat=True)) == {
        "fraud-spam",
        "malware",
    }


def test_second_load_changes_nothing(tree):
    library_load(root=tree)
    report = library_load(root=tree)
    assert report.created == 0
    assert report.changed == 0
    assert report.new_versions == 0
    assert report.clauses.unchanged == 2


def test_command_reports_zero_on_rerun(tree, capsys):
    call_command("load_library", root=tree)
    call_command("load_library", root=tree)
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("total: 0 created, 0 changed, 0 new clause versions")


def test_changed_text_adds_a_version_and_keeps_the_old(tree):
    library_load(root=tree)
    spam = tree / "clauses" / "spam.yaml"
    spam.write_text(SPAM.replace("bulk unsolicited", "mass unsolicited"))
    report = library_load(root=tree)
    assert report.clauses.changed == 1
    assert report.new_versions == 1
    clause = Clause.objects.get(slug="no-spam")
    assert clause.version == 2
    texts = list(clause.versions.order_by("version").values_list("text", flat=True))
    assert "bulk unsolicited" in texts[0]
    assert "mass unsolicited" in texts[1]


def test_metadata_change_is_not_a_new_version(tree):
    library_load(root=tree)
    spam = tree / "clauses" / "spam.yaml"
    spam.write_text(SPAM.replace("cues: [spam,", "cues: [junk mail, spam,"))
    report = library_load(root=tree)
    assert (report.clauses.changed, report.new_versions) == (1, 0)
    assert Clause.objects.get(slug="no-spam").cues[:2] == ["junk mail", "spam"]


def test_broken_file_loads_nothing_from_it_but_others_load(tree):
    (tree / "clauses" / "spam.yaml").write_text(
        SPAM + "  - slug: second\n    title: T\n    category: nope\n"
    )
    report = library_load(root=tree)
    assert len(report.errors) == 1
    assert "spam.yaml" in report.errors[0]
    assert "clause 'second'" in report.errors[0]
    assert "field 'category'" in report.errors[0]
    assert not Clause.objects.filter(slug="no-spam").exists()
    assert Clause.objects.filter(slug="no-malware").exists()


def test_command_fails_with_the_error(tree):
    (tree / "clauses" / "malware.yaml").write_text(MALWARE.replace("[source", "[sauce"))
    with pytest.raises(CommandError, match=r"malware.yaml, clause 'no-malware', field"):
        call_command("load_library", root=tree)


def test_slug_defined_in_two_files_is_refused(tree):
    shutil.copy(tree / "clauses" / "spam.yaml", tree / "clauses" / "zz-copy.yaml")
    report = library_load(root=tree)
    assert any("zz-copy.yaml" in e and "already defined" in e for e in report.errors)
    assert Clause.objects.filter(slug="no-spam").count() == 1


def test_dry_run_writes_nothing(tree):
    report = library_load(root=tree, dry_run=True)
    assert report.created == 6
    assert not Category.objects.exists()
