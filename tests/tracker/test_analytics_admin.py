"""Admin analytics pages: staff only, pinned query counts, CSV downloads."""

import csv
import io

import pytest
from django.urls import reverse

from tracker.rollups import rollups_refresh

from .family_trees import build_tree

pytestmark = pytest.mark.django_db

PAGES = ["adoption", "clauses", "convergence", "transitions", "drift", "adherence"]


def url(page: str) -> str:
    if page == "dashboard":
        return reverse("admin:tracker_analytics_changelist")
    return reverse(f"admin:tracker_analytics_{page}")


@pytest.fixture
def tree():
    build_tree()
    rollups_refresh()


@pytest.mark.parametrize("page", ["dashboard", *PAGES])
def test_staff_see_every_page(staff_client, tree, page, django_assert_max_num_queries):
    # session, user, rollup state, then one or a few reads of small cubes
    with django_assert_max_num_queries(12):
        response = staff_client.get(url(page))
    assert response.status_code == 200
    assert b"Download CSV" in response.content or page == "adherence"


@pytest.mark.parametrize("page", ["dashboard", *PAGES])
def test_anonymous_is_sent_to_login(client, page):
    response = client.get(url(page))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_non_staff_is_sent_to_login(client, django_user_model):
    user = django_user_model.objects.create_user("u", "u@example.org", "pw")
    client.force_login(user)
    assert client.get(url("dashboard")).status_code == 302


def test_dashboard_shows_headline_and_chart(staff_client, tree):
    response = staff_client.get(url("dashboard"))
    content = response.content.decode()
    assert "dropped_restrictions" in content
    assert 'id="chart-behavioral_by_month"' in content
    assert "vendor/chartjs/chart.umd.min.js" in content


def test_csv_downloads_parse(staff_client, tree):
    response = staff_client.get(url("drift"), {"csv": "drift_by_family"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "parent_family",
        "children",
        "restricted",
        "permissive",
        "unknown",
        "undeclared",
    ]
    assert ["llama", "5", "1", "3", "0", "1"] in rows
    headline = staff_client.get(url("dashboard"), {"csv": "headline"})
    rows = dict(csv.reader(io.StringIO(headline.content.decode())))
    assert rows["models"] == "13"
    assert rows["dropped_restrictions"] == "4"


def test_filters_apply_and_bad_months_are_reported(staff_client, tree):
    response = staff_client.get(
        url("drift"), {"relation": "merge", "csv": "by_relation"}
    )
    rows = dict(list(csv.reader(io.StringIO(response.content.decode())))[1:])
    assert rows == {"finetune": "0", "adapter": "0", "quantized": "0", "merge": "1"}
    bad = staff_client.get(url("adoption"), {"date_from": "2024-13"})
    assert bad.status_code == 200
    assert "Give a month as YYYY-MM." in bad.content.decode()


def test_adherence_page_lists_paths(staff_client, tree):
    response = staff_client.get(url("adherence"), {"repo_id": "meta/base"})
    assert "meta/base → b/ft-keep → d/grandchild" in response.content.decode()
