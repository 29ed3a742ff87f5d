"""Admin for the clause library, categories and the known-license catalog."""

from django.contrib import admin, messages

from .forms import ClauseAdminForm, KnownLicenseAdminForm
from .models import Category, Clause, ClauseVersion, KnownLicense
from .services import clause_version_ensure, clauses_approve


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    fields = ["version", "title", "domain", "category", "text", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-version"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    form = ClauseAdminForm
    list_display = ["slug", "title", "category", "domain", "version", "status"]
    list_filter = ["status", "domain", "category", "provenance"]
    list_select_related = ["category"]
    search_fields = ["slug", "title", "text"]
    readonly_fields = ["version", "created_at", "updated_at"]
    filter_horizontal = ["provenance"]
    inlines = [ClauseVersionInline]
    actions = ["approve"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "category", "domain", "text", "status"]}),
        ("Scope", {"fields": ["artifacts", "mandatory_in"]}),
        ("Tracking", {"fields": ["provenance", "cues"]}),
        ("History", {"fields": ["version", "created_at", "updated_at"]}),
    ]

    @admin.action(description="Approve selected drafts")
    def approve(self, request, queryset):
        count = clauses_approve(clause_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} clause(s) approved.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if clause_version_ensure(clause=obj):
            self.message_user(request, f"Saved as version {obj.version}.")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "group", "position"]
    list_filter = ["group"]
    search_fields = ["key", "name"]


@admin.register(KnownLicense)
class KnownLicenseAdmin(admin.ModelAdmin):
    form = KnownLicenseAdminForm
    list_display = ["key", "name", "family", "propagates_restrictions", "on_hub_list"]
    list_filter = ["family", "propagates_restrictions", "on_hub_list", "categories"]
    search_fields = ["key", "name", "aliases", "links"]
    filter_horizontal = ["categories"]
