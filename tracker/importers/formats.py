"""Input formats: what each file layout is, recognising it, splitting it."""

import csv
import gzip
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .parsing import (
    partial_from_edge,
    partial_from_license_text,
    partial_from_models_csv,
    partial_from_worklist,
    record_from_family_row,
    record_from_json,
    record_from_mapping,
)
from .readers import (
    PARQUET_MAGIC,
    Broken,
    CsvReader,
    JsonArrayReader,
    JsonLinesReader,
    ModelsDocumentReader,
    ParquetReader,
    Reader,
    iter_json_array,
    open_binary,
    open_text,
)
from .records import (
    MAX_RECORD_BYTES,
    HubRecord,
    PartialRecord,
    RowError,
    UtcText,
    utc_text,
)


class FormatError(Exception):
    """The file is not in a format the importer knows."""


# --- normalizers --------------------------------------------------------------


def _listing_object(raw: Any) -> HubRecord:
    if isinstance(raw, Broken):
        raise raw.error
    if isinstance(raw, bytes | str):
        if len(raw) > MAX_RECORD_BYTES:
            raise RowError("oversized", f"record has {len(raw)} bytes")
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise RowError("malformed", f"not JSON: {exc}"[:200]) from None
    if isinstance(raw, dict) and "metadata" in raw and "id" not in raw:
        return record_from_family_row(raw)
    return record_from_mapping(raw)


def _jsonl_object(raw: Any) -> HubRecord:
    if isinstance(raw, bytes) and b'"metadata"' not in raw:
        return record_from_json(raw)
    return _listing_object(raw)


def _family_row(raw: Any) -> HubRecord:
    if isinstance(raw, Broken):
        raise raw.error
    return record_from_family_row(raw)


def _guard(parse: Callable[[Any], PartialRecord]) -> Callable[[Any], PartialRecord]:
    def normalize(raw: Any) -> PartialRecord:
        if isinstance(raw, Broken):
            raise raw.error
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise RowError("malformed", f"not JSON: {exc}"[:200]) from None
        return parse(raw)

    return normalize


@dataclass(frozen=True)
class Format:
    name: str
    kind: str  # "listing": full rows, fast path; "supplement": some fields only
    reader: type[Reader]
    normalize: Callable[[Any], HubRecord | PartialRecord]
    # Supplements that only suggest values lose every tie with another
    # source (see importers.observations), so they fill what nobody saw.
    fill_only: bool = False


FORMATS = {
    f.name: f
    for f in (
        Format("jsonl", "listing", JsonLinesReader, _jsonl_object),
        Format("hub-api-json", "listing", JsonArrayReader, _listing_object),
        Format("models-json", "listing", ModelsDocumentReader, _listing_object),
        Format("hub-stats-parquet", "listing", ParquetReader, _listing_object),
        Format("family-tree-csv", "listing", CsvReader, _family_row),
        Format("models-csv", "supplement", CsvReader, _guard(partial_from_models_csv)),
        Format(
            "license-worklist-csv",
            "supplement",
            CsvReader,
            _guard(partial_from_worklist),
            fill_only=True,
        ),
        Format("lineage-csv", "supplement", CsvReader, _guard(partial_from_edge)),
        Format(
            "license-texts-json",
            "supplement",
            JsonArrayReader,
            _guard(partial_from_license_text),
        ),
    )
}

_CSV_LAYOUTS = (
    ({"model_id", "metadata"}, "family-tree-csv"),
    ({"child_model", "base_model"}, "lineage-csv"),
    (
        {"model_id", "suggested_license_name", "suggested_license_link"},
        "license-worklist-csv",
    ),
    ({"id", "license"}, "models-csv"),
)


def _head(path: Path, size: int = 1 << 16) -> bytes:
    with open_binary(path) as stream:
        return stream.read(size)


def detect_format(path: Path) -> Format:
    """Pick the format from the file's content (and `.parquet` suffix)."""
    path = Path(path)
    if not path.is_file():
        raise FormatError(f"{path}: no such file")
    with open(path, "rb") as raw:
        magic = raw.read(4)
    if magic == PARQUET_MAGIC or path.suffix == ".parquet":
        return _detect_parquet(path)
    text = _head(path).decode("utf-8-sig", "replace").lstrip()
    if text.startswith("["):
        with open_text(path) as stream:
            first = next(iter(iter_json_array(stream)), None)
        keys = _object_keys(first)
        if "license_md_text" in keys:
            return FORMATS["license-texts-json"]
        if keys & {"id", "modelId", "model_id"}:
            return FORMATS["hub-api-json"]
        raise FormatError(f"{path}: a JSON array, but not of Hub models")
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0]
        keys = _object_keys(first_line)
        if keys & {"id", "modelId", "model_id"}:
            return FORMATS["jsonl"]
        if re.match(r'\{\s*"models"\s*:', text):
            return FORMATS["models-json"]
        raise FormatError(
            f'{path}: JSON, but neither JSON Lines of models nor {{"models": [...]}}'
        )
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    columns = {c.strip() for c in header}
    for needed, name in _CSV_LAYOUTS:
        if needed <= columns:
            return FORMATS[name]
    raise FormatError(f"{path}: unrecognised layout (first line: {text[:80]!r})")


