"""Admin analytics pages (staff only): figures from the rollups, charts, CSV.

Each page reads one figure (tracker.analytics) with the filters that figure
applies, lays its tables out as sections (a chart, the table, a CSV link)
and renders admin/tracker/analytics.html. Pages show the top rows of long
tables; every CSV download holds all rows.
"""

import csv
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from .analytics import (
    FIGURES,
    FiltersForm,
    Table,
    adherence_report,
    declared_table,
    figure_read,
    headline_from_rollups,
    monthly_table,
    state,
)
from .analytics import charts as c
from .analytics.specs import ALL_FILTERS, BOTH, DERIVATIVE_SUMMARY, FAMILY_HELP
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
LEVELS = [("category", "categories"), ("clause", "clauses")]


@dataclass
class Section:
    """A chart and/or a table on a page; `collapsed` tucks the table away."""

    table: Table | None
    chart: dict | None = None
    collapsed: bool = False
    show: int | None = None  # rows listed on the page; the chart draws them all

    @property
    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """The cells as shown (shares in %, counts with separators), and
        whether each is a number (right-aligned)."""
        if self.table is None:
            return []
        columns = self.table.columns
        rows = self.table.rows if self.show is None else self.table.rows[: self.show]
        return [
            [_cell(columns[i], value) for i, value in enumerate(row)] for row in rows
        ]

    @property
    def note(self) -> str:
        """'Top 25 of 48 rows; the CSV has them all.' when rows are left out."""
        table = self.table
        if table is None:
            return ""
        shown = (
            len(table.rows) if self.show is None else min(self.show, len(table.rows))
        )
        cut_here = shown < len(table.rows)
        if not (cut_here or table.truncated):
            return ""
        total = table.total_rows if table.total_rows is not None else None
        what = f"Top {shown} of {total:,} rows" if total else f"Top {shown} rows"
        if table.matrix and (table.total_columns or 0) > len(table.columns) - 1:
            what += f" and {len(table.columns) - 1} of {table.total_columns} columns"
        return f"{what}; the CSV has them all."

    @property
    def heading(self) -> str:
        return self.table.title if self.table else self.chart["title"]


def _cell(column: str, value) -> tuple[str, bool]:
    if value is None:
        return "–", True
    if column == "share" and isinstance(value, float):
        return f"{value:.1%}", True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (f"{value:,}" if isinstance(value, int) else str(value)), True
    return str(value), False


def _by_name(figures: dict) -> dict[str, Table]:
    return {t.name: t for t in figures["tables"]}


# --- pages ------------------------------------------------------------------------


def _dashboard(filters, options, limit, current):
    headline = headline_from_rollups(filters)
    monthly = monthly_table(filters)
    sections = [
        Section(
            monthly,
            c.monthly(
                monthly,
                bars_of=["models", "behavioral"],
                line_of="share",
                title="Models created per month (bars) and behavioral-use share "
                "(line, right axis)",
                y1="behavioral-use share",
            ),
            collapsed=True,
        ),
        Section(declared_table(headline, limit=limit)),
    ]
    return headline, sections


def _adoption(filters, options, limit, current):
    figures = figure_read("adoption", filters=filters, limit=limit, current=current)
    t = _by_name(figures)
    over_time, months = t["top_licenses_over_time"], t["behavioral_by_month"]
    sections = [
        Section(
            over_time,
            c.monthly(
                over_time, bars_of=over_time.columns[1:], stacked=True, y="models"
            ),
            collapsed=True,
        ),
        Section(
            months,
            c.monthly(
                months,
                bars_of=[],
                line_of="share",
                title="Behavioral-use share of the models created each month",
                y1="behavioral-use share",
                name="behavioral_share",
            ),
            collapsed=True,
        ),
        Section(
            t["by_family"],
            c.bars(
                t["by_family"],
                ["models", "behavioral"],
                horizontal=True,
                log=True,
                x="models (log scale)",
                y="license family",
            ),
        ),
        Section(t["by_license"]),
        Section(
            t["by_pipeline_tag"],
            show=limit,
            chart=c.bars(
                t["by_pipeline_tag"],
                ["models", "behavioral"],
                horizontal=True,
                log=True,
                x="models (log scale)",
                y="pipeline tag",
            ),
        ),
        Section(t["by_author"]),
    ]
    return figures["summary"], sections


def _clauses(filters, options, limit, current):
    figures = figure_read(
        "clauses", filters=filters, limit=limit, options=options, current=current
    )
    t = _by_name(figures)
    level = dict(LEVELS)[options.get("level") or "category"]
    sections = [
        Section(
            t[name],
            c.bars(
                t[name],
                ["authored", "hub"],
                horizontal=True,
                x="licenses carrying it",
                y=item,
            ),
            collapsed=True,
        )
        for name, item in (("category_usage", "category"), ("clause_usage", "clause"))
    ]
    for source, where in (("hub", "Hub license texts"), ("authored", "licenses here")):
        table = t[f"cooccurrence_{source}"]
        title = f"Co-occurrence of {level} in {where}"
        table.title = title
        sections.append(Section(table, c.heatmap(table, title=title), collapsed=True))
    sections += [
        Section(t["category_configurations"]),
        Section(t["clause_configurations"]),
    ]
    return figures["summary"], sections


