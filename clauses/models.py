"""Clause library: categories, clauses with immutable versions, known licenses."""

from django.db import models

from .fields import ListField
from .validators import (
    validate_artifacts,
    validate_cues,
    validate_flavors,
    validate_phrases,
)
from .vocabulary import CATEGORY_GROUPS, CLAUSE_STATUSES, DOMAINS, FAMILIES


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


class Category(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField()
    group = models.CharField(max_length=20, choices=_choices(CATEGORY_GROUPS))
    position = models.PositiveSmallIntegerField(default=0)
    # The YAML record as of the last load_library run (None: never loaded from
    # the fixtures). Comparing it with the YAML tells which fields the fixtures
    # changed since, so edits made in the admin to other fields are kept.
    fixture_state = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.key

    @property
    def is_behavioral(self) -> bool:
        return self.group != "mechanics"


class KnownLicense(models.Model):
    # Hub identifiers include dots and plus signs (llama3.1, openrail++).
    key = models.CharField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    family = models.CharField(max_length=30, choices=_choices(FAMILIES), db_index=True)
    on_hub_list = models.BooleanField(default=False)
    propagates_restrictions = models.BooleanField(default=False)
    categories = models.ManyToManyField(Category, blank=True, related_name="licenses")
    aliases = ListField(default=list, blank=True, validators=[validate_phrases])
    links = ListField(default=list, blank=True, validators=[validate_phrases])
    url = models.URLField(max_length=500, blank=True)
    # The YAML record as last loaded; see Category.fixture_state.
    fixture_state = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["key"]
        verbose_name = "known license"

    def __str__(self) -> str:
        return self.key


class Clause(models.Model):
    """The current state of a clause; every rendered state is kept as a version."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=160)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    domain = models.CharField(max_length=30, choices=_choices(DOMAINS), db_index=True)
    text = models.TextField()
    version = models.PositiveIntegerField(default=1)
    artifacts = ListField(default=list, validators=[validate_artifacts])
    mandatory_in = ListField(default=list, blank=True, validators=[validate_flavors])
    provenance = models.ManyToManyField(
        KnownLicense, blank=True, related_name="equivalent_clauses"
    )
    cues = ListField(default=list, validators=[validate_cues])
    status = models.CharField(
        max_length=10, choices=_choices(CLAUSE_STATUSES), default="draft"
    )
    # The YAML record as last loaded; see Category.fixture_state.
    fixture_state = models.JSONField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["domain", "slug"]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class ClauseVersion(models.Model):
    """An immutable snapshot of what a clause said; stored licenses point here."""

    clause = models.ForeignKey(
        Clause, on_delete=models.PROTECT, related_name="versions"
    )
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=160)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    domain = models.CharField(max_length=30)
    text = models.TextField()
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clause_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause", "version"], name="unique_clause_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.clause.slug} v{self.version}"
