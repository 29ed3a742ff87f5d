"""The license admin lists and shows versions but never edits or deletes them."""

import pytest
from django.urls import reverse

from licenses.models import LicenseVersion

pytestmark = pytest.mark.django_db


def test_versions_are_listed_and_shown_read_only(staff_client, version):
    listing = staff_client.get("/admin/licenses/licenseversion/")
    assert listing.status_code == 200
    assert version.checksum[:12].encode() in listing.content
    assert b"Add license version" not in listing.content

    page = staff_client.get(f"/admin/licenses/licenseversion/{version.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert version.checksum in body
    assert f"railtrack:{version.license.slug}:v1" in body
    assert "<code>no-unsupervised-medical-advice</code> v1" in body
    assert "grade school exams" in body
    assert "Model, Source code" in body
    assert (
        '<pre class="license-markdown" style="white-space: pre-wrap">'
        "# Aurora Vision OpenRAIL-MS License" in body
    )
    assert 'name="_save"' not in body  # view only
    assert "/delete/" not in body


def test_versions_cannot_be_changed_added_or_deleted(staff_client, version):
    base = "/admin/licenses/licenseversion/"
    before = LicenseVersion.objects.get(pk=version.pk).markdown
    response = staff_client.post(
        f"{base}{version.pk}/change/", {"project_name": "Changed", "number": 9}
    )
    assert response.status_code == 403
    assert staff_client.get(f"{base}add/").status_code == 403
    assert (
        staff_client.post(f"{base}{version.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert LicenseVersion.objects.get(pk=version.pk).markdown == before


def test_license_list_shows_latest_version(staff_client, version):
    listing = staff_client.get("/admin/licenses/license/")
    assert listing.status_code == 200
    assert b"OpenRAIL-MS v1" in listing.content
    assert b"Aurora Vision" in listing.content
    page = staff_client.get(f"/admin/licenses/license/{version.license.pk}/change/")
    assert page.status_code == 200
    assert f"/licenses/{version.license.slug}/".encode() in page.content


def test_issuing_a_new_edit_key_replaces_the_old_one(staff_client, version):
    from licenses.edit_keys import key_matches
    from licenses.models import License

    response = staff_client.post(
        reverse("admin:licenses_license_changelist"),
        {"action": "issue_edit_keys", "_selected_action": [version.license.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1 and "new edit key rk_" in shown[0]
    new_key = shown[0].rsplit(" ", 1)[1]
    stored = License.objects.get(pk=version.license.pk)
    assert key_matches(stored, new_key)
    assert not key_matches(stored, version.edit_key)
