"""REST endpoints to create licenses, add versions and download them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .links import permalink
from .models import License
from .selectors import DOWNLOAD_FORMATS, TEXT_FORMATS, version_download, version_get
from .serializers import LicenseInputSerializer, LicenseVersionOutputSerializer
from .services import license_create, license_version_create
from .throttling import CREATE_SCOPE


def _draft_or_400(request):
    serializer = LicenseInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.to_draft()


def _created(request, version) -> Response:
    version = version_get(slug=version.license.slug, number=version.number)
    body = LicenseVersionOutputSerializer(version, context={"request": request}).data
    return Response(body, status=status.HTTP_201_CREATED)


class LicenseCreateApi(APIView):
    """Create a license; the flavor's mandatory clauses are always included."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = CREATE_SCOPE  # shared with the web form's "Create"

    @extend_schema(
        request=LicenseInputSerializer,
        responses={201: LicenseVersionOutputSerializer},
    )
    def post(self, request):
        draft = _draft_or_400(request)
        try:
            version = license_create(draft=draft)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return _created(request, version)


class LicenseVersionCreateApi(APIView):
    """Add a new immutable version to a license."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = CREATE_SCOPE  # shared with the web form's "Create"

    @extend_schema(
        request=LicenseInputSerializer,
        responses={201: LicenseVersionOutputSerializer},
    )
    def post(self, request, slug: str):
        license = get_object_or_404(License, slug=slug)
        draft = _draft_or_400(request)
        try:
            version = license_version_create(license=license, draft=draft)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return _created(request, version)


class LicenseVersionDetailApi(APIView):
    """One stored version with its clauses, checksum and download links."""

    @extend_schema(responses={200: LicenseVersionOutputSerializer})
    def get(self, request, slug: str, number: int | None = None):
        version = version_get(slug=slug, number=number)
        return Response(
            LicenseVersionOutputSerializer(version, context={"request": request}).data
        )


class LicenseVersionDownloadApi(APIView):
    """The license in one format: md, html, txt, pdf, json or yaml."""

    def perform_content_negotiation(self, request, force=False):
        # `?format=` names the license file format here, not a DRF renderer.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=list(DOWNLOAD_FORMATS), default="md")
        ],
        responses={(200, "*/*"): OpenApiTypes.BINARY},
    )
    def get(self, request, slug: str, number: int):
        fmt = request.query_params.get("format", "md")
        if fmt not in DOWNLOAD_FORMATS:
            raise ValidationError(
                {"format": [f"Choose one of: {', '.join(DOWNLOAD_FORMATS)}."]}
            )
        version = version_get(
            slug=slug, number=number, with_clauses=fmt not in TEXT_FORMATS
        )
        content_type, extension = DOWNLOAD_FORMATS[fmt]
        body = version_download(
            version, fmt, permalink=permalink(request, slug, version.number)
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{slug}-v{number}.{extension}"'
        )
        return response
