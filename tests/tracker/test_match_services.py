"""match_services: staleness by catalog hash, own-text profiles, older versions,
catalog-resolved models, and the chunked set-based write."""

import hashlib
from datetime import UTC, datetime

import pytest

from clauses.models import KnownLicense
from licenses.services import LicenseDraft, license_create, license_version_create
from tracker import match_services
from tracker.match_services import DECLARED_CHUNK, matches_recompute
from tracker.models import (
    CatalogConfigurationMatch,
    ConfigurationMatch,
    HubModel,
    ModelLicense,
)
from tracker.selectors import model_configuration_matches, version_close_models

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def _draft(name: str, clauses: tuple[str, ...]) -> LicenseDraft:
    return LicenseDraft(
        project_name=name,
        licensor=f"{name} Labs",
        flavor="OpenRAIL",
        artifacts=("model",),
        clause_slugs=clauses,
    )


def _model(repo_id: str, *, tag="", name="", link="", text=None) -> HubModel:
    return HubModel.objects.create(
        repo_id=repo_id,
        declared_license=tag,
        license_name=name,
        license_link=link,
        license_text=text,
        first_seen_at=NOW,
        last_seen_at=NOW,
        content_hash="c",
        license_inputs_hash=hashlib.md5(  # noqa: S324 - a test fixture digest
            f"{tag}|{name}|{link}|{text}".encode()
        ).hexdigest(),
    )


def _resolved(repo_id: str) -> ModelLicense:
    return ModelLicense.objects.get(model__repo_id=repo_id)


def test_an_alias_edit_recomputes_the_rows_it_affects():
    _model("a/custom", tag="other", name="sparrow-terms")
    matches_recompute()
    assert _resolved("a/custom").key == "unknown"
    assert matches_recompute().considered == 0  # nothing changed
    gemma = KnownLicense.objects.get(key="gemma")
    gemma.aliases = [*gemma.aliases, "sparrow-terms"]
    gemma.save()
    rerun = matches_recompute()
    assert rerun.considered == 1  # no --full needed
    assert _resolved("a/custom").key == "gemma"


def test_composing_a_license_recomputes_and_adopts():
    _model("a/early", tag="other", name="kestrel-vision-aaaaaa")
    matches_recompute()
    assert _resolved("a/early").key == "unknown"
    version = license_create(
        draft=_draft("Kestrel Vision", ("no-unsupervised-medical-advice",)),
        slug="kestrel-vision-aaaaaa",
    )
    matches_recompute()
    assert _resolved("a/early").license_version == version


def test_the_composed_text_matches_its_own_license_exactly():
    version = license_create(
        draft=_draft("Plover", ("no-unsupervised-medical-advice", "no-spam"))
    )
    _model("a/copy", tag="other", text=version.markdown)
    matches_recompute()
    adopted = ConfigurationMatch.objects.get(model__repo_id="a/copy", exact=True)
    assert adopted.license_version == version
    assert (adopted.category_jaccard, adopted.clause_jaccard) == (1.0, 1.0)
    assert adopted.basis == "text"


def test_an_older_version_has_a_profile_and_near_configurations():
    first = license_create(draft=_draft("Tern", ("no-unsupervised-medical-advice",)))
    license_version_create(
        license=first.license,
        draft=_draft("Tern", ("no-unsupervised-medical-advice", "no-spam")),
    )
    other = license_create(draft=_draft("Shrike", ("no-unsupervised-medical-advice",)))
    slug = first.license.slug
    _model("a/on-v1", tag="other", link=f"https://rail.example/licenses/{slug}/v1/")
    matches_recompute()
    rows = {
        (r.license_version_id, r.exact): r
        for r in ConfigurationMatch.objects.filter(model__repo_id="a/on-v1")
    }
    adopted = rows[(first.pk, True)]
    assert (adopted.category_jaccard, adopted.clause_jaccard) == (1.0, 1.0)
    assert adopted.basis == "adopted"
    assert (other.pk, False) in rows  # nearest configurations, not just adoption
    # a model whose text resembles v1 is listed on the v1 permalink page
    _model("a/near-v1", tag="other", text=first.markdown.replace(slug, "x"))
    matches_recompute()
    close = version_close_models(version=first)
    assert "a/near-v1" in {m.model.repo_id for m in close}


