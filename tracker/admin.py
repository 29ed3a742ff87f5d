"""Admin for imported Hub models, their lineage, import runs and put-aside rows."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    HubModel,
    ImportChunk,
    ImportRun,
    LineageClaim,
    LineageEdge,
    PutAsideRow,
)


class ReadOnlyMixin:
    """Imported data is corrected by re-importing, not edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParentEdgeInline(ReadOnlyMixin, admin.TabularInline):
    model = LineageEdge
    fk_name = "child"
    fields = ["parent_repo_id", "relation", "inferred", "source", "parent"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(HubModel)
class HubModelAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "repo_id",
        "declared_license",
        "license_name",
        "downloads",
        "likes",
        "last_modified",
    ]
    list_filter = ["declared_license", "gated", "created_at_is_floor"]
    # Exact or prefix on the unique index; a substring search over two
    # million rows would scan them all.
    search_fields = ["=repo_id", "^repo_id"]
    show_full_result_count = False
    inlines = [ParentEdgeInline]
    fieldsets = [
        (
            None,
            {"fields": ["repo_id", "author", "pipeline_tag", "library_name", "gated"]},
        ),
        (
            "Declared license",
            {
                "fields": [
                    "license_tags",
                    "license_name",
                    "license_link",
                    "license_text",
                ]
            },
        ),
        (
            "Suggested license (worklists; not declared by the card)",
            {"fields": ["suggested_license_name", "suggested_license_link"]},
        ),
        (
            "Hub facts",
            {
                "fields": [
                    "created_at",
                    "created_at_is_floor",
                    "last_modified",
                    "downloads",
                    "likes",
                ]
            },
        ),
        (
            "Seen",
            {
                "fields": [
                    "first_seen_run",
                    "first_seen_at",
                    "last_seen_run",
                    "last_seen_at",
                    "observed_at",
                    "fields_observed",
                    "content_hash",
                    "license_inputs_hash",
                ]
            },
        ),
    ]


class ImportChunkInline(ReadOnlyMixin, admin.TabularInline):
    model = ImportChunk
    fields = [
        "index",
        "path",
        "format",
        "status",
        "position",
        "read",
        "created",
        "updated",
        "unchanged",
        "put_aside",
        "pending",
        "heartbeat_at",
        "error",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "pk",
        "source",
        "format",
        "status",
        "read",
        "created",
        "updated",
        "unchanged",
        "put_aside_link",
        "started_at",
        "duration",
    ]
    list_filter = ["status", "source"]
    inlines = [ImportChunkInline]

    @admin.display(description="put aside", ordering="put_aside")
    def put_aside_link(self, run: ImportRun) -> str:
        if not run.put_aside:
            return "0"
        url = (
            reverse("admin:tracker_putasiderow_changelist")
            + f"?run__id__exact={run.pk}"
        )
        return format_html('<a href="{}">{}</a>', url, run.put_aside)


@admin.register(PutAsideRow)
class PutAsideRowAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "run",
        "path",
        "position",
        "reason",
        "row_kept",
        "repo_id",
        "detail",
    ]
    list_filter = ["reason", "row_kept", "run"]
    list_select_related = ["run"]
    search_fields = ["=repo_id"]
    readonly_fields = [
        "run",
        "path",
        "position",
        "repo_id",
        "reason",
        "detail",
        "excerpt",
        "row_kept",
    ]


@admin.register(LineageClaim)
class LineageClaimAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Edges an edge list states, attached once their child is imported."""

    list_display = ["child_repo_id", "relation", "parent_repo_id", "source"]
    list_filter = ["source", "relation"]
    search_fields = ["=child_repo_id", "=parent_repo_id"]
    show_full_result_count = False


from . import analytics_admin  # noqa: E402, F401  (registers the analytics pages)
