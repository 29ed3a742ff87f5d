"""App config for the Hugging Face Hub adoption tracker."""

from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Hub tracker"
