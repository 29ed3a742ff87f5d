"""Pure parsing of Hub rows into records: licenses, lineage, supplements."""

import re
from collections.abc import Mapping
from typing import Any

import orjson

from .records import (
    FIELD_LIMITS,
    MAX_LICENSE_TEXT,
    MAX_PARENTS,
    MAX_RECORD_BYTES,
    RELATIONS,
    REPO_ID_RE,
    EdgeRecord,
    HubRecord,
    PartialRecord,
    RowError,
    RowIssue,
    count_field,
    license_values,
    parent_id_cleaned,
    parse_card,
    parse_timestamp,
    repo_id_checked,
    text_field,
    unknown_license_issues,
)

_QUANTIZED_TAGS = frozenset(
    {"gguf", "gptq", "awq", "exl2", "quantized", "4-bit", "8-bit", "bitsandbytes"}
)
_ADAPTER_TAGS = frozenset({"lora", "peft", "adapter"})
_GATED = {False: "", None: "", "auto": "auto", "manual": "manual", True: "auto"}
# What re-uploads are called: "-GGUF", "-AWQ", "-4bit", "-int8-ov", "-MLX-Q4"...
_QUANTIZED_NAME_RE = re.compile(
    r"gguf|gptq|awq|exl2|bnb|quant(?:i[sz]ed|s)?(?![a-z])"
    r"|(?<![\d.])[1-8](?:\.\d+)?-?bits?(?![a-z])"
    r"|(?<![a-z])(?:int|fp|nf)[48](?!\d)"
    r"|(?<![a-z0-9])q[2-8](?:_[a-z0-9]+)?(?![a-z0-9])"
)
_ADAPTER_NAME_RE = re.compile(r"lora|adapter|peft")


def relation_from_name(repo_id: str) -> str | None:
    """quantized or adapter when the model's name says so, else None."""
    name = repo_id.rpartition("/")[2].lower()
    if _QUANTIZED_NAME_RE.search(name):
        return "quantized"
    if _ADAPTER_NAME_RE.search(name):
        return "adapter"
    return None


def infer_relation(
    *, parents: int, tags: set[str], library_name: str, repo_id: str = ""
) -> str:
    """The relation the Hub would infer when none is stated."""
    if parents >= 2:
        return "merge"
    if library_name == "peft" or tags & _ADAPTER_TAGS:
        return "adapter"
    if library_name == "gguf" or tags & _QUANTIZED_TAGS:
        return "quantized"
    return relation_from_name(repo_id) or "finetune"


def scan_tags(tags: Any) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """License values, typed parents and plain parents from the Hub's tags."""
    licenses: list[str] = []
    typed: dict[str, list[str]] = {}
    plain: list[str] = []
    if tags is None:
        return licenses, typed, plain
    if type(tags) is not list:
        raise RowError("wrong-type", f"tags is {type(tags).__name__}, not a list")
    for tag in tags:
        if type(tag) is not str:
            raise RowError("wrong-type", "tags holds a non-string")
        head = tag[:2]
        if head == "li" and tag.startswith("license:"):
            licenses.append(tag[8:])
        elif head == "ba" and tag.startswith("base_model:"):
            parts = tag.split(":", 2)
            if len(parts) == 3 and parts[1] in RELATIONS:
                relations = typed.setdefault(parts[2], [])
                if parts[1] not in relations:
                    relations.append(parts[1])
            elif len(parts) == 2:
                plain.append(parts[1])
    return licenses, typed, plain


