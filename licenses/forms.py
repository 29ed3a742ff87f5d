"""One plain Django form per composer step; fields normalise their input."""

from django import forms
from django.core.validators import URLValidator

from clauses.models import Category, Clause
from clauses.vocabulary import ARTIFACT_LABELS, ARTIFACTS, FLAVORS

from .rendering.safe import paragraphs
from .services import (
    CUSTOM_CLAUSE_MAX_LENGTH,
    CUSTOM_CLAUSE_MIN_LENGTH,
    MAX_CUSTOM_CLAUSES,
)

FLAVOR_HELP = {
    "OpenRAIL": "Free use and redistribution, subject to the use restrictions.",
    "RAIL": "Use restrictions; no royalty-free or modification guarantee.",
    "ResearchRAIL": "Research and academic use only.",
}


def _too_long(what: str, limit: int) -> str:
    return f"Keep {what} to {limit:,} characters (it has %(show_value)d)."


class WebURLField(forms.URLField):
    """A URL that can only be http or https."""

    default_validators = [URLValidator(schemes=["http", "https"])]


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


class ProjectForm(forms.Form):
    project_name = forms.CharField(
        label="Project or artifact name",
        max_length=120,
        strip=True,
        error_messages={
            "required": "Give the project a name, e.g. Aurora Vision.",
            "max_length": _too_long("the name", 120),
        },
    )
    licensor = forms.CharField(
        label="Licensor",
        max_length=200,
        help_text="Person or organisation.",
        error_messages={
            "required": "Name the person or organisation that grants the license.",
            "max_length": _too_long("the licensor", 200),
        },
    )
    project_url = WebURLField(
        label="Project URL",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address starting with http:// or https://, "
            "e.g. https://example.org/model.",
            "max_length": _too_long("the URL", 300),
        },
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        help_text="Shown under the title. Separate paragraphs with a blank line.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _too_long("the notes", 2000)},
    )
    flavor = forms.ChoiceField(
        label="License flavor",
        choices=[(f, f"{f}: {FLAVOR_HELP[f]}") for f in FLAVORS],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a license flavor: OpenRAIL, RAIL or ResearchRAIL.",
            "invalid_choice": "Choose one of the three flavors.",
        },
    )

    def clean_project_name(self):
        name = _one_line(self.cleaned_data["project_name"])
        if not name:
            raise forms.ValidationError("Give the project a name, e.g. Aurora Vision.")
        return name

    def clean_licensor(self):
        licensor = _one_line(self.cleaned_data["licensor"])
        if not licensor:
            raise forms.ValidationError(
                "Name the person or organisation that grants the license."
            )
        return licensor

    def clean_notes(self):
        # Paragraphs survive; each is folded to one line and made inert later.
        return "\n\n".join(paragraphs(self.cleaned_data["notes"]))


class ArtifactsForm(forms.Form):
    artifacts = forms.MultipleChoiceField(
        label="Artifacts",
        choices=[(a, ARTIFACT_LABELS[a]) for a in ARTIFACTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one artifact.",
            "invalid_choice": "'%(value)s' is not one of the artifacts listed.",
        },
    )

    def clean_artifacts(self):
        chosen = set(self.cleaned_data["artifacts"])
        return [a for a in ARTIFACTS if a in chosen]


class RestrictionsForm(forms.Form):
    """Optional clauses; the flavor's mandatory ones are added by the service."""

    clauses = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "'%(value)s' is not a restriction you can choose "
            "for these artifacts."
        },
    )

    def __init__(self, *args, offered: list[Clause], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clauses"].choices = [(c.slug, c.title) for c in offered]


class CustomClauseForm(forms.Form):
    text = forms.CharField(
        label="Restriction in your own words",
        required=False,
        max_length=CUSTOM_CLAUSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _too_long("a restriction", CUSTOM_CLAUSE_MAX_LENGTH)
        },
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        error_messages={"invalid_choice": "Choose a category from the list."},
    )

    def __init__(self, *args, category_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category")] + category_choices

    def clean(self):
        data = super().clean()
        # A field that already failed gets no second, contradictory message.
        if "text" in self.errors or "category" in self.errors:
            return data
        text = _one_line(data.get("text", ""))
        category = data.get("category")
        if text and len(text) < CUSTOM_CLAUSE_MIN_LENGTH:
            self.add_error(
                "text",
                f"Write at least {CUSTOM_CLAUSE_MIN_LENGTH} characters, or clear it.",
            )
        if text and not category:
            self.add_error(
                "category", "Choose the category this restriction belongs to."
            )
        if category and not text:
            self.add_error("text", "Write the restriction, or clear its category.")
        data["text"] = text
        return data


class BaseCustomClauseFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": "You can add at most %(num)d restrictions of your own.",
    }

    def cleaned_items(self) -> list[dict[str, str]]:
        return [
            {"text": f.cleaned_data["text"], "category": f.cleaned_data["category"]}
            for f in self.forms
            if f.cleaned_data.get("text")
        ]

    def valid_items(self) -> list[dict[str, str]]:
        """The rows that are complete and valid, even while other rows are not."""
        return [
            {"text": f.cleaned_data["text"], "category": f.cleaned_data["category"]}
            for f in self.forms
            if not f.errors and f.cleaned_data.get("text")
        ]


def category_choices() -> list[tuple[str, str]]:
    return [(c.key, c.name) for c in Category.objects.all()]


CustomClauseFormSet = forms.formset_factory(
    CustomClauseForm,
    formset=BaseCustomClauseFormSet,
    extra=0,
    max_num=MAX_CUSTOM_CLAUSES,
    validate_max=True,
    absolute_max=MAX_CUSTOM_CLAUSES,
)
