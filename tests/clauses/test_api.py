"""The read-only library API and its filters."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def all_results(api, url, params=None):
    response = api.get(url, {**(params or {}), "page_size": 500})
    assert response.status_code == 200, response.content
    body = response.json()
    results = body["results"]
    while body.get("next"):
        body = api.get(body["next"]).json()
        results += body["results"]
    return results


def test_clause_fields(api):
    [clause] = [
        c for c in all_results(api, "/api/clauses/") if c["slug"] == "no-unlawful-use"
    ]
    assert set(clause) >= {
        "slug",
        "title",
        "category",
        "domain",
        "text",
        "version",
        "artifacts",
        "mandatory_in",
        "provenance",
        "status",
    }
    assert clause["category"] == "illegal-activity"
    assert clause["mandatory_in"] == ["OpenRAIL", "RAIL", "ResearchRAIL"]
    assert "llama2" in clause["provenance"]


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"category": "malware"}, lambda c: c["category"] == "malware"),
        ({"domain": "Health"}, lambda c: c["domain"] == "Health"),
        ({"flavor": "ResearchRAIL"}, lambda c: "ResearchRAIL" in c["mandatory_in"]),
        ({"flavor": "RAIL"}, lambda c: "RAIL" in c["mandatory_in"]),
        ({"artifact": "data"}, lambda c: "data" in c["artifacts"]),
        ({"status": "draft"}, lambda c: c["status"] == "draft"),
        ({"provenance": "gemma"}, lambda c: "gemma" in c["provenance"]),
    ],
)
def test_clause_filters(api, params, check):
    results = all_results(api, "/api/clauses/", params)
    assert results
    assert all(check(c) for c in results)


def test_flavor_filter_is_exact(api):
    research = all_results(api, "/api/clauses/", {"flavor": "ResearchRAIL"})
    rail = all_results(api, "/api/clauses/", {"flavor": "RAIL"})
    assert len(research) == len(rail) + 1  # the research-only clause


def test_bad_filter_value_is_400(api):
    response = api.get("/api/clauses/", {"flavor": "Closed"})
    assert response.status_code == 400
    assert "flavor" in response.json()


def test_categories(api):
    response = api.get("/api/categories/")
    body = response.json()
    assert len(body) == 35
    assert body[0]["key"] == "illegal-activity"
    assert body[-1]["behavioral"] is False


def test_known_license_filters(api):
    llama = all_results(api, "/api/known-licenses/", {"family": "llama"})
    assert {"llama2", "llama3.1", "llama4"} <= {lic["key"] for lic in llama}
    propagating = all_results(api, "/api/known-licenses/", {"propagates": "true"})
    assert all(lic["propagates_restrictions"] for lic in propagating)
    assert "mit" not in {lic["key"] for lic in propagating}
    military = all_results(
        api, "/api/known-licenses/", {"category": "military-weapons"}
    )
    assert all("military-weapons" in lic["categories"] for lic in military)
    assert military


def test_known_license_detail_with_dotted_key(api):
    response = api.get("/api/known-licenses/llama3.1/")
    assert response.status_code == 200
    assert response.json()["family"] == "llama"


def test_clause_detail_lists_versions(api):
    response = api.get("/api/clauses/no-malware/")
    assert response.status_code == 200
    assert response.json()["versions"][0]["version"] == 1


def test_list_query_count_is_flat(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        api.get("/api/clauses/")
    with django_assert_max_num_queries(4):
        api.get("/api/known-licenses/")


@pytest.mark.parametrize("word", ["1", "yes", "TRUE", "True", "Yes"])
def test_propagates_accepts_true_words(api, word):
    results = all_results(api, "/api/known-licenses/", {"propagates": word})
    assert results
    assert all(lic["propagates_restrictions"] for lic in results)


@pytest.mark.parametrize("word", ["0", "no", "FALSE", "No"])
def test_propagates_accepts_false_words(api, word):
    results = all_results(api, "/api/known-licenses/", {"propagates": word})
    assert results
    assert not any(lic["propagates_restrictions"] for lic in results)


@pytest.mark.parametrize("word", ["maybe", "2", "y", "on-ish"])
def test_propagates_refuses_anything_else(api, word):
    for name in ("propagates", "on_hub_list"):
        response = api.get("/api/known-licenses/", {name: word})
        assert response.status_code == 400
        assert f"'{word}' is not a yes/no value" in response.json()[name][0]


@pytest.mark.parametrize(
    ("url", "name", "reason"),
    [
        ("/api/clauses/", "category", "see /api/categories/"),
        ("/api/known-licenses/", "category", "see /api/categories/"),
        ("/api/clauses/", "provenance", "see /api/known-licenses/"),
    ],
)
def test_unknown_key_filter_is_400_with_the_reason(api, url, name, reason):
    response = api.get(url, {name: "bogus"})
    assert response.status_code == 400
    [message] = response.json()[name]
    assert message.startswith("'bogus' is not a")
    assert reason in message


def test_known_key_filters_still_filter(api):
    results = all_results(api, "/api/clauses/", {"provenance": "llama3.1"})
    assert results
    assert all("llama3.1" in c["provenance"] for c in results)
