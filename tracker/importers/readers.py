"""Streaming readers: rows of one span of a file, each with a resume point."""

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .records import MAX_RECORD_BYTES, RowError, source_fingerprint

GZIP_MAGIC = b"\x1f\x8b"
PARQUET_MAGIC = b"PAR1"
# The first `"id": "..."` of an API row is its id; a wrong guess only costs a
# second lookup, never a wrong answer (see pipeline).
_HINT_ID_RE = re.compile(rb'"id"\s*:\s*"([^"\\]{1,200})"')
PARQUET_COLUMNS = (
    "id",
    "modelId",
    "author",
    "createdAt",
    "lastModified",
    "downloads",
    "likes",
    "gated",
    "tags",
    "cardData",
    "baseModels",
    "pipeline_tag",
    "library_name",
)


@dataclass(slots=True)
class Broken:
    """A row the reader could not even delimit or decode."""

    error: RowError
    raw: Any = b""


@dataclass(slots=True)
class SourceRow:
    position: int  # 1-based line, row or item number, shown to people
    resume: dict  # where to continue after this row
    raw: Any
    fingerprint: str | None = None
    hint_id: str | None = None


class Reader:
    """Iterates rows of one span of a file; `done` is progress in `unit`s."""

    unit = "rows"

    def __init__(self, path: Path, start: dict | None, stop: dict | None) -> None:
        self.path = Path(path)
        self.start = start or {}
        self.stop = stop
        self.done = 0
        self.total: int | None = self.measure()

    def measure(self) -> int | None:
        """Progress total in `unit`s, when cheap to know."""
        return None

    def __iter__(self) -> Iterator[SourceRow]:
        raise NotImplementedError


def open_binary(path: Path) -> io.BufferedIOBase:
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb")
    raw.seek(0)
    return raw


def _compressed_position(stream: io.BufferedIOBase) -> int:
    fileobj = getattr(stream, "fileobj", None)
    return fileobj.tell() if fileobj is not None else stream.tell()


class JsonLinesReader(Reader):
    unit = "B"  # of the file on disk (compressed, for .gz)

    def measure(self) -> int | None:
        return self.path.stat().st_size

    def __iter__(self) -> Iterator[SourceRow]:
        offset = self.start.get("offset", 0)
        line = self.start.get("line", 0)
        stop = self.stop["offset"] if self.stop else None
        with open_binary(self.path) as stream:
            if offset:
                stream.seek(offset)
            readline = stream.readline
            limit = MAX_RECORD_BYTES + 1
            while stop is None or offset < stop:
                raw = readline(limit)
                if not raw:
                    break
                line += 1
                offset += len(raw)
                if len(raw) == limit and not raw.endswith(b"\n"):
                    head = raw
                    while (more := readline(1 << 20)) and not more.endswith(b"\n"):
                        offset += len(more)
                    offset += len(more)
                    error = RowError("oversized", f"line longer than {limit} bytes")
                    yield SourceRow(
                        line, {"offset": offset, "line": line}, Broken(error, head)
                    )
                    continue
                if not raw.strip():
                    continue
                if line % 1024 == 0:
                    self.done = _compressed_position(stream)
                hint = _HINT_ID_RE.search(raw)
                yield SourceRow(
                    line,
                    {"offset": offset, "line": line},
                    raw,
                    source_fingerprint(raw),
                    hint.group(1).decode() if hint else None,
                )
            self.done = _compressed_position(stream)


_TOKEN_RE = re.compile(r'["{}\[\],]')
_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_READ_CHARS = 1 << 20


