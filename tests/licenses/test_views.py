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
    assert "Give the project a name, e.g. Aurora Vision." in body
    assert "Enter a web address starting with http:// or https://" in body
    assert "Choose a license flavor: OpenRAIL, RAIL or ResearchRAIL." in body
    assert "This field is required." not in body
    assert 'value="Heron Collective"' in body  # nothing typed is lost
    # The summary at the top links to each field with an error.
    summary = body.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "3 things need fixing" in summary
    assert 'href="#id_project_name"' in summary
    assert 'href="#id_project_url"' in summary
    assert 'href="#id_flavor_0"' in summary


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


def option(page: str, slug: str) -> str:
    """The markup of one clause row on the restrictions step."""
    start = page.index(f'id="clause-{slug}"')
    start = page.rindex('<div class="clause-option', 0, start)
    return page[start : page.index('<div class="clause-option', start + 1)]


def test_server_side_filter_keeps_every_checkbox(client):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": ["model"]})
    data = custom_management()
    data["clauses"] = ["no-unsupervised-medical-advice"]
    client.post(step("restrictions"), data)
    page = client.get(step("restrictions"), {"q": "weapons"}).content.decode()
    # A choice outside the filter keeps a real, checked checkbox, only hidden.
    medical = option(page, "no-unsupervised-medical-advice")
    assert 'class="clause-option hidden"' in medical
    assert 'name="clauses" value="no-unsupervised-medical-advice" checked' in medical
    weapons = option(page, "no-weapons-development")
    assert "hidden" not in weapons.split(">", 1)[0]
    assert 'name="clauses" value="no-weapons-development"' in weapons
    assert "Showing" in page and "Clear the filter" in page


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
    client.post(reverse("licenses:edit", args=[slug]), {"edit_key": version.edit_key})
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


# --- The restrictions step ----------------------------------------------------


def at_restrictions(client, artifacts=("model",)):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": list(artifacts)})


def summary_of(body: str) -> str:
    return body.split('id="error-summary"', 1)[1].split("</div>", 1)[0]


def test_custom_row_errors_are_summarised_at_the_top_with_links(client):
    at_restrictions(client)
    data = custom_management(
        total=3,
        **{
            "custom-0-text": "y" * 601,
            "custom-0-category": "medical",
            "custom-1-text": "Valid custom restriction text.",
            "custom-1-category": "not-a-category",
            "custom-2-text": "Do not use it to rate essays.",
        },
    )
    response = client.post(step("restrictions"), data)
    assert response.status_code == 200
    body = response.content.decode()
    summary = summary_of(body)
    assert body.index('id="error-summary"') < body.index('id="clause-list"')
    assert "3 things need fixing before you continue" in summary
    # One clear message per problem, each linking to its field.
    assert (
        '<a href="#id_custom-0-text">Your restriction 1: Keep a restriction to 600 '
        "characters (it has 601).</a>" in summary
    )
    assert (
        '<a href="#id_custom-1-category">Your restriction 2: Choose a category '
        "from the list.</a>" in summary
    )
    assert (
        '<a href="#id_custom-2-category">Your restriction 3: Choose the category '
        "this restriction belongs to.</a>" in summary
    )
    assert "Write the restriction, or clear its category." not in body
    assert "Select a valid choice" not in body
    assert "Ensure this value" not in body
    assert "<title>Error:" in body
    # Nothing typed is lost.
    assert "Do not use it to rate essays." in body
    assert "y" * 601 in body


def test_custom_category_is_not_labelled_optional(client):
    at_restrictions(client)
    body = client.get(step("restrictions")).content.decode()
    row = body.split('class="custom-row', 1)[1].split("</select>", 1)[0]
    assert ">Category</label>" in row
    assert "(optional)" not in row


def test_domains_collapse_unless_they_hold_a_choice(client):
    at_restrictions(client)
    data = custom_management()
    data["clauses"] = ["no-unsupervised-medical-advice"]
    client.post(step("restrictions"), data)
    body = client.get(step("restrictions")).content.decode()
    health = body.split('data-domain="Health"', 1)[1].split(">", 1)[0]
    military = body.split('data-domain="Military"', 1)[1].split(">", 1)[0]
    assert "open" in health
    assert "open" not in military
    assert "1 chosen" in body.split('data-domain="Health"', 1)[1].split("</summary>")[0]
    count = body.split("data-selection-count>", 1)[1].split("</p>", 1)[0]
    assert "<span data-count-chosen>1</span> chosen" in count


