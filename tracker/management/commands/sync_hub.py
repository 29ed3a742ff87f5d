"""Pull model listings live from the Hub (huggingface_hub) into the tracker."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracker.hub_client import HubError
from tracker.rollups import rollups_refresh_soon
from tracker.services import hub_sync


def _date(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since {value!r} is not a date (YYYY-MM-DD)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "List models on the Hub with full card data (HF_ENDPOINT, HF_TOKEN) and "
        "upsert them like import_hub does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--author", help="Only this owner's models.")
        parser.add_argument("--search", help="Only ids containing this text.")
        parser.add_argument("--limit", type=int, help="At most this many models.")
        parser.add_argument(
            "--since",
            help="Only models changed since this date (newest first, stops there).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, author, search, limit, since, batch_size, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        if not (author or search or limit or since):
            raise CommandError(
                "the whole Hub is ~2M models; give --author, --search, --limit or "
                "--since (or import a hub-stats snapshot with import_hub)"
            )
        self.stdout.write(f"reading {settings.HF_ENDPOINT}")
        try:
            run = hub_sync(
                author=author,
                search=search,
                limit=limit,
                since=_date(since) if since else None,
                batch_size=batch_size,
            )
        except HubError as exc:
            raise CommandError(
                f"{exc} (the run is marked failed; rows read so far are kept)"
            ) from None
        self.stdout.write(
            f"read {run.read}, created {run.created}, updated {run.updated}, "
            f"unchanged {run.unchanged}, put aside {run.put_aside}, edges {run.edges} "
            f"[run {run.pk}]"
        )
        self.stdout.write(rollups_refresh_soon())
