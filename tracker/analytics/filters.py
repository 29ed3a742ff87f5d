"""The filters the analytics pages and API accept, validated once.

Each figure takes only the filters it can apply (specs.FigureSpec.filters).
Pipeline tags and families are choices: the values the last rollups refresh
found (Analytics.choices), so a typo is an error, not an empty page.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms

from ..importers.records import RELATIONS
from .specs import ALL_FILTERS, BOTH, FAMILY_HELP, OWN, PARENT

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Filters:
    date_from: str = ""  # "YYYY-MM", inclusive
    date_to: str = ""
    pipeline_tag: str = ""
    family: str = ""
    relation: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.date_from or self.date_to)

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def family_values(choices: dict, which: str) -> list[str]:
    """The families a filter accepts: own, parent, or both (in that order)."""
    if which == BOTH:
        own = list(choices.get(OWN, []))
        return own + [f for f in choices.get(PARENT, []) if f not in own]
    return list(choices.get(which, []))


FAMILY_LABELS = {
    OWN: ("License family", "The model's own license family."),
    PARENT: ("Parent license family", "The parent's (base model's) license family."),
    BOTH: ("License family", FAMILY_HELP),
}


class FiltersForm(forms.Form):
    date_from = forms.CharField(
        required=False,
        label="From month",
        help_text="YYYY-MM, month of creation",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )
    date_to = forms.CharField(
        required=False,
        label="To month",
        help_text="YYYY-MM, inclusive",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}),
    )
    pipeline_tag = forms.ChoiceField(required=False, label="Pipeline tag")
    family = forms.ChoiceField(required=False)
    relation = forms.ChoiceField(
        required=False,
        choices=[("", "any"), *((r, r) for r in RELATIONS)],
        help_text="Derivatives with this relation to a parent.",
    )

    def __init__(
        self,
        data=None,
        *,
        fields: Iterable[str] = ALL_FILTERS,
        choices: dict | None = None,
        family: str = BOTH,
    ) -> None:
        super().__init__(data)
        keep = set(fields)
        for name in [n for n in self.fields if n not in keep]:
            del self.fields[name]
        choices = choices or {}
        if "pipeline_tag" in self.fields:
            tags = choices.get("pipeline_tag", [])
            self.fields["pipeline_tag"].choices = [("", "any"), *((t, t) for t in tags)]
            self.fields["pipeline_tag"].help_text = "The model's (the child's)."
        if "family" in self.fields:
            label, help_text = FAMILY_LABELS[family]
            field = self.fields["family"]
            field.label, field.help_text = label, help_text
            field.choices = [
                ("", "any"),
                *((f, f) for f in family_values(choices, family)),
            ]

    def _month(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if value and not MONTH_RE.match(value):
            raise forms.ValidationError("Give a month as YYYY-MM.")
        return value

    def clean_date_from(self) -> str:
        return self._month("date_from")

    def clean_date_to(self) -> str:
        return self._month("date_to")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The range ends before it starts.")
        return data

    def filters(self) -> Filters:
        """The validated filters; the empty filters when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        fields = Filters.__dataclass_fields__
        data = {
            k: (v or "").strip() for k, v in self.cleaned_data.items() if k in fields
        }
        return Filters(**data)