def test_text_filter_matches_domain_and_category_names(client):
    at_restrictions(client)
    body = client.get(step("restrictions"), {"q": "privacy"}).content.decode()
    surveillance = option(body, "no-surveillance")
    assert "hidden" not in surveillance.split(">", 1)[0]
    privacy = body.split('data-domain="Privacy"', 1)[1].split(">", 1)[0]
    assert "open" in privacy and "hidden" not in privacy
    military = body.split('data-domain="Military"', 1)[1].split(">", 1)[0]
    assert "hidden" in military
    assert 'class="no-matches hidden"' in body


def test_filter_with_no_match_says_so(client):
    at_restrictions(client)
    body = client.get(step("restrictions"), {"q": "qwertyuiop"}).content.decode()
    assert 'class="no-matches"' in body
    assert "No restriction matches" in body and "qwertyuiop" in body
    assert "Showing <span data-filter-shown>0</span>" in body


def test_filter_button_saves_choices_and_typed_text_first(client):
    at_restrictions(client)
    data = custom_management(
        **{
            "custom-0-text": "Do not use the Artifact to rank job applicants.",
            "custom-0-category": "essential-services-discrimination",
        }
    )
    data.update(
        {
            "clauses": ["no-unsupervised-medical-advice"],
            "q": "weapons",
            "action": "filter",
        }
    )
    response = client.post(step("restrictions"), data)
    assert response.status_code == 302
    assert response.url == step("restrictions") + "?q=weapons"
    body = client.get(response.url).content.decode()
    assert 'value="weapons"' in body
    medical = option(body, "no-unsupervised-medical-advice")
    assert "checked" in medical and "hidden" in medical.split(">", 1)[0]
    assert "rank job applicants" in body
    # The clear-filter button saves too, and drops the filter.
    data.update({"action": "clear_filter", "clauses": ["no-weapons-development"]})
    response = client.post(step("restrictions"), data)
    assert response.url == step("restrictions")
    body = client.get(response.url).content.decode()
    assert "checked" in option(body, "no-weapons-development")
    assert 'class="filter-status hidden"' in body


def test_filter_with_an_invalid_row_filters_and_keeps_everything(client):
    at_restrictions(client)
    data = custom_management(**{"custom-0-text": "Do not use it to rate essays."})
    data.update(
        {
            "clauses": ["no-unsupervised-medical-advice"],
            "q": "weapons",
            "action": "filter",
        }
    )
    response = client.post(step("restrictions"), data)
    assert response.status_code == 200
    body = response.content.decode()
    summary = summary_of(body)
    assert "Choose the category this restriction belongs to." in summary
    assert "One thing needs fixing to save your choices" in summary
    assert 'value="weapons"' in body
    assert "hidden" in option(body, "no-unsupervised-medical-advice").split(">", 1)[0]
    assert "checked" in option(body, "no-unsupervised-medical-advice")
    assert "Do not use it to rate essays." in body


def test_restrictions_page_shows_the_saved_preview_without_javascript(client):
    at_restrictions(client)
    data = custom_management()
    data["clauses"] = ["no-unsupervised-medical-advice"]
    client.post(step("restrictions"), data)
    body = client.get(step("restrictions")).content.decode()
    preview = body.split('id="live-preview"', 1)[1]
    assert "Attachment A" in preview
    assert "Unsupervised medical advice" in preview or "medical" in preview.lower()
    assert "Your saved choices" in body


def test_add_another_restriction_adds_exactly_one_blank_row(client):
    at_restrictions(client)
    data = custom_management(
        total=1,
        **{
            "custom-0-text": "Do not use the Artifact to rank job applicants.",
            "custom-0-category": "essential-services-discrimination",
        },
    )
    data["action"] = "add_custom"
    response = client.post(step("restrictions"), data)
    assert response.url == step("restrictions") + "#custom"
    body = client.get(step("restrictions")).content.decode()
    assert body.count('class="custom-row') == 2
    assert 'name="custom-TOTAL_FORMS" value="2"' in body
    # Posts go to the bare step URL, so "#custom" never follows to the review.
    assert f'action="{step("restrictions")}"' in body


def test_live_preview_keeps_valid_rows_while_another_is_invalid(client):
    at_restrictions(client)
    data = custom_management(
        **{
            "custom-0-text": "Do not use the Artifact to grade school exams.",
            "custom-0-category": "academic-dishonesty",
            "custom-1-text": "Do not",
        }
    )
    response = client.post(reverse("licenses:wizard-preview"), data)
    assert response.status_code == 200
    assert b"grade school exams" in response.content
    assert b"Do not." not in response.content


