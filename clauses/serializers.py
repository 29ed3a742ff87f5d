"""Output serializers for the read-only library API."""

from rest_framework import serializers

from .models import Category, Clause, ClauseVersion, KnownLicense


class CategoryOutputSerializer(serializers.ModelSerializer):
    behavioral = serializers.BooleanField(source="is_behavioral")

    class Meta:
        model = Category
        fields = ["key", "name", "description", "group", "behavioral"]


class ClauseVersionOutputSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = ClauseVersion
        fields = ["version", "title", "category", "domain", "text", "checksum"]


class ClauseOutputSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="key", read_only=True)
    provenance = serializers.SlugRelatedField(
        slug_field="key", many=True, read_only=True
    )
    artifacts = serializers.ListField(child=serializers.CharField())
    mandatory_in = serializers.ListField(child=serializers.CharField())
    cues = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Clause
        fields = [
            "slug",
            "title",
            "category",
            "domain",
            "text",
            "version",
            "artifacts",
            "mandatory_in",
            "provenance",
            "cues",
            "status",
        ]


class ClauseDetailOutputSerializer(ClauseOutputSerializer):
    versions = ClauseVersionOutputSerializer(many=True, read_only=True)

    class Meta(ClauseOutputSerializer.Meta):
        fields = ClauseOutputSerializer.Meta.fields + ["versions"]


class KnownLicenseOutputSerializer(serializers.ModelSerializer):
    categories = serializers.SlugRelatedField(
        slug_field="key", many=True, read_only=True
    )
    aliases = serializers.ListField(child=serializers.CharField())
    links = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = KnownLicense
        fields = [
            "key",
            "name",
            "family",
            "propagates_restrictions",
            "categories",
            "aliases",
            "links",
            "on_hub_list",
            "url",
        ]
