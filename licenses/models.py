"""Composed licenses: a license has immutable, reproducible versions."""

from django.db import models

from clauses.models import Category, ClauseVersion
from clauses.vocabulary import FLAVORS


class License(models.Model):
    # One stable slug per license: permalink, Hub `license_name`, and the
    # identification line `railtrack:<slug>:v<n>` all use it.
    slug = models.SlugField(max_length=64, unique=True)
    # SHA-256 of the author's edit key (licenses.edit_keys); empty: staff only.
    edit_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.slug


class LicenseVersion(models.Model):
    license = models.ForeignKey(
        License, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    project_name = models.CharField(max_length=120)
    licensor = models.CharField(max_length=200)
    project_url = models.URLField(max_length=300, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    flavor = models.CharField(max_length=20, choices=[(f, f) for f in FLAVORS])
    artifacts = models.JSONField()
    name = models.CharField(max_length=40)  # RAIL name, e.g. OpenRAIL-MS
    template_version = models.CharField(max_length=10)
    markdown = models.TextField()
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    clause_versions = models.ManyToManyField(
        ClauseVersion, through="ChosenClause", related_name="license_versions"
    )

    class Meta:
        ordering = ["license_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["license", "number"], name="unique_license_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.license.slug} v{self.number}"

    @property
    def license_id_line(self) -> str:
        return f"railtrack:{self.license.slug}:v{self.number}"


class ChosenClause(models.Model):
    license_version = models.ForeignKey(
        LicenseVersion, on_delete=models.CASCADE, related_name="chosen"
    )
    clause_version = models.ForeignKey(ClauseVersion, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["license_version_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["license_version", "clause_version"],
                name="unique_chosen_clause",
            )
        ]

    def __str__(self) -> str:
        return f"{self.license_version} #{self.position}"


class CustomClause(models.Model):
    license_version = models.ForeignKey(
        LicenseVersion, on_delete=models.CASCADE, related_name="custom_clauses"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField(max_length=600)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["license_version_id", "position"]

    def __str__(self) -> str:
        return f"{self.license_version} custom #{self.position}"
