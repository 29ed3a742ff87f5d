"""Composer wizard: steps, live preview and the resume page (validate, call, render)."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from .. import edit_keys, wizard
from ..forms import (
    ArtifactsForm,
    CustomClauseFormSet,
    ProjectForm,
    RestrictionsForm,
    category_choices,
)
from ..models import License
from ..rendering.document import rail_name
from ..rendering.html import markdown_to_html
from ..rendering.markdown import CURRENT_TEMPLATE_VERSION, compose_markdown
from ..restriction_list import ClauseFilter, clause_list
from ..selectors import version_get
from ..services import (
    MAX_CUSTOM_CLAUSES,
    clause_is_mandatory,
    document_from_resolved,
    draft_resolve,
    license_create,
    license_version_create,
    new_license_slug,
    offered_clauses,
)
from ..throttling import create_wait


def _step_url(step: str, params: dict | None = None, anchor: str = "") -> str:
    url = reverse("licenses:wizard-step", args=[step])
    return url + (f"?{urlencode(params)}" if params else "") + anchor


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


@require_http_methods(["GET", "POST"])
def wizard_start(request):
    """Start a fresh license, or offer to continue the one in progress.

    GET with nothing in progress (and POST, from the offer) starts afresh.
    Template: licenses/wizard/resume.html (context: state, resume_url).
    """
    state = wizard.state_get(request.session)
    if request.method == "GET" and wizard.in_progress(state):
        resume_url = _step_url(wizard.first_incomplete_step(state))
        return render(
            request,
            "licenses/wizard/resume.html",
            {"state": state, "resume_url": resume_url},
        )
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


def _anchor(bound) -> str:
    # A group of radios or boxes is reached through its first input.
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        subwidgets = bound.subwidgets
        if subwidgets:
            return f"#{subwidgets[0].id_for_label}"
    return f"#{bound.id_for_label}"


def _field_errors(form) -> list[tuple[str, str]]:
    """(message, anchor) pairs for an error summary, in field order."""
    return [
        (error, _anchor(form[name]))
        for name in form.fields
        for error in form.errors.get(name, [])
    ]


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
    context = _wizard_context(step, state, form=form, error_summary=_field_errors(form))
    return render(request, f"licenses/wizard/{step}.html", context)


def _project_step(request, state):
    fields = ["project_name", "licensor", "project_url", "notes", "flavor"]
    return _simple_step(request, state, "project", ProjectForm, fields)


def _artifacts_step(request, state):
    return _simple_step(request, state, "artifacts", ArtifactsForm, ["artifacts"])


def _custom_errors(formset) -> list[tuple[str, str]]:
    errors = [(e, "#custom") for e in formset.non_form_errors()]
    for number, row in enumerate(formset.forms, start=1):
        errors += [
            (f"Your restriction {number}: {message}", anchor)
            for message, anchor in _field_errors(row)
        ]
    return errors


def _restrictions_step(request, state):
    flavor, artifacts = state["flavor"], state["artifacts"]
    offered = offered_clauses(artifacts=artifacts)
    mandatory = {
        c.slug
        for c in offered
        if clause_is_mandatory(c, flavor=flavor, artifacts=artifacts)
    }
    optional = [c for c in offered if c.slug not in mandatory]
    optional_slugs = {c.slug for c in optional}
    form_kwargs = {"category_choices": category_choices()}
    if request.method == "POST":
        form = RestrictionsForm(request.POST, offered=optional)
        formset = CustomClauseFormSet(
            request.POST, prefix="custom", form_kwargs=form_kwargs
        )
        action = request.POST.get("action", "review")
        clause_filter = ClauseFilter.from_data(request.POST)
        if action == "clear_filter":
            clause_filter = ClauseFilter()
        if form.is_valid() and formset.is_valid():
            wizard.state_update(
                request.session,
                {
                    "clauses": form.cleaned_data["clauses"],
                    "custom_clauses": formset.cleaned_items(),
                },
            )
            # Filtering saves first, so no tick or typed text is lost.
            if action == "filter":
                return redirect(_step_url("restrictions", clause_filter.params))
            if action == "clear_filter":
                return redirect(_step_url("restrictions"))
            if action == "add_custom":
                return redirect(
                    _step_url("restrictions", clause_filter.params, "#custom")
                )
            return redirect(_step_url("review"))
        preview_custom = formset.valid_items()
        summary_intro = (
            "before you continue" if action == "review" else "to save your choices"
        )
    else:
        summary_intro = ""
        clause_filter = ClauseFilter.from_data(request.GET)
        form = RestrictionsForm(
            initial={"clauses": state.get("clauses", [])}, offered=optional
        )
        saved_custom = state.get("custom_clauses", [])
        blank = [{}] if len(saved_custom) < MAX_CUSTOM_CLAUSES else []
        formset = CustomClauseFormSet(
            initial=saved_custom + blank, prefix="custom", form_kwargs=form_kwargs
        )
        preview_custom = saved_custom
    selected = [s for s in (form["clauses"].value() or []) if s in optional_slugs]
    clauses = clause_list(
        offered=offered,
        mandatory=mandatory,
        selected=set(selected),
        clause_filter=clause_filter,
    )
    markdown, preview_errors = _preview(
        {**state, "clauses": selected, "custom_clauses": preview_custom}
    )
    error_summary = [(e, "#clause-list") for e in form.errors.get("clauses", [])]
    error_summary += _custom_errors(formset)
    context = _wizard_context(
        "restrictions",
        state,
        form=form,
        formset=formset,
        clauses=clauses,
        groups=[(g, clauses.is_open(g)) for g in clauses.groups],
        clause_filter=clause_filter,
        custom_count=len(preview_custom),
        max_custom=MAX_CUSTOM_CLAUSES,
        error_summary=error_summary,
        summary_intro=summary_intro,
        license_html=markdown_to_html(markdown) if markdown else "",
        errors=preview_errors,
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
        number = version_get(slug=slug, with_clauses=False).number + 1
    doc = document_from_resolved(
        resolved=resolved, slug=slug, number=number, issued=timezone.now().date()
    )
    markdown = compose_markdown(doc, template_version=CURRENT_TEMPLATE_VERSION)
    return markdown, {}


def _review_step(request, state):
    markdown, errors = _preview(state)
    retry_after = None
    if request.method == "POST" and not errors:
        retry_after = create_wait(request)
    if request.method == "POST" and not errors and retry_after is None:
        draft = wizard.draft_from_state(state)
        try:
            if state.get("editing"):
                license = get_object_or_404(License, slug=state["editing"])
                if not edit_keys.may_edit(
                    user=request.user, session=request.session, license=license
                ):
                    return redirect("licenses:edit", slug=license.slug)
                version = license_version_create(license=license, draft=draft)
            else:
                version = license_create(draft=draft, slug=state["slug"])
                edit_keys.session_grant(request.session, version.license.slug)
                edit_keys.show_once(
                    request.session, version.license.slug, version.edit_key
                )
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
        retry_after=retry_after,
        retry_minutes=-(-retry_after // 60) if retry_after else None,
        license_html=markdown_to_html(markdown) if markdown else "",
        name=rail_name(draft.flavor, draft.artifacts) if draft.artifacts else "",
    )
    status = 200
    if request.method == "POST" and errors:
        status = 400
    elif retry_after:
        status = 429
    response = render(request, "licenses/wizard/review.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_POST
def wizard_preview(request):
    """Live preview for the restrictions step: the current choices as license HTML.

    Complete custom restrictions show even while another row is still invalid.
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
    state["custom_clauses"] = formset.valid_items()
    markdown, errors = _preview(state)
    return render(
        request,
        "licenses/wizard/_preview.html",
        {
            "license_html": markdown_to_html(markdown) if markdown else "",
            "errors": errors,
        },
    )