def lineage_from(
    *,
    repo_id: str,
    tags: list[str] | None,
    card: dict,
    base_models: Any,
    library_name: str,
    scanned: tuple[dict[str, list[str]], list[str]] | None = None,
) -> tuple[tuple[EdgeRecord, ...], list[RowIssue]]:
    """Edges from base_model tags, baseModels and the card's base_model, united.

    The Hub derives its tags and baseModels from the card but leaves out
    parents it cannot resolve, so card parents missing there are kept too.
    Relation, in order of trust: the parent's typed tag, baseModels.relation,
    the card's base_model_relation; a parent only the card names takes the
    relation the row states for its other parents, else merge when the card
    lists several, else the Hub's inference (all three marked inferred).
    """
    typed, plain = scanned if scanned is not None else scan_tags(tags)[1:]
    card_base = card.get("base_model")
    if not typed and not plain and not card_base and not base_models:
        return (), []
    plain = list(plain)
    issues: list[RowIssue] = []
    stated: dict[str, str] = {}
    row_relation = None
    if isinstance(base_models, Mapping):
        relation = base_models.get("relation")
        if relation in RELATIONS:
            row_relation = relation
        for item in base_models.get("models") or ():
            parent = item.get("id") if isinstance(item, Mapping) else None
            if isinstance(parent, str):
                plain.append(parent)
                if relation in RELATIONS:
                    stated[parent] = relation
    card_relation = card.get("base_model_relation")
    if card_relation not in RELATIONS:
        card_relation = None
    card_values = card_base if isinstance(card_base, list) else [card_base]
    listed = set(typed).union(plain) if typed or plain else set()
    from_card: list[str] = []
    card_only: set[str] = set()
    for value in card_values:
        if value is None or value == "":
            continue
        if type(value) is str and value in listed:  # usual: the Hub kept it
            from_card.append(value)
            continue
        parent = parent_id_cleaned(value)
        if parent is None:
            issues.append(RowIssue("bad-parent", f"base_model {value!r:.80} dropped"))
            continue
        from_card.append(parent)
        if parent not in listed:
            card_only.add(parent)
    if card_relation:
        for parent in from_card:
            stated.setdefault(parent, card_relation)
    parents = list(dict.fromkeys([*typed, *plain, *from_card]))
    if repo_id in parents:
        issues.append(RowIssue("self-parent", "model lists itself as base_model"))
        parents.remove(repo_id)
    if len(parents) > MAX_PARENTS:
        raise RowError("oversized", f"{len(parents)} base models")
    if row_relation is None and card_only:
        typed_relations = {r for relations in typed.values() for r in relations}
        if len(typed_relations) == 1:
            row_relation = next(iter(typed_relations))
    edges: list[EdgeRecord] = []
    guess = None
    for parent in parents:
        if parent in typed:
            edges.extend(EdgeRecord(parent, relation) for relation in typed[parent])
        elif parent in stated:
            edges.append(EdgeRecord(parent, stated[parent]))
        elif parent in card_only and row_relation is not None:
            edges.append(EdgeRecord(parent, row_relation, inferred=True))
        elif parent in card_only and len(from_card) >= 2:
            edges.append(EdgeRecord(parent, "merge", inferred=True))
        else:
            if guess is None:
                guess = infer_relation(
                    parents=len(parents),
                    tags=set(tags or ()),
                    library_name=library_name,
                    repo_id=repo_id,
                )
            edges.append(EdgeRecord(parent, guess, inferred=True))
    return tuple(edges), issues


# --- full listings ------------------------------------------------------------


