"""Print the headline adoption and drift figures as JSON or text."""

import json

from django.core.management.base import BaseCommand

from tracker.analytics import headline_figures
from tracker.rollups import license_classes_refresh


class Command(BaseCommand):
    help = "Headline figures: models, licenses, behavioral share, drift."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **opts):
        # Classing the distinct declared licenses is cheap and makes the
        # report right even when the rollups have not been refreshed.
        license_classes_refresh()
        figures = headline_figures()
        if opts["format"] == "json":
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(f"models: {figures['models']}")
        self.stdout.write(f"behavioral-use share: {figures['rail_share']:.2%}")
        self.stdout.write("by license:")
        for key, count in figures["by_license"].items():
            self.stdout.write(f"  {key}: {count}")
        self.stdout.write(f"derivatives: {figures['derivatives']}")
        for relation, count in figures["by_relation"].items():
            self.stdout.write(f"  {relation}: {count}")
        self.stdout.write(
            f"children of propagating parents: {figures['restricted_parent_children']}"
        )
        self.stdout.write(f"  dropped restrictions: {figures['dropped_restrictions']}")
        self.stdout.write(
            f"  no license: {figures['undeclared_children_of_restricted']}"
        )
