"""App config for the license composer."""

from django.apps import AppConfig


class LicensesConfig(AppConfig):
    name = "licenses"
    verbose_name = "Composed licenses"
