"""The filters every analytics page and API call accepts, validated once."""

import re
from dataclasses import dataclass

from django import forms

from ..importers.records import RELATIONS

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


class FiltersForm(forms.Form):
    date_from = forms.CharField(required=False, label="From month", help_text="YYYY-MM")
    date_to = forms.CharField(required=False, label="To month", help_text="YYYY-MM")
    pipeline_tag = forms.CharField(required=False, max_length=64)
    family = forms.CharField(required=False, max_length=30, label="License family")
    relation = forms.ChoiceField(
        required=False, choices=[("", "any"), *((r, r) for r in RELATIONS)]
    )

    def _month(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if value and not MONTH_RE.match(value):
            raise forms.ValidationError("Give a month as YYYY-MM.")
        return value

    def clean_date_from(self) -> str:
        return self._month("date_from")

    def clean_date_to(self) -> str:
        return self._month("date_to")

    def filters(self) -> Filters:
        """The validated filters; the empty filters when the form is invalid."""
        if not self.is_valid():
            return Filters()
        data = {k: (v or "").strip() for k, v in self.cleaned_data.items()}
        return Filters(**data)
