"""Analytics rollups: small precomputed tables the analytics pages read."""

from django.db import models

# Notes on the rollup tables:
# They are rebuilt by tracker.rollups.rollups_refresh(); the analytics
# pages and API aggregate over them instead of over millions of models.
# `month` is "YYYY-MM" of creation, "" when undated or only a floor date.
# `kind` classes a license: restricted (behavioral-use), permissive (a known
# license without behavioral categories or propagation), unknown, undeclared.


class LicenseClass(models.Model):
    """A distinct declared (tag, name, link) and what it resolves to."""

    declared_license = models.CharField(max_length=100, blank=True)
    license_name = models.CharField(max_length=200, blank=True)
    license_link = models.CharField(max_length=500, blank=True)
    key = models.CharField(max_length=120)
    family = models.CharField(max_length=30)
    behavioral = models.BooleanField(default=False)
    propagates = models.BooleanField(default=False)
    kind = models.CharField(max_length=12)

    class Meta:
        verbose_name = "license class"
        verbose_name_plural = "license classes"
        constraints = [
            models.UniqueConstraint(
                fields=["declared_license", "license_name", "license_link"],
                name="licenseclass_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.declared_license or 'none'} → {self.key} ({self.kind})"


class AdoptionCell(models.Model):
    """Models per month × pipeline tag × declared tag × resolved license."""

    month = models.CharField(max_length=7, blank=True)
    pipeline_tag = models.CharField(max_length=64, blank=True)
    declared = models.CharField(max_length=100)  # tag as given, "none"
    key = models.CharField(max_length=120)
    family = models.CharField(max_length=30)
    kind = models.CharField(max_length=12)
    total = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "adoption cell"

    def __str__(self) -> str:
        return f"{self.month} {self.pipeline_tag} {self.key}: {self.total}"


class DerivativeCell(models.Model):
    """Derivatives (each counted once) by their own license and their parents."""

    month = models.CharField(max_length=7, blank=True)
    pipeline_tag = models.CharField(max_length=64, blank=True)
    key = models.CharField(max_length=120)
    family = models.CharField(max_length=30)
    kind = models.CharField(max_length=12)
    # Bit per relation the derivative has (tracker.analytics.RELATION_BITS).
    relations = models.PositiveSmallIntegerField()
    # Some imported parent's license propagates its restrictions.
    restricted = models.BooleanField()
    total = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "derivative cell"

    def __str__(self) -> str:
        return f"{self.month} {self.key} ({self.kind}): {self.total}"


class FamilyDriftCell(models.Model):
    """Derivatives counted once per base-model (parent) license family."""

    parent_family = models.CharField(max_length=30)
    restricted = models.BooleanField()
    month = models.CharField(max_length=7, blank=True)
    pipeline_tag = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=12)  # the child's
    relations = models.PositiveSmallIntegerField()
    total = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "family drift cell"

    def __str__(self) -> str:
        return f"{self.parent_family} → {self.kind}: {self.total}"


class TransitionCell(models.Model):
    """Lineage edges by relation, parent license and child license."""

    relation = models.CharField(max_length=10)
    parent_key = models.CharField(max_length=120)  # "not-imported" when absent
    parent_family = models.CharField(max_length=30)
    parent_kind = models.CharField(max_length=12)
    child_key = models.CharField(max_length=120)
    child_family = models.CharField(max_length=30)
    child_kind = models.CharField(max_length=12)
    month = models.CharField(max_length=7, blank=True)  # the child's
    pipeline_tag = models.CharField(max_length=64, blank=True)  # the child's
    edges = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "transition cell"

    def __str__(self) -> str:
        return f"{self.parent_key} -{self.relation}-> {self.child_key}: {self.edges}"


class ConfigurationCell(models.Model):
    """How many licenses carry one clause (or category) set, per quarter."""

    source = models.CharField(max_length=10)  # authored | hub
    level = models.CharField(max_length=10)  # clause | category
    quarter = models.CharField(max_length=7, blank=True)  # "2024Q3", "" undated
    items = models.TextField()  # sorted keys joined by ","; "" for none
    licenses = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "configuration cell"

    def __str__(self) -> str:
        return f"{self.source} {self.quarter} {self.items}: {self.licenses}"


class AuthorCell(models.Model):
    """Every author's models, and how many are behavioral-use (no filters)."""

    author = models.CharField(max_length=100)
    total = models.PositiveBigIntegerField()
    behavioral = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["-total", "author"]
        verbose_name = "author cell"
        indexes = [models.Index(fields=["-total", "author"], name="authorcell_top")]

    def __str__(self) -> str:
        return f"{self.author}: {self.total}"


class AuthorFacetCell(models.Model):
    """Models per author × month × pipeline tag × license family, for filters."""

    author = models.CharField(max_length=100)
    month = models.CharField(max_length=7, blank=True)
    pipeline_tag = models.CharField(max_length=64, blank=True)
    family = models.CharField(max_length=30)
    total = models.PositiveBigIntegerField()
    behavioral = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "author facet cell"
        # Tag and family reads come from AuthorRankCell. A dated read sums
        # its candidate authors' rows (by author), or scans the months it
        # asks for in an index that holds the counts too, not the table.
        indexes = [
            models.Index(
                fields=["month", "author", "total", "behavioral"],
                name="authorfacet_month_counts",
            ),
            models.Index(fields=["author"], name="authorfacet_author"),
        ]

    def __str__(self) -> str:
        return f"{self.author} {self.month} {self.pipeline_tag}: {self.total}"


class AuthorRankCell(models.Model):
    """The top authors per pipeline tag, per family and per tag × family.

    Kept to RANKED_AUTHORS (tracker.rollups.cubes) per facet value: the
    by-author table of a tag or family filter is read off here, in rank order,
    instead of grouping the author facets at every request.
    """

    FACETS = ("tag", "family", "tag_family")

    facet = models.CharField(max_length=10)
    pipeline_tag = models.CharField(max_length=64, blank=True)  # "" for family
    family = models.CharField(max_length=30, blank=True)  # "" for tag
    rank = models.PositiveIntegerField()  # 1 = most models; ties by author
    author = models.CharField(max_length=100)
    total = models.PositiveBigIntegerField()
    behavioral = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "author rank cell"
        indexes = [
            models.Index(
                fields=["facet", "pipeline_tag", "family", "rank"],
                name="authorrank_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.pipeline_tag}{self.family} #{self.rank}"


class TransitionPairCell(models.Model):
    """Transition cells summed over months and tags: the undated reads."""

    relation = models.CharField(max_length=10)
    parent_key = models.CharField(max_length=120)
    parent_family = models.CharField(max_length=30)
    child_key = models.CharField(max_length=120)
    child_kind = models.CharField(max_length=12)
    edges = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "transition pair cell"

    def __str__(self) -> str:
        return f"{self.parent_key} -{self.relation}-> {self.child_key}: {self.edges}"


class Analytics(models.Model):
    """The rollups' state: one row, with the few figures kept whole as JSON."""

    refreshed_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    headline = models.JSONField(default=dict, blank=True)
    convergence = models.JSONField(default=dict, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    # What the cubes were built from (tracker.rollups.inputs): a refresh
    # rebuilds only the groups of cubes whose inputs changed since.
    inputs = models.JSONField(default=dict, blank=True)
    # Per group of cubes: rebuilt or not, and how long it took.
    groups = models.JSONField(default=dict, blank=True)
    # The values the filters accept (pipeline tags, families, months).
    choices = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "analytics"
        verbose_name_plural = "analytics"

    def __str__(self) -> str:
        return f"analytics refreshed {self.refreshed_at}"
