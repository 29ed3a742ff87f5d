"""How each model's license was resolved, its clauses and nearest configurations."""

from django.db import models

from .hub import HubModel


class ModelLicense(models.Model):
    """How a model's license was resolved (issue 5); one row per Hub model."""

    model = models.OneToOneField(
        HubModel, on_delete=models.CASCADE, primary_key=True, related_name="resolution"
    )
    # Catalog key, "railtrack:<slug>" for licenses composed here, or
    # "unknown" / "undeclared".
    key = models.CharField(max_length=120, db_index=True)
    family = models.CharField(max_length=30, db_index=True)
    method = models.CharField(max_length=10)  # tag|name|link|text|generated|none
    confidence = models.FloatField()
    # Under a behavioral-use license: a catalog license with a behavioral
    # category or restrictions-propagate, or a license composed here.
    behavioral = models.BooleanField(default=False)
    propagates = models.BooleanField(default=False)
    license_version = models.ForeignKey(
        "licenses.LicenseVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopters",
    )
    # The HubModel.license_inputs_hash this answer was computed from; a
    # mismatch (or an older resolver) marks the row for recomputation.
    inputs_hash = models.CharField(max_length=32)
    resolver_version = models.PositiveSmallIntegerField(default=1)
    # Digest of the catalog, the clause library and the licenses composed here
    # when the row was computed; when they change, every row is recomputed.
    catalog_hash = models.CharField(max_length=32, blank=True, default="")
    matched_at = models.DateTimeField()

    class Meta:
        verbose_name = "model license"

    def __str__(self) -> str:
        return f"{self.model_id}: {self.key} ({self.method})"


class ClauseMatch(models.Model):
    """A restriction category found in a model's license text, with evidence."""

    model = models.ForeignKey(
        HubModel, on_delete=models.CASCADE, related_name="clause_matches"
    )
    category = models.CharField(max_length=64, db_index=True)
    clause = models.ForeignKey(
        "clauses.Clause", on_delete=models.SET_NULL, null=True, blank=True
    )
    score = models.FloatField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    evidence = models.CharField(max_length=500)

    class Meta:
        ordering = ["model", "-score"]
        verbose_name_plural = "clause matches"

    def __str__(self) -> str:
        return f"{self.model_id}: {self.category} ({self.score:.2f})"


class ConfigurationMatch(models.Model):
    """A license composed here that a model adopted (exact) or resembles."""

    model = models.ForeignKey(
        HubModel, on_delete=models.CASCADE, related_name="configuration_matches"
    )
    license_version = models.ForeignKey(
        "licenses.LicenseVersion", on_delete=models.CASCADE, related_name="hub_matches"
    )
    exact = models.BooleanField(default=False)
    category_jaccard = models.FloatField()
    clause_jaccard = models.FloatField()
    # What the model's clause set was: found in its license text, the adopted
    # license's own (no text to analyse), or the catalog entry of its license.
    basis = models.CharField(
        max_length=10,
        choices=[("text", "text"), ("adopted", "adopted"), ("catalog", "catalog")],
        default="text",
    )

    class Meta:
        ordering = ["model", "-exact", "-category_jaccard"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "license_version"], name="configurationmatch_unique"
            )
        ]

    def __str__(self) -> str:
        kind = "adopts" if self.exact else "resembles"
        return f"{self.model_id} {kind} {self.license_version_id}"


class CatalogConfigurationMatch(models.Model):
    """A license composed here that resembles a catalog license.

    Models resolved to that catalog license by tag, name or link (no text to
    analyse) share these, with the catalog entry's categories as their clause
    set; one row per (key, version) instead of one per model.
    """

    key = models.CharField(max_length=120, db_index=True)
    license_version = models.ForeignKey(
        "licenses.LicenseVersion",
        on_delete=models.CASCADE,
        related_name="catalog_matches",
    )
    category_jaccard = models.FloatField()
    clause_jaccard = models.FloatField()

    class Meta:
        ordering = ["key", "-category_jaccard", "-clause_jaccard"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "license_version"],
                name="catalogconfigurationmatch_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} resembles {self.license_version_id}"
