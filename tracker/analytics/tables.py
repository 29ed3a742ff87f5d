"""Tables: what every figure hands to the pages, the CSV downloads and the API."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .specs import TableSpec


@dataclass
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # Rows before a limit cut the table; None when not counted.
    total_rows: int | None = None
    help: str = ""
    matrix: str = ""  # a matrix: what the row labels are (see specs.TableSpec)
    values: str = ""
    more: bool = False  # cut by a limit, how many there were not counted
    total_columns: int | None = None  # a matrix's labels before a limit

    @classmethod
    def of(
        cls,
        spec: TableSpec,
        rows: Iterable[list],
        *,
        total_rows: int | None = None,
        labels: list[str] | None = None,
        total_columns: int | None = None,
        title: str = "",
    ) -> "Table":
        """A table of `spec`; a matrix takes its column labels from `labels`."""
        columns = (
            [spec.matrix, *(labels or [])]
            if spec.matrix
            else [c.name for c in spec.columns]
        )
        rows = list(rows)
        return cls(
            name=spec.name,
            title=title or spec.title,
            columns=columns,
            rows=rows,
            total_rows=len(rows) if total_rows is None else total_rows,
            help=spec.help,
            matrix=spec.matrix,
            values=spec.values,
            total_columns=(
                (len(labels or []) if total_columns is None else total_columns)
                if spec.matrix
                else None
            ),
        )

    @property
    def truncated(self) -> bool:
        if self.more:
            return True
        if self.matrix and (self.total_columns or 0) > len(self.columns) - 1:
            return True
        return self.total_rows is not None and self.total_rows > len(self.rows)

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def top(rows: list, limit: int | None) -> list:
    """The first `limit` rows; all of them when limit is None."""
    return rows if limit is None else rows[:limit]