def record_from_mapping(data: Any) -> HubRecord:
    """A model from the Hub API (camelCase) or a serialized ModelInfo (snake_case)."""
    if not isinstance(data, Mapping):
        raise RowError("wrong-type", f"record is {type(data).__name__}, not an object")
    get = data.get
    repo_id = repo_id_checked(get("id") or get("modelId") or get("model_id"))
    tags = get("tags")
    licenses, typed, plain = scan_tags(tags)
    card = get("cardData")
    if card is None:
        card = get("card_data")
    card = card if type(card) is dict else parse_card(card)
    library_name = get("library_name")
    if library_name is None:
        library_name = card.get("library_name")
    library_name = text_field(
        library_name, "library_name", FIELD_LIMITS["library_name"]
    )
    if licenses:
        license_tags = license_values(licenses, "license tags")
    else:
        card_license = card.get("license")
        if card_license is None:
            card_license = card.get("licence")
        license_tags = license_values(card_license, "card license")
    base_models = get("baseModels")
    if base_models is None:
        base_models = get("base_models")
    edges, issues = lineage_from(
        repo_id=repo_id,
        tags=tags,
        card=card,
        base_models=base_models,
        library_name=library_name,
        scanned=(typed, plain),
    )
    gated = get("gated")
    if gated not in _GATED:
        raise RowError("wrong-type", f"gated is {gated!r:.20}")
    author = get("author")
    if author is None and "/" in repo_id:
        author = repo_id.partition("/")[0]
    created = get("createdAt")
    modified = get("lastModified")
    if license_tags:
        issues += unknown_license_issues(license_tags)
    return HubRecord(
        repo_id=repo_id,
        author=text_field(author, "author", FIELD_LIMITS["author"]),
        created_at=parse_timestamp(
            created if created is not None else get("created_at"), "createdAt"
        ),
        last_modified=parse_timestamp(
            modified if modified is not None else get("last_modified"), "lastModified"
        ),
        downloads=count_field(get("downloads"), "downloads"),
        likes=count_field(get("likes"), "likes"),
        pipeline_tag=text_field(
            get("pipeline_tag"), "pipeline_tag", FIELD_LIMITS["pipeline_tag"]
        ),
        library_name=library_name,
        gated=_GATED[gated],
        license_tags=license_tags,
        license_name=text_field(
            card.get("license_name"), "license_name", FIELD_LIMITS["license_name"]
        ),
        license_link=text_field(
            card.get("license_link"), "license_link", FIELD_LIMITS["license_link"]
        ),
        edges=edges,
        warnings=issues,
    )


def record_from_json(raw: bytes | str) -> HubRecord:
    if len(raw) > MAX_RECORD_BYTES:
        raise RowError("oversized", f"record has {len(raw)} bytes")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RowError("malformed", f"not JSON: {exc}"[:200]) from None
    return record_from_mapping(data)


def record_from_family_row(row: Mapping) -> HubRecord:
    """A family-tree row: `metadata` holds a JSON-serialized ModelInfo."""
    metadata = row.get("metadata")
    if not isinstance(metadata, str | Mapping):
        raise RowError("missing-id", "no metadata")
    if isinstance(metadata, str):
        if len(metadata) > MAX_RECORD_BYTES:
            raise RowError("oversized", f"metadata has {len(metadata)} characters")
        try:
            metadata = orjson.loads(metadata)
        except orjson.JSONDecodeError as exc:
            raise RowError("malformed", f"metadata is not JSON: {exc}"[:200]) from None
    if isinstance(metadata, Mapping) and not metadata.get("id") and row.get("model_id"):
        metadata = {**metadata, "id": row["model_id"]}
    return record_from_mapping(metadata)


# --- supplements (sources that carry some fields only) ------------------------

_MARKDOWN_LINK_RE = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _link_text(value: Any) -> Any:
    if isinstance(value, str) and (m := _MARKDOWN_LINK_RE.fullmatch(value.strip())):
        return m.group(1)
    return value


def partial_from_models_csv(row: Mapping) -> PartialRecord:
    """open-source-ai-discovery layout: name,id,model_type,license,date_*,downloads."""
    repo_id = repo_id_checked(row.get("id"))
    values: dict[str, Any] = {
        "author": text_field(row.get("author"), "author", FIELD_LIMITS["author"]),
        "pipeline_tag": text_field(
            row.get("model_type"), "model_type", FIELD_LIMITS["pipeline_tag"]
        ),
        "created_at": parse_timestamp(row.get("date_released"), "date_released"),
        "last_modified": parse_timestamp(
            row.get("date_last_modified"), "date_last_modified"
        ),
    }
    if row.get("downloads") not in (None, ""):
        values["downloads"] = count_field(row["downloads"], "downloads")
    license_tags = license_values(row.get("license"), "license")
    if license_tags:
        values["license_tags"] = license_tags
    return PartialRecord(
        repo_id=repo_id,
        values={k: v for k, v in values.items() if v not in ("", None)},
        warnings=unknown_license_issues(license_tags),
    )


