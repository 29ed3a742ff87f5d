"""Page layouts of the admin analytics: the sections (chart, table) of each page.

No HTTP here: each builder takes the filters, options, a row limit and the
rollups' state row, reads one figure and returns (summary, sections). The
summary helpers turn figure dicts into labelled rows for the template.
"""

from dataclasses import dataclass

from . import charts as c
from .adoption import declared_table, headline_from_rollups, monthly_table
from .figures import figure_read
from .specs import DERIVATIVE_SUMMARY
from .tables import Table

LEVELS = [("category", "categories"), ("clause", "clauses")]


@dataclass
class Section:
    """A chart and/or a table on a page; `collapsed` tucks the table away."""

    table: Table | None
    chart: dict | None = None
    collapsed: bool = False
    show: int | None = None  # rows listed on the page; the chart draws them all
    empty: str = ""  # what an empty table means, when "No data" is not enough

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
    figures = figure_read(
        "adoption", filters=filters, limit=limit, options=options, current=current
    )
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
    ]
    if "by_author" in t:
        sections.append(Section(t["by_author"]))
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
