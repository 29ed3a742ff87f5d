"""Bring the analytics rollups up to date with the imported and matched models."""

from django.core.management.base import BaseCommand

from tracker.rollups import refresh_summary, rollups_refresh


class Command(BaseCommand):
    help = (
        "Refresh the analytics cubes and headline figures: only the groups of "
        "cubes whose inputs changed since the last refresh, or all with --full."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full", action="store_true", help="Rebuild every cube regardless."
        )

    def handle(self, *args, full: bool, **opts):
        state = rollups_refresh(full=full)
        self.stdout.write(f"rollups {refresh_summary(state)}")
        counts = ", ".join(f"{k} {v}" for k, v in sorted(state.counts.items()))
        self.stdout.write(f"rows: {counts}")
