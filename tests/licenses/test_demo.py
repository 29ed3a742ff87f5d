"""Demo data for the README's run command."""

import pytest
from django.core.management import call_command

from licenses.models import License, LicenseVersion

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent(settings, tmp_path):
    settings.FIXTURES_ROOT = tmp_path  # no Hub samples: licenses and admin only
    call_command("load_demo")
    first = LicenseVersion.objects.count()
    assert License.objects.count() == 3
    assert first == 4  # one demo license has a second version
    call_command("load_demo")
    assert LicenseVersion.objects.count() == first
