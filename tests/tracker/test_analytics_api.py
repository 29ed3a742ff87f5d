"""Public analytics API: every figure, its filters, exact queries, the schema."""

import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from tracker.analytics import FIGURES
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
    llama = client.get("/api/analytics/headline/", {"family": "llama"}).json()
    assert llama["dropped_restrictions"] == 3  # the parent's family, as on drift


# state, then the cube reads of each figure
QUERIES = {"adoption": 4, "clauses": 2, "convergence": 1, "drift": 3, "transitions": 3}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_returns_what_its_spec_says(
    client, tree, name, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(f"/api/analytics/{name}/")
    assert response.status_code == 200
    body = response.json()
    spec = FIGURES[name]
    assert set(body["summary"]) == {c.name for c in spec.summary}
    assert list(body["tables"]) == [t.name for t in spec.tables]
    for table_spec in spec.tables:
        table = body["tables"][table_spec.name]
        if table_spec.matrix:
            assert table["row_label"] == table_spec.matrix
            assert all(len(r["values"]) == len(table["columns"]) for r in table["rows"])
        else:
            names = [c.name for c in table_spec.columns]
            assert table["columns"] == names
            assert all(list(row) == names for row in table["rows"])


def test_drift_rows(client, tree):
    body = client.get("/api/analytics/drift/", {"family": "llama"}).json()
    rows = body["tables"]["drift_by_family"]["rows"]
    assert rows == [
        {
            "parent_family": "llama",
            "children": 5,
            "restricted": 1,
            "permissive": 3,
            "unknown": 0,
            "undeclared": 1,
        }
    ]
    assert body["summary"]["children_of_restricted"]["permissive"] == 3


def test_limit_cuts_long_tables_and_zero_means_all(client, tree):
    cut = client.get("/api/analytics/adoption/", {"limit": 2}).json()
    licenses = cut["tables"]["by_license"]
    assert len(licenses["rows"]) == 2
    assert licenses["truncated"] is True and licenses["total_rows"] == 8
    everything = client.get("/api/analytics/adoption/", {"limit": 0}).json()
    assert len(everything["tables"]["by_license"]["rows"]) == 8
    assert everything["tables"]["by_license"]["truncated"] is False


def test_the_clause_level_option(client, tree):
    body = client.get("/api/analytics/clauses/", {"level": "clause"}).json()
    assert body["summary"]["level"] == "clause"
    bad = client.get("/api/analytics/clauses/", {"level": "word"})
    assert bad.status_code == 400 and "level" in bad.json()


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("adoption", {"date_from": "24-1"}, "date_from"),
        ("drift", {"relation": "x"}, "relation"),
        ("adoption", {"pipeline_tag": "text-gen"}, "pipeline_tag"),
        ("drift", {"family": "nope"}, "family"),
        ("adoption", {"date_from": "2024-05", "date_to": "2024-01"}, "date_to"),
        ("adoption", {"relation": "merge"}, "relation"),  # adoption takes none
        ("clauses", {"pipeline_tag": "text-generation"}, "pipeline_tag"),
        ("convergence", {"family": "llama"}, "family"),
        ("headline", {"colour": "red"}, "colour"),
        ("adoption", {"limit": -1}, "limit"),
    ],
)
def test_bad_or_unknown_filters_are_400_with_a_reason(client, tree, name, query, field):
    response = client.get(f"/api/analytics/{name}/", query)
    assert response.status_code == 400
    assert field in response.json()
    assert response.json()[field][0]  # a reason, in words


def test_unknown_values_name_the_known_ones(client, tree):
    body = client.get("/api/analytics/adoption/", {"pipeline_tag": "x"}).json()
    assert "text-generation" in body["pipeline_tag"][0]
    # Adoption filters on the model's own family, drift on the parent's.
    drift = client.get("/api/analytics/drift/", {"family": "not-imported"})
    assert drift.status_code == 200
    own = client.get("/api/analytics/adoption/", {"family": "not-imported"})
    assert own.status_code == 400


def test_filter_values(client, tree):
    body = client.get("/api/analytics/filters/").json()
    assert body["pipeline_tag"] == ["text-generation", "text-classification"]
    assert body["relation"] == ["finetune", "adapter", "quantized", "merge"]
    assert "not-imported" in body["parent_family"]


def test_adherence(client, tree):
    body = client.get("/api/analytics/adherence/meta/base/").json()
    assert body["dropped_total"] == 3 and body["restrictions"] is True
    assert body["dropped"][2]["path"] == ["meta/base", "b/ft-keep", "d/grandchild"]
    apache = client.get("/api/analytics/adherence/apache/base/").json()
    assert apache["restrictions"] is False and apache["dropped"] == []


def test_schema_documents_every_table_and_column(client):
    schema = yaml.safe_load(
        client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi").content
    )
    operations = {
        op["operationId"]: op
        for item in schema["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }
    components = schema["components"]["schemas"]
    for name, spec in FIGURES.items():
        parameters = {p["name"] for p in operations[f"analytics_{name}"]["parameters"]}
        assert parameters == {*spec.filters, "limit", *spec.options}
        tables = components[f"{name.title()}Tables"]["properties"]
        assert list(tables) == [t.name for t in spec.tables]
        for table in spec.tables:
            if table.matrix:
                continue
            camel = "".join(p.title() for p in table.name.split("_"))
            row = components[f"{name.title()}{camel}Row"]["properties"]
            assert list(row) == [c.name for c in table.columns]
    assert "analytics_headline" in operations and "analytics_adherence" in operations


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(out),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert "analytics_transitions" in out.read_text()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_documented_serializer_accepts_every_response(client, tree, name):
    from tracker.analytics_api import output_serializer

    body = client.get(f"/api/analytics/{name}/", {"limit": 0}).json()
    serialized = output_serializer(FIGURES[name])(body).data
    assert json.loads(json.dumps(serialized)) == body
