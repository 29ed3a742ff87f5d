"""Load demo content: example licenses, a local admin, and the Hub samples."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from licenses.demo import demo_licenses_create

DEMO_ADMIN = ("admin", "admin")


class Command(BaseCommand):
    help = "Create demo licenses, a local admin user (DEBUG only) and demo Hub data."

    def handle(self, *args, **options):
        created = demo_licenses_create()
        self.stdout.write(f"demo licenses: {len(created)} version(s) created")
        if settings.DEBUG:
            self._admin()
        samples = sorted((settings.FIXTURES_ROOT / "hub").glob("*.*"))
        if samples and "import_hub" in get_commands():
            call_command("import_hub", *map(str, samples), stdout=self.stdout)
            if "match_licenses" in get_commands():
                call_command("match_licenses", stdout=self.stdout)

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
