"""Public analytics API: every figure, the filters, the schema."""

import pytest

from tracker.rollups import rollups_refresh

from .family_trees import EXPECTED, build_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    build_tree()
    rollups_refresh()


def test_headline(client, tree):
    assert client.get("/api/analytics/headline/").json() == EXPECTED
    merge = client.get("/api/analytics/headline/", {"relation": "merge"}).json()
    assert merge["derivatives"] == 1


@pytest.mark.parametrize(
    "name", ["adoption", "clauses", "convergence", "drift", "transitions"]
)
def test_every_figure_answers_anonymously(
    client, tree, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/analytics/{name}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"summary", "tables"}
    for table in body["tables"]:
        assert all(len(row) == len(table["columns"]) for row in table["rows"])


def test_drift_rows(client, tree):
    body = client.get("/api/analytics/drift/", {"family": "llama"}).json()
    table = next(t for t in body["tables"] if t["name"] == "drift_by_family")
    assert table["rows"] == [["llama", 5, 1, 3, 0, 1]]


def test_bad_filters_are_400(client, tree):
    assert (
        client.get("/api/analytics/adoption/", {"date_from": "24-1"}).status_code == 400
    )
    assert client.get("/api/analytics/drift/", {"relation": "x"}).status_code == 400


def test_adherence(client, tree):
    body = client.get("/api/analytics/adherence/meta/base/").json()
    assert body["dropped_total"] == 3
    assert body["dropped"][2]["path"] == ["meta/base", "b/ft-keep", "d/grandchild"]


def test_schema_documents_the_figures(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    for name in [
        "headline",
        "adoption",
        "clauses",
        "convergence",
        "drift",
        "adherence",
    ]:
        assert f"analytics_{name}" in text
