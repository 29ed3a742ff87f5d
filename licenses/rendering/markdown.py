"""Compose the canonical Markdown with the template version a license was made with."""

import hashlib
from collections.abc import Callable
from types import ModuleType

from .document import LicenseDocument
from .templates import v1

TEMPLATES: dict[str, ModuleType] = {v1.VERSION: v1}
CURRENT_TEMPLATE_VERSION = v1.VERSION


class UnknownTemplateVersion(LookupError):
    pass


def composer_for(template_version: str) -> Callable[[LicenseDocument], str]:
    try:
        return TEMPLATES[template_version].compose
    except KeyError as exc:
        raise UnknownTemplateVersion(
            f"license template version {template_version!r} is not installed"
        ) from exc


def compose_markdown(doc: LicenseDocument, *, template_version: str) -> str:
    return composer_for(template_version)(doc)


def markdown_checksum(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()
