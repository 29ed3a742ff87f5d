"""The only module that talks to the Hugging Face Hub: listings into typed records.

huggingface_hub pages through `Link: <...>; rel="next"` headers and retries
408/429/5xx itself (honouring `Retry-After`, else exponential backoff, five
retries); what still fails, or any reply it cannot read, reaches the caller
as HubError.

The tracker sends no telemetry: huggingface_hub 2.x otherwise fetches
`/api/agent-harnesses` to describe its caller in the User-Agent, from the
endpoint it read at import time (not ours), and fails on a reply that is not
the object it expects.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx2
from django.conf import settings
from huggingface_hub import HfApi, constants
from huggingface_hub.errors import HfHubHTTPError

from .importers.parsing import record_from_mapping
from .importers.records import HubRecord, RowError, excerpt, utc_text


class HubError(Exception):
    """The Hub could not be read; the message says what it answered."""


@dataclass(frozen=True, slots=True)
class Listed:
    """One listed model: a record, or the reason it could not be parsed."""

    position: int
    record: HubRecord | None
    error: RowError | None = None
    excerpt: str = ""


def hub_endpoint() -> str:
    return settings.HF_ENDPOINT.rstrip("/")


def hub_api() -> HfApi:
    # Built from settings on every call: huggingface_hub reads HF_ENDPOINT only
    # once at import, which would make the endpoint depend on import order.
    # The constant is read at request time, so this holds whatever imported
    # huggingface_hub first.
    constants.HF_HUB_DISABLE_TELEMETRY = True
    return HfApi(endpoint=hub_endpoint(), token=settings.HF_TOKEN or False)


def record_from_model_info(info: Any) -> HubRecord:
    """A huggingface_hub ModelInfo as a HubRecord (raises RowError)."""
    return record_from_mapping(
        {
            "id": getattr(info, "id", None),
            "author": getattr(info, "author", None),
            "createdAt": getattr(info, "created_at", None),
            "lastModified": getattr(info, "last_modified", None),
            "downloads": getattr(info, "downloads", None),
            "likes": getattr(info, "likes", None),
            "pipeline_tag": getattr(info, "pipeline_tag", None),
            "library_name": getattr(info, "library_name", None),
            "gated": getattr(info, "gated", None),
            "tags": getattr(info, "tags", None),
            "cardData": getattr(info, "card_data", None),
            "baseModels": getattr(info, "base_models", None),
        }
    )


def models_list(
    *,
    author: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    since: datetime | None = None,
    api: HfApi | None = None,
) -> Iterator[Listed]:
    """Models with full card data, newest change first when `since` is given."""
    api = api or hub_api()
    models = api.list_models(
        author=author,
        search=search,
        limit=limit,
        full=True,
        cardData=True,
        sort="last_modified" if since else None,
    )
    position = 0
    floor = utc_text(since) if since else None
    try:
        for info in models:
            position += 1
            try:
                record = record_from_model_info(info)
            except RowError as exc:
                yield Listed(position, None, exc, excerpt(getattr(info, "id", info)))
                continue
            if floor and record.last_modified and record.last_modified < floor:
                return
            yield Listed(position, record)
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "no"
        raise HubError(
            f"the Hub answered HTTP {status} after {position} models: "
            f"{str(exc).splitlines()[0]}"
        ) from exc
    except httpx2.HTTPError as exc:
        raise HubError(
            f"the Hub could not be reached after {position} models: {exc}"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any unreadable reply
        raise HubError(
            f"unreadable Hub reply after {position} models: {exc!r}"
        ) from exc
