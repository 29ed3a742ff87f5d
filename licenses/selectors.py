"""Reads of composed licenses: versions, documents, downloads, manifests."""

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import ChosenClause, CustomClause, License, LicenseVersion
from .rendering.artifacts import manifest_json, manifest_yaml
from .rendering.document import ClauseItem, CustomItem, LicenseDocument
from .rendering.html import markdown_to_text, standalone_html
from .rendering.markdown import compose_markdown

# Formats rendered from the stored Markdown alone.
TEXT_FORMATS = {"md", "html", "txt", "pdf"}

DOWNLOAD_FORMATS = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "txt": ("text/plain; charset=utf-8", "txt"),
    "pdf": ("application/pdf", "pdf"),
    "json": ("application/json", "json"),
    "yaml": ("application/yaml; charset=utf-8", "yaml"),
}


def license_list() -> QuerySet[License]:
    latest = LicenseVersion.objects.order_by("-number")
    return License.objects.prefetch_related(Prefetch("versions", queryset=latest))


def version_queryset() -> QuerySet[LicenseVersion]:
    return LicenseVersion.objects.select_related("license").prefetch_related(
        Prefetch(
            "chosen",
            queryset=ChosenClause.objects.select_related(
                "clause_version__clause", "clause_version__category"
            ),
        ),
        Prefetch(
            "custom_clauses", queryset=CustomClause.objects.select_related("category")
        ),
    )


def version_get(
    *, slug: str, number: int | None = None, with_clauses: bool = True
) -> LicenseVersion:
    """A stored version (the latest when number is None), or 404.

    Without clauses only the stored text is loaded, which is all the md, html,
    txt and pdf downloads need.
    """
    base = version_queryset() if with_clauses else LicenseVersion.objects
    qs = base.select_related("license").filter(license__slug=slug)
    if number is None:
        version = qs.order_by("-number").first()
        if version is None:
            get_object_or_404(License, slug=slug)  # 404 for an unknown slug
        return version
    return get_object_or_404(qs, number=number)


def document_for_version(version: LicenseVersion) -> LicenseDocument:
    """Rebuild the template input from the stored clause-version snapshots."""
    return LicenseDocument(
        slug=version.license.slug,
        version=version.number,
        project_name=version.project_name,
        licensor=version.licensor,
        project_url=version.project_url,
        notes=version.notes,
        flavor=version.flavor,
        artifacts=tuple(version.artifacts),
        issued=version.created_at.date(),
        clauses=tuple(
            ClauseItem(
                slug=c.clause_version.clause.slug,
                version=c.clause_version.version,
                title=c.clause_version.title,
                text=c.clause_version.text,
                domain=c.clause_version.domain,
                category=c.clause_version.category.key,
            )
            for c in version.chosen.all()
        ),
        custom=tuple(
            CustomItem(
                text=c.text, category=c.category.key, category_name=c.category.name
            )
            for c in version.custom_clauses.all()
        ),
    )


def version_rerender(version: LicenseVersion) -> str:
    """Compose the version again with its own template version (reproducibility)."""
    return compose_markdown(
        document_for_version(version), template_version=version.template_version
    )


def version_manifest(version: LicenseVersion, *, permalink: str = "") -> dict:
    manifest = {
        "id": version.license.slug,
        "version": version.number,
        "license_id": version.license_id_line,
        "name": version.name,
        "title": f"{version.project_name} {version.name} License",
        "flavor": version.flavor,
        "artifacts": list(version.artifacts),
        "project": {
            "name": version.project_name,
            "licensor": version.licensor,
            "url": version.project_url,
            "notes": version.notes,
        },
        "clauses": [
            {
                "slug": c.clause_version.clause.slug,
                "version": c.clause_version.version,
                "category": c.clause_version.category.key,
                "title": c.clause_version.title,
            }
            for c in version.chosen.all()
        ],
        "custom_clauses": [
            {"text": c.text, "category": c.category.key}
            for c in version.custom_clauses.all()
        ],
        "template_version": version.template_version,
        "created_at": version.created_at.isoformat(),
        "checksum": {"sha256": version.checksum},
    }
    if permalink:
        manifest["permalink"] = permalink
    return manifest


def version_pdf_footer(version: LicenseVersion) -> str:
    return f"{version.license_id_line} · sha256 {version.checksum[:16]}…"


def version_pdf_colophon(version: LicenseVersion) -> list[tuple[str, str]]:
    """The closing facts of the PDF; it carries the full checksum."""
    return [
        ("License", f"{version.name}, version {version.number}"),
        ("License-Id", version.license_id_line),
        ("Issued", version.created_at.date().isoformat()),
        ("Template", f"version {version.template_version}"),
        ("SHA-256 of the Markdown", version.checksum),
    ]


def version_title(version: LicenseVersion) -> str:
    return f"{version.project_name} {version.name} License"


def version_download(
    version: LicenseVersion, fmt: str, *, permalink: str = ""
) -> bytes:
    """The bytes of one download format; Markdown is the stored canonical text.

    `permalink` (absolute) goes into the JSON and YAML manifests only: the
    text formats derive from the stored Markdown alone, byte for byte.
    """
    if fmt == "md":
        return version.markdown.encode("utf-8")
    if fmt == "html":
        return standalone_html(version.markdown, title=version_title(version)).encode(
            "utf-8"
        )
    if fmt == "txt":
        return markdown_to_text(version.markdown).encode("utf-8")
    if fmt == "json":
        manifest = version_manifest(version, permalink=permalink)
        return manifest_json(manifest).encode("utf-8")
    if fmt == "yaml":
        manifest = version_manifest(version, permalink=permalink)
        return manifest_yaml(manifest).encode("utf-8")
    if fmt == "pdf":
        from .rendering.pdf import markdown_to_pdf

        # The key names the PDF layout too, so a layout change is never served stale.
        key = f"license-pdf:2:{version.checksum}"
        pdf = cache.get(key)
        if pdf is None:
            pdf = markdown_to_pdf(
                version.markdown,
                title=version_title(version),
                footer=version_pdf_footer(version),
                colophon=version_pdf_colophon(version),
            )
            cache.set(key, pdf, 3600)
        return pdf
    raise ValueError(f"unknown format {fmt!r}")
