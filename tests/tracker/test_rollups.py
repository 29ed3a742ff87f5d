"""rollups_refresh: cubes that add up to the headline figures, filters on them."""

from io import StringIO

import pytest
from django.core.management import call_command

import tracker.rollups as rollups_module
from clauses.models import KnownLicense
from tracker import tasks
from tracker.analytics import Filters, headline_figures, headline_from_rollups
from tracker.models import (
    AdoptionCell,
    Analytics,
    AuthorCell,
    AuthorFacetCell,
    ClauseMatch,
    ConfigurationCell,
    DerivativeCell,
    FamilyDriftCell,
    HubModel,
    ImportRun,
    LicenseClass,
    ModelLicense,
    TransitionCell,
)
from tracker.rollups import (
    license_kind,
    quarter_of,
    rollups_refresh,
    rollups_refresh_soon,
)

from .family_trees import EXPECTED, NOW, build_tree, edge, hub_model

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


CUBES = (
    AdoptionCell,
    AuthorCell,
    AuthorFacetCell,
    ConfigurationCell,
    DerivativeCell,
    FamilyDriftCell,
    TransitionCell,
)


def cube_contents() -> dict:
    fields = {
        cube: [f.name for f in cube._meta.fields if f.name != "id"] for cube in CUBES
    }
    return {
        cube.__name__: sorted(cube.objects.values_list(*names))
        for cube, names in fields.items()
    }


def rebuilt(state) -> set[str]:
    return {name for name, group in state.groups.items() if group["rebuilt"]}


def test_a_refresh_with_nothing_changed_rebuilds_nothing():
    build_tree()
    first = rollups_refresh()
    assert {"adoption", "lineage", "hub_configurations"} <= rebuilt(first)
    before = cube_contents()
    again = rollups_refresh()
    assert rebuilt(again) == set()
    assert cube_contents() == before
    assert again.headline == EXPECTED


def test_only_the_groups_whose_inputs_changed_are_rebuilt():
    tree = build_tree()
    rollups_refresh()
    ClauseMatch.objects.create(
        model=tree["deepseek"],
        category="medical",
        score=1,
        start=0,
        end=1,
        evidence="e",
    )
    assert rebuilt(rollups_refresh()) == {"hub_configurations", "headline"}
    edge(tree["orphan"], "meta/base", "merge")
    assert rebuilt(rollups_refresh()) == {"lineage", "headline"}
    ModelLicense.objects.create(
        model=tree["ft_other"],
        key="apache-2.0",
        family="permissive",
        method="text",
        confidence=0.9,
        inputs_hash="x",
        matched_at=NOW,
    )
    assert rebuilt(rollups_refresh()) == {"adoption", "lineage", "headline"}
    incremental = cube_contents()
    state = rollups_refresh(full=True)
    assert cube_contents() == incremental
    assert state.headline["restricted_parent_children"] == 8  # c/orphan now
    assert state.headline["dropped_restrictions"] == 6  # and b/ft-other


def test_an_import_run_marks_the_models_changed(import_files, files):
    rollups_refresh()
    import_files(files / "models.jsonl")
    state = rollups_refresh()
    assert {"adoption", "lineage", "hub_configurations"} <= rebuilt(state)
    assert state.headline["models"] == HubModel.objects.count() > 0
    assert rebuilt(rollups_refresh()) == set()


def test_a_new_catalog_license_reclasses_every_declared_license():
    build_tree()
    rollups_refresh()
    known = KnownLicense.objects.get(key="mit")
    known.propagates_restrictions = True
    known.save()
    state = rollups_refresh()
    assert {"license_classes", "adoption", "lineage"} <= rebuilt(state)
    assert LicenseClass.objects.get(declared_license="mit").kind == "restricted"


def test_a_refresh_goes_round_again_when_models_arrive_meanwhile(monkeypatch):
    build_tree()
    calls = []
    original = rollups_module.BUILDERS["adoption"]

    def adoption_while_an_import_lands():
        counts = original()
        if not calls:
            calls.append(1)
            hub_model("late/arrival", "openrail")
            ImportRun.objects.create(source="files", created=1, started_at=NOW)
        return counts

    monkeypatch.setitem(
        rollups_module.BUILDERS, "adoption", adoption_while_an_import_lands
    )
    state = rollups_refresh()
    assert state.headline["models"] == 14


def test_import_and_match_commands_refresh_the_rollups(files):
    out = StringIO()
    call_command("import_hub", str(files / "models.jsonl"), stdout=out)
    assert "analytics rollups: refreshed" in out.getvalue()
    state = Analytics.objects.get()
    assert state.headline["models"] == HubModel.objects.count() > 0
    assert ModelLicense.objects.count() == HubModel.objects.count()
    ModelLicense.objects.all().delete()
    out = StringIO()
    call_command("match_licenses", stdout=out)
    assert "analytics rollups: refreshed" in out.getvalue()
    assert "adoption" in out.getvalue()  # the resolutions changed


def test_with_a_broker_the_refresh_is_queued_after_commit(
    settings, monkeypatch, files, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    queued = []
    monkeypatch.setattr(tasks.rollups_refresh, "delay", lambda: queued.append(1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert rollups_refresh_soon() == "analytics rollups: refresh queued"
    assert queued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert queued == [1]
    assert not Analytics.objects.exists()


def test_the_task_reports_the_groups():
    build_tree()
    groups = tasks.rollups_refresh()
    assert groups["adoption"]["rebuilt"] is True


def test_refresh_command_full_rebuilds_everything():
    build_tree()
    rollups_refresh()
    out = StringIO()
    call_command("refresh_rollups", stdout=out)
    assert "rebuilt nothing" in out.getvalue()
    out = StringIO()
    call_command("refresh_rollups", "--full", stdout=out)
    assert "adoption" in out.getvalue() and "lineage" in out.getvalue()


def test_filter_choices_list_the_values_found():
    build_tree()
    state = rollups_refresh()
    assert state.choices["pipeline_tag"] == ["text-generation", "text-classification"]
    assert state.choices["family"][0] == "permissive"  # most models
    assert "llama" in state.choices["parent_family"]
    assert "not-imported" in state.choices["parent_family"]
    assert state.choices["months"] == ["2023-01", "2024-04"]
