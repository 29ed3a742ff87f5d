"""What is stored about some models, read whole to merge a source into it."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.models import HubModel, LineageEdge

from .records import (
    EDGE_SOURCE_LISTING,
    EdgeRecord,
    HubRecord,
    UtcText,
    content_hash,
    license_inputs_hash,
    utc_text,
)

_FIELDS = (
    "id",
    "repo_id",
    "author",
    "created_at",
    "last_modified",
    "downloads",
    "likes",
    "pipeline_tag",
    "library_name",
    "gated",
    "license_tags",
    "license_name",
    "license_link",
    "license_text",
    "content_hash",
    "license_inputs_hash",
    "observed_at",
    "fields_observed",
    "suggested_license_name",
    "suggested_license_link",
)


@dataclass
class StoredModel:
    """A model as stored (or about to be created: id None, hashes empty)."""

    record: HubRecord  # the listing fields, with the listing's own edges
    license_text: str | None = None
    hashes: tuple[str, str] = ("", "")  # content, license inputs
    id: int | None = None
    observed_at: UtcText | None = None
    fields_observed: dict | None = None
    suggestions: tuple[str, str] = ("", "")
    linked: set[str] = field(default_factory=set)  # parents of every edge

    @property
    def is_new(self) -> bool:
        return self.id is None

    def rehash(self) -> tuple[str, str]:
        rec = self.record
        return (
            content_hash(rec),
            license_inputs_hash(
                license_tags=rec.license_tags,
                license_name=rec.license_name,
                license_link=rec.license_link,
                license_text=self.license_text,
                edges=rec.edges,
                suggested=self.suggestions,
            ),
        )


def _text(value) -> UtcText | None:
    return utc_text(value) if value is not None else None


def record_of(stored: dict, edges: Iterable[EdgeRecord]) -> HubRecord:
    """The listing view of a stored model, to hash it like an imported row."""
    return HubRecord(
        repo_id=stored["repo_id"],
        author=stored["author"],
        created_at=_text(stored["created_at"]),
        last_modified=_text(stored["last_modified"]),
        downloads=stored["downloads"],
        likes=stored["likes"],
        pipeline_tag=stored["pipeline_tag"],
        library_name=stored["library_name"],
        gated=stored["gated"],
        license_tags=list(stored["license_tags"]),
        license_name=stored["license_name"],
        license_link=stored["license_link"],
        edges=tuple(sorted(edges)),
    )


def stored_models(repo_ids: list[str]) -> dict[str, StoredModel]:
    """The stored state of these models (absent ids are left out)."""
    if not repo_ids:
        return {}
    listing: dict[int, list[EdgeRecord]] = {}
    linked: dict[int, set[str]] = {}
    edges = LineageEdge.objects.filter(child__repo_id__in=repo_ids).values_list(
        "child_id", "parent_repo_id", "relation", "inferred", "source"
    )
    for child, parent, relation, inferred, source in edges:
        linked.setdefault(child, set()).add(parent)
        if source == EDGE_SOURCE_LISTING:
            listing.setdefault(child, []).append(EdgeRecord(parent, relation, inferred))
    found: dict[str, StoredModel] = {}
    for row in HubModel.objects.filter(repo_id__in=repo_ids).values(*_FIELDS):
        found[row["repo_id"]] = StoredModel(
            record=record_of(row, listing.get(row["id"], ())),
            license_text=row["license_text"],
            hashes=(row["content_hash"], row["license_inputs_hash"]),
            id=row["id"],
            observed_at=_text(row["observed_at"]),
            fields_observed=row["fields_observed"],
            suggestions=(row["suggested_license_name"], row["suggested_license_link"]),
            linked=linked.get(row["id"], set()),
        )
    return found
