"""Admin analytics pages (staff only): figures from the rollups, charts, CSV.

Each page reads one figure (tracker.analytics) with the filters that figure
applies, lays its tables out as sections (a chart, the table, a CSV link)
and renders admin/tracker/analytics.html. Pages show the top rows of long
tables; every CSV download holds all rows.
"""

import csv
from collections.abc import Iterable
from itertools import chain

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from .analytics import FIGURES, FiltersForm, Table, adherence_read, state
from .analytics.authors import author_csv_rows
from .analytics.pages import (
    BUILDERS,
    HEADLINE_HELP,
    LEVELS,
    Section,
    headline_table,
    summary_rows,
)
from .analytics.specs import ADOPTION, ALL_FILTERS, BOTH, FAMILY_HELP
from .models import Analytics

PAGES = [
    ("dashboard", "Dashboard"),
    ("adoption", "Adoption"),
    ("clauses", "Clause usage"),
    ("convergence", "Convergence"),
    ("transitions", "License transitions"),
    ("drift", "Drift by family"),
    ("adherence", "Adherence"),
]
PAGE_ROWS = 25  # rows of a long table (and labels of a heatmap) on a page
ADHERENCE_ROWS = 200


def csv_response(table: Table) -> HttpResponse:
    """Every row of the table, streamed."""
    return csv_stream(table.name, table.columns, table.rows)


def csv_stream(name: str, columns: list[str], rows: Iterable[list]) -> HttpResponse:
    """A CSV download written row by row as the client reads it."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    lines = (writer.writerow(r) for r in chain([columns], rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class AdherenceForm(forms.Form):
    repo_id = forms.CharField(
        label="Model id",
        max_length=200,
        help_text="owner/name, as on the Hub",
        widget=forms.TextInput(attrs={"size": 48, "placeholder": "owner/name"}),
    )

    def clean_repo_id(self) -> str:
        value = self.cleaned_data["repo_id"].strip().strip("/")
        if "/" not in value and value:
            raise forms.ValidationError("Give the id as owner/name.")
        return value


def _adherence(request: HttpRequest, *, limit: int | None, current):
    form = AdherenceForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return form, None, {}, []
    repo_id = form.cleaned_data["repo_id"]
    report = adherence_read(repo_id=repo_id, limit=limit, current=current)
    kinds = report["descendants_by_kind"]
    summary = {
        "imported": "yes" if report["imported"] else "no (never imported)",
        "license": report["license"],
        "kind": report["kind"],
        "restrictions": "yes" if report["restrictions"] else "none to drop",
        "propagates": "yes" if report["propagates"] else "no",
        "descendants": report["descendants"],
        "descendants_by_kind": kinds,
        "dropped_total": report["dropped_total"],
    }
    rows = [
        [d["repo_id"], d["license"], " → ".join(d["path"])] for d in report["dropped"]
    ]
    table = Table(
        "dropped",
        f"Descendants of {repo_id} that drop its restrictions",
        ["repo_id", "license", "lineage_path"],
        rows,
        total_rows=report["dropped_total"],
        help="Descendants at any depth whose own license is a known one without "
        "behavioral restrictions, with one shortest lineage path each.",
    )
    if not report["restrictions"]:
        empty = (
            "Its license carries no behavioral-use restrictions, so no descendant "
            "can drop them."
        )
    else:
        empty = "None of its descendants drops them."
    return form, report, summary, [Section(table, empty=empty)]


@admin.register(Analytics)
class AnalyticsAdmin(admin.ModelAdmin):
    """/admin/tracker/analytics/ and its pages; nothing here is edited by hand."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        pages = [
            path(
                f"{name}/",
                self.admin_site.admin_view(self.page_view),
                {"page": name},
                name=f"tracker_analytics_{name}",
            )
            for name, _ in PAGES
            if name != "dashboard"
        ]
        return [*pages, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        return self.page_view(request, page="dashboard")

    def page_view(self, request: HttpRequest, page: str) -> HttpResponse:
        current = state()
        if page == "adherence":
            wanted = request.GET.get("csv", "")
            form, report, summary, sections = _adherence(
                request, limit=None if wanted else ADHERENCE_ROWS, current=current
            )
            helps: dict = {}
            if wanted == "dropped" and sections:
                return csv_response(sections[0].table)
        else:
            spec = FIGURES.get(page)
            form = FiltersForm(
                request.GET or None,
                fields=spec.filters if spec else ALL_FILTERS,
                choices=current.choices if current else {},
                family=spec.family if spec else BOTH,
            )
            if (spec and "level" in spec.options) or page == "convergence":
                form.fields["level"] = forms.ChoiceField(
                    choices=LEVELS,
                    required=False,
                    label="Co-occurrence of" if page == "clauses" else "Sets of",
                )
            filters = form.filters()
            options = (
                {"level": form.cleaned_data.get("level", "")}
                if (form.is_bound and form.is_valid())
                else {}
            )
            wanted = request.GET.get("csv", "")
            if wanted and not form.is_valid():
                # A download cannot show the form's errors: say them, rather
                # than send the unfiltered table under the filtered name.
                reasons = "; ".join(
                    f"{field}: {' '.join(errors)}"
                    for field, errors in form.errors.items()
                )
                return HttpResponse(
                    f"Invalid filters: {reasons}",
                    status=400,
                    content_type="text/plain; charset=utf-8",
                )
            if page == "adoption" and wanted == "by_author":
                # A row per author (a million at Hub scale): streamed from
                # the database, never built as a table.
                spec = ADOPTION.table("by_author")
                return csv_stream(
                    spec.name, [c.name for c in spec.columns], author_csv_rows(filters)
                )
            if wanted:
                options["only"] = wanted  # a figure may skip the other tables
            summary, sections = BUILDERS[page](
                filters, options, None if wanted else PAGE_ROWS, current
            )
            helps = HEADLINE_HELP if page == "dashboard" else _helps(spec)
            if wanted:
                tables = [s.table for s in sections if s.table is not None]
                if page == "dashboard":
                    tables.append(headline_table(summary))
                for table in tables:
                    if table.name == wanted:
                        return csv_response(table)
                return HttpResponse(f"No table {wanted!r} on this page.", status=404)
        for section in sections:
            if section.chart and section.table:
                # The heading already says it.
                section.chart["show_title"] = section.chart["title"] != section.heading
            elif section.chart:
                section.chart["show_title"] = False
        query = request.GET.copy()
        query.pop("csv", None)
        seen: set[str] = set()
        for section in sections:
            # A table drawn by several charts is listed once.
            if section.table is not None and section.table.name in seen:
                section.table = None
            elif section.table is not None:
                seen.add(section.table.name)
        context = {
            **self.admin_site.each_context(request),
            "title": dict(PAGES)[page],
            "page": page,
            "pages": PAGES,
            "form": form,
            "summary": summary_rows(summary, helps),
            "sections": sections,
            "charts": [s.chart for s in sections if s.chart],
            "state": current,
            "query": query.urlencode(),
            "family_help": FAMILY_HELP,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/tracker/analytics.html", context)


def _helps(spec) -> dict:
    return {col.name: col.help for col in spec.summary} if spec else {}
