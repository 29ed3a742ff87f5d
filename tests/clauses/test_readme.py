"""The README's library API examples answer with results."""

import re
from pathlib import Path

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE = re.compile(
    r"curl '(http://127\.0\.0\.1:8000)?(/api/(?:clauses|categories|known-licenses)/[^']*)'"
)


def examples() -> list[str]:
    return [m.group(2) for m in EXAMPLE.finditer(README.read_text())]


def test_readme_has_library_examples():
    assert len(examples()) >= 4


@pytest.mark.parametrize("url", examples())
def test_readme_example_returns_results(url):
    response = APIClient().get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    results = body["results"] if isinstance(body, dict) else body
    assert results, f"{url} returns nothing"
