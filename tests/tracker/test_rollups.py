"""rollups_refresh: cubes that add up to the headline figures, filters on them."""

from io import StringIO

import pytest
from django.core.management import call_command

from tracker.analytics import Filters, headline_figures, headline_from_rollups
from tracker.models import AdoptionCell, Analytics, DerivativeCell, LicenseClass
from tracker.rollups import license_kind, quarter_of, rollups_refresh

from .family_trees import EXPECTED, build_tree, hub_model

pytestmark = pytest.mark.django_db


def test_cubes_add_up_to_the_headline_figures():
    build_tree()
    state = rollups_refresh()
    assert state.headline == EXPECTED
    assert headline_from_rollups() == headline_figures() == EXPECTED
    assert sum(AdoptionCell.objects.values_list("total", flat=True)) == 13
    assert sum(DerivativeCell.objects.values_list("total", flat=True)) == 10
    assert state.counts["license_classes"] == LicenseClass.objects.count() == 8


def test_refresh_replaces_the_previous_rollups():
    build_tree()
    rollups_refresh()
    hub_model("z/new", "openrail")
    state = rollups_refresh()
    assert Analytics.objects.count() == 1
    assert state.headline["models"] == 14
    assert state.headline["rail_share"] == round(5 / 14, 6)


def test_license_classes():
    build_tree()
    rollups_refresh()
    deepseek = LicenseClass.objects.get(
        declared_license="other", license_name="deepseek"
    )
    assert (deepseek.key, deepseek.family, deepseek.kind) == (
        "deepseek-license",
        "deepseek",
        "restricted",
    )
    assert deepseek.propagates
    assert LicenseClass.objects.get(declared_license="cc-by-nc-4.0").kind == (
        "permissive"
    )
    assert LicenseClass.objects.get(declared_license="").kind == "undeclared"
    assert LicenseClass.objects.get(declared_license="other", license_name="").kind == (
        "unknown"
    )


def test_filters_on_the_cubes():
    build_tree()
    rollups_refresh()
    merge_only = headline_from_rollups(Filters(relation="merge"))
    assert merge_only["derivatives"] == 1
    assert merge_only["dropped_restrictions"] == 1
    # Created 2024-03: b/ft-other and c/merge; the undated orphan drops out.
    march = headline_from_rollups(Filters(date_from="2024-03", date_to="2024-03"))
    assert march["models"] == 2
    assert march["restricted_parent_children"] == 2
    assert march["by_license"] == {"apache-2.0": 1, "other": 1}
    tagged = headline_from_rollups(Filters(pipeline_tag="text-classification"))
    assert tagged["models"] == 1
    assert tagged["rail_share"] == 1.0


def test_command_prints_counts():
    build_tree()
    out = StringIO()
    call_command("refresh_rollups", stdout=out)
    assert "adoption" in out.getvalue()
    assert "rollups refreshed" in out.getvalue()


def test_pure_helpers():
    assert license_kind(key="undeclared", behavioral=False, propagates=False) == (
        "undeclared"
    )
    assert license_kind(key="other", behavioral=True, propagates=False) == "unknown"
    assert license_kind(key="mit", behavioral=False, propagates=False) == "permissive"
    assert license_kind(key="llama3", behavioral=True, propagates=True) == (
        "restricted"
    )
    assert quarter_of("2024-08") == "2024Q3"
    assert quarter_of(None) == ""
