"""Read-only admin for composed licenses: versions are immutable once stored."""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from clauses.vocabulary import ARTIFACT_LABELS

from .edit_keys import edit_key_replace
from .models import License, LicenseVersion


class _ReadOnly:
    """Licenses are made through the composer or the API, never edited here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LicenseVersionInline(_ReadOnly, admin.TabularInline):
    model = LicenseVersion
    fields = ["number", "name", "project_name", "template_version", "created_at"]
    readonly_fields = fields
    extra = 0
    ordering = ["-number"]
    show_change_link = True


@admin.register(License)
class LicenseAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["slug", "project", "latest_name", "version_count", "created_at"]
    search_fields = ["slug", "versions__project_name", "versions__licensor"]
    readonly_fields = ["slug", "created_at", "permalink"]
    inlines = [LicenseVersionInline]
    actions = ["issue_edit_keys"]

    @admin.action(description="Issue a new edit key (the old one stops working)")
    def issue_edit_keys(self, request, queryset):
        # For an author who lost their key: staff hand over the new one.
        for license in queryset:
            key = edit_key_replace(license)
            self.message_user(request, f"{license.slug}: new edit key {key}")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(version_total=Count("versions"))
            .prefetch_related(
                Prefetch(
                    "versions", queryset=LicenseVersion.objects.order_by("-number")
                )
            )
        )

    def _latest(self, obj):
        return next(iter(obj.versions.all()), None)

    @admin.display(description="Project")
    def project(self, obj):
        latest = self._latest(obj)
        return latest.project_name if latest else "—"

    @admin.display(description="License")
    def latest_name(self, obj):
        latest = self._latest(obj)
        return f"{latest.name} v{latest.number}" if latest else "—"

    @admin.display(description="Versions", ordering="version_total")
    def version_count(self, obj):
        return obj.version_total

    @admin.display(description="Permalink")
    def permalink(self, obj):
        url = reverse("licenses:latest", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(LicenseVersion)
class LicenseVersionAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = [
        "license",
        "number",
        "name",
        "project_name",
        "licensor",
        "template_version",
        "short_checksum",
        "created_at",
    ]
    list_filter = ["flavor", "template_version"]
    list_select_related = ["license"]
    search_fields = ["license__slug", "project_name", "licensor", "checksum"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["license", "number", "name", "license_id", "created_at"]}),
        (
            "Project",
            {"fields": ["project_name", "licensor", "project_url", "notes", "flavor"]},
        ),
        ("Restrictions", {"fields": ["artifact_labels", "clauses", "custom"]}),
        (
            "Reproducibility",
            {"fields": ["template_version", "checksum", "markdown_source"]},
        ),
    ]
    readonly_fields = [
        "license",
        "number",
        "name",
        "license_id",
        "created_at",
        "project_name",
        "licensor",
        "project_url",
        "notes",
        "flavor",
        "artifact_labels",
        "clauses",
        "custom",
        "template_version",
        "checksum",
        "markdown_source",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "chosen__clause_version__clause", "custom_clauses__category"
            )
        )

    @admin.display(description="SHA-256", ordering="checksum")
    def short_checksum(self, obj):
        return f"{obj.checksum[:12]}…"

    @admin.display(description="Artifacts")
    def artifact_labels(self, obj):
        return ", ".join(ARTIFACT_LABELS.get(a, a) for a in obj.artifacts)

    @admin.display(description="Markdown (canonical, checksummed)")
    def markdown_source(self, obj):
        return format_html(
            '<pre class="license-markdown" style="white-space: pre-wrap">{}</pre>',
            obj.markdown,
        )

    @admin.display(description="License-Id")
    def license_id(self, obj):
        return obj.license_id_line

    @admin.display(description="Clause versions")
    def clauses(self, obj):
        rows = [
            (
                c.clause_version.clause.slug,
                c.clause_version.version,
                c.clause_version.title,
            )
            for c in obj.chosen.all()
        ]
        if not rows:
            return "—"
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li><code>{}</code> v{}: {}</li>", rows),
        )

    @admin.display(description="Custom restrictions")
    def custom(self, obj):
        rows = [(c.category.key, c.text) for c in obj.custom_clauses.all()]
        if not rows:
            return "—"
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li><code>{}</code> {}</li>", rows),
        )
