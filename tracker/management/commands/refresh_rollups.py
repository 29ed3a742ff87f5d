"""Rebuild the analytics rollups from the imported and matched models."""

from django.core.management.base import BaseCommand

from tracker.rollups import rollups_refresh


class Command(BaseCommand):
    help = "Rebuild the analytics cubes and headline figures."

    def handle(self, *args, **opts):
        state = rollups_refresh()
        counts = ", ".join(f"{k} {v}" for k, v in state.counts.items())
        self.stdout.write(f"rollups refreshed in {state.duration_ms} ms: {counts}")
