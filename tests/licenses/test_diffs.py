"""The diff between two versions: word-level rewording, labels, custom rows, picker."""

import dataclasses

import pytest
from django.urls import reverse

from clauses.models import Category, Clause
from clauses.services import clause_version_ensure
from licenses.diffs import Segment, version_diff, word_diff
from licenses.selectors import version_get
from licenses.services import CustomDraft, license_version_create

pytestmark = pytest.mark.django_db


def test_word_diff_marks_removed_and_added_words():
    segments = word_diff(
        "Do not use it to grade exams.", "Do not use it to mark tests."
    )
    assert segments == [
        Segment("same", "Do not use it to"),
        Segment("removed", "grade exams."),
        Segment("added", "mark tests."),
    ]
    assert word_diff("same words", "same words") == [Segment("same", "same words")]


def reword(slug: str, text: str) -> None:
    clause = Clause.objects.get(slug=slug)
    clause.text = text
    clause.save()
    assert clause_version_ensure(clause=clause)


def test_reworded_clause_shows_old_and_new_wording(client, version, draft):
    old_text = Clause.objects.get(slug="no-unsupervised-medical-advice").text
    reword("no-unsupervised-medical-advice", old_text + " Ask a doctor first.")
    license_version_create(license=version.license, draft=draft)
    slug = version.license.slug
    diff = version_diff(
        version_get(slug=slug, number=1), version_get(slug=slug, number=2)
    )
    (reworded,) = diff.clauses_reworded
    assert (reworded.old_version, reworded.new_version) == (1, 2)
    assert Segment("added", "Ask a doctor first.") in reworded.text_diff
    page = client.get(reverse("licenses:diff", args=[slug, 1, 2])).content.decode()
    assert "<ins>Ask a doctor first.</ins>" in page
    assert "clause version 1 → 2" in page


def test_artifacts_are_shown_by_label(client, version, draft):
    license_version_create(
        license=version.license,
        draft=dataclasses.replace(draft, artifacts=("data",), clause_slugs=()),
    )
    page = client.get(
        reverse("licenses:diff", args=[version.license.slug, 1, 2])
    ).content.decode()
    assert "Model, Source code" in page
    assert "source_code" not in page.split("Fields changed", 1)[1].split("</table>")[0]


def test_custom_category_change_is_a_change(client, version, draft):
    (custom,) = draft.custom_clauses
    moved = dataclasses.replace(
        draft,
        custom_clauses=(CustomDraft(text=custom.text, category="automated-decisions"),),
    )
    license_version_create(license=version.license, draft=moved)
    slug = version.license.slug
    diff = version_diff(
        version_get(slug=slug, number=1), version_get(slug=slug, number=2)
    )
    assert not diff.is_empty
    (row,) = diff.custom_recategorised
    assert row.text == custom.text
    assert row.old_category == Category.objects.get(key="academic-dishonesty").name
    assert row.new_category == Category.objects.get(key="automated-decisions").name
    assert diff.custom_added == [] and diff.custom_removed == []
    page = client.get(reverse("licenses:diff", args=[slug, 1, 2])).content.decode()
    assert "moved to another category" in page
    assert "make the same choices" not in page


def test_any_two_versions_can_be_picked_and_the_page_links_back(client, version, draft):
    for artifacts in (("model",), ("data",)):
        license_version_create(
            license=version.license,
            draft=dataclasses.replace(draft, artifacts=artifacts, clause_slugs=()),
        )
    slug = version.license.slug
    permalink = client.get(reverse("licenses:version", args=[slug, 3])).content.decode()
    assert f'action="{reverse("licenses:compare", args=[slug])}"' in permalink
    picked = client.get(reverse("licenses:compare", args=[slug]), {"old": 3, "new": 1})
    assert picked.url == reverse("licenses:diff", args=[slug, 3, 1])
    page = client.get(picked.url).content.decode()
    assert f'href="{reverse("licenses:version", args=[slug, 1])}"' in page
    assert "← Back to" in page
    assert '<option value="2"' in page and '<option value="3" selected' in page
    bad = client.get(reverse("licenses:compare", args=[slug]), {"old": 9, "new": 1})
    assert bad.url == reverse("licenses:version", args=[slug, 3])
