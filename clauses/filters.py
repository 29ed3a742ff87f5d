"""Query-string filters for the library API; bad values answer 400."""

import django_filters

from .models import Clause, KnownLicense
from .vocabulary import ARTIFACTS, CLAUSE_STATUSES, DOMAINS, FAMILIES, FLAVORS


def _choices(values):
    return [(v, v) for v in values]


class ClauseFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(field_name="category__key")
    domain = django_filters.ChoiceFilter(choices=_choices(DOMAINS))
    status = django_filters.ChoiceFilter(choices=_choices(CLAUSE_STATUSES))
    flavor = django_filters.ChoiceFilter(
        choices=_choices(FLAVORS), method="filter_flavor", label="mandatory in flavor"
    )
    artifact = django_filters.ChoiceFilter(
        choices=_choices(ARTIFACTS), method="filter_artifact"
    )
    provenance = django_filters.CharFilter(field_name="provenance__key")

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
    propagates = django_filters.BooleanFilter(field_name="propagates_restrictions")
    category = django_filters.CharFilter(field_name="categories__key")
    on_hub_list = django_filters.BooleanFilter()

    class Meta:
        model = KnownLicense
        fields = ["family", "propagates", "category", "on_hub_list"]
