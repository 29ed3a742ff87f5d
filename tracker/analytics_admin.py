"""Admin analytics pages (staff only): figures from the rollups, charts, CSV."""

import csv

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from .analytics import (
    FiltersForm,
    Table,
    adherence_report,
    adoption_figures,
    clause_figures,
    convergence_figures,
    drift_figures,
    headline_from_rollups,
    state,
    transition_figures,
)
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


def chart(
    table: Table,
    columns: list[str],
    *,
    kind: str = "bar",
    stacked: bool = False,
    x: str = "",
    y: str = "",
    horizontal: bool = False,
    limit: int = 30,
) -> dict:
    """A Chart.js spec drawn from some columns of a table (first column: labels)."""
    index = {c: i for i, c in enumerate(table.columns)}
    rows = table.rows[:limit]
    return {
        "id": f"chart-{table.name}",
        "title": table.title,
        "type": kind,
        "stacked": stacked,
        "horizontal": horizontal,
        "x_title": x,
        "y_title": y,
        "labels": [str(r[0]) for r in rows],
        "datasets": [
            {"label": c, "data": [r[index[c]] for r in rows]} for c in columns
        ],
    }


def _by_name(figures: dict) -> dict[str, Table]:
    return {t.name: t for t in figures["tables"]}


def _dashboard(filters) -> tuple[dict, list[dict]]:
    figures = adoption_figures(filters=filters)
    tables = _by_name(figures)
    headline = headline_from_rollups(filters)
    rows = [[k, v] for k, v in headline.items() if k not in ("by_license",)]
    rows = [
        [k, ", ".join(f"{r} {n}" for r, n in v.items())]
        if isinstance(v, dict)
        else [k, v]
        for k, v in rows
    ]
    figures = {
        "summary": {},
        "tables": [
            Table("headline", "Headline figures", ["figure", "value"], rows),
            Table(
                "by_declared_license",
                "Models per declared license tag",
                ["declared", "models"],
                [[k, v] for k, v in headline["by_license"].items()][:30],
            ),
            tables["behavioral_by_month"],
        ],
    }
    charts = [
        chart(
            tables["behavioral_by_month"],
            ["behavioral", "models"],
            x="month of creation",
            y="models",
        ),
    ]
    return figures, charts


def _adoption(filters):
    figures = adoption_figures(filters=filters)
    t = _by_name(figures)
    over_time = t["top_licenses_over_time"]
    return figures, [
        chart(
            over_time,
            over_time.columns[1:],
            stacked=True,
            x="month of creation",
            y="models created",
            limit=120,
        ),
        chart(
            t["behavioral_by_month"],
            ["share"],
            kind="line",
            x="month of creation",
            y="behavioral-use share",
            limit=120,
        ),
        chart(t["by_family"], ["models", "behavioral"], x="license family", y="models"),
    ]


def _clauses(filters):
    figures = clause_figures(filters=filters)
    t = _by_name(figures)
    return figures, [
        chart(
            t["category_usage"],
            ["authored", "hub"],
            horizontal=True,
            x="licenses carrying the category",
            y="category",
        )
    ]


def _convergence(filters):
    figures = convergence_figures(filters=filters)
    rows = [r for r in figures["tables"][0].rows if r[1] == "category"]
    series = Table(
        "convergence_series",
        "Category configurations per quarter",
        ["quarter", "source", "distinct", "entropy_bits", "mean_jaccard"],
        [[r[2], r[0], r[4], r[5], r[6]] for r in rows],
    )
    charts = []
    for source in ("hub", "authored"):
        part = Table(
            f"convergence_{source}",
            f"Convergence of {source} category configurations",
            series.columns,
            [r for r in series.rows if r[1] == source],
        )
        charts.append(
            chart(
                part,
                ["entropy_bits", "mean_jaccard"],
                kind="line",
                x="quarter",
                y="bits / similarity",
            )
        )
    return figures, charts


def _transitions(filters):
    figures = transition_figures(filters=filters)
    t = _by_name(figures)
    kinds = t["family_to_kind"].columns[1:]
    return figures, [
        chart(
            t["family_to_kind"],
            kinds,
            stacked=True,
            x="parent license family",
            y="edges, by child license kind",
        )
    ]


def _drift(filters):
    figures = drift_figures(filters=filters)
    t = _by_name(figures)
    kinds = t["drift_by_family"].columns[2:]
    return figures, [
        chart(
            t["drift_by_family"],
            kinds,
            stacked=True,
            x="parent license family (propagating)",
            y="children, by their license kind",
        )
    ]


def _adherence(filters, repo_id: str):
    if not repo_id:
        return {"summary": {}, "tables": []}, []
    report = adherence_report(repo_id=repo_id)
    summary = {k: v for k, v in report.items() if k != "dropped"}
    rows = [
        [d["repo_id"], d["license"], " → ".join(d["path"])] for d in report["dropped"]
    ]
    table = Table(
        "dropped",
        f"Descendants of {repo_id} that drop its restrictions",
        ["repo_id", "license", "lineage_path"],
        rows,
    )
    return {"summary": summary, "tables": [table]}, []


BUILDERS = {
    "dashboard": _dashboard,
    "adoption": _adoption,
    "clauses": _clauses,
    "convergence": _convergence,
    "transitions": _transitions,
    "drift": _drift,
}


def csv_response(table: Table) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.name}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return response


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
        form = FiltersForm(request.GET or None)
        filters = form.filters()
        if page == "adherence":
            repo_id = request.GET.get("repo_id", "").strip()
            figures, charts = _adherence(filters, repo_id)
        else:
            repo_id = ""
            figures, charts = BUILDERS[page](filters)
        wanted = request.GET.get("csv")
        if wanted:
            for table in figures["tables"]:
                if table.name == wanted:
                    return csv_response(table)
        query = request.GET.copy()
        query.pop("csv", None)
        context = {
            **self.admin_site.each_context(request),
            "title": dict(PAGES)[page],
            "page": page,
            "pages": PAGES,
            "form": form,
            "repo_id": repo_id,
            "figures": figures,
            "charts": charts,
            "state": state(),
            "query": query.urlencode(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/tracker/analytics.html", context)
