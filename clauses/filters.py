"""Query-string filters for the library API; bad values answer 400 with a reason."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from .models import Category, Clause, KnownLicense
from .vocabulary import ARTIFACTS, CLAUSE_STATUSES, DOMAINS, FAMILIES, FLAVORS

TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")


def _choices(values):
    return [(v, v) for v in values]


class StrictBooleanField(forms.Field):
    """true/false, 1/0, yes/no in any case; anything else is an error, not 'all'."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(
            "'%(value)s' is not a yes/no value; use one of %(words)s.",
            code="invalid",
            params={"value": value, "words": ", ".join(TRUE_WORDS + FALSE_WORDS)},
        )


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


def _key_filter(queryset, field_name: str, what: str, listing: str, **kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=queryset,
        to_field_name="key",
        field_name=field_name,
        error_messages={
            "invalid_choice": f"'%(value)s' is not a {what}; see {listing}."
        },
        **kwargs,
    )


class ClauseFilter(django_filters.FilterSet):
    category = _key_filter(
        Category.objects.all(),
        "category",
        "category key",
        "/api/categories/",
        label="category key",
    )
    domain = django_filters.ChoiceFilter(choices=_choices(DOMAINS))
    status = django_filters.ChoiceFilter(choices=_choices(CLAUSE_STATUSES))
    flavor = django_filters.ChoiceFilter(
        choices=_choices(FLAVORS), method="filter_flavor", label="mandatory in flavor"
    )
    artifact = django_filters.ChoiceFilter(
        choices=_choices(ARTIFACTS), method="filter_artifact", label="applies to"
    )
    provenance = _key_filter(
        KnownLicense.objects.all(),
        "provenance",
        "known-license key",
        "/api/known-licenses/",
        label="carried by known license",
    )

    class Meta:
        model = Clause
        fields = ["category", "domain", "status", "flavor", "artifact", "provenance"]

    # JSON lists are matched on their quoted element, which works the same on
    # SQLite and PostgreSQL (JSON `contains` does not exist on SQLite).
    def filter_flavor(self, queryset, name, value):
        return queryset.filter(mandatory_in__icontains=f'"{value}"')

    def filter_artifact(self, queryset, name, value):
        return queryset.filter(artifacts__icontains=f'"{value}"')


class KnownLicenseFilter(django_filters.FilterSet):
    family = django_filters.ChoiceFilter(choices=_choices(FAMILIES))
    propagates = StrictBooleanFilter(field_name="propagates_restrictions")
    category = _key_filter(
        Category.objects.all(),
        "categories",
        "category key",
        "/api/categories/",
        label="contains category",
    )
    on_hub_list = StrictBooleanFilter()

    class Meta:
        model = KnownLicense
        fields = ["family", "propagates", "category", "on_hub_list"]
