"""Only a license's author (its edit key) or staff may add versions."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from licenses.edit_keys import key_digest
from licenses.models import License

from .test_api import PAYLOAD
from .test_views import custom_management, fill_project, start, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    cache.clear()  # throttle counters live in the cache
    return APIClient()


def _created(api) -> dict:
    response = api.post("/api/licenses/", PAYLOAD, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _new_version(api, slug, **kwargs):
    return api.post(f"/api/licenses/{slug}/versions/", PAYLOAD, format="json", **kwargs)


def test_only_a_digest_of_the_key_is_stored(version):
    stored = License.objects.get(pk=version.license.pk)
    assert version.edit_key.startswith("rk_") and len(version.edit_key) > 30
    assert stored.edit_key_hash == key_digest(version.edit_key)
    assert version.edit_key not in stored.edit_key_hash


def test_api_create_returns_the_key_once(api):
    body = _created(api)
    assert body["edit_key"].startswith("rk_")
    again = api.get(f"/api/licenses/{body['id']}/versions/1/").json()
    assert "edit_key" not in again


def test_api_version_without_a_key_is_403_with_the_reason(api):
    body = _created(api)
    response = _new_version(api, body["id"])
    assert response.status_code == 403
    assert "X-License-Key" in response.json()["detail"]
    assert License.objects.get(slug=body["id"]).versions.count() == 1


def test_api_version_with_someone_elses_key_is_403(api):
    mine, theirs = _created(api), _created(api)
    response = _new_version(
        api, mine["id"], headers={"X-License-Key": theirs["edit_key"]}
    )
    assert response.status_code == 403
    assert "does not belong" in response.json()["detail"]


def test_api_version_with_the_key_in_header_or_body(api):
    body = _created(api)
    by_header = _new_version(
        api, body["id"], headers={"X-License-Key": body["edit_key"]}
    )
    assert by_header.status_code == 201 and by_header.json()["version"] == 2
    by_body = api.post(
        f"/api/licenses/{body['id']}/versions/",
        {**PAYLOAD, "edit_key": body["edit_key"]},
        format="json",
    )
    assert by_body.status_code == 201 and by_body.json()["version"] == 3
    assert "edit_key" not in by_body.json()  # a key is issued once, at creation


def test_api_staff_need_no_key(api):
    body = _created(api)
    staff = get_user_model().objects.create_user("ed", password="pw", is_staff=True)
    api.force_authenticate(staff)
    assert _new_version(api, body["id"]).status_code == 201


def test_the_author_browser_sees_the_key_once_and_may_edit(client):
    start(client)
    fill_project(client)
    client.post(step("artifacts"), {"artifacts": ["model"]})
    client.post(step("restrictions"), custom_management())
    permalink = client.post(step("review")).url
    first = client.get(permalink).content.decode()
    assert 'id="edit-key"' in first and "rk_" in first
    assert 'id="edit-key"' not in client.get(permalink).content.decode()
    slug = License.objects.get().slug
    edit = client.post(reverse("licenses:edit", args=[slug]))
    assert edit.url == step("project")  # straight into the wizard


def test_a_stranger_is_asked_for_the_key(client, version):
    slug = version.license.slug
    ask = client.post(reverse("licenses:edit", args=[slug]))
    assert ask.status_code == 200
    assert b'name="edit_key"' in ask.content
    wrong = client.post(reverse("licenses:edit", args=[slug]), {"edit_key": "rk_no"})
    assert wrong.status_code == 403
    assert b"not this license&#x27;s edit key" in wrong.content
    assert b'aria-invalid="true"' in wrong.content
    right = client.post(
        reverse("licenses:edit", args=[slug]), {"edit_key": version.edit_key}
    )
    assert right.url == step("project")
    # remembered for this browser: the next edit needs no key
    assert client.post(reverse("licenses:edit", args=[slug])).url == step("project")


def test_a_stale_wizard_cannot_publish_without_the_grant(client, version):
    """Editing state copied into another session still needs the key."""
    from licenses import wizard

    session = client.session
    session[wizard.SESSION_KEY] = wizard.state_from_version(version)
    session.save()
    response = client.post(step("review"))
    assert response.url == reverse("licenses:edit", args=[version.license.slug])
    assert version.license.versions.count() == 1


def test_staff_may_edit_any_license(client, version):
    staff = get_user_model().objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(staff)
    edit = client.post(reverse("licenses:edit", args=[version.license.slug]))
    assert edit.url == step("project")
