"""Staff open the analytics dashboard in headless chromium: charts are drawn."""

import os
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from clauses.services import library_load
from tracker.rollups import rollups_refresh

from .family_trees import build_tree

SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", tempfile.gettempdir()))

pytestmark = pytest.mark.browser


@pytest.fixture
def data(_library_restored, transactional_db, django_user_model):
    library_load(root=settings.FIXTURES_ROOT)
    build_tree()
    rollups_refresh()
    django_user_model.objects.create_user(
        "staff", "staff@example.org", "pw", is_staff=True, is_superuser=True
    )


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert errors == []


def _drawn(page, canvas_id: str) -> bool:
    # A canvas with a Chart.js instance and some non-blank pixels.
    return page.evaluate(
        """id => {
            const canvas = document.getElementById(id);
            if (!canvas || !Chart.getChart(canvas)) return false;
            const ctx = canvas.getContext('2d');
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) return true;
            return false;
        }""",
        canvas_id,
    )


def _cell_colours(page, canvas_id: str) -> int:
    # Distinct colours drawn on a heatmap: empty, shaded and labelled cells.
    return page.evaluate(
        """id => {
            const canvas = document.getElementById(id);
            const ctx = canvas.getContext('2d');
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            const seen = new Set();
            for (let i = 0; i < pixels.length; i += 4 * 7) {
                if (pixels[i + 3]) seen.add(pixels.slice(i, i + 3).join(','));
            }
            return seen.size;
        }""",
        canvas_id,
    )


def test_staff_open_the_dashboard_and_the_charts(live_server, data, page):
    page.goto(live_server.url + "/admin/login/?next=/admin/tracker/analytics/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/tracker/analytics/")
    assert page.get_by_text("… that drop the restrictions").is_visible()
    assert _drawn(page, "chart-behavioral_by_month")
    page.screenshot(
        path=str(SCREENSHOTS / "railtrack-analytics-dashboard.png"), full_page=True
    )

    page.get_by_role("link", name="Drift by family").click()
    page.wait_for_url("**/admin/tracker/analytics/drift/")
    assert _drawn(page, "chart-drift_by_family")
    labels = page.evaluate(
        "() => Chart.getChart(document.getElementById('chart-drift_by_family'))"
        ".data.labels"
    )
    assert labels == ["llama", "deepseek", "gemma"]

    page.get_by_role("link", name="License transitions").click()
    page.wait_for_url("**/admin/tracker/analytics/transitions/")
    assert _drawn(page, "chart-license_matrix")
    chart = page.evaluate(
        """() => {
            const c = Chart.getChart(document.getElementById('chart-license_matrix'));
            return {type: c.config.type, cells: c.data.datasets[0].data.length,
                    drawn: c.getDatasetMeta(0).data.length};
        }"""
    )
    assert chart["type"] == "matrix"
    assert chart["cells"] == chart["drawn"] > 0
    assert _cell_colours(page, "chart-license_matrix") > 3
    page.screenshot(
        path=str(SCREENSHOTS / "railtrack-analytics-transitions.png"), full_page=True
    )
