"""load_demo: demo licenses with fixed slugs, adopted by the demo Hub samples."""

import pytest
from django.core.management import call_command

from licenses.demo import DEMO_SLUGS
from licenses.models import License

pytestmark = pytest.mark.django_db


def test_demo_licenses_have_fixed_slugs(settings, tmp_path):
    settings.FIXTURES_ROOT = tmp_path
    call_command("load_demo")
    assert set(License.objects.values_list("slug", flat=True)) == set(
        DEMO_SLUGS.values()
    )


def test_without_samples_it_says_so(settings, tmp_path, capsys):
    settings.FIXTURES_ROOT = tmp_path
    call_command("load_demo")
    out = capsys.readouterr().out
    assert f"Hub samples: none found in {tmp_path / 'hub'}" in out


def test_no_hub_flag(settings, capsys):
    call_command("load_demo", no_hub=True)
    assert "Hub samples: skipped (--no-hub)" in capsys.readouterr().out


def test_imports_the_samples_and_the_demo_licenses_are_adopted(capsys):
    from tracker.models import HubModel
    from tracker.selectors import version_adopters

    call_command("load_demo")
    out = capsys.readouterr().out
    for name in (
        "demo-adopters.json",
        "hub-stats-sample.parquet",
        "synthetic-hub.jsonl.gz",
    ):
        assert f"  {name} (" in out
    assert "read 2180, created 2180" in out
    assert "rollups refreshed" in out
    assert HubModel.objects.count() == 2180

    aurora = License.objects.get(slug=DEMO_SLUGS["Aurora Vision"])
    adopters = {m.repo_id for m in version_adopters(version=aurora.versions.last())}
    assert {
        "aurora-labs/aurora-vision-base",
        "pixel-forge/aurora-vision-base-int8",  # by permalink
    } <= adopters
    kestrel = License.objects.get(slug=DEMO_SLUGS["Kestrel Chat"])
    adopters = {m.repo_id for m in version_adopters(version=kestrel.versions.last())}
    assert "kestrel-studio/kestrel-chat-7b" in adopters  # by identification line

    # a real family from the hub-stats rows, with children that dropped Llama's terms
    base = HubModel.objects.get(repo_id="meta-llama/Llama-3.1-8B-Instruct")
    assert base.resolution.key == "llama3.1"

    call_command("load_demo")  # again: nothing new
    assert "created 0, updated 0, unchanged 2180" in capsys.readouterr().out
