"""The shipped library and catalog: coverage, mandatory set, every Hub identifier."""

import csv
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from clauses.loaders import parse_categories, parse_clauses, parse_known_licenses
from clauses.vocabulary import FLAVORS

FIXTURES = Path(settings.FIXTURES_ROOT)


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
