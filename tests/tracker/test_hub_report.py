"""hub_report: the headline figures, pinned on a hand-built family tree."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from tracker.analytics import HEADLINE_KEYS, headline_figures
from tracker.models import ModelLicense
from tracker.rollups import license_classes_refresh

from .family_trees import EXPECTED, NOW, build_tree, edge, hub_model

pytestmark = pytest.mark.django_db


def report(fmt: str = "json") -> str:
    out = StringIO()
    call_command("hub_report", "--format", fmt, stdout=out)
    return out.getvalue()


def test_json_has_exactly_the_headline_keys_and_figures():
    build_tree()
    figures = json.loads(report())
    assert list(figures) == list(HEADLINE_KEYS)
    assert figures == EXPECTED


def test_empty_database():
    figures = json.loads(report())
    assert figures["models"] == 0
    assert figures["rail_share"] == 0.0
    assert figures["by_relation"] == {
        "finetune": 0,
        "adapter": 0,
        "quantized": 0,
        "merge": 0,
    }


def test_text_format_names_the_figures():
    build_tree()
    text = report("text")
    assert "models: 13" in text
    assert "dropped restrictions: 4" in text
    assert "behavioral-use share: 30.77%" in text


def test_a_matched_license_wins_over_the_declared_one():
    tree = build_tree()
    # match_licenses read the license text of b/ft-other: Apache 2.0.
    ModelLicense.objects.create(
        model=tree["ft_other"],
        key="apache-2.0",
        family="permissive",
        method="text",
        confidence=0.9,
        inputs_hash="x",
        matched_at=NOW,
    )
    license_classes_refresh()
    figures = headline_figures()
    assert figures["dropped_restrictions"] == 5
    assert figures["by_license"]["other"] == 2  # still the tag as given


def test_a_merge_of_restricted_parents_counts_once():
    a = hub_model("x/llama-a", "llama3.1")
    b = hub_model("x/gemma-b", "gemma")
    merged = hub_model("x/merged", "mit")
    edge(merged, a.repo_id, "merge")
    edge(merged, b.repo_id, "merge")
    edge(merged, a.repo_id, "finetune")
    license_classes_refresh()
    figures = headline_figures()
    assert figures["derivatives"] == 1
    assert figures["by_relation"]["merge"] == 1
    assert figures["by_relation"]["finetune"] == 1
    assert figures["restricted_parent_children"] == 1
    assert figures["dropped_restrictions"] == 1


def test_other_and_undeclared_parents_do_not_propagate():
    unknown = hub_model("y/other-base", "other", name="some custom license")
    bare = hub_model("y/bare-base", "")
    for i, parent in enumerate((unknown, bare)):
        edge(hub_model(f"y/child-{i}", "mit"), parent.repo_id)
    license_classes_refresh()
    figures = headline_figures()
    assert figures["derivatives"] == 2
    assert figures["restricted_parent_children"] == 0
    assert figures["rail_share"] == 0.0
