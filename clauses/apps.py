"""App config for the clause library and the known-license catalog."""

from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = "Clause library"