def test_models_resolved_by_catalog_tag_get_near_configurations():
    # the mandatory OpenRAIL clauses alone resemble the OpenRAIL family
    version = license_create(draft=_draft("Wren", ("no-unlawful-use",)))
    _model("a/tagged", tag="openrail")
    _model("a/permissive", tag="mit")
    matches_recompute()
    assert _resolved("a/tagged").key == "openrail"
    assert CatalogConfigurationMatch.objects.filter(key="openrail").exists()
    assert not CatalogConfigurationMatch.objects.filter(key="mit").exists()
    assert (
        model_configuration_matches(model=HubModel.objects.get(repo_id="a/permissive"))
        == []
    )
    model = HubModel.objects.get(repo_id="a/tagged")
    [near] = [
        m
        for m in model_configuration_matches(model=model)
        if m.license_version == version
    ]
    assert near.basis == "catalog" and not near.exact
    assert near.category_jaccard >= 0.5
    assert "a/tagged" in {
        m.model.repo_id for m in version_close_models(version=version)
    }


def test_many_distinct_declarations_are_written_in_chunks(monkeypatch):
    """More distinct (tag, name, link) than one statement may bind on PostgreSQL
    (65,535 parameters / 9 per combination = 7,281)."""
    assert DECLARED_CHUNK * 9 < 32_766  # also below SQLite's limit
    n = 8_100
    HubModel.objects.bulk_create(
        HubModel(
            repo_id=f"bulk/m{i}",
            declared_license="other",
            license_name=f"terms-{i}",
            first_seen_at=NOW,
            last_seen_at=NOW,
            content_hash="c",
            license_inputs_hash=str(i),
        )
        for i in range(n)
    )
    statements = []
    real = match_services._write_declared_chunk

    def counting(combos, *args):
        statements.append(len(combos))
        return real(combos, *args)

    monkeypatch.setattr(match_services, "_write_declared_chunk", counting)
    report = matches_recompute(batch_size=n + 10)
    assert report.considered == n
    assert ModelLicense.objects.filter(key="unknown").count() == n
    assert max(statements) <= DECLARED_CHUNK and sum(statements) == n


def test_the_license_api_marks_catalog_based_configurations(client):
    license_create(draft=_draft("Wren", ("no-unlawful-use",)))
    _model("a/tagged", tag="openrail")
    matches_recompute()
    data = client.get("/api/hub-models/a/tagged/license/").json()
    assert data["configuration_matches"]
    assert {m["basis"] for m in data["configuration_matches"]} == {"catalog"}


def test_rollup_classes_and_the_matcher_agree_on_a_composed_license():
    # None of these clauses is a restrictions-propagate clause, yet every
    # composed text binds derivatives to its restrictions: both paths say so.
    from tracker.models import LicenseClass
    from tracker.rollups import rollups_refresh

    version = license_create(draft=_draft("Dunlin", ("no-unlawful-use",)))
    _model("a/dunlin", tag="other", name=version.license.slug)
    matches_recompute()
    rollups_refresh()
    resolved = _resolved("a/dunlin")
    classed = LicenseClass.objects.get(license_name=version.license.slug)
    assert resolved.key == classed.key == f"railtrack:{version.license.slug}"
    assert (resolved.behavioral, resolved.propagates) == (True, True)
    assert (classed.behavioral, classed.propagates, classed.kind) == (
        True,
        True,
        "restricted",
    )


def test_close_models_take_one_query_for_all_catalog_licenses(
    django_assert_max_num_queries,
):
    version = license_create(draft=_draft("Godwit", ("no-unlawful-use",)))
    for rank, key in enumerate(("openrail", "llama2", "gemma", "mit", "apache-2.0")):
        CatalogConfigurationMatch.objects.create(
            key=key,
            license_version=version,
            category_jaccard=0.9 - rank / 10,
            clause_jaccard=0.5,
        )
        for n in range(2):
            model = _model(f"{key}/m{n}", tag=key)
            ModelLicense.objects.create(
                model=model,
                key=key,
                family="x",
                method="tag",
                confidence=1.0,
                inputs_hash="h",
                matched_at=NOW,
            )
    # text matches, catalog rows, and one query for their models
    with django_assert_max_num_queries(3):
        close = version_close_models(version=version, limit=3)
    assert [m.model.repo_id.split("/")[0] for m in close] == [
        "openrail",
        "openrail",
        "llama2",
    ]
    everything = version_close_models(version=version, limit=20)
    assert len(everything) == 10
    assert [m.category_jaccard for m in everything] == sorted(
        (m.category_jaccard for m in everything), reverse=True
    )
