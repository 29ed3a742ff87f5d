"""Input and output serializers of the license API."""

from rest_framework import serializers

from clauses.vocabulary import ARTIFACTS, FLAVORS

from .links import absolute_url
from .rendering.safe import paragraphs
from .services import (
    CUSTOM_CLAUSE_MAX_LENGTH,
    CUSTOM_CLAUSE_MIN_LENGTH,
    MAX_CUSTOM_CLAUSES,
    CustomDraft,
    LicenseDraft,
)


class OneLineCharField(serializers.CharField):
    """Text with runs of whitespace (including newlines) folded to one space."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return " ".join(value.split())


class ParagraphsCharField(serializers.CharField):
    """Text kept as paragraphs (split at blank lines), each folded to one line."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return "\n\n".join(paragraphs(value))


class CustomClauseInputSerializer(serializers.Serializer):
    text = OneLineCharField(
        min_length=CUSTOM_CLAUSE_MIN_LENGTH, max_length=CUSTOM_CLAUSE_MAX_LENGTH
    )
    category = serializers.SlugField(max_length=64)


class LicenseInputSerializer(serializers.Serializer):
    name = OneLineCharField(max_length=120)
    licensor = OneLineCharField(max_length=200)
    project_url = serializers.URLField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    notes = ParagraphsCharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    flavor = serializers.ChoiceField(choices=FLAVORS)
    artifacts = serializers.ListField(
        child=serializers.ChoiceField(choices=ARTIFACTS),
        allow_empty=False,
        max_length=len(ARTIFACTS),
    )
    clauses = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        required=False,
        default=list,
        max_length=200,
    )
    custom_clauses = CustomClauseInputSerializer(
        many=True, required=False, default=list, max_length=MAX_CUSTOM_CLAUSES
    )

    def validate_project_url(self, value: str) -> str:
        if value and not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError("Only http and https URLs are allowed.")
        return value

    def to_draft(self) -> LicenseDraft:
        data = self.validated_data
        return LicenseDraft(
            project_name=data["name"],
            licensor=data["licensor"],
            project_url=data["project_url"],
            notes=data["notes"],
            flavor=data["flavor"],
            artifacts=tuple(data["artifacts"]),
            clause_slugs=tuple(data["clauses"]),
            custom_clauses=tuple(
                CustomDraft(text=c["text"], category=c["category"])
                for c in data["custom_clauses"]
            ),
        )


class ClauseRefSerializer(serializers.Serializer):
    slug = serializers.CharField(source="clause_version.clause.slug")
    version = serializers.IntegerField(source="clause_version.version")
    category = serializers.CharField(source="clause_version.category.key")
    title = serializers.CharField(source="clause_version.title")


class CustomClauseOutputSerializer(serializers.Serializer):
    text = serializers.CharField()
    category = serializers.CharField(source="category.key")


class LicenseVersionOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="license.slug")
    version = serializers.IntegerField(source="number")
    name = serializers.CharField()
    title = serializers.SerializerMethodField()
    license_id = serializers.CharField(source="license_id_line")
    flavor = serializers.CharField()
    artifacts = serializers.ListField(child=serializers.CharField())
    project_name = serializers.CharField()
    licensor = serializers.CharField()
    project_url = serializers.CharField()
    notes = serializers.CharField()
    clauses = ClauseRefSerializer(source="chosen", many=True)
    custom_clauses = CustomClauseOutputSerializer(many=True)
    template_version = serializers.CharField()
    checksum = serializers.CharField()
    created_at = serializers.DateTimeField()
    permalink = serializers.SerializerMethodField()
    downloads = serializers.SerializerMethodField()

    def get_title(self, obj) -> str:
        return f"{obj.project_name} {obj.name} License"

    def _absolute(self, path: str) -> str:
        return absolute_url(self.context.get("request"), path)

    def get_permalink(self, obj) -> str:
        from django.urls import reverse

        return self._absolute(
            reverse("licenses:version", args=[obj.license.slug, obj.number])
        )

    def get_downloads(self, obj) -> dict[str, str]:
        from django.urls import reverse

        from .selectors import DOWNLOAD_FORMATS

        base = reverse(
            "licenses_api:version-download", args=[obj.license.slug, obj.number]
        )
        return {fmt: self._absolute(f"{base}?format={fmt}") for fmt in DOWNLOAD_FORMATS}


class LicenseCreatedSerializer(LicenseVersionOutputSerializer):
    """The answer to creating a license: the version plus its edit key."""

    edit_key = serializers.CharField(
        read_only=True,
        help_text="Shown once. Send it as X-License-Key to add versions.",
    )
