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


def change_data(clause, **changes):
    """The admin change form's POST data for a clause, with some fields changed."""
    data = {
        "slug": clause.slug,
        "title": clause.title,
        "category": clause.category_id,
        "domain": clause.domain,
        "text": clause.text,
        "status": clause.status,
        "artifacts": clause.artifacts,
        "mandatory_in": clause.mandatory_in,
        "cues": "\n".join(clause.cues),
        "provenance": list(clause.provenance.values_list("pk", flat=True)),
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_admin_text_edit_adds_a_version(staff_client):
    from clauses.models import Clause

    clause = Clause.objects.get(slug="no-malware")
    page = staff_client.get(f"/admin/clauses/clause/{clause.pk}/change/")
    assert page.status_code == 200
    data = change_data(clause, text="Do not use the Artifact to write ransomware.")
    response = staff_client.post(f"/admin/clauses/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    clause.refresh_from_db()
    assert clause.version == 2
    assert clause.versions.count() == 2


def test_admin_shows_checkboxes_and_one_cue_per_line(staff_client):
    from clauses.models import Clause

    clause = Clause.objects.get(slug="no-malware")
    page = staff_client.get(f"/admin/clauses/clause/{clause.pk}/change/")
    body = page.content.decode()
    assert 'type="checkbox" name="artifacts" value="source_code"' in body
    assert 'type="checkbox" name="mandatory_in" value="ResearchRAIL"' in body
    cues = page.context["adminform"].form["cues"].value()
    assert cues.splitlines() == clause.cues


def test_admin_saves_lists_in_canonical_form(staff_client):
    from clauses.models import Clause

    clause = Clause.objects.get(slug="no-malware")
    data = change_data(
        clause,
        artifacts=["source_code", "data"],
        mandatory_in=["RAIL", "OpenRAIL"],
        cues="Ransomware\n\n  computer   WORMS \nransomware\nkeyloggers\n",
        text="Do not write malware.\r\n\r\nThis includes worms.",
    )
    response = staff_client.post(f"/admin/clauses/clause/{clause.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    clause.refresh_from_db()
    assert clause.artifacts == ["data", "source_code"]
    assert clause.mandatory_in == ["OpenRAIL", "RAIL"]
    assert clause.cues == ["ransomware", "computer worms", "keyloggers"]
    assert clause.text == "Do not write malware.\n\nThis includes worms."


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"artifacts": ["weights"]}, "artifacts"),
        ({"artifacts": []}, "artifacts"),
        ({"mandatory_in": ["Closed"]}, "mandatory_in"),
        ({"cues": "ransomware\nworms"}, "cues"),
        ({"cues": "\n".join(f"cue {i}" for i in range(13))}, "cues"),
    ],
)
def test_admin_refuses_bad_lists(staff_client, changes, field):
    from clauses.models import Clause

    clause = Clause.objects.get(slug="no-malware")
    before = (clause.artifacts, clause.mandatory_in, clause.cues)
    response = staff_client.post(
        f"/admin/clauses/clause/{clause.pk}/change/", change_data(clause, **changes)
    )
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    clause.refresh_from_db()
    assert (clause.artifacts, clause.mandatory_in, clause.cues) == before


def test_admin_catalog_aliases_one_per_line(staff_client):
    from clauses.models import KnownLicense

    entry = KnownLicense.objects.get(key="mit")
    data = {
        "key": entry.key,
        "name": entry.name,
        "family": entry.family,
        "on_hub_list": "on",
        "categories": [],
        "aliases": "MIT License\nexpat\n\n",
        "links": "opensource.org/licenses/mit",
        "url": "",
    }
    response = staff_client.post(
        f"/admin/clauses/knownlicense/{entry.pk}/change/", data
    )
    assert response.status_code == 302, response.content[:2000]
    entry.refresh_from_db()
    assert entry.aliases == ["mit license", "expat"]
    assert entry.links == ["opensource.org/licenses/mit"]


@pytest.mark.parametrize(
    "url", ["/admin/clauses/clause/add/", "/admin/clauses/knownlicense/add/"]
)
def test_admin_add_pages_render(staff_client, url):
    assert staff_client.get(url).status_code == 200
