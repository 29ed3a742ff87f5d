"""Model-level checks for the list-valued clause and catalog fields."""

from django.core.exceptions import ValidationError

from .vocabulary import ARTIFACTS, FLAVORS

# Detection needs a few wordings per restriction; more than a dozen means the
# clause covers more than one restriction and should be split.
MIN_CUES, MAX_CUES = 3, 12
MAX_CUE_LENGTH = 120


def _text_list(value, *, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(
            f'Enter a list of {what}, e.g. ["a", "b"].', code="not_a_list"
        )
    if len(set(value)) != len(value):
        raise ValidationError(f"Each of the {what} may appear only once.", code="dup")
    return value


def _choices(value, allowed: tuple[str, ...], what: str) -> None:
    unknown = [v for v in _text_list(value, what=what) if v not in allowed]
    if unknown:
        raise ValidationError(
            "Unknown %(what)s: %(unknown)s; choose from %(allowed)s.",
            code="unknown_value",
            params={
                "what": what,
                "unknown": ", ".join(unknown),
                "allowed": ", ".join(allowed),
            },
        )


def validate_artifacts(value) -> None:
    """A non-empty list of artifact keys (data, application, model, source_code)."""
    _choices(value, ARTIFACTS, "artifacts")
    if not value:
        raise ValidationError("Choose at least one artifact.", code="required")


def validate_flavors(value) -> None:
    """A list of flavors (OpenRAIL, RAIL, ResearchRAIL); may be empty."""
    _choices(value, FLAVORS, "flavors")


def validate_cues(value) -> None:
    """3 to 12 different detection phrases of at most 120 characters each."""
    cues = _text_list(value, what="cues")
    if any(not c.strip() or len(c) > MAX_CUE_LENGTH for c in cues):
        raise ValidationError(
            f"Each cue must be 1 to {MAX_CUE_LENGTH} characters.", code="length"
        )
    if not MIN_CUES <= len(cues) <= MAX_CUES:
        raise ValidationError(
            f"Give {MIN_CUES} to {MAX_CUES} cues (one per line); got {len(cues)}.",
            code="count",
        )


def validate_phrases(value) -> None:
    """A list of different, non-empty text values (catalog aliases and links)."""
    if any(not v.strip() for v in _text_list(value, what="values")):
        raise ValidationError("Empty values are not allowed.", code="empty")
