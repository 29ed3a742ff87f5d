"""REST endpoints to create licenses, add versions and download them."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .edit_keys import HEADER, key_matches
from .links import permalink
from .models import License
from .selectors import DOWNLOAD_FORMATS, TEXT_FORMATS, version_download, version_get
from .serializers import (
    LicenseCreatedSerializer,
    LicenseInputSerializer,
    LicenseVersionOutputSerializer,
)
from .services import license_create, license_version_create
from .throttling import CREATE_SCOPE


def _draft_or_400(request):
    serializer = LicenseInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.to_draft()


def _created(request, version, *, edit_key: str | None = None) -> Response:
    stored = version_get(slug=version.license.slug, number=version.number)
    body = LicenseVersionOutputSerializer(stored, context={"request": request}).data
    if edit_key:
        body["edit_key"] = edit_key
    return Response(body, status=status.HTTP_201_CREATED)


def _check_edit_key(request, license) -> None:
    """Staff, or the license's edit key in the header or the body; else 403."""
    if request.user and request.user.is_staff:
        return
    key = request.headers.get(HEADER) or request.data.get("edit_key")
    if not key:
        raise PermissionDenied(
            f"Adding a version needs this license's edit key: send it in the "
            f"{HEADER} header (it was returned as edit_key when the license "
            f"was created)."
        )
    if not key_matches(license, str(key)):
        raise PermissionDenied("This edit key does not belong to this license.")


class LicenseCreateApi(APIView):
    """Create a license; the flavor's mandatory clauses are always included.

    The answer carries `edit_key`, once: keep it to add versions later."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = CREATE_SCOPE  # shared with the web form's "Create"

    @extend_schema(
        request=LicenseInputSerializer,
        responses={201: LicenseCreatedSerializer},
    )
    def post(self, request):
        draft = _draft_or_400(request)
        try:
            version = license_create(draft=draft)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return _created(request, version, edit_key=version.edit_key)


class LicenseVersionCreateApi(APIView):
    """Add a new immutable version to a license."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = CREATE_SCOPE  # shared with the web form's "Create"

    @extend_schema(
        request=LicenseInputSerializer,
        parameters=[
            OpenApiParameter(
                HEADER,
                str,
                location=OpenApiParameter.HEADER,
                description="The edit key returned when the license was created "
                "(or `edit_key` in the body). Staff need none.",
            )
        ],
        responses={201: LicenseVersionOutputSerializer, 403: None},
    )
    def post(self, request, slug: str):
        license = get_object_or_404(License, slug=slug)
        _check_edit_key(request, license)
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