# --- Review, resume and rate limit --------------------------------------------


def through_restrictions(client):
    at_restrictions(client)
    client.post(step("restrictions"), custom_management())


def test_review_offers_create_at_top_and_bottom(client):
    through_restrictions(client)
    body = client.get(step("review")).content.decode()
    assert body.count(">Create</button>") == 2
    assert body.index("</article>") < body.rindex(">Create</button>")


def test_compose_link_offers_to_continue_a_license_in_progress(client):
    through_restrictions(client)
    page = client.get(reverse("licenses:wizard-start"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "You have a license in progress: Heron Speech" in body
    assert f'href="{step("review")}"' in body
    # Continuing keeps everything.
    assert client.get(step("review")).status_code == 200
    # Starting afresh is an explicit POST.
    response = client.post(reverse("licenses:wizard-start"))
    assert response.url == step("project")
    assert client.get(step("review")).url == step("project")
    # With nothing typed yet, Compose goes straight to the first step.
    assert client.get(reverse("licenses:wizard-start")).status_code == 302


def test_web_create_shares_the_api_rate_limit_and_keeps_the_wizard(client, settings):
    from django.core.cache import cache
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()
    rates = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = {"license_create": "1/hour"}
    try:
        through_restrictions(client)
        assert client.post(step("review")).status_code == 302
        through_restrictions(client)
        response = client.post(step("review"))
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0
        body = response.content.decode()
        assert "Too many licenses created from here in a short time" in body
        assert "Your choices are kept" in body
        assert License.objects.count() == 1
        assert client.get(step("review")).status_code == 200  # still there
        api = client.post(
            "/api/licenses/",
            {
                "name": "X",
                "licensor": "Y",
                "flavor": "RAIL",
                "artifacts": ["model"],
            },
            content_type="application/json",
        )
        assert api.status_code == 429  # the same allowance
    finally:
        ScopedRateThrottle.THROTTLE_RATES = rates
        cache.clear()


# --- Downloads and absolute links ---------------------------------------------


def test_html_download_is_a_complete_reproducible_document(client, version):
    from clauses.models import Clause
    from clauses.services import clause_version_ensure

    url = reverse("licenses:download", args=[version.license.slug, 1, "html"])
    first = client.get(url).content
    html = first.decode()
    assert html.startswith("<!doctype html>\n")
    assert '<meta charset="utf-8">' in html
    assert "<title>Aurora Vision OpenRAIL-MS License</title>" in html
    assert "<style>" in html and "</html>" in html.rstrip()[-7:]
    assert "<h1>Aurora Vision OpenRAIL-MS License</h1>" in html
    # Byte for byte the same later, even after the library changed.
    clause = Clause.objects.get(slug="no-unsupervised-medical-advice")
    clause.text = "Completely new wording of the medical clause."
    clause.save()
    clause_version_ensure(clause=clause)
    assert client.get(url).content == first


def test_absolute_links_use_the_request_host_without_site_url(
    client, version, settings
):
    settings.SITE_URL = ""
    slug = version.license.slug
    page = client.get(reverse("licenses:version", args=[slug, 1])).content.decode()
    assert f"http://testserver/licenses/{slug}/v1/" in page


def test_absolute_links_use_site_url_when_set(client, version, settings):
    import json

    from licenses.rendering.artifacts import qr_svg

    settings.SITE_URL = "https://rail.example"
    slug = version.license.slug
    permalink = f"https://rail.example/licenses/{slug}/v1/"
    page = client.get(reverse("licenses:version", args=[slug, 1])).content.decode()
    assert f'href="{permalink}"' in page
    assert f"(https://rail.example/licenses/{slug}/v1/badge.svg)" in page
    assert "testserver" not in page
    qr = client.get(reverse("licenses:qr", args=[slug, 1])).content.decode()
    assert qr == qr_svg(permalink)
    manifest = client.get(reverse("licenses:download", args=[slug, 1, "json"]))
    assert json.loads(manifest.content)["permalink"] == permalink
    api = client.get(f"/api/licenses/{slug}/versions/1/")
    assert api.json()["permalink"] == permalink
    # The checksummed Markdown carries no host.
    md = client.get(reverse("licenses:download", args=[slug, 1, "md"])).content
    assert b"rail.example" not in md and md == version.markdown.encode()
