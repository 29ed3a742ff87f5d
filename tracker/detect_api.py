"""POST /api/detect/: license identification and clause detection for a text."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tracker.detection.textprep import MAX_BYTES, prepare_text
from tracker.detection_db import (  # noqa: F401 (re-exported for callers)
    FINGERPRINTS,
    detector_get,
    detector_reset,
    library_from_db,
)


class _TextField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of converting them."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class EvidenceOutputSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class CategoryFindingOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    clause = serializers.CharField(allow_null=True)
    score = serializers.FloatField()
    evidence = EvidenceOutputSerializer()
    inferred = serializers.BooleanField(required=False)
    clauses = serializers.ListField(child=serializers.CharField(), required=False)


class LicenseMatchOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    score = serializers.FloatField()
    method = serializers.CharField(required=False)
    version = serializers.IntegerField(required=False)
    alternatives = serializers.ListField(child=serializers.CharField(), required=False)
    verified = serializers.BooleanField(required=False)
    derived_from = serializers.CharField(required=False)


class DetectApi(APIView):
    """Identify the license of a text and find its restriction categories.

    The response is the object `manage.py detect_clauses --format json` prints
    for a file, without "path". Texts over 2 MB are analysed up to 2 MB and
    say so in "warnings"; empty or binary texts get a 400 with the reason.
    """

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "detect"

    class InputSerializer(serializers.Serializer):
        text = _TextField(trim_whitespace=False)

        def validate_text(self, value: str) -> str:
            prepared = prepare_text(value, limit=MAX_BYTES)
            if prepared.error:
                raise serializers.ValidationError(prepared.error)
            return value

    class OutputSerializer(serializers.Serializer):
        license = LicenseMatchOutputSerializer(allow_null=True)
        categories = CategoryFindingOutputSerializer(many=True)
        warnings = serializers.ListField(child=serializers.CharField(), required=False)

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, 400: None, 413: None},
        summary="Identify the license and detect restriction categories of a text",
    )
    def post(self, request):
        try:
            data = request.data
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return Response(
                {"text": [f"request body is larger than {limit} bytes"]},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        serializer = self.InputSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        result = detector_get().detect_text(serializer.validated_data["text"])
        return Response(self.OutputSerializer(result.as_dict()).data)
