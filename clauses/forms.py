"""Admin forms: checkboxes for artifacts and flavors, one cue or alias per line."""

from django import forms

from .loaders import normalise_phrases, normalise_text
from .models import Clause, KnownLicense
from .vocabulary import ARTIFACT_LABELS, ARTIFACTS, FLAVORS


class LinesField(forms.CharField):
    """A list of short texts edited as a textarea, one entry per line."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 80})

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class ClauseAdminForm(forms.ModelForm):
    artifacts = forms.MultipleChoiceField(
        choices=[(a, ARTIFACT_LABELS[a]) for a in ARTIFACTS],
        widget=forms.CheckboxSelectMultiple,
        help_text="What the clause applies to.",
    )
    mandatory_in = forms.MultipleChoiceField(
        choices=[(f, f) for f in FLAVORS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Mandatory in",
        help_text="Flavors in which the clause is preselected and locked.",
    )
    cues = LinesField(
        help_text="Phrases a license text uses for this restriction, one per line "
        "(3 to 12); matched case-insensitively.",
    )

    class Meta:
        model = Clause
        fields = [
            "slug",
            "title",
            "category",
            "domain",
            "text",
            "status",
            "artifacts",
            "mandatory_in",
            "provenance",
            "cues",
        ]

    def clean_text(self) -> str:
        return normalise_text(self.cleaned_data["text"])

    def clean_artifacts(self) -> list[str]:
        chosen = set(self.cleaned_data["artifacts"])
        return [a for a in ARTIFACTS if a in chosen]

    def clean_mandatory_in(self) -> list[str]:
        chosen = set(self.cleaned_data["mandatory_in"])
        return [f for f in FLAVORS if f in chosen]

    def clean_cues(self) -> list[str]:
        return normalise_phrases(self.cleaned_data["cues"])


class KnownLicenseAdminForm(forms.ModelForm):
    aliases = LinesField(
        required=False,
        help_text="license_name values seen on the Hub, one per line.",
    )
    url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    links = LinesField(
        required=False,
        help_text="Parts of license_link URLs that identify this license, one per "
        "line (without https://).",
    )

    class Meta:
        model = KnownLicense
        fields = [
            "key",
            "name",
            "family",
            "on_hub_list",
            "propagates_restrictions",
            "categories",
            "aliases",
            "links",
            "url",
        ]

    def clean_aliases(self) -> list[str]:
        return normalise_phrases(self.cleaned_data["aliases"])

    def clean_links(self) -> list[str]:
        return normalise_phrases(self.cleaned_data["links"])
