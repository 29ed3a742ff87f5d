"""Creating licenses and versions: naming, pinning, validation, reproducibility."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from clauses.models import Clause
from clauses.services import clause_version_ensure
from licenses.rendering.markdown import markdown_checksum
from licenses.selectors import version_get, version_rerender
from licenses.services import (
    CustomDraft,
    draft_resolve,
    license_version_create,
    mandatory_clauses,
)


def test_name_follows_rail_convention(version):
    assert version.name == "OpenRAIL-MS"
    assert version.number == 1
    assert version.markdown.startswith("# Aurora Vision OpenRAIL-MS License\n")


@pytest.mark.parametrize(
    ("flavor", "artifacts", "name"),
    [
        ("RAIL", ("data",), "RAIL-D"),
        ("ResearchRAIL", ("model", "application", "source_code"), "ResearchRAIL-AMS"),
        ("OpenRAIL", ("source_code", "data", "model", "application"), "OpenRAIL-DAMS"),
    ],
)
def test_names(db, draft, flavor, artifacts, name):
    from licenses.services import license_create

    changed = dataclasses.replace(
        draft, flavor=flavor, artifacts=artifacts, clause_slugs=()
    )
    assert license_create(draft=changed).name == name


def test_mandatory_clauses_are_always_included(db, draft):
    mandatory = {
        c.slug for c in mandatory_clauses(flavor="OpenRAIL", artifacts=draft.artifacts)
    }
    assert len(mandatory) >= 10
    resolved = draft_resolve(draft=dataclasses.replace(draft, clause_slugs=()))
    chosen = {v.clause.slug for v in resolved.clause_versions}
    assert mandatory <= chosen


def test_research_flavor_adds_research_only_clause(db, draft):
    research = draft_resolve(draft=dataclasses.replace(draft, flavor="ResearchRAIL"))
    categories = {v.category.key for v in research.clause_versions}
    assert "research-only" in categories
    openrail = draft_resolve(draft=draft)
    assert "research-only" not in {v.category.key for v in openrail.clause_versions}


def test_stored_checksum_is_sha256_of_markdown(version):
    assert version.checksum == markdown_checksum(version.markdown)
    assert len(version.checksum) == 64


def test_identification_line(version):
    assert f"License-Id: railtrack:{version.license.slug}:v1" in version.markdown


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"clause_slugs": ("no-such-clause",)}, "clauses", "Unknown clause"),
        ({"artifacts": ()}, "artifacts", "at least one"),
        ({"flavor": "ClosedRAIL"}, "flavor", "not one of"),
        (
            {
                "custom_clauses": (
                    CustomDraft(text="Do not do bad things.", category="x"),
                )
            },
            "custom_clauses",
            "unknown category",
        ),
        (
            {"custom_clauses": (CustomDraft(text="short", category="malware"),)},
            "custom_clauses",
            "10 to 600",
        ),
        (
            {
                "custom_clauses": tuple(
                    CustomDraft(
                        text=f"Do not use it for thing {i}.", category="malware"
                    )
                    for i in range(11)
                )
            },
            "custom_clauses",
            "At most 10",
        ),
    ],
)
def test_invalid_drafts_are_refused_with_reasons(db, draft, change, field, fragment):
    with pytest.raises(ValidationError) as err:
        draft_resolve(draft=dataclasses.replace(draft, **change))
    assert fragment in " ".join(err.value.message_dict[field])


def test_unapproved_clause_is_refused(db, draft):
    Clause.objects.filter(slug="no-unsupervised-medical-advice").update(status="draft")
    with pytest.raises(ValidationError) as err:
        draft_resolve(draft=draft)
    assert "not approved" in err.value.message_dict["clauses"][0]


def test_new_version_keeps_the_old_one(version, draft):
    changed = dataclasses.replace(draft, artifacts=("model",), clause_slugs=())
    second = license_version_create(license=version.license, draft=changed)
    assert second.number == 2
    assert second.name == "OpenRAIL-M"
    first = version_get(slug=version.license.slug, number=1)
    assert first.markdown == version.markdown
    assert version_get(slug=version.license.slug).number == 2


def test_old_version_reproduces_byte_for_byte_after_library_changes(version):
    clause = Clause.objects.get(slug="no-unsupervised-medical-advice")
    clause.text = "Completely new wording of the medical clause."
    clause.save()
    assert clause_version_ensure(clause=clause)
    stored = version_get(slug=version.license.slug, number=1)
    assert version_rerender(stored) == stored.markdown
    assert markdown_checksum(version_rerender(stored)) == version.checksum
    assert "Completely new wording" not in stored.markdown


def test_new_version_pins_the_new_clause_text(version, draft):
    clause = Clause.objects.get(slug="no-unsupervised-medical-advice")
    clause.text = "Completely new wording of the medical clause."
    clause.save()
    clause_version_ensure(clause=clause)
    second = license_version_create(license=version.license, draft=draft)
    assert "Completely new wording" in second.markdown


def test_mandatory_clause_follows_the_artifacts_in_form_and_service(db, draft, client):
    """One rule: a mandatory clause that does not apply is neither added nor locked."""
    from django.urls import reverse

    from licenses import wizard
    from licenses.services import offered_clauses

    clause = Clause.objects.get(slug="no-unsupervised-medical-advice")
    clause.mandatory_in = ["OpenRAIL"]
    clause.artifacts = ["data"]
    clause.save()
    model_only = dataclasses.replace(draft, artifacts=("model",), clause_slugs=())
    chosen = {v.clause.slug for v in draft_resolve(draft=model_only).clause_versions}
    assert clause.slug not in chosen
    with_data = dataclasses.replace(model_only, artifacts=("data", "model"))
    chosen = {v.clause.slug for v in draft_resolve(draft=with_data).clause_versions}
    assert clause.slug in chosen
    assert clause.slug not in {c.slug for c in offered_clauses(artifacts=["model"])}

    session = client.session
    session[wizard.SESSION_KEY] = {
        "started": True,
        "slug": "check-000000",
        "project_name": "Check",
        "licensor": "Check Labs",
        "flavor": "OpenRAIL",
        "artifacts": ["data", "model"],
    }
    session.save()
    page = client.get(reverse("licenses:wizard-step", args=["restrictions"]))
    assert f'aria-describedby="locked-{clause.slug}"' in page.content.decode()
