"""The composer wizard as a browser without JavaScript sees it."""

import pytest
from django.urls import reverse

from licenses.models import License

pytestmark = pytest.mark.django_db


def step(name: str) -> str:
    return reverse("licenses:wizard-step", args=[name])


def start(client):
    response = client.get(reverse("licenses:wizard-start"))
    assert response.status_code == 302
    return response


def fill_project(client, **overrides):
    data = {
        "project_name": "Heron Speech",
        "licensor": "Heron Collective",
        "project_url": "https://heron.example",
        "notes": "",
        "flavor": "RAIL",
        **overrides,
    }
    return client.post(step("project"), data)


def custom_management(total=2, **rows):
    data = {
        "custom-TOTAL_FORMS": str(total),
        "custom-INITIAL_FORMS": "0",
        "custom-MIN_NUM_FORMS": "0",
        "custom-MAX_NUM_FORMS": "10",
    }
    data.update(rows)
    return data


def test_walk_through_creates_a_license(client):
    start(client)
    assert fill_project(client).url == step("artifacts")
    response = client.post(step("artifacts"), {"artifacts": ["model", "data"]})
    assert response.url == step("restrictions")
    page = client.get(step("restrictions"))
    assert page.status_code == 200
    assert b"required in RAIL" in page.content
    data = custom_management(
        **{
            "custom-0-text": "Do not use the Artifact to rank job applicants.",
            "custom-0-category": "essential-services-discrimination",
        }
    )
    data["clauses"] = ["no-unsupervised-medical-advice"]
    response = client.post(step("restrictions"), data)
    assert response.url == step("review")
    review = client.get(step("review"))
    assert b"RAIL-DM" in review.content
    assert b"rank job applicants" in review.content
    response = client.post(step("review"))
    license = License.objects.get()
    assert response.url == reverse("licenses:version", args=[license.slug, 1])
    page = client.get(response.url)
    assert b"RAIL-DM" in page.content
    assert f"license_name: {license.slug}".encode() in page.content
    assert b"license: other" in page.content
    # The review already showed the final identification line.
    assert f"railtrack:{license.slug}:v1".encode() in review.content


def test_project_errors_rerender_with_messages_and_keep_input(client):
    start(client)
    response = fill_project(
        client, project_name="   ", project_url="javascript:alert(1)", flavor=""
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give the project a name." in body or "This field is required." in body
    assert "Enter a valid URL." in body
    assert 'value="Heron Collective"' in body  # nothing typed is lost


def test_artifacts_required(client):
    start(client)
    fill_project(client)
    response = client.post(step("artifacts"), {})
    assert response.status_code == 200
    assert b"Choose at least one artifact." in response.content


def test_custom_clause_needs_a_category(client):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": ["model"]})
    data = custom_management(**{"custom-0-text": "Do not use it to rate essays."})
    response = client.post(step("restrictions"), data)
    assert response.status_code == 200
    assert b"Choose the category this restriction belongs to." in response.content
    assert b"Do not use it to rate essays." in response.content


def test_steps_cannot_be_skipped(client):
    start(client)
    response = client.get(step("review"))
    assert response.url == step("project")


def test_server_side_filter_keeps_hidden_choices(client):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": ["model"]})
    data = custom_management()
    data["clauses"] = ["no-unsupervised-medical-advice"]
    client.post(step("restrictions"), data)
    page = client.get(step("restrictions"), {"q": "weapons"}).content.decode()
    assert 'type="hidden" name="clauses" value="no-unsupervised-medical-advice"' in page


def test_live_preview_fragment(client):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": ["model"]})
    data = custom_management()
    data["clauses"] = ["no-unsupervised-medical-advice"]
    response = client.post(reverse("licenses:wizard-preview"), data)
    assert response.status_code == 200
    assert b"Attachment A" in response.content
    assert b"RAIL-M" in response.content


def test_edit_creates_a_new_version_and_old_permalink_stays(client, version):
    slug = version.license.slug
    client.post(reverse("licenses:edit", args=[slug]))
    fill_project(client, project_name=version.project_name, flavor="OpenRAIL")
    client.post(step("artifacts"), {"artifacts": ["model"]})
    client.post(step("restrictions"), custom_management())
    response = client.post(step("review"))
    assert response.url == reverse("licenses:version", args=[slug, 2])
    old = client.get(reverse("licenses:version", args=[slug, 1]))
    assert old.status_code == 200
    assert b"A newer version exists" in old.content
    diff = client.get(reverse("licenses:diff", args=[slug, 1, 2]))
    assert b"OpenRAIL-MS" in diff.content and b"OpenRAIL-M" in diff.content
    assert b"Restrictions removed" in diff.content


def test_downloads(client, version):
    slug = version.license.slug
    for fmt in ("md", "html", "txt", "json", "yaml"):
        url = reverse("licenses:download", args=[slug, 1, fmt])
        response = client.get(url)
        assert response.status_code == 200, fmt
    md = client.get(reverse("licenses:download", args=[slug, 1, "md"]))
    assert md.content == version.markdown.encode()
    assert md["X-License-Checksum"] == version.checksum
    assert (
        client.get(reverse("licenses:download", args=[slug, 1, "exe"])).status_code
        == 404
    )


def test_badge_and_qr(client, version):
    slug = version.license.slug
    badge = client.get(reverse("licenses:badge", args=[slug, 1]))
    assert badge["Content-Type"] == "image/svg+xml"
    assert b"OpenRAIL-MS v1" in badge.content
    qr = client.get(reverse("licenses:qr", args=[slug, 1]))
    assert qr.content.startswith(b"<svg")


def test_unknown_license_is_404(client):
    assert (
        client.get(reverse("licenses:latest", args=["nope-000000"])).status_code == 404
    )
