"""Typed records of Hub metadata, field validation, timestamps and hashes (pure)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import blake2b
from typing import Any

import orjson
import yaml

RELATIONS = ("finetune", "adapter", "quantized", "merge")
# LineageEdge.source of the edges a full listing declares.
EDGE_SOURCE_LISTING = "listing"

# Every identifier the Hub accepts in a card's `license:` field, transcribed
# from huggingface/hub-docs docs/hub/repositories-licenses.md (83 ids).
HUB_LICENSE_IDS = frozenset(
    """apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m
    bigscience-bloom-rail-1.0 bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd
    bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0
    cc-by-2.5 cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0
    cc-by-nc-3.0 cc-by-nc-4.0 cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0
    cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 cc-by-nc-sa-4.0 cdla-sharing-1.0
    cdla-permissive-1.0 cdla-permissive-2.0 wtfpl ecl-2.0 epl-1.0 epl-2.0
    etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl lgpl-2.1
    lgpl-3.0 isc h-research intel-research lppl-1.3c ms-pl apple-ascl apple-amlr
    mpl-2.0 odc-by odbl openmdw-1.0 openmdw-1.1 openrail++ osl-3.0 postgresql
    ofl-1.1 ncsa unlicense zlib pddl lgpl-lr deepfloyd-if-license
    fair-noncommercial-research-license llama2 llama3 llama3.1 llama3.2 llama3.3
    llama4 grok2-community gemma unknown other""".split()
)

# Timestamps travel as UTC text in Django's SQLite layout, "YYYY-MM-DD HH:MM:SS"
# (plus ".ffffff" when needed): hashed, compared and written without turning
# two million of them into datetimes and back.
UtcText = str
# Repos created before the Hub recorded creation dates all carry this stamp.
CREATED_AT_FLOOR: UtcText = "2022-03-02 23:29:04"

MAX_RECORD_BYTES = 4 * 1024 * 1024
MAX_LICENSE_TEXT = 512 * 1024
EXCERPT_CHARS = 500
FIELD_LIMITS = {
    "repo_id": 200,
    "author": 100,
    "pipeline_tag": 64,
    "library_name": 100,
    "license": 100,
    "license_name": 200,
    "license_link": 500,
}
MAX_LICENSE_TAGS = 20
MAX_PARENTS = 50

# Hub ids: "name" (legacy, no owner) or "owner/name"; ids never contain ":".
REPO_ID_RE = re.compile(r"[A-Za-z0-9][\w.\-]{0,95}(?:/[\w.\-]{1,96})?")


class RowError(Exception):
    """The row cannot be stored; it is put aside with this reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A problem with a row that is stored anyway (value kept as given)."""

    reason: str
    detail: str


@dataclass(frozen=True, slots=True, order=True)
class EdgeRecord:
    parent_repo_id: str
    relation: str
    inferred: bool = False

    def __reduce__(self):
        # Positional rebuild pickles several times faster than the default.
        return EdgeRecord, (self.parent_repo_id, self.relation, self.inferred)


@dataclass(slots=True)
class HubRecord:
    """One model as a full listing describes it."""

    repo_id: str
    author: str = ""
    created_at: UtcText | None = None
    last_modified: UtcText | None = None
    downloads: int = 0
    likes: int = 0
    pipeline_tag: str = ""
    library_name: str = ""
    gated: str = ""
    license_tags: list[str] = field(default_factory=list)
    license_name: str = ""
    license_link: str = ""
    edges: tuple[EdgeRecord, ...] = ()
    warnings: list[RowIssue] = field(default_factory=list)

    def __reduce__(self):
        # Batches cross a pipe to the writer process; see importers.prefetch.
        return HubRecord, (
            self.repo_id,
            self.author,
            self.created_at,
            self.last_modified,
            self.downloads,
            self.likes,
            self.pipeline_tag,
            self.library_name,
            self.gated,
            self.license_tags,
            self.license_name,
            self.license_link,
            self.edges,
            self.warnings,
        )

    @property
    def created_at_is_floor(self) -> bool:
        return self.created_at == CREATED_AT_FLOOR

    @property
    def declared_license(self) -> str:
        return self.license_tags[0] if self.license_tags else ""


@dataclass(slots=True)
class PartialRecord:
    """Some fields of one model, from a source that carries only those."""

    repo_id: str
    values: dict[str, Any] = field(default_factory=dict)
    edges: tuple[EdgeRecord, ...] = ()
    license_text: str | None = None
    warnings: list[RowIssue] = field(default_factory=list)
    # Fields outside the listing (suggested_license_*), set as given.
    suggestions: dict[str, str] = field(default_factory=dict)


# --- hashes -------------------------------------------------------------------


def _digest(parts: list[str]) -> str:
    return blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _edges_key(edges: tuple[EdgeRecord, ...] | list[EdgeRecord]) -> str:
    if not edges:
        return ""
    return "\x1e".join(
        f"{e.relation}:{e.parent_repo_id}:{int(e.inferred)}" for e in sorted(edges)
    )


def content_hash(record: HubRecord) -> str:
    """Hash of every stored listing field, so an unchanged row is skipped."""
    return _digest(
        [
            record.repo_id,
            record.author,
            record.created_at or "",
            record.last_modified or "",
            str(record.downloads),
            str(record.likes),
            record.pipeline_tag,
            record.library_name,
            record.gated,
            "\x1e".join(record.license_tags),
            record.license_name,
            record.license_link,
            _edges_key(record.edges),
        ]
    )


def license_inputs_hash(
    *,
    license_tags: list[str],
    license_name: str,
    license_link: str,
    license_text: str | None,
    edges: tuple[EdgeRecord, ...] | list[EdgeRecord],
    suggested: tuple[str, str] = ("", ""),
) -> str:
    """Hash of what a license decision depends on: declared license, text,
    parents, and a worklist's suggestion (only when there is one, so models
    without one keep their hash)."""
    parts = [
        "\x1e".join(license_tags),
        license_name,
        license_link,
        license_text or "",
        "\x1e".join(f"{e.relation}:{e.parent_repo_id}" for e in sorted(edges)),
    ]
    if suggested[0] or suggested[1]:
        parts.extend(suggested)
    return _digest(parts)


def source_fingerprint(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def excerpt(raw: Any) -> str:
    if isinstance(raw, bytes):
        raw = raw[: EXCERPT_CHARS * 4].decode("utf-8", "replace")
    elif not isinstance(raw, str):
        raw = repr(raw)
    return raw[:EXCERPT_CHARS]


# --- field parsing ------------------------------------------------------------


def text_field(value: Any, name: str, limit: int) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        raise RowError("wrong-type", f"{name} is {type(value).__name__}, not a string")
    if len(value) > limit:
        raise RowError("oversized", f"{name} has {len(value)} characters (max {limit})")
    return value.strip()


def count_field(value: Any, name: str) -> int:
    if type(value) is int and value >= 0:
        return value
    if value is None or value == "":
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RowError("wrong-type", f"{name} is {type(value).__name__}, not a count")
    try:
        number = int(value)
    except ValueError:
        raise RowError("wrong-type", f"{name} is not a number: {value!r:.40}") from None
    if number < 0 or number != value and not isinstance(value, str):
        raise RowError("wrong-type", f"{name} is not a count: {value!r:.40}")
    return number


def utc_text(value: datetime) -> UtcText:
    """A datetime as UTC text (naive values are taken as UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(" ")


def utc_datetime(value: UtcText | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def parse_timestamp(value: Any, name: str) -> UtcText | None:
    """ISO-8601 text or a datetime as UTC text; wrong-type when it is neither."""
    if value is None or value == "":
        return None
    if type(value) is str:
        try:
            if len(value) == 24 and value[10] == "T" and value[19:] == ".000Z":
                # The Hub's own shape: validate, then slicing is exact and cheap.
                datetime.fromisoformat(value[:19])
                return f"{value[:10]} {value[11:19]}"
            return utc_text(datetime.fromisoformat(value.strip()))
        except ValueError:
            raise RowError(
                "wrong-type", f"{name} is not an ISO date: {value!r:.40}"
            ) from None
    if isinstance(value, datetime):
        return utc_text(value)
    raise RowError("wrong-type", f"{name} is {type(value).__name__}, not a date")


def repo_id_checked(value: Any) -> str:
    if value is None or value == "":
        raise RowError("missing-id", "no model id")
    repo_id = text_field(value, "id", FIELD_LIMITS["repo_id"])
    if not repo_id:
        raise RowError("missing-id", "no model id")
    if REPO_ID_RE.fullmatch(repo_id) is None:
        raise RowError("bad-id", f"not a Hub model id: {repo_id!r:.80}")
    return repo_id


def parent_id_cleaned(value: Any) -> str | None:
    """A card's base_model value as an id, or None when it cannot be one."""
    if not isinstance(value, str):
        return None
    # List items pasted as a string keep their YAML dash: "- owner/name".
    value = value.strip().removeprefix("- ").strip().strip("'\"")
    value = value.removeprefix("https://huggingface.co/").rstrip("/")
    if len(value) > FIELD_LIMITS["repo_id"] or not REPO_ID_RE.fullmatch(value):
        return None
    return value


def parse_card(value: Any) -> dict:
    """Card metadata from a dict, a JSON string (hub-stats) or YAML (ModelInfo CSV)."""
    if value is None or value == "":
        return {}
    if isinstance(value, Mapping):
        return dict(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if not isinstance(value, str):
        raise RowError("wrong-type", f"card data is {type(value).__name__}")
    if value[:1] == "{":
        try:
            card = orjson.loads(value)
        except orjson.JSONDecodeError:
            card = None
        if isinstance(card, dict):
            return card
    try:
        card = yaml.load(value, Loader=_YamlLoader)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        raise RowError("malformed", f"card data is not YAML: {exc}"[:200]) from None
    if card is None:
        return {}
    if not isinstance(card, dict):
        raise RowError("wrong-type", "card data is not a mapping")
    return card


_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def license_values(value: Any, name: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        values = [value]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        values = value
    else:
        raise RowError("wrong-type", f"{name} is {type(value).__name__}")
    values = [v.strip() for v in values if v.strip()]
    if len(values) > MAX_LICENSE_TAGS:
        raise RowError("oversized", f"{name} has {len(values)} values")
    for v in values:
        if len(v) > FIELD_LIMITS["license"]:
            raise RowError("oversized", f"{name} value has {len(v)} characters")
    return values


def unknown_license_issues(license_tags: list[str]) -> list[RowIssue]:
    return [
        RowIssue("unknown-license", f"license {tag!r:.80} is not a Hub identifier")
        for tag in license_tags
        if tag not in HUB_LICENSE_IDS and tag.lower() not in HUB_LICENSE_IDS
    ]
