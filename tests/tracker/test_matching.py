"""License matching on imported models: layers, incremental runs, clauses, adoption."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from licenses.services import LicenseDraft, license_create
from tracker.match_services import matches_recompute
from tracker.matching import Profile, jaccard, nearest_configurations
from tracker.models import ClauseMatch, ConfigurationMatch, HubModel, ModelLicense

from .conftest import api_model

LLAMA2_TEXT = (
    "# Llama 2 Community License Agreement\n\nLlama 2 Version Release Date: "
    "July 18, 2023\n\nYou agree you will not use, or allow others "
    "to use, Llama 2 to engage in, promote, incite, or facilitate violence or "
    "terrorism, or to generate or disseminate malware."
)


def _card(license_="", name="", link=""):
    card = {"license": license_} if license_ else {}
    if name:
        card["license_name"] = name
    if link:
        card["license_link"] = link
    tags = [f"license:{license_}"] if license_ else []
    return {"cardData": card, "tags": ["transformers", *tags]}


def write_models(path, models: dict[str, dict]):
    path.write_text(
        "\n".join(
            json.dumps(api_model(repo, **extra)) for repo, extra in models.items()
        )
    )
    return path


def write_texts(path, texts: dict[str, str]):
    rows = [{"model_id": k, "license_md_text": v} for k, v in texts.items()]
    path.write_text(json.dumps(rows))
    return path


@pytest.fixture
def composed(db):
    return license_create(
        draft=LicenseDraft(
            project_name="Aurora Vision",
            licensor="Aurora Labs",
            flavor="OpenRAIL",
            artifacts=("model",),
            clause_slugs=("no-unsupervised-medical-advice",),
        )
    )


@pytest.fixture
def hub(tmp_path, import_files, composed):
    slug = composed.license.slug
    write_models(
        tmp_path / "models.jsonl",
        {
            "a/tagged": _card("llama3.1"),
            "a/named": _card("other", name="gemma-terms-of-use"),
            "a/linked": _card("other", link="https://ai.google.dev/gemma/terms"),
            "a/texted": _card("other"),
            "a/ours-by-name": _card("other", name=slug),
            "a/ours-by-link": _card(
                "other", link=f"https://railtrack.example/licenses/{slug}/v1"
            ),
            "a/ours-by-text": _card("other"),
            "a/bare": {"cardData": {}, "tags": ["transformers"]},
        },
    )
    import_files(tmp_path / "models.jsonl")
    write_texts(
        tmp_path / "texts.json",
        {
            "a/texted": LLAMA2_TEXT,
            "a/ours-by-text": composed.markdown,
        },
    )
    import_files(tmp_path / "texts.json")
    return composed


def _resolved(repo_id: str) -> ModelLicense:
    return ModelLicense.objects.get(model__repo_id=repo_id)


def test_layers_on_imported_models(hub):
    report = matches_recompute()
    assert report.considered == 8
    expected = {
        "a/tagged": ("llama3.1", "tag"),
        "a/named": ("gemma", "name"),
        "a/linked": ("gemma", "link"),
        "a/texted": ("llama2", "text"),
        "a/ours-by-name": (f"railtrack:{hub.license.slug}", "generated"),
        "a/ours-by-link": (f"railtrack:{hub.license.slug}", "generated"),
        "a/ours-by-text": (f"railtrack:{hub.license.slug}", "generated"),
        "a/bare": ("undeclared", "none"),
    }
    got = {r: (_resolved(r).key, _resolved(r).method) for r in expected}
    assert got == expected
    tagged = _resolved("a/tagged")
    assert (tagged.family, tagged.behavioral, tagged.confidence) == (
        "llama",
        True,
        1.0,
    )
    assert (
        tagged.inputs_hash
        == HubModel.objects.get(repo_id="a/tagged").license_inputs_hash
    )
    assert _resolved("a/ours-by-text").license_version == hub
    assert _resolved("a/ours-by-name").license_version == hub
    assert not _resolved("a/bare").behavioral


def test_incremental_recompute_only_touches_changed_models(hub):
    matches_recompute()
    again = matches_recompute()
    assert again.considered == 0
    assert again.unchanged == 8
    model = HubModel.objects.get(repo_id="a/named")
    model.license_name = "llama3.3"
    model.license_inputs_hash = "changed"
    model.save()
    third = matches_recompute()
    assert third.considered == 1
    assert _resolved("a/named").key == "llama3.3"
    assert _resolved("a/named").inputs_hash == "changed"


def test_full_and_dry_run(hub):
    dry = matches_recompute(dry_run=True)
    assert dry.considered == 8
    assert not ModelLicense.objects.exists()
    matches_recompute()
    assert matches_recompute(full=True).considered == 8


def test_limit_and_small_batches(hub):
    assert matches_recompute(limit=3, batch_size=2).considered == 3
    assert ModelLicense.objects.count() == 3
    assert matches_recompute(batch_size=2).considered == 5


def test_clause_matches_from_license_text_with_evidence(hub):
    matches_recompute()
    model = HubModel.objects.get(repo_id="a/texted")
    found = {m.category: m for m in ClauseMatch.objects.filter(model=model)}
    assert found
    for match in found.values():
        assert model.license_text[match.start : match.end].startswith(
            match.evidence[:50]
        )
        assert len(match.evidence) <= 500
    # Removing the text drops them on the next run.
    model.license_text = None
    model.license_inputs_hash = "no-text"
    model.save()
    matches_recompute()
    assert not ClauseMatch.objects.filter(model=model).exists()


def test_exact_adoption_and_near_configuration(hub, db):
    other = license_create(
        draft=LicenseDraft(
            project_name="Borealis",
            licensor="Borealis Labs",
            flavor="OpenRAIL",
            artifacts=("model",),
            clause_slugs=("no-unsupervised-medical-advice",),
        )
    )
    matches_recompute()
    adopted = ConfigurationMatch.objects.filter(
        model__repo_id="a/ours-by-name", exact=True
    ).get()
    assert adopted.license_version == hub
    assert adopted.category_jaccard == 1.0
    near = ConfigurationMatch.objects.filter(
        model__repo_id="a/ours-by-name", exact=False
    ).get()
    assert near.license_version == other
    assert near.category_jaccard >= 0.5


def test_pure_similarity():
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3, abs=1e-4)
    assert jaccard(set(), set()) == 0.0
    profiles = [
        Profile(1, 1, frozenset("abc"), frozenset({"x"})),
        Profile(2, 2, frozenset("abcd"), frozenset({"x", "y"})),
        Profile(3, 3, frozenset("z"), frozenset()),
    ]
    near = nearest_configurations(categories="abc", clauses={"x"}, profiles=profiles)
    assert [n.version_id for n in near] == [1, 2]
    assert (
        nearest_configurations(
            categories="abc", clauses={"x"}, profiles=profiles, exclude_license=1
        )[0].version_id
        == 2
    )


def test_command_summary(hub):
    out = StringIO()
    call_command("match_licenses", stdout=out)
    text = out.getvalue()
    assert text.startswith("resolved 8 (")
    assert "generated 3" in text and "adoptions 3" in text
    out = StringIO()
    call_command("match_licenses", stdout=out)
    assert out.getvalue().startswith("resolved 0 (none), unchanged 8")


def test_import_hub_matches_after_import(tmp_path, db):
    path = write_models(tmp_path / "m.jsonl", {"b/one": _card("apache-2.0")})
    out = StringIO()
    call_command("import_hub", str(path), stdout=out)
    assert _resolved("b/one").key == "apache-2.0"
    assert "resolved 1" in out.getvalue()
    path = write_models(tmp_path / "m2.jsonl", {"b/two": _card("mit")})
    call_command("import_hub", str(path), "--no-match", stdout=StringIO())
    assert not ModelLicense.objects.filter(model__repo_id="b/two").exists()


def test_real_texts_resolve_stable_audio(db, shared_dir, tmp_path, import_files):
    source = (
        shared_dir / "corpus/hub/open-source-ai-discovery_other_licensed_models.json"
    )
    ids = [row["model_id"] for row in json.loads(source.read_text())]
    write_models(tmp_path / "m.jsonl", {repo: _card("other") for repo in ids})
    import_files(tmp_path / "m.jsonl")
    import_files(source, batch_size=100)
    matches_recompute()
    audio = ModelLicense.objects.filter(model__repo_id__contains="stable-audio-open")
    assert audio.count() >= 4
    assert set(audio.values_list("key", "method")) == {
        ("stabilityai-ai-community", "text")
    }
    assert ClauseMatch.objects.filter(model__repo_id__in=ids).exists()


def test_model_page_shows_resolution_clauses_and_configurations(
    hub, client, django_assert_max_num_queries
):
    matches_recompute()
    with django_assert_max_num_queries(12):
        page = client.get("/tracker/models/a/texted/")
    body = page.content.decode()
    assert "Resolved license" in body and "llama2" in body
    assert "violence-terrorism" in body
    page = client.get("/tracker/models/a/ours-by-name/").content.decode()
    assert "adopted" in page
    assert f"/licenses/{hub.license.slug}/" in page


def test_permalink_page_lists_adopters(hub, client, django_assert_max_num_queries):
    matches_recompute()
    url = f"/licenses/{hub.license.slug}/v1/"
    with django_assert_max_num_queries(12):  # not one per adopter or near license
        page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Adopted on the Hub" in body
    assert "a/ours-by-name" in body and "a/ours-by-text" in body
    assert "a/tagged" not in body


def test_license_api(hub, client):
    assert client.get("/api/hub-models/a/texted/license/").status_code == 404
    matches_recompute()
    data = client.get("/api/hub-models/a/texted/license/").json()
    assert data["resolution"]["key"] == "llama2"
    assert data["resolution"]["method"] == "text"
    assert {m["category"] for m in data["clause_matches"]} >= {"violence-terrorism"}
    ours = client.get("/api/hub-models/a/ours-by-name/license/").json()
    assert ours["resolution"]["license_version"] == f"railtrack:{hub.license.slug}:v1"
    assert ours["configuration_matches"][0]["exact"] is True