def iter_json_array(
    stream: io.TextIOBase, *, key: str | None = None
) -> Iterator[str | Broken]:
    """Yield the text of each top-level array item, without loading the file.

    With `key`, the array is the value of that key of the top-level object.
    Items are delimited structurally; json.loads judges each one later, so a
    bad item is put aside and the next one is still read.
    """
    buf = stream.read(_READ_CHARS)
    opening = re.compile(r'"' + re.escape(key) + r'"\s*:\s*\[' if key else r"\s*\[")
    while (found := opening.search(buf) if key else opening.match(buf)) is None:
        more = stream.read(_READ_CHARS)
        if not more or not key:
            return
        buf = buf[-len(key) - 64 :] + more
    pos = found.end()
    depth = 0
    item_start: int | None = None
    skipping = False  # inside an oversized item: scan it, keep none of it
    while True:
        match = _TOKEN_RE.search(buf, pos)
        string = None
        if match is not None and match.group() == '"':
            string = _STRING_RE.match(buf, match.start())
        if match is None or (match.group() == '"' and string is None):
            # The next token (or the string it opens) is past the buffer.
            keep = item_start if item_start is not None else pos
            if len(buf) - keep > 2 * MAX_RECORD_BYTES:
                error = RowError("oversized", "item too large; rest of file unreadable")
                yield Broken(error, buf[keep : keep + 2000])
                return
            more = stream.read(_READ_CHARS)
            if not more:
                if item_start is not None and buf[item_start:].strip():
                    error = RowError("malformed", "unterminated item at end of file")
                    yield Broken(error, buf[item_start:])
                return
            buf = buf[keep:] + more
            pos -= keep
            if item_start is not None:
                item_start -= keep
            continue
        index = match.start()
        char = match.group()
        if depth == 0 and item_start is None and not skipping:
            if char in '{["':
                item_start = index
            elif buf[pos:index].strip():
                item_start = pos  # a bare number or literal
        if string is not None:
            pos = string.end()
            continue
        pos = match.end()
        if char in "{[":
            depth += 1
        elif char in "}]":
            if depth == 0:  # the array itself closes
                if item_start is not None and not skipping:
                    yield buf[item_start:index].strip()
                return
            depth -= 1
        elif depth == 0:  # a comma between items
            if item_start is not None and not skipping:
                yield buf[item_start:index].strip()
            item_start = None
            skipping = False
        if item_start is not None and pos - item_start > MAX_RECORD_BYTES:
            error = RowError("oversized", f"item longer than {MAX_RECORD_BYTES} bytes")
            yield Broken(error, buf[item_start : item_start + 2000])
            item_start = None
            skipping = True


def open_text(path: Path) -> io.TextIOBase:
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="replace")


class JsonArrayReader(Reader):
    """A JSON array of objects (Hub API pages) or a document holding one."""

    key: str | None = None

    def __iter__(self) -> Iterator[SourceRow]:
        skip = self.start.get("item", 0)
        with open_text(self.path) as stream:
            for number, item in enumerate(iter_json_array(stream, key=self.key), 1):
                self.done = number
                if number <= skip:
                    continue
                yield SourceRow(number, {"item": number}, item)


class ModelsDocumentReader(JsonArrayReader):
    key = "models"


class CsvReader(Reader):
    def __iter__(self) -> Iterator[SourceRow]:
        skip = self.start.get("item", 0)
        csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
        with open_text(self.path) as stream:
            reader = csv.DictReader(stream)
            number = 0
            line = 1
            while True:
                first_line = line + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    number += 1
                    line = reader.line_num
                    if number > skip:
                        error = RowError("malformed", str(exc)[:200])
                        yield SourceRow(first_line, {"item": number}, Broken(error))
                    continue
                number += 1
                line = reader.line_num
                self.done = number
                if number > skip:
                    yield SourceRow(first_line, {"item": number}, row)


class ParquetReader(Reader):
    """hub-stats models.parquet, read in record batches of bounded size."""

    batch_rows = 8192

    def measure(self) -> int | None:
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path).metadata.num_rows

    def __iter__(self) -> Iterator[SourceRow]:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(self.path)
        meta = parquet.metadata
        first = self.start.get("row", 0)
        stop = self.stop["row"] if self.stop else meta.num_rows
        names = set(parquet.schema_arrow.names)
        columns = [c for c in PARQUET_COLUMNS if c in names]
        group_start = 0
        for group in range(meta.num_row_groups):
            group_rows = meta.row_group(group).num_rows
            group_end = group_start + group_rows
            if group_end <= first or group_start >= stop:
                group_start = group_end
                continue
            row = group_start
            for batch in parquet.iter_batches(
                batch_size=self.batch_rows, row_groups=[group], columns=columns
            ):
                arrays = [batch.column(i).to_pylist() for i in range(len(columns))]
                for values in zip(*arrays, strict=True):
                    row += 1
                    if row <= first:
                        continue
                    if row > stop:
                        return
                    self.done = row
                    data = dict(zip(columns, values, strict=True))
                    repo_id = data.get("id") or data.get("modelId")
                    yield SourceRow(
                        row,
                        {"row": row},
                        data,
                        source_fingerprint(repr(values).encode()),
                        repo_id if isinstance(repo_id, str) else None,
                    )
            group_start = group_end
