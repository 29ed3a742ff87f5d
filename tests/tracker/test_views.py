"""Tracker pages: search and a model's family tree with each member's license."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(files, import_files):
    import_files(files / "api_page.json")


def test_model_page_shows_the_family_tree_with_licenses(
    client, family, django_assert_max_num_queries
):
    url = reverse("tracker:model", args=["dave/chat-lora"])
    assert url == "/tracker/models/dave/chat-lora/"
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.templates[0].name == "tracker/model_detail.html"
    for member in (
        "acme/base-7b",
        "bob/base-7b-chat",
        "carol/base-7b-chat-GGUF",
        "erin/frankenmerge",
    ):
        assert f'href="/tracker/models/{member}/"' in html
    assert 'aria-current="true"' in html
    assert "llama-2-community-license" in html  # bob's license_name
    assert ">openrail<" in html and ">llama2<" in html
    assert "5 models from 1 root" in html
    assert "adapter" in html and "quantized" in html


def test_a_parent_that_was_not_imported_has_a_page(client, family):
    response = client.get(reverse("tracker:model", args=["gone/missing-7b"]))
    assert response.status_code == 200
    assert "Not imported" in response.content.decode()
    assert "erin/frankenmerge" in response.content.decode()


def test_unknown_model_is_404(client, family):
    assert client.get("/tracker/models/no/such-model/").status_code == 404


def test_floor_creation_date_is_shown_as_unknown(client, family):
    html = client.get(reverse("tracker:model", args=["acme/base-7b"])).content.decode()
    assert "unknown, on or before 2022-03-02" in html


def test_index_searches_by_prefix_and_lists_runs(client, family):
    response = client.get(reverse("tracker:index"), {"q": "bob/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "bob/base-7b-chat" in html
        and "acme/base-7b" not in html.split("Recent imports")[0]
    )
    assert "hub-api-json" in html


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://example.org/LICENSE", 'href="https://example.org/LICENSE"'),
        (
            "LICENSE.md",
            'href="https://huggingface.co/eve/card-7b/blob/main/LICENSE.md"',
        ),
        ("javascript:alert(document.cookie)//://", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
    ],
)
def test_a_card_license_link_is_only_linked_when_it_is_http(
    client, tmp_path, import_files, link, expected
):
    card = {"license": "other", "license_name": "eve-terms", "license_link": link}
    row = {"id": "eve/card-7b", "tags": ["license:other"], "cardData": card}
    (tmp_path / "card.jsonl").write_text(json.dumps(row) + "\n")
    import_files(tmp_path / "card.jsonl")
    html = client.get(reverse("tracker:model", args=["eve/card-7b"])).content.decode()
    if expected:
        assert expected in html
    else:
        assert 'href="javascript' not in html.lower()
        assert 'class="license-link" href' not in html  # shown, not linked
        assert "<script>alert" not in html  # shown as escaped text, not markup
