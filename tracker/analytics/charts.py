"""Chart.js specs drawn from figure tables (pure: no ORM, no HTTP).

static/js/analytics.js turns each spec into a chart. Charts always draw every
row they are given; category axes with names (licenses, families, clauses)
are horizontal, one row per label, so every label shows without hovering.
"""

from .tables import Table

ROW_PX = 26  # height of one label row on a horizontal chart
MATRIX_ROW_PX = 30


def _column(table: Table, name: str) -> list:
    index = table.columns.index(name)
    return [row[index] for row in table.rows]


def _id(name: str) -> str:
    return f"chart-{name}"


def bars(
    table: Table,
    columns: list[str],
    *,
    title: str = "",
    name: str = "",
    x: str = "",
    y: str = "",
    horizontal: bool = False,
    stacked: bool = False,
    log: bool = False,
) -> dict:
    """Bars per row of `table` (first column: labels), one dataset per column."""
    labels = [str(r[0]) for r in table.rows]
    groups = 1 if stacked else len(columns)
    height = (
        max(220, 70 + len(labels) * max(ROW_PX, 12 * groups + 8)) if horizontal else 380
    )
    return {
        "id": _id(name or table.name),
        "title": title or table.title,
        "type": "bar",
        "horizontal": horizontal,
        "stacked": stacked,
        "height": height,
        "labels": labels,
        "datasets": [{"label": c, "data": _column(table, c)} for c in columns],
        "axes": {
            "value": {"title": x if horizontal else y, "log": log},
            "category": {"title": y if horizontal else x, "all_labels": horizontal},
        },
    }


def monthly(
    table: Table,
    *,
    bars_of: list[str],
    line_of: str = "",
    title: str = "",
    y: str = "models",
    y1: str = "",
    stacked: bool = False,
    name: str = "",
) -> dict:
    """Counts per month as bars, optionally a share (0-1) as a line on a % axis.

    Without bars the share line takes the main axis.
    """
    datasets = [{"label": c, "data": _column(table, c)} for c in bars_of]
    if line_of:
        datasets.append(
            {
                "label": line_of,
                "data": _column(table, line_of),
                "type": "line",
                "axis": "y1" if bars_of else "y",
                "percent": True,
            }
        )
    return {
        "id": _id(name or table.name),
        "title": title or table.title,
        "type": "bar",
        "stacked": stacked,
        "height": 400,
        "labels": [str(r[0]) for r in table.rows],
        "datasets": datasets,
        "axes": {
            "value": (
                {"title": y}
                if bars_of
                else {"title": y1, "percent": True, "min": 0, "max": 1}
            ),
            "category": {"title": "month of creation"},
            "y1": {"title": y1, "percent": True} if line_of and bars_of else None,
        },
    }


def lines(
    labels: list[str],
    series: list[dict],
    *,
    name: str,
    title: str,
    y: str,
    y1: str = "",
    x: str = "quarter",
    y_max: float | None = None,
    y1_max: float | None = None,
) -> dict:
    """Lines over ordered labels; a series with axis "y1" goes on the right.

    Missing values (None) are bridged with a dashed segment, never left as a
    stray dot.
    """
    return {
        "id": _id(name),
        "title": title,
        # A line needs two points; one or two quarters read better as bars.
        "type": "line" if len(labels) > 2 else "bar",
        "height": 360,
        "labels": labels,
        "span_gaps": True,
        "datasets": series,
        "axes": {
            "value": {"title": y, "max": y_max},
            "category": {"title": x},
            "y1": {"title": y1, "min": 0, "max": y1_max} if y1 else None,
        },
    }


def heatmap(table: Table, *, title: str = "", name: str = "", label: str = "") -> dict:
    """A matrix table as a heatmap: rows down, column labels across."""
    x_labels = [str(c) for c in table.columns[1:]]
    y_labels = [str(r[0]) for r in table.rows]
    cells = [
        {"x": x, "y": y, "v": value}
        for y, row in zip(y_labels, table.rows, strict=True)
        for x, value in zip(x_labels, row[1:], strict=True)
    ]
    return {
        "id": _id(name or table.name),
        "title": title or table.title,
        "type": "matrix",
        "height": max(260, 150 + len(y_labels) * MATRIX_ROW_PX),
        "x_labels": x_labels,
        "y_labels": y_labels,
        "cells": cells,
        "max": max((c["v"] for c in cells), default=0),
        "label": label or table.values,
    }


def _quarters_between(first: str, last: str) -> list[str]:
    year, q = int(first[:4]), int(first[5])
    found = []
    while f"{year}Q{q}" <= last:
        found.append(f"{year}Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return found


SERIES = (
    "licenses",
    "distinct_configurations",
    "entropy_bits",
    "mean_pairwise_jaccard",
)


def quarter_series(rows: list[list], *, source: str, level: str) -> tuple[list, dict]:
    """Convergence rows of one source and level over every quarter in between.

    Rows are (source, level, quarter, licenses, distinct, entropy, jaccard), as
    in the convergence table. Quarters without licenses count 0 licenses and
    have no entropy or similarity (None); undated rows are left out.
    """
    kept = {
        r[2]: r[3:]
        for r in rows
        if r[0] == source and r[1] == level and r[2] != "undated"
    }
    if not kept:
        return [], {name: [] for name in SERIES}
    quarters = _quarters_between(min(kept), max(kept))
    series: dict[str, list] = {name: [] for name in SERIES}
    for quarter in quarters:
        values = kept.get(quarter)
        for i, name in enumerate(SERIES):
            if values is None:
                series[name].append(0 if i < 2 else None)
            else:
                series[name].append(values[i])
    return quarters, series
