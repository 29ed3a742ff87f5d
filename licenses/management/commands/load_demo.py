"""Load demo content: example licenses, a local admin, and the Hub samples."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from licenses.demo import demo_licenses_create

DEMO_ADMIN = ("admin", "admin")
# What import_hub reads; anything else in fixtures/hub/ (the README) is not data.
SAMPLE_SUFFIXES = (".json", ".jsonl", ".gz", ".parquet", ".csv")


def hub_samples(folder: Path) -> list[Path]:
    """The Hub sample files in folder, in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SAMPLE_SUFFIXES)


class Command(BaseCommand):
    help = (
        "Create demo licenses, a local admin user (DEBUG only) and import the "
        "demo Hub samples in fixtures/hub/, then refresh the analytics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-hub", action="store_true", help="Skip the Hub samples."
        )

    def handle(self, *args, no_hub: bool = False, **options):
        created = demo_licenses_create()
        self.stdout.write(f"demo licenses: {len(created)} version(s) created")
        for version in created:
            self.stdout.write(f"  {version.license.slug} v{version.number}")
        if settings.DEBUG:
            self._admin()
        if no_hub:
            self.stdout.write("Hub samples: skipped (--no-hub)")
            return
        folder = Path(settings.FIXTURES_ROOT) / "hub"
        samples = hub_samples(folder)
        if not samples:
            self.stdout.write(
                f"Hub samples: none found in {folder}; the tracker pages stay empty"
            )
            return
        self.stdout.write(f"Hub samples from {folder}:")
        for path in samples:
            self.stdout.write(f"  {path.name} ({path.stat().st_size / 1000:,.0f} kB)")
        call_command("import_hub", *map(str, samples), stdout=self.stdout)
        call_command("refresh_rollups", stdout=self.stdout)

    def _admin(self) -> None:
        username, password = DEMO_ADMIN
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return
        if not settings.DEBUG:  # never create a known password in production
            raise CommandError("refusing to create the demo admin with DEBUG off")
        User.objects.create_superuser(username, "admin@localhost", password)
        self.stdout.write(
            f"local admin: {username} / {password} (DEBUG only; change it for real use)"
        )
