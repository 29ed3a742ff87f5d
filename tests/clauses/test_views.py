"""Public library page and the admin."""

import pytest

pytestmark = pytest.mark.django_db


def test_library_page_groups_by_domain_with_provenance(client):
    response = client.get("/library/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="domain-health"' in body
    assert "no-unlawful-use" in body
    assert "llama2" in body  # where the restriction also appears
    assert "mandatory" in body


def test_home_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Compose a license" in response.content


def test_admin_filters_and_approve(staff_client):
    from clauses.models import Clause

    response = staff_client.get("/admin/clauses/clause/", {"status__exact": "draft"})
    assert response.status_code == 200
    drafts = list(Clause.objects.filter(status="draft").values_list("pk", flat=True))
    staff_client.post(
        "/admin/clauses/clause/",
        {"action": "approve", "_selected_action": drafts},
    )
    assert not Clause.objects.filter(status="draft").exists()


def test_admin_text_edit_adds_a_version(staff_client):
    from clauses.models import Clause

    clause = Clause.objects.get(slug="no-malware")
    page = staff_client.get(f"/admin/clauses/clause/{clause.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        slug=clause.slug,
        title=clause.title,
        category=clause.category_id,
        domain=clause.domain,
        text="Do not use the Artifact to write ransomware.",
        status=clause.status,
        artifacts='["model"]',
        mandatory_in="[]",
        cues='["ransomware"]',
        provenance=[],
        **{
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
            "versions-MIN_NUM_FORMS": "0",
            "versions-MAX_NUM_FORMS": "1000",
        },
    )
    response = staff_client.post(f"/admin/clauses/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    clause.refresh_from_db()
    assert clause.version == 2
    assert clause.versions.count() == 2