def partial_from_worklist(row: Mapping) -> PartialRecord:
    """hub-docs hacktoberfest layout: a suggested license name/link for a model.

    The suggestion goes to suggested_license_*, never to the declared
    license_name/license_link, which hold what the card says.
    """
    repo_id = repo_id_checked(_link_text(row.get("model_id")))
    suggested = {
        "suggested_license_name": text_field(
            row.get("suggested_license_name"),
            "suggested_license_name",
            FIELD_LIMITS["license_name"],
        ),
        "suggested_license_link": text_field(
            row.get("suggested_license_link"),
            "suggested_license_link",
            FIELD_LIMITS["license_link"],
        ),
    }
    values: dict[str, Any] = {}
    if row.get("nb_downloads") not in (None, ""):
        values["downloads"] = count_field(row["nb_downloads"], "nb_downloads")
    if row.get("nb_likes") not in (None, ""):
        values["likes"] = count_field(row["nb_likes"], "nb_likes")
    return PartialRecord(
        repo_id=repo_id,
        values=values,
        suggestions={k: v for k, v in suggested.items() if v},
    )


def partial_from_edge(row: Mapping) -> PartialRecord:
    """child_model,base_model pairs: the card's base_model, relation not given.

    The relation is guessed from the child's name (a "-GGUF" re-upload is
    quantized, a "-lora" an adapter, else a finetune) and marked inferred.
    """
    repo_id = repo_id_checked(row.get("child_model"))
    raw_parent = row.get("base_model")
    parent = parent_id_cleaned(raw_parent)
    if parent is None:
        raise RowError("bad-parent", f"base_model {raw_parent!r:.80} is not a model id")
    if parent == repo_id:
        raise RowError("self-parent", "model lists itself as base_model")
    relation = relation_from_name(repo_id) or "finetune"
    return PartialRecord(
        repo_id=repo_id, edges=(EdgeRecord(parent, relation, inferred=True),)
    )


_ID_KEYS = ("id", "modelId", "model_id", "child_model")
_ID_TEXT_RE = re.compile(r'"(?:id|modelId|model_id)"\s*:\s*"([^"\\]{1,200})"')


def raw_repo_id(raw: Any) -> str:
    """The model id a row names, when one can be read; "" otherwise.

    Used for put-aside rows, so a row that fails for another reason still
    says which model it was about.
    """
    if isinstance(raw, bytes):
        raw = raw[:MAX_RECORD_BYTES].decode("utf-8", "replace")
    if isinstance(raw, str):
        found = _ID_TEXT_RE.search(raw)
        value: Any = found.group(1) if found else None
    elif isinstance(raw, Mapping):
        value = next((raw[k] for k in _ID_KEYS if raw.get(k)), None)
        if value is None and isinstance(raw.get("metadata"), str | Mapping):
            return raw_repo_id(raw["metadata"])
    else:
        value = None
    value = _link_text(value)
    if isinstance(value, str) and len(value) <= FIELD_LIMITS["repo_id"]:
        value = value.strip()
        if REPO_ID_RE.fullmatch(value):
            return value
    return ""


def partial_from_license_text(item: Any) -> PartialRecord:
    """[{model_id, license_md_text}]: the full text of a custom license."""
    if not isinstance(item, Mapping):
        raise RowError("wrong-type", f"item is {type(item).__name__}, not an object")
    repo_id = repo_id_checked(item.get("model_id") or item.get("id"))
    text = item.get("license_md_text", item.get("license_text"))
    if not isinstance(text, str) or not text.strip():
        raise RowError("wrong-type", "license text is missing or not a string")
    if len(text) > MAX_LICENSE_TEXT:
        raise RowError("oversized", f"license text has {len(text)} characters")
    return PartialRecord(repo_id=repo_id, license_text=text)