def _object_keys(text: str | Broken | None) -> set[str]:
    if not isinstance(text, str):
        return set()
    try:
        value = json.loads(text)
    except ValueError:
        return set()
    return set(value) if isinstance(value, dict) else set()


def _detect_parquet(path: Path) -> Format:
    import pyarrow.parquet as pq

    try:
        names = set(pq.ParquetFile(path).schema_arrow.names)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types
        raise FormatError(f"{path}: not a readable parquet file ({exc})") from None
    if {"id", "tags"} <= names or {"modelId", "tags"} <= names:
        return FORMATS["hub-stats-parquet"]
    raise FormatError(f"{path}: parquet without the hub-stats columns id and tags")


# --- snapshot time -------------------------------------------------------------


def snapshot_estimate(path: Path, fmt: Format) -> UtcText | None:
    """When the file was taken, as far as it tells cheaply: a hub-stats parquet
    was taken after its newest lastModified (read from column statistics).

    Other formats give no time; their rows are observed at their own
    last_modified unless the import states a snapshot.
    """
    if fmt.name != "hub-stats-parquet":
        return None
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    meta = parquet.metadata
    newest = None
    for group in range(meta.num_row_groups):
        row_group = meta.row_group(group)
        for index in range(row_group.num_columns):
            column = row_group.column(index)
            if column.path_in_schema != "lastModified":
                continue
            stats = column.statistics
            if stats is None or not stats.has_min_max:
                newest = None  # no statistics: read the column instead
                break
            if newest is None or stats.max > newest:
                newest = stats.max
        else:
            continue
        break
    if newest is None and "lastModified" in parquet.schema_arrow.names:
        newest = pc.max(parquet.read(columns=["lastModified"]).column(0)).as_py()
    if isinstance(newest, datetime):
        return utc_text(newest)
    return None


# --- chunk plans for parallel workers ----------------------------------------


def plan_spans(
    path: Path, fmt: Format, *, pieces: int
) -> list[tuple[dict, dict | None]]:
    """Split a file into about `pieces` spans that readers can process alone."""
    path = Path(path)
    if pieces <= 1:
        return [({}, None)]
    if fmt.name == "jsonl":
        return _jsonl_spans(path, pieces)
    if fmt.name == "hub-stats-parquet":
        return _parquet_spans(path, pieces)
    return [({}, None)]


def _jsonl_spans(path: Path, pieces: int) -> list[tuple[dict, dict | None]]:
    # One pass (decompressing .gz) notes the first line start in every block;
    # spans then cut at the noted starts nearest to equal shares.
    size_hint = path.stat().st_size
    with open_binary(path) as stream:
        if isinstance(stream, gzip.GzipFile):
            size_hint *= 4
        block_size = min(1 << 20, max(256, size_hint // (pieces * 16)))
        marks: list[tuple[int, int]] = []
        offset = line = 0
        while block := stream.read(block_size):
            cut = block.find(b"\n")
            if cut >= 0 and offset + cut + 1 < offset + len(block):
                marks.append((offset + cut + 1, line + 1))
            line += block.count(b"\n")
            offset += len(block)
    total = offset
    cuts = [(0, 0)]
    for share in range(1, pieces):
        target = total * share // pieces
        best = min(marks, key=lambda mark: abs(mark[0] - target), default=None)
        if best is not None and best[0] > cuts[-1][0] and best[0] < total:
            cuts.append(best)
    spans: list[tuple[dict, dict | None]] = []
    for (begin, begin_line), after in zip(cuts, [*cuts[1:], None], strict=True):
        stop = {"offset": after[0]} if after else None
        spans.append(({"offset": begin, "line": begin_line}, stop))
    return spans


def _parquet_spans(path: Path, pieces: int) -> list[tuple[dict, dict | None]]:
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    bounds = [0]
    for group in range(meta.num_row_groups):
        bounds.append(bounds[-1] + meta.row_group(group).num_rows)
    groups = meta.num_row_groups
    per = max(1, -(-groups // pieces))
    spans: list[tuple[dict, dict | None]] = []
    for first in range(0, groups, per):
        last = min(groups, first + per)
        spans.append(({"row": bounds[first]}, {"row": bounds[last]}))
    return spans or [({}, None)]
