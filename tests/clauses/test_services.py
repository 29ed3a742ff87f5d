"""Loading the library: idempotence, versioning, per-file all-or-nothing."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from clauses.models import Category, Clause, ClauseVersion, KnownLicense
from clauses.services import clause_version_ensure, clauses_approve, library_load

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


# --- admin edits and the fixtures -------------------------------------------


def test_admin_approval_survives_a_reload(tree):
    library_load(root=tree)
    clauses_approve(clause_ids=[Clause.objects.get(slug="no-malware").pk])
    report = library_load(root=tree)
    assert (report.created, report.changed) == (0, 0)
    assert report.clauses.kept == 1
    assert report.kept == ["clause 'no-malware': status"]
    assert Clause.objects.get(slug="no-malware").status == "approved"


def test_admin_text_edit_survives_a_reload_without_a_new_version(tree):
    library_load(root=tree)
    clause = Clause.objects.get(slug="no-spam")
    clause.text = "Do not use the Artifact for spam of any kind."
    clause.save()
    clause_version_ensure(clause=clause)
    report = library_load(root=tree)
    assert (report.changed, report.new_versions) == (0, 0)
    clause.refresh_from_db()
    assert clause.text == "Do not use the Artifact for spam of any kind."
    assert clause.versions.count() == 2


def test_a_yaml_change_applies_only_the_fields_it_changed(tree):
    library_load(root=tree)
    clauses_approve(clause_ids=[Clause.objects.get(slug="no-malware").pk])
    malware = tree / "clauses" / "malware.yaml"
    malware.write_text(MALWARE.replace("cues: [malware,", "cues: [ransomware,"))
    report = library_load(root=tree)
    assert report.clauses.changed == 1
    assert report.changes == ["clause 'no-malware': cues"]
    clause = Clause.objects.get(slug="no-malware")
    assert clause.cues[0] == "ransomware"
    assert clause.status == "approved"  # the YAML did not change the status


def test_a_yaml_text_change_wins_over_an_admin_edit_and_says_so(tree):
    library_load(root=tree)
    clause = Clause.objects.get(slug="no-spam")
    clause.text = "Do not use the Artifact for spam of any kind."
    clause.save()
    clause_version_ensure(clause=clause)
    spam = tree / "clauses" / "spam.yaml"
    spam.write_text(SPAM.replace("bulk unsolicited", "mass unsolicited"))
    report = library_load(root=tree)
    assert report.overwritten == ["clause 'no-spam': text"]
    assert report.changes == ["clause 'no-spam': text (new version 3)"]
    clause.refresh_from_db()
    assert "mass unsolicited" in clause.text
    assert clause.version == 3


def test_force_overwrites_admin_edits_then_reruns_change_nothing(tree):
    library_load(root=tree)
    clauses_approve(clause_ids=[Clause.objects.get(slug="no-malware").pk])
    llama = KnownLicense.objects.get(key="llama2")
    llama.aliases = ["edited-in-admin"]
    llama.save()
    report = library_load(root=tree, force=True)
    assert (report.clauses.changed, report.licenses.changed) == (1, 1)
    assert Clause.objects.get(slug="no-malware").status == "draft"
    assert KnownLicense.objects.get(key="llama2").aliases == [
        "llama-2-community-license"
    ]
    again = library_load(root=tree)
    assert (again.created, again.changed, again.kept) == (0, 0, [])


def test_catalog_and_category_admin_edits_survive_a_reload(tree):
    library_load(root=tree)
    KnownLicense.objects.filter(key="mit").update(name="MIT License")
    Category.objects.filter(key="malware").update(description="Our wording.")
    report = library_load(root=tree)
    assert report.changed == 0
    assert report.kept == [
        "category 'malware': description",
        "license 'mit': name",
    ]
    assert KnownLicense.objects.get(key="mit").name == "MIT License"


def test_going_back_to_an_earlier_text_appends_a_version(tree):
    library_load(root=tree)
    spam = tree / "clauses" / "spam.yaml"
    spam.write_text(SPAM.replace("bulk unsolicited", "mass unsolicited"))
    library_load(root=tree)
    spam.write_text(SPAM)
    report = library_load(root=tree)
    assert report.new_versions == 1
    clause = Clause.objects.get(slug="no-spam")
    v1, v2, v3 = clause.versions.order_by("version")
    assert v3.checksum == v1.checksum != v2.checksum
    assert clause.version == 3
    assert library_load(root=tree).new_versions == 0


def test_a_clause_removed_from_the_yaml_is_reported_then_retired(tree):
    library_load(root=tree)
    (tree / "clauses" / "spam.yaml").unlink()
    report = library_load(root=tree)
    assert report.not_in_fixtures["clauses"] == ["no-spam (approved)"]
    assert Clause.objects.get(slug="no-spam").status == "approved"
    report = library_load(root=tree, retire=True)
    assert report.retired == ["no-spam"]
    assert report.not_in_fixtures["clauses"] == ["no-spam (draft)"]
    assert Clause.objects.get(slug="no-spam").status == "draft"  # kept, not deleted


def test_nothing_is_missing_or_retired_while_a_clause_file_is_broken(tree):
    library_load(root=tree)
    (tree / "clauses" / "malware.yaml").write_text(MALWARE.replace("[source", "[x"))
    report = library_load(root=tree, retire=True)
    assert "clauses" not in report.not_in_fixtures
    assert report.retired == []


def test_clauses_added_in_the_admin_are_not_reported_missing(tree):
    library_load(root=tree)
    Clause.objects.create(
        slug="admin-only",
        title="T",
        category=Category.objects.get(key="malware"),
        domain="Malware",
        text="Do not.",
        artifacts=["model"],
        cues=["a", "b", "c"],
        status="approved",
    )
    report = library_load(root=tree, retire=True)
    assert report.not_in_fixtures["clauses"] == []
    assert Clause.objects.get(slug="admin-only").status == "approved"


def test_a_license_removed_from_the_yaml_is_reported(tree):
    library_load(root=tree)
    (tree / "known_licenses.yaml").write_text(LICENSES.split("  - {key: mit")[0])
    report = library_load(root=tree)
    assert report.not_in_fixtures["licenses"] == ["mit"]
    assert KnownLicense.objects.filter(key="mit").exists()


def test_bad_catalog_url_loads_nothing_from_that_file_and_the_rest_goes_on(tree):
    (tree / "known_licenses.yaml").write_text(
        LICENSES.replace("links: [ai.meta.com/llama/license]", "url: 'meta llama'")
    )
    report = library_load(root=tree)
    [license_error] = [e for e in report.errors if "known_licenses.yaml" in e]
    assert "license 'llama2', field 'url'" in license_error
    assert "nothing loaded from this file" in license_error
    assert not KnownLicense.objects.exists()
    assert Category.objects.count() == 2
    assert Clause.objects.filter(slug="no-malware").exists()  # cites no license


def test_a_model_validation_error_names_file_record_and_field(tree, monkeypatch):
    import clauses.services.library as services
    from clauses.loaders import parse_clauses

    def bad_artifacts(path, **kwargs):
        records = parse_clauses(path, **kwargs)
        return [replace(r, artifacts=("weights",)) for r in records]

    monkeypatch.setattr(services, "parse_clauses", bad_artifacts)
    report = library_load(root=tree)
    assert any(
        "malware.yaml, clause 'no-malware': field 'artifacts'" in e
        for e in report.errors
    )
    assert not Clause.objects.exists()


def test_command_lists_kept_edits_and_offers_force_and_retire(tree, capsys):
    call_command("load_library", root=tree)
    clauses_approve(clause_ids=[Clause.objects.get(slug="no-malware").pk])
    (tree / "clauses" / "spam.yaml").unlink()
    call_command("load_library", root=tree)
    out = capsys.readouterr().out
    assert "clauses: 0 created, 0 changed, 1 unchanged (1 keep admin edits)" in out
    assert "  clause 'no-malware': status" in out
    assert "--force applies it" in out
    assert "clauses not in fixtures" in out and "--retire" in out
    assert "  no-spam (approved)" in out
    call_command("load_library", root=tree, force=True, retire=True)
    out = capsys.readouterr().out
    assert "retired (set to draft):\n  no-spam" in out
    assert Clause.objects.get(slug="no-malware").status == "draft"