def _convergence(filters, options, limit, current):
    figures = figure_read("convergence", filters=filters, limit=limit, current=current)
    table = figures["tables"][0]
    level = options.get("level") or "category"
    sections = []
    for source, who in (
        ("hub", "Hub license texts"),
        ("authored", "Licenses composed here"),
    ):
        quarters, series = c.quarter_series(table.rows, source=source, level=level)
        sets = f"{level} sets"
        counts = c.lines(
            quarters,
            [
                {"label": "licenses", "data": series["licenses"]},
                {
                    "label": "distinct configurations",
                    "data": series["distinct_configurations"],
                },
            ],
            name=f"convergence_counts_{source}",
            title=f"{who}: licenses and distinct {sets} per quarter",
            y="licenses / configurations",
        )
        measures = c.lines(
            quarters,
            [
                {"label": "entropy (bits)", "data": series["entropy_bits"]},
                {
                    "label": "mean pairwise Jaccard",
                    "data": series["mean_pairwise_jaccard"],
                    "axis": "y1",
                },
            ],
            name=f"convergence_{source}",
            title=f"{who}: entropy (left axis) and mean Jaccard similarity "
            f"(right axis) of {sets}",
            y="entropy, bits",
            y1="mean pairwise Jaccard (0–1)",
            y1_max=1,
        )
        sections += [Section(None, counts), Section(None, measures)]
    return figures["summary"], [*sections, Section(table, collapsed=True)]


def _transitions(filters, options, limit, current):
    figures = figure_read("transitions", filters=filters, limit=limit, current=current)
    t = _by_name(figures)
    kinds = t["family_to_kind"].columns[1:]
    return figures["summary"], [
        Section(
            t["family_to_kind"],
            c.bars(
                t["family_to_kind"],
                kinds,
                stacked=True,
                horizontal=True,
                x="edges, by the child's license kind",
                y="parent license family",
            ),
        ),
        Section(t["license_matrix"], c.heatmap(t["license_matrix"]), collapsed=True),
        Section(t["transitions"]),
    ]


def _drift(filters, options, limit, current):
    figures = figure_read("drift", filters=filters, limit=limit, current=current)
    t = _by_name(figures)
    kinds = t["drift_by_family"].columns[2:]
    return figures["summary"], [
        Section(t["children_of_restricted"]),
        Section(
            t["drift_by_family"],
            c.bars(
                t["drift_by_family"],
                kinds,
                stacked=True,
                horizontal=True,
                x="children, by the kind of their own license",
                y="parent license family (propagating)",
            ),
        ),
        Section(t["by_relation"]),
    ]


BUILDERS = {
    "dashboard": _dashboard,
    "adoption": _adoption,
    "clauses": _clauses,
    "convergence": _convergence,
    "transitions": _transitions,
    "drift": _drift,
}


# --- formatting ---------------------------------------------------------------------

LABELS = {
    "rail_share": "Behavioral-use share",
    "by_relation": "Derivatives by relation",
    "restricted_parent_children": "Children of propagating parents",
    "dropped_restrictions": "… that drop the restrictions",
    "undeclared_children_of_restricted": "… that declare no license",
    "children_of_restricted": "Children of propagating parents, by their license",
    "hub_models_with_matches": "Hub models with clause matches",
    "authored_licenses": "Licenses composed here",
}
HEADLINE_HELP = {
    "models": "Models imported (own license family when filtered by family).",
    "rail_share": "Models under a behavioral-use license, over all models.",
    "derivatives": DERIVATIVE_SUMMARY[0].help,
    "by_relation": "A derivative counts once for each relation it has.",
    "restricted_parent_children": DERIVATIVE_SUMMARY[2].help,
    "dropped_restrictions": "Their own license is a known one without "
    "behavioral restrictions (apache-2.0, mit, cc-by-nc-4.0, …).",
    "undeclared_children_of_restricted": "They declare no license at all.",
}


def _value(key: str, value) -> str:
    if isinstance(value, float) and ("share" in key):
        return f"{value:.1%}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "–" if value is None else str(value)


def summary_rows(summary: dict, helps: dict | None = None) -> list[dict]:
    """Summary figures as rows: a label, a value, or parts for a breakdown."""
    rows = []
    for key, value in summary.items():
        if key == "by_license":
            continue  # its own table
        row = {
            "label": LABELS.get(key, key.replace("_", " ").capitalize()),
            "help": (helps or {}).get(key, ""),
        }
        if isinstance(value, dict):
            row["parts"] = [(k, _value(k, v)) for k, v in value.items()]
        else:
            row["value"] = _value(key, value)
        rows.append(row)
    return rows


def headline_table(headline: dict) -> Table:
    """The headline figures as a two-column table (for the CSV)."""
    rows = []
    for key, value in headline.items():
        if key == "by_license":
            continue
        if isinstance(value, dict):
            rows += [[f"{key}.{k}", v] for k, v in value.items()]
        else:
            rows.append([key, value])
    return Table("headline", "Headline figures", ["figure", "value"], rows)


def csv_response(table: Table) -> HttpResponse:
    """Every row of the table, streamed (an author list can be long)."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    rows = (writer.writerow(r) for r in [table.columns, *table.rows])
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.name}.csv"'
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


def _adherence(request: HttpRequest, *, limit: int | None):
    form = AdherenceForm(request.GET or None)
    if not form.is_bound or not form.is_valid():
        return form, None, {}, []
    repo_id = form.cleaned_data["repo_id"]
    report = adherence_report(repo_id=repo_id, limit=limit)
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
    return form, report, summary, [Section(table)]


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
                request, limit=None if wanted else ADHERENCE_ROWS
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
