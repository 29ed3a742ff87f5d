"""Model-level validation of the list-valued clause and catalog fields."""

import pytest
from django.core.exceptions import ValidationError

from clauses.models import Category, Clause, KnownLicense

pytestmark = pytest.mark.django_db

GOOD = {
    "artifacts": ["model"],
    "mandatory_in": ["RAIL"],
    "cues": ["ransomware", "computer worms", "keyloggers"],
}


def clause(**changes) -> Clause:
    values = {**GOOD, **changes}
    return Clause(
        slug="no-worms",
        title="Worms",
        category=Category.objects.get(key="malware"),
        domain="Malware",
        text="Do not use the Artifact to write worms.",
        status="draft",
        **values,
    )


def test_a_good_clause_is_valid():
    clause().full_clean()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("artifacts", ["weights"]),
        ("artifacts", []),
        ("artifacts", "model"),
        ("artifacts", ["model", "model"]),
        ("mandatory_in", "RAIL"),
        ("mandatory_in", ""),
        ("mandatory_in", ["Closed"]),
        ("mandatory_in", {"RAIL": True}),
        ("cues", []),
        ("cues", ["one", "two"]),
        ("cues", [f"cue {i}" for i in range(13)]),
        ("cues", ["ransomware", "", "worms"]),
        ("cues", ["ransomware", "x" * 121, "worms"]),
        ("cues", "ransomware, worms, keyloggers"),
    ],
)
def test_bad_list_shapes_are_refused(field, value):
    with pytest.raises(ValidationError) as err:
        clause(**{field: value}).full_clean()
    assert field in err.value.message_dict


@pytest.mark.parametrize("value", ["mit", ["mit", "mit"], ["mit", " "], [1]])
def test_catalog_aliases_must_be_a_list_of_texts(value):
    entry = KnownLicense(key="x-license", name="X", family="permissive", aliases=value)
    with pytest.raises(ValidationError) as err:
        entry.full_clean()
    assert "aliases" in err.value.message_dict
