"""Composer wizard: step order and session-held progress (no ORM here)."""

from typing import Any

from .services import CustomDraft, LicenseDraft

STEPS = ("project", "artifacts", "restrictions", "review")
STEP_TITLES = {
    "project": "Project",
    "artifacts": "Artifacts",
    "restrictions": "Restrictions",
    "review": "Review",
}
SESSION_KEY = "license_wizard"
# Which saved keys show that a step is complete.
_REQUIRED = {"project": "flavor", "artifacts": "artifacts", "restrictions": "clauses"}


def state_get(session) -> dict[str, Any]:
    return dict(session.get(SESSION_KEY) or {})


def state_reset(session, *, initial: dict[str, Any] | None = None) -> None:
    session[SESSION_KEY] = dict(initial or {})


def state_update(session, data: dict[str, Any]) -> dict[str, Any]:
    state = state_get(session)
    state.update(data)
    session[SESSION_KEY] = state
    return state


def in_progress(state: dict[str, Any]) -> bool:
    """Something typed or chosen that starting afresh would throw away."""
    return bool(state.get("editing") or state.get("project_name"))


def first_incomplete_step(state: dict[str, Any]) -> str:
    for step in STEPS[:-1]:
        if _REQUIRED[step] not in state:
            return step
    return "review"


def step_allowed(state: dict[str, Any], step: str) -> bool:
    """A step can be opened once every earlier step is complete."""
    return STEPS.index(step) <= STEPS.index(first_incomplete_step(state))


def next_step(step: str) -> str:
    return STEPS[min(STEPS.index(step) + 1, len(STEPS) - 1)]


def previous_step(step: str) -> str | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def draft_from_state(state: dict[str, Any]) -> LicenseDraft:
    return LicenseDraft(
        project_name=state.get("project_name", ""),
        licensor=state.get("licensor", ""),
        project_url=state.get("project_url", ""),
        notes=state.get("notes", ""),
        flavor=state.get("flavor", ""),
        artifacts=tuple(state.get("artifacts", ())),
        clause_slugs=tuple(state.get("clauses", ())),
        custom_clauses=tuple(
            CustomDraft(text=c["text"], category=c["category"])
            for c in state.get("custom_clauses", ())
        ),
    )


def state_from_version(version) -> dict[str, Any]:
    """Wizard state that reproduces a stored version, for editing it."""
    return {
        "started": True,
        "editing": version.license.slug,
        "project_name": version.project_name,
        "licensor": version.licensor,
        "project_url": version.project_url,
        "notes": version.notes,
        "flavor": version.flavor,
        "artifacts": list(version.artifacts),
        "clauses": [c.clause_version.clause.slug for c in version.chosen.all()],
        "custom_clauses": [
            {"text": c.text, "category": c.category.key}
            for c in version.custom_clauses.all()
        ],
    }
