"""Composer wizard, license pages and downloads (thin: validate, call, render)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from clauses.vocabulary import DOMAINS
from tracker.selectors import version_adopters, version_close_models

from . import wizard
from .forms import (
    ArtifactsForm,
    CustomClauseFormSet,
    ProjectForm,
    RestrictionsForm,
    category_choices,
)
from .models import License
from .rendering.artifacts import badge_svg, model_card_snippet, qr_svg
from .rendering.html import markdown_to_html
from .rendering.markdown import CURRENT_TEMPLATE_VERSION, compose_markdown
from .selectors import (
    DOWNLOAD_FORMATS,
    TEXT_FORMATS,
    license_list,
    version_diff,
    version_download,
    version_get,
)
from .services import (
    document_from_resolved,
    draft_resolve,
    license_create,
    license_version_create,
    mandatory_clauses,
    new_license_slug,
    offered_clauses,
)


def _step_url(step: str) -> str:
    return reverse("licenses:wizard-step", args=[step])


def _wizard_context(step: str, state: dict, **extra) -> dict:
    return {
        "step": step,
        "steps": [(s, wizard.STEP_TITLES[s]) for s in wizard.STEPS],
        "step_index": wizard.STEPS.index(step),
        "reachable": [s for s in wizard.STEPS if wizard.step_allowed(state, s)],
        "previous": wizard.previous_step(step),
        "state": state,
        **extra,
    }


@require_GET
def wizard_start(request):
    """Start a fresh license and go to the first step."""
    wizard.state_reset(request.session, initial={"started": True})
    return redirect(_step_url("project"))


def wizard_step(request, step: str):
    """One composer step. Templates: licenses/wizard/<step>.html."""
    if step not in wizard.STEPS:
        raise Http404("unknown step")
    state = wizard.state_get(request.session)
    if not state.get("started"):
        return redirect("licenses:wizard-start")
    if not wizard.step_allowed(state, step):
        return redirect(_step_url(wizard.first_incomplete_step(state)))
    handler = {
        "project": _project_step,
        "artifacts": _artifacts_step,
        "restrictions": _restrictions_step,
        "review": _review_step,
    }[step]
    return handler(request, state)


def _simple_step(request, state, step, form_class, fields):
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in fields}
            name_changed = data.get("project_name", state.get("project_name"))
            if (
                step == "project"
                and not state.get("editing")
                and ("slug" not in state or name_changed != state.get("project_name"))
            ):
                # The slug is fixed here so the review shows the exact text.
                data["slug"] = new_license_slug(data["project_name"])
            wizard.state_update(request.session, data)
            return redirect(_step_url(wizard.next_step(step)))
    else:
        form = form_class(initial={f: state[f] for f in fields if f in state})
    return render(
        request, f"licenses/wizard/{step}.html", _wizard_context(step, state, form=form)
    )


def _project_step(request, state):
    fields = ["project_name", "licensor", "project_url", "notes", "flavor"]
    return _simple_step(request, state, "project", ProjectForm, fields)


def _artifacts_step(request, state):
    return _simple_step(request, state, "artifacts", ArtifactsForm, ["artifacts"])


def _restrictions_step(request, state):
    offered = offered_clauses(artifacts=state["artifacts"])
    mandatory = {
        c.slug
        for c in mandatory_clauses(flavor=state["flavor"], artifacts=state["artifacts"])
    }
    optional = [c for c in offered if c.slug not in mandatory]
    choices = category_choices()
    saved_custom = state.get("custom_clauses", [])
    if request.method == "POST":
        form = RestrictionsForm(request.POST, offered=optional)
        formset = CustomClauseFormSet(
            request.POST, prefix="custom", form_kwargs={"category_choices": choices}
        )
        if form.is_valid() and formset.is_valid():
            wizard.state_update(
                request.session,
                {
                    "clauses": form.cleaned_data["clauses"],
                    "custom_clauses": formset.cleaned_items(),
                },
            )
            if "add_custom" in request.POST:
                return redirect(_step_url("restrictions") + "#custom")
            return redirect(_step_url("review"))
    else:
        form = RestrictionsForm(
            initial={"clauses": state.get("clauses", [])}, offered=optional
        )
        blanks = 2 if "add_custom" not in request.GET else 3
        initial = saved_custom + [{}] * min(blanks, 10 - len(saved_custom))
        formset = CustomClauseFormSet(
            initial=initial, prefix="custom", form_kwargs={"category_choices": choices}
        )
    selected = set(form["clauses"].value() or [])
    query = request.GET.get("q", "").strip().lower()
    domain_filter = request.GET.get("domain", "")
    groups = []
    for domain in DOMAINS:
        items = [
            {
                "clause": c,
                "locked": c.slug in mandatory,
                "checked": c.slug in mandatory or c.slug in selected,
                "visible": (not domain_filter or domain_filter == domain)
                and (not query or query in f"{c.title} {c.text}".lower()),
            }
            for c in offered
            if c.domain == domain
        ]
        if items:
            groups.append((domain, items))
    context = _wizard_context(
        "restrictions",
        state,
        form=form,
        formset=formset,
        groups=groups,
        domains=[g[0] for g in groups],
        query=query,
        domain_filter=domain_filter,
    )
    return render(request, "licenses/wizard/restrictions.html", context)


def _preview(state: dict) -> tuple[str, dict]:
    """The license as it will be downloaded, or the reasons it cannot be made."""
    draft = wizard.draft_from_state(state)
    try:
        resolved = draft_resolve(draft=draft)
    except ValidationError as exc:
        return "", exc.message_dict
    slug = state.get("editing") or state["slug"]
    number = 1
    if state.get("editing"):
        number = version_get(slug=slug).number + 1
    doc = document_from_resolved(
        resolved=resolved, slug=slug, number=number, issued=timezone.now().date()
    )
    markdown = compose_markdown(doc, template_version=CURRENT_TEMPLATE_VERSION)
    return markdown, {}


def _review_step(request, state):
    markdown, errors = _preview(state)
    if request.method == "POST" and not errors:
        draft = wizard.draft_from_state(state)
        try:
            if state.get("editing"):
                license = get_object_or_404(License, slug=state["editing"])
                version = license_version_create(license=license, draft=draft)
            else:
                version = license_create(draft=draft, slug=state["slug"])
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            wizard.state_reset(request.session)
            messages.success(
                request, f"{version.name} version {version.number} created."
            )
            return redirect(
                "licenses:version", slug=version.license.slug, number=version.number
            )
    draft = wizard.draft_from_state(state)
    context = _wizard_context(
        "review",
        state,
        errors=errors,
        license_html=markdown_to_html(markdown) if markdown else "",
        name=draft and _rail_name_or_blank(draft),
    )
    return render(
        request,
        "licenses/wizard/review.html",
        context,
        status=400 if errors and request.method == "POST" else 200,
    )


def _rail_name_or_blank(draft) -> str:
    from .rendering.document import rail_name

    return rail_name(draft.flavor, draft.artifacts) if draft.artifacts else ""


@require_POST
def wizard_preview(request):
    """Live preview for the restrictions step: the current choices as license HTML.

    Template: licenses/wizard/_preview.html.
    """
    state = wizard.state_get(request.session)
    if "artifacts" not in state or "flavor" not in state:
        return HttpResponse("Complete the first two steps first.", status=400)
    state["clauses"] = request.POST.getlist("clauses")
    formset = CustomClauseFormSet(
        request.POST,
        prefix="custom",
        form_kwargs={"category_choices": category_choices()},
    )
    state["custom_clauses"] = formset.cleaned_items() if formset.is_valid() else []
    markdown, errors = _preview(state)
    return render(
        request,
        "licenses/wizard/_preview.html",
        {
            "license_html": markdown_to_html(markdown) if markdown else "",
            "errors": errors,
        },
    )


@require_GET
def license_index(request):
    """All composed licenses. Template: licenses/list.html."""
    return render(request, "licenses/list.html", {"licenses": license_list()[:200]})


@require_GET
def version_detail(request, slug: str, number: int | None = None):
    """A license version's permalink page. Template: licenses/version.html."""
    version = version_get(slug=slug, number=number)
    permalink = request.build_absolute_uri(
        reverse("licenses:version", args=[slug, version.number])
    )
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
        "badge_url": request.build_absolute_uri(
            reverse("licenses:badge", args=[slug, version.number])
        ),
        "is_latest": version.number == versions[-1][0],
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
    response = HttpResponse(version_download(version, fmt), content_type=content_type)
    if fmt != "html" or request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="{slug}-v{number}.{extension}"'
        )
    response["X-License-Checksum"] = version.checksum
    return response


@require_GET
def version_badge(request, slug: str, number: int):
    version = version_get(slug=slug, number=number)
    svg = badge_svg(label="license", value=f"{version.name} v{version.number}")
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def version_qr(request, slug: str, number: int):
    version_get(slug=slug, number=number)
    permalink = request.build_absolute_uri(
        reverse("licenses:version", args=[slug, number])
    )
    return HttpResponse(qr_svg(permalink), content_type="image/svg+xml")


@require_GET
def version_compare(request, slug: str, old: int, new: int):
    """Differences between two versions. Template: licenses/diff.html."""
    old_version = version_get(slug=slug, number=old)
    new_version = version_get(slug=slug, number=new)
    return render(
        request,
        "licenses/diff.html",
        {
            "old": old_version,
            "new": new_version,
            "diff": version_diff(old_version, new_version),
        },
    )


@require_POST
def license_edit(request, slug: str):
    """Start the wizard from the latest version; finishing it adds a new version."""
    version = version_get(slug=slug)
    wizard.state_reset(request.session, initial=wizard.state_from_version(version))
    return redirect(_step_url("project"))
