"""Output serializers of the tracker API."""

from rest_framework import serializers

from .models import (
    ClauseMatch,
    ConfigurationMatch,
    HubModel,
    ImportRun,
    LineageEdge,
    ModelLicense,
    PutAsideRow,
)


class EdgeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = LineageEdge
        fields = ["parent_repo_id", "relation", "inferred"]


class HubModelOutputSerializer(serializers.ModelSerializer):
    parents = EdgeOutputSerializer(source="parent_edges", many=True, read_only=True)

    class Meta:
        model = HubModel
        fields = [
            "repo_id",
            "author",
            "created_at",
            "created_at_is_floor",
            "last_modified",
            "downloads",
            "likes",
            "pipeline_tag",
            "library_name",
            "gated",
            "license_tags",
            "license_name",
            "license_link",
            "first_seen_at",
            "last_seen_at",
            "license_inputs_hash",
            "parents",
        ]


class RelativeOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    distance = serializers.IntegerField()


class LineageOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    imported = serializers.BooleanField()
    roots = serializers.ListField(child=serializers.CharField())
    depth = serializers.IntegerField()
    has_cycle = serializers.BooleanField()
    family_size = serializers.IntegerField()
    ancestors = RelativeOutputSerializer(many=True)
    descendants = RelativeOutputSerializer(many=True)


class ImportRunOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImportRun
        fields = [
            "id",
            "source",
            "format",
            "paths",
            "status",
            "read",
            "created",
            "updated",
            "unchanged",
            "put_aside",
            "skipped",
            "edges",
            "started_at",
            "finished_at",
            "duration",
            "error",
        ]


class PutAsideRowOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = PutAsideRow
        fields = [
            "path",
            "position",
            "repo_id",
            "reason",
            "detail",
            "excerpt",
            "row_kept",
        ]


class ResolutionOutputSerializer(serializers.ModelSerializer):
    license_version = serializers.SerializerMethodField()

    class Meta:
        model = ModelLicense
        fields = [
            "key",
            "family",
            "method",
            "confidence",
            "behavioral",
            "propagates",
            "license_version",
            "matched_at",
        ]

    def get_license_version(self, obj) -> str | None:
        """The adopted license's identification line, e.g. railtrack:slug:v1."""
        return obj.license_version.license_id_line if obj.license_version else None


class ClauseMatchOutputSerializer(serializers.ModelSerializer):
    clause = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ClauseMatch
        fields = ["category", "clause", "score", "start", "end", "evidence"]


class ConfigurationMatchOutputSerializer(serializers.ModelSerializer):
    license = serializers.CharField(source="license_version.license.slug")
    version = serializers.IntegerField(source="license_version.number")
    name = serializers.CharField(source="license_version.name")

    class Meta:
        model = ConfigurationMatch
        fields = [
            "license",
            "version",
            "name",
            "exact",
            "category_jaccard",
            "clause_jaccard",
            "basis",
        ]


class ModelLicenseMatchOutputSerializer(serializers.Serializer):
    repo_id = serializers.CharField()
    resolution = ResolutionOutputSerializer()
    clause_matches = ClauseMatchOutputSerializer(many=True)
    configuration_matches = ConfigurationMatchOutputSerializer(many=True)
