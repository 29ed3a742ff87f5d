"""The shipped library and catalog: coverage, mandatory set, every Hub identifier."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from clauses.loaders import parse_categories, parse_clauses, parse_known_licenses
from clauses.vocabulary import CATEGORY_KEYS, FLAVORS
from tracker.resolution import CatalogEntry, Resolver

FIXTURES = Path(settings.FIXTURES_ROOT)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def categories():
    return parse_categories(FIXTURES / "categories.yaml")


@pytest.fixture(scope="module")
def catalog(categories):
    keys = {c.key for c in categories}
    return parse_known_licenses(FIXTURES / "known_licenses.yaml", category_keys=keys)


@pytest.fixture(scope="module")
def clauses(categories, catalog):
    keys = {c.key for c in categories}
    license_keys = {lic.key for lic in catalog}
    records = []
    for path in sorted((FIXTURES / "clauses").glob("*.yaml")):
        records += parse_clauses(path, category_keys=keys, license_keys=license_keys)
    return records


def test_category_keys_are_exactly_the_shared_vocabulary(categories, shared_dir):
    spec = yaml.safe_load((shared_dir / "spec/restriction-categories.yaml").read_text())
    assert [c.key for c in categories] == [c["key"] for c in spec["categories"]]


def test_descriptions_are_our_own_words(categories, shared_dir):
    spec = yaml.safe_load((shared_dir / "spec/restriction-categories.yaml").read_text())
    summaries = {c["key"]: c["summary"] for c in spec["categories"]}
    assert all(c.description != summaries[c.key] for c in categories)


def test_at_least_sixty_clauses_covering_every_category(clauses, categories):
    assert len(clauses) >= 60
    assert {c.key for c in categories} <= {c.category for c in clauses}
    assert len({c.slug for c in clauses}) == len(clauses)


def test_ten_mandatory_in_every_flavor_and_many_optional(clauses):
    everywhere = [c for c in clauses if set(c.mandatory_in) == set(FLAVORS)]
    assert len(everywhere) >= 10
    optional = [c for c in clauses if not c.mandatory_in and c.status == "approved"]
    assert len(optional) >= 15


def test_every_clause_has_cues_and_reads_as_a_restriction(clauses):
    for clause in clauses:
        assert len(clause.cues) >= 3, clause.slug
        assert clause.text.startswith("Do not"), clause.slug


def test_every_hub_identifier_is_in_the_catalog(catalog, shared_dir):
    with open(shared_dir / "corpus/hub/hf-license-identifiers.csv", newline="") as f:
        hub_ids = {row["identifier"] for row in csv.DictReader(f)}
    assert len(hub_ids) == 83
    keys = {lic.key for lic in catalog}
    assert hub_ids <= keys
    flagged = {lic.key for lic in catalog if lic.on_hub_list}
    assert flagged == hub_ids


def test_behavioral_families_propagate(catalog):
    by_key = {lic.key: lic for lic in catalog}
    for key in (
        "llama2",
        "llama3.1",
        "llama4",
        "gemma",
        "deepseek-license",
        "creativeml-openrail-m",
        "bigscience-bloom-rail-1.0",
    ):
        assert by_key[key].propagates_restrictions, key
    for key in ("apache-2.0", "mit", "cc-by-nc-4.0", "other", "unknown"):
        assert not by_key[key].propagates_restrictions, key


def test_other_filed_licenses_have_aliases(catalog):
    by_key = {lic.key: lic for lic in catalog}
    assert "gemma-terms-of-use" in by_key["gemma"].aliases
    assert by_key["deepseek-license"].aliases
    assert any("llama" in link for link in by_key["llama3.1"].links)


def test_category_keys_are_the_pinned_vocabulary(categories):
    # Runs without ../shared; the spec test above pins CATEGORY_KEYS to the spec.
    assert [c.key for c in categories] == list(CATEGORY_KEYS)
    behavioral = [c.key for c in categories if c.group != "mechanics"]
    assert len(behavioral) == 28


def test_pinned_vocabulary_equals_the_spec(shared_dir):
    spec = yaml.safe_load((shared_dir / "spec/restriction-categories.yaml").read_text())
    assert list(CATEGORY_KEYS) == [c["key"] for c in spec["categories"]]


def test_every_provenance_license_carries_the_clause_category(clauses, catalog):
    by_key = {lic.key: set(lic.categories) for lic in catalog}
    disagreements = [
        f"{c.slug} ({c.category}) cites {key}"
        for c in clauses
        for key in c.provenance
        if c.category not in by_key[key]
    ]
    assert disagreements == []


def test_propagates_flag_matches_the_category(catalog):
    for lic in catalog:
        has_category = "restrictions-propagate" in lic.categories
        assert lic.propagates_restrictions == has_category, lic.key


def test_catalog_covers_what_the_hand_labelled_corpus_states(catalog):
    # tests/tracker/data/license_labels.yaml lists, per published document, the
    # categories its own text states; a license's catalog entry (which also
    # counts policies it incorporates) must contain at least those.
    labels = yaml.safe_load(
        (REPO / "tests/tracker/data/license_labels.yaml").read_text()
    )["documents"]
    by_key = {lic.key: set(lic.categories) for lic in catalog}
    missing = {
        doc["file"]: sorted(set(doc["categories"]) - by_key[doc["license"]])
        for doc in labels
        if doc.get("license") in by_key
    }
    assert {f: m for f, m in missing.items() if m} == {}


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("research-rail-ams", {"vulnerable-group-exploitation"}),
        ("opt-175b-license", {"personal-data"}),
        ("deepfloyd-if-license", {"personal-data"}),
        ("llama-license", {"personal-data"}),
        ("gemma", {"defamation", "sensitive-inference"}),
        ("cc-by-nc-sa-4.0", {"restrictions-propagate", "non-commercial"}),
        ("fair-noncommercial-research-license", {"restrictions-propagate"}),
    ],
)
def test_catalog_facts_from_the_published_texts(catalog, key, expected):
    [lic] = [lic for lic in catalog if lic.key == key]
    assert expected <= set(lic.categories)


def test_no_derivatives_is_not_filed_as_permissive(catalog):
    [lic] = [lic for lic in catalog if lic.key == "cc-by-nd-4.0"]
    assert lic.family == "unknown"
    assert not lic.propagates_restrictions


def test_circumventing_safeguards_is_not_a_license_mechanic(clauses):
    [clause] = [c for c in clauses if c.slug == "no-circumventing-safeguards"]
    assert clause.category == "illegal-activity"


def test_user_threshold_clause_names_no_one_licensors_figure(clauses):
    [clause] = [c for c in clauses if c.slug == "no-use-above-user-threshold"]
    assert "million" not in clause.text
    assert {"llama3.1", "tongyi-qianwen"} <= set(clause.provenance)


def test_ai_pubs_and_falcon_180b_are_recognised_by_name_and_link(catalog):
    resolver = Resolver(
        [CatalogEntry(lic.key, lic.family, lic.aliases, lic.links) for lic in catalog]
    )
    cases = [
        ("falcon-180b-license", "", "falcon-180b-tii-license"),
        (
            "",
            "https://huggingface.co/spaces/tiiuae/falcon-180b-license/blob/main/"
            "LICENSE.txt",
            "falcon-180b-tii-license",
        ),
        ("", "https://www.licenses.ai/ai-pubs-open-railm-vz1", "ai-pubs-openrail-m"),
        ("", "https://www.licenses.ai/ai-pubs-open-rails-vz1", "ai-pubs-openrail-s"),
        ("ai-pubs-open-rail-m", "", "ai-pubs-openrail-m"),
    ]
    for name, link, key in cases:
        found = resolver.resolve_declared("other", name, link)
        assert found is not None and found.key == key, (name, link)


def _hub_other_declarations(hub: Path) -> list[tuple[str, str]]:
    """(license_name, license_link) of `license: other` models in the samples."""
    import pyarrow.parquet as pq

    found = []
    table = pq.read_table(
        hub / "eval-card-registry_hub_stats_frozen.parquet", columns=["cardData"]
    )
    for row in table.to_pylist():
        card = json.loads(row["cardData"]) if row["cardData"] else {}
        if isinstance(card, dict) and card.get("license") in ("other", ["other"]):
            found.append(
                (
                    str(card.get("license_name") or ""),
                    str(card.get("license_link") or ""),
                )
            )
    for name in ("model_license_other", "model_no_license"):
        with open(hub / f"hub-docs_hacktoberfest_{name}.csv", newline="") as f:
            for row in csv.DictReader(f):
                found.append(
                    (row["suggested_license_name"], row["suggested_license_link"])
                )
    return found


def test_hub_other_names_and_links_map_to_the_catalog(catalog, shared_dir):
    resolver = Resolver(
        [CatalogEntry(lic.key, lic.family, lic.aliases, lic.links) for lic in catalog]
    )
    declared = [
        (n, link)
        for n, link in _hub_other_declarations(shared_dir / "corpus/hub")
        if n or link
    ]
    matched = [
        d for d in declared if resolver.resolve_declared("other", *d) is not None
    ]
    assert len(declared) > 700
    assert len(matched) / len(declared) >= 0.95
    counts = Counter(n for n, _ in declared if n)
    frequent = {n for n, count in counts.items() if count >= 10}
    unmatched = {
        n for n in frequent if resolver.resolve_declared("other", n, "") is None
    }
    assert unmatched == set()
