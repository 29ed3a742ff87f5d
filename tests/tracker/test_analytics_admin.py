"""Admin analytics pages: staff only, exact query counts, charts, CSV downloads."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from tracker.rollups import rollups_refresh

from .family_trees import build_tree, edge, hub_model

pytestmark = pytest.mark.django_db

PAGES = ["adoption", "clauses", "convergence", "transitions", "drift", "adherence"]
# session, user, rollups state, then the cube reads of the page
QUERIES = {
    "dashboard": 6,
    "adoption": 6,
    "clauses": 4,
    "convergence": 3,
    "transitions": 5,
    "drift": 5,
    "adherence": 3,
}


def url(page: str) -> str:
    if page == "dashboard":
        return reverse("admin:tracker_analytics_changelist")
    return reverse(f"admin:tracker_analytics_{page}")


def charts(response) -> dict[str, dict]:
    found = re.search(
        r'<script id="analytics-charts" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return {spec["id"]: spec for spec in json.loads(found.group(1))}


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def tree():
    build_tree()
    rollups_refresh()


@pytest.mark.parametrize("page", ["dashboard", *PAGES])
def test_staff_see_every_page_in_a_pinned_number_of_queries(
    staff_client, tree, page, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES[page]):
        response = staff_client.get(url(page))
    assert response.status_code == 200
    assert b"Download CSV" in response.content or page == "adherence"


@pytest.mark.parametrize(
    ("page", "query", "queries"),
    [
        ("adoption", {"pipeline_tag": "text-classification"}, 6),
        ("drift", {"family": "llama", "relation": "finetune"}, 5),
        ("adherence", {"repo_id": "meta/base"}, 5),
    ],
)
def test_filtered_pages_take_the_same_queries(
    staff_client, tree, page, query, queries, django_assert_num_queries
):
    with django_assert_num_queries(queries):
        assert staff_client.get(url(page), query).status_code == 200


@pytest.mark.parametrize("page", ["dashboard", *PAGES])
def test_anonymous_is_sent_to_login(client, page):
    response = client.get(url(page))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_non_staff_is_sent_to_login(client, django_user_model):
    user = django_user_model.objects.create_user("u", "u@example.org", "pw")
    client.force_login(user)
    assert client.get(url("dashboard")).status_code == 302


def test_dashboard_shows_headline_cards_not_raw_dicts(staff_client, tree):
    response = staff_client.get(url("dashboard"))
    content = response.content.decode()
    assert "… that drop the restrictions" in content
    assert "{'" not in content and "finetune 7" not in content
    assert re.search(r"<th scope=\"row\">finetune</th><td>7</td>", content)
    assert "30.8%" in content  # rail_share as a share
    assert "vendor/chartjs/chart.umd.min.js" in content
    assert "chartjs-chart-matrix.min.js" in content
    # The help text says how `other` parents resolving to a catalog license count.
    assert "DeepSeek license link counts as DeepSeek" in content


def test_dashboard_chart_draws_every_month_and_says_what_it_draws(staff_client, tree):
    for i in range(50):
        hub_model(f"m/{i}", "mit", created=f"{2010 + i // 12}-{i % 12 + 1:02d}-05")
    rollups_refresh()
    spec = charts(staff_client.get(url("dashboard")))["chart-behavioral_by_month"]
    assert len(spec["labels"]) == 50 + 5  # and the tree's five months
    assert [d["label"] for d in spec["datasets"]] == ["models", "behavioral", "share"]
    assert spec["datasets"][2]["axis"] == "y1" and spec["axes"]["y1"]["percent"]
    assert "share" in spec["title"] and "Models created per month" in spec["title"]


def test_dashboard_family_filter_is_the_parent_family_for_drift(staff_client, tree):
    response = staff_client.get(
        url("dashboard"), {"family": "llama", "csv": "headline"}
    )
    rows = dict(csv_rows(response))
    assert rows["dropped_restrictions"] == "3"
    assert rows["models"] == "2"
    drift = staff_client.get(url("drift"), {"family": "llama"}).content.decode()
    assert "Parent license family" in drift


def test_horizontal_charts_show_every_label(staff_client, tree):
    for i in range(20):
        hub_model(f"tags/{i}", "mit", tag=f"tag-{i:02d}")
    rollups_refresh()
    spec = charts(staff_client.get(url("adoption")))["chart-by_pipeline_tag"]
    assert spec["horizontal"] and spec["axes"]["category"]["all_labels"]
    assert len(spec["labels"]) == 22
    assert spec["height"] >= 22 * 24  # a row per label
    family = charts(staff_client.get(url("adoption")))["chart-by_family"]
    assert family["axes"]["value"]["log"]  # small families stay visible


def test_heatmaps_are_charts_for_both_sources(staff_client, tree):
    page = charts(staff_client.get(url("clauses"), {"level": "clause"}))
    assert page["chart-cooccurrence_hub"]["type"] == "matrix"
    assert page["chart-cooccurrence_authored"]["type"] == "matrix"
    matrix = charts(staff_client.get(url("transitions")))["chart-license_matrix"]
    assert matrix["type"] == "matrix"
    assert {"x": "mit", "y": "llama3", "v": 2} in matrix["cells"]


def test_convergence_charts_keep_measures_on_their_own_axes(staff_client, tree):
    hub = charts(staff_client.get(url("convergence")))
    spec = hub["chart-convergence_authored"]
    labels = [d["label"] for d in spec["datasets"]]
    assert labels == ["entropy (bits)", "mean pairwise Jaccard"]
    assert spec["datasets"][1]["axis"] == "y1" and spec["axes"]["y1"]["max"] == 1
    assert spec["span_gaps"]
    counts = hub["chart-convergence_counts_authored"]
    assert [d["label"] for d in counts["datasets"]] == [
        "licenses",
        "distinct configurations",
    ]


def test_csv_downloads_have_every_row(staff_client, tree):
    for i in range(40):
        hub_model(f"many/{i}", f"tag-{i:02d}")
    rollups_refresh()
    page = staff_client.get(url("dashboard")).content.decode()
    assert "Top 25 of 47 rows; the CSV has them all." in page
    rows = csv_rows(staff_client.get(url("dashboard"), {"csv": "by_declared_license"}))
    assert rows[0] == ["declared", "models"] and len(rows) == 1 + 47
    authors = csv_rows(staff_client.get(url("adoption"), {"csv": "by_author"}))
    assert len(authors) == 1 + 9
    drift = csv_rows(staff_client.get(url("drift"), {"csv": "drift_by_family"}))
    assert drift[0] == [
        "parent_family",
        "children",
        "restricted",
        "permissive",
        "unknown",
        "undeclared",
    ]
    assert ["llama", "5", "1", "3", "0", "1"] in drift
    assert staff_client.get(url("drift"), {"csv": "nope"}).status_code == 404


def test_license_matrix_csv_is_uncapped(staff_client, tree):
    for i in range(30):
        edge(hub_model(f"k/{i}", "mit"), f"ghost/{i}")
        edge(hub_model(f"j/{i}", f"odd-{i}"), "meta/base")
    rollups_refresh()
    rows = csv_rows(staff_client.get(url("transitions"), {"csv": "license_matrix"}))
    assert rows[0][0] == "parent_license"
    listed = csv_rows(staff_client.get(url("transitions"), {"csv": "transitions"}))
    assert len(listed) - 1 == sum(1 for _ in listed[1:])  # every triple, no cap


def test_filters_apply_and_bad_values_are_reported(staff_client, tree):
    response = staff_client.get(
        url("drift"), {"relation": "merge", "csv": "by_relation"}
    )
    rows = dict(csv_rows(response)[1:])
    assert rows == {"finetune": "0", "adapter": "0", "quantized": "0", "merge": "1"}
    bad = staff_client.get(url("adoption"), {"date_from": "2024-13"})
    assert bad.status_code == 200
    assert "Give a month as YYYY-MM." in bad.content.decode()
    assert "The filters were not applied" in bad.content.decode()
    tag = staff_client.get(url("adoption"), {"pipeline_tag": "text-gen"})
    assert "Select a valid choice" in tag.content.decode()
    backwards = staff_client.get(
        url("adoption"), {"date_from": "2024-05", "date_to": "2024-01"}
    )
    assert "The range ends before it starts." in backwards.content.decode()


def test_each_page_shows_only_the_filters_it_applies(staff_client, tree):
    def fields(page):
        content = staff_client.get(url(page)).content.decode()
        form = content[content.index('class="analytics-filters"') :]
        form = form[: form.index("</form>")]
        return set(re.findall(r'<(?:input|select)[^>]*name="(\w+)"', form))

    assert fields("clauses") == {"date_from", "date_to", "level"}
    assert fields("convergence") == {"date_from", "date_to", "level"}
    assert fields("adoption") == {"date_from", "date_to", "pipeline_tag", "family"}
    assert fields("drift") == {
        "date_from",
        "date_to",
        "pipeline_tag",
        "family",
        "relation",
    }
    assert fields("adherence") == {"repo_id"}
    tags = staff_client.get(url("adoption")).content.decode()
    assert '<option value="text-classification">' in tags  # a choice, not free text


def test_adherence_page_lists_paths(staff_client, tree):
    response = staff_client.get(url("adherence"), {"repo_id": "meta/base"})
    assert "meta/base → b/ft-keep → d/grandchild" in response.content.decode()
    apache = staff_client.get(url("adherence"), {"repo_id": "apache/base"})
    content = apache.content.decode()
    assert "none to drop" in content and "c/apache-child" not in content
    assert "carries no behavioral-use restrictions" in content
    rows = csv_rows(
        staff_client.get(url("adherence"), {"repo_id": "meta/base", "csv": "dropped"})
    )
    assert len(rows) == 1 + 3
    bad = staff_client.get(url("adherence"), {"repo_id": "no-slash"})
    assert "Give the id as owner/name." in bad.content.decode()


def test_a_csv_with_bad_filters_answers_400_with_the_reason(staff_client, tree):
    response = staff_client.get(
        url("adoption"), {"csv": "by_author", "pipeline_tag": "no-such-tag"}
    )
    assert response.status_code == 400
    assert b"pipeline_tag" in response.content
    response = staff_client.get(
        url("drift"), {"csv": "drift_by_family", "date_from": "May"}
    )
    assert response.status_code == 400 and b"date_from" in response.content
