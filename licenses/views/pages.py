"""License pages: list, permalink, downloads, badge, QR code, diff, edit."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from tracker.selectors import version_adopters, version_close_models

from .. import edit_keys, wizard
from ..diffs import version_diff
from ..links import absolute_url
from ..links import permalink as _permalink
from ..rendering.artifacts import badge_svg, model_card_snippet, qr_svg
from ..rendering.html import markdown_to_html
from ..selectors import (
    DOWNLOAD_FORMATS,
    TEXT_FORMATS,
    license_list,
    version_download,
    version_get,
)


@require_GET
def license_index(request):
    """All composed licenses. Template: licenses/list.html."""
    return render(request, "licenses/list.html", {"licenses": license_list()[:200]})


@require_GET
def version_detail(request, slug: str, number: int | None = None):
    """A license version's permalink page. Template: licenses/version.html."""
    version = version_get(slug=slug, number=number)
    permalink = _permalink(request, slug, version.number)
    versions = list(
        version.license.versions.order_by("number").values_list(
            "number", "name", "created_at"
        )
    )
    context = {
        "version": version,
        "license_html": markdown_to_html(version.markdown),
        "formats": list(DOWNLOAD_FORMATS),
        "permalink": permalink,
        "versions": versions,
        "snippet": model_card_snippet(slug=slug),
        "qr": qr_svg(permalink),
        "badge_url": absolute_url(
            request, reverse("licenses:badge", args=[slug, version.number])
        ),
        "is_latest": version.number == versions[-1][0],
        "new_edit_key": edit_keys.pop_shown_once(request.session, slug),
        "adopters": version_adopters(version=version),
        "close_models": version_close_models(version=version),
    }
    return render(request, "licenses/version.html", context)


@require_GET
def version_file(request, slug: str, number: int, fmt: str):
    """Download one format; the Markdown is byte-identical to the stored text."""
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404("unknown format")
    version = version_get(
        slug=slug, number=number, with_clauses=fmt not in TEXT_FORMATS
    )
    content_type, extension = DOWNLOAD_FORMATS[fmt]
    body = version_download(
        version, fmt, permalink=_permalink(request, slug, version.number)
    )
    response = HttpResponse(body, content_type=content_type)
    if fmt != "html" or request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="{slug}-v{number}.{extension}"'
        )
    response["X-License-Checksum"] = version.checksum
    return response


@require_GET
def version_badge(request, slug: str, number: int):
    version = version_get(slug=slug, number=number, with_clauses=False)
    svg = badge_svg(label="license", value=f"{version.name} v{version.number}")
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def version_qr(request, slug: str, number: int):
    version_get(slug=slug, number=number, with_clauses=False)
    return HttpResponse(
        qr_svg(_permalink(request, slug, number)), content_type="image/svg+xml"
    )


@require_GET
def version_compare(request, slug: str, old: int, new: int):
    """Differences between any two versions. Template: licenses/diff.html.

    Context: old, new, diff, versions (number, name, date) for the picker.
    """
    old_version = version_get(slug=slug, number=old)
    new_version = version_get(slug=slug, number=new)
    versions = list(
        new_version.license.versions.order_by("number").values_list(
            "number", "name", "created_at"
        )
    )
    return render(
        request,
        "licenses/diff.html",
        {
            "old": old_version,
            "new": new_version,
            "diff": version_diff(old_version, new_version),
            "versions": versions,
        },
    )


@require_GET
def version_compare_pick(request, slug: str):
    """The version picker's target: `?old=<n>&new=<m>` goes to that diff page."""
    latest = version_get(slug=slug, with_clauses=False)
    try:
        old = int(request.GET.get("old", ""))
        new = int(request.GET.get("new", ""))
    except ValueError:
        messages.error(request, "Pick two versions to compare.")
        return redirect("licenses:version", slug=slug, number=latest.number)
    if not (1 <= old <= latest.number and 1 <= new <= latest.number):
        messages.error(request, f"This license has versions 1 to {latest.number}.")
        return redirect("licenses:version", slug=slug, number=latest.number)
    return redirect("licenses:diff", slug=slug, old=old, new=new)


@require_http_methods(["GET", "POST"])
def license_edit(request, slug: str):
    """Start the wizard from the latest version; finishing it adds a new version.

    Only the author (this browser created the license or entered its edit
    key) or staff may; anyone else is asked for the key.
    Template: licenses/edit_key.html (context: version, error).
    """
    version = version_get(slug=slug)
    license = version.license
    allowed = edit_keys.may_edit(
        user=request.user, session=request.session, license=license
    )
    error = ""
    if request.method == "POST" and not allowed and "edit_key" in request.POST:
        if edit_keys.key_matches(license, request.POST["edit_key"]):
            edit_keys.session_grant(request.session, license.slug)
            allowed = True
        else:
            error = "That is not this license's edit key."
    if request.method == "POST" and allowed:
        wizard.state_reset(request.session, initial=wizard.state_from_version(version))
        return redirect("licenses:wizard-step", step="project")
    return render(
        request,
        "licenses/edit_key.html",
        {"version": version, "error": error, "allowed": allowed},
        status=403 if error else 200,
    )
