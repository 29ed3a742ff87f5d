"""Our license wording is our own: no 8-word run is shared with published licenses."""

import re
from datetime import date

import pytest

from clauses.models import Clause
from clauses.vocabulary import ARTIFACTS, FLAVORS
from licenses.rendering.document import ClauseItem, LicenseDocument
from licenses.rendering.markdown import CURRENT_TEMPLATE_VERSION, compose_markdown

RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.fixture
def published_runs(shared_dir) -> dict[tuple[str, ...], str]:
    folder = shared_dir / "corpus" / "licenses"
    if not folder.is_dir():
        pytest.skip("the license corpus is not present")
    index: dict[tuple[str, ...], str] = {}
    for path in sorted(folder.glob("*.txt")):
        for run in runs(path.read_text(errors="ignore")):
            index.setdefault(run, path.name)
    assert index
    return index


@pytest.mark.django_db
@pytest.mark.parametrize("flavor", FLAVORS)
def test_composed_text_shares_no_run_with_published_licenses(published_runs, flavor):
    clauses = tuple(
        ClauseItem(
            slug=c.slug,
            version=c.version,
            title=c.title,
            text=c.text,
            domain=c.domain,
            category=c.category.key,
        )
        for c in Clause.objects.select_related("category")
    )
    assert clauses
    doc = LicenseDocument(
        slug="wording-check",
        version=1,
        project_name="Wording Check",
        licensor="Wording Labs",
        flavor=flavor,
        artifacts=ARTIFACTS,
        issued=date(2025, 1, 1),
        clauses=clauses,
    )
    text = compose_markdown(doc, template_version=CURRENT_TEMPLATE_VERSION)
    shared = {
        " ".join(run): published_runs[run]
        for run in runs(text)
        if run in published_runs
    }
    assert shared == {}
