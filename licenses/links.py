"""Absolute links to license pages, for what leaves the site (QR, badge, API)."""

from django.conf import settings
from django.urls import reverse


def absolute_url(request, path: str) -> str:
    """SITE_URL plus the path when SITE_URL is set, else the request's own host.

    The stored Markdown never contains such a link, so it stays reproducible
    whichever host served the page.
    """
    base = getattr(settings, "SITE_URL", "")
    if base:
        return f"{base.rstrip('/')}{path}"
    if request is None:
        return path
    return request.build_absolute_uri(path)


def permalink(request, slug: str, number: int) -> str:
    return absolute_url(request, reverse("licenses:version", args=[slug, number]))
