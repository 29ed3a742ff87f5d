"""Hub models, their lineage edges, and the import runs that brought them in."""

from django.db import models

from .importers.records import EDGE_SOURCE_LISTING, RELATIONS


class ImportRun(models.Model):
    """One import (files or a live sync); its counts are the sum of its chunks."""

    class Status(models.TextChoices):
        RUNNING = "running"
        INTERRUPTED = "interrupted"
        FAILED = "failed"
        SUCCEEDED = "succeeded"

    source = models.CharField(max_length=20)  # "files" or "hub-api"
    format = models.CharField(max_length=200, blank=True)
    paths = models.JSONField(default=list, blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.RUNNING, db_index=True
    )
    read = models.PositiveBigIntegerField(default=0)
    created = models.PositiveBigIntegerField(default=0)
    updated = models.PositiveBigIntegerField(default=0)
    unchanged = models.PositiveBigIntegerField(default=0)
    put_aside = models.PositiveBigIntegerField(default=0)
    skipped = models.PositiveBigIntegerField(default=0)
    edges = models.PositiveBigIntegerField(default=0)
    # Edge rows whose child is not imported yet: kept as claims, attached
    # when the child arrives (see LineageClaim).
    pending = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    duration = models.DurationField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "import run"

    def __str__(self) -> str:
        return f"run {self.pk} ({self.source}, {self.status})"

    @property
    def position(self) -> list[dict]:
        """Where each unfinished chunk will continue; empty once the run is done."""
        return [
            {"chunk": c.index, "path": c.path, "position": c.position}
            for c in self.chunks.exclude(status=ImportChunk.Status.DONE)
        ]


class ImportChunk(models.Model):
    """A span of one input file, processed by one worker; holds the resume point."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    path = models.CharField(max_length=1000)
    format = models.CharField(max_length=40)
    start = models.JSONField(default=dict, blank=True)
    stop = models.JSONField(null=True, blank=True)
    # Written in the same transaction as each batch, so a resume never
    # replays or skips a committed row.
    position = models.JSONField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    read = models.PositiveBigIntegerField(default=0)
    created = models.PositiveBigIntegerField(default=0)
    updated = models.PositiveBigIntegerField(default=0)
    unchanged = models.PositiveBigIntegerField(default=0)
    put_aside = models.PositiveBigIntegerField(default=0)
    skipped = models.PositiveBigIntegerField(default=0)
    edges = models.PositiveBigIntegerField(default=0)
    pending = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    # Whoever processes the chunk claims it with a filtered update on these
    # two (an optimistic lock); every committed batch refreshes the heartbeat,
    # so a claim that stops beating can be taken over.
    claim = models.CharField(max_length=40, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [
            models.UniqueConstraint(fields=["run", "index"], name="importchunk_unique")
        ]

    def __str__(self) -> str:
        return f"run {self.run_id} chunk {self.index}"


class HubModel(models.Model):
    """A model repository on the Hub, with its declared license exactly as given."""

    repo_id = models.CharField(max_length=200)  # unique: see Meta
    # No index: it would cost every bulk write ~20%; by-author reads use a
    # range on repo_id ("author/" <= repo_id < "author0") instead.
    author = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(null=True, blank=True)
    # The Hub stamps repos older than its creation-date records with
    # 2022-03-02T23:29:04Z: the real date is unknown, at most that.
    created_at_is_floor = models.BooleanField(default=False)
    last_modified = models.DateTimeField(null=True, blank=True)
    downloads = models.PositiveBigIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    pipeline_tag = models.CharField(max_length=64, blank=True)
    library_name = models.CharField(max_length=100, blank=True)
    gated = models.CharField(max_length=10, blank=True)  # "", "auto", "manual"
    license_tags = models.JSONField(default=list, blank=True)
    declared_license = models.CharField(max_length=100, blank=True)
    license_name = models.CharField(max_length=200, blank=True)
    license_link = models.CharField(max_length=500, blank=True)
    # None: no source has provided a text (an empty text would be a fact).
    license_text = models.TextField(null=True, blank=True)  # noqa: DJ001
    # What a worklist suggests the license is; never mixed into the declared
    # fields above. The matcher may use it as a lower-confidence hint.
    suggested_license_name = models.CharField(max_length=200, blank=True)
    suggested_license_link = models.CharField(max_length=500, blank=True)
    # When the listing fields were observed: the source's snapshot time, else
    # the row's last_modified. An older observation never overwrites a newer
    # one (see importers.observations).
    observed_at = models.DateTimeField(null=True, blank=True)
    # Fields a partial source observed later than the listing did, as
    # {field: [UTC text or "", rank]}; NULL in the usual case.
    fields_observed = models.JSONField(null=True, blank=True)
    # Provenance written only by the importer. No index and no database
    # constraint: checking two foreign keys per row at commit took as long as
    # inserting the row (PostgreSQL, 2M rows); Django still applies SET_NULL
    # when a run is deleted.
    first_seen_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    last_seen_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    content_hash = models.CharField(max_length=32)
    source_hash = models.CharField(max_length=32, blank=True)
    license_inputs_hash = models.CharField(max_length=32)

    class Meta:
        ordering = ["repo_id"]
        verbose_name = "Hub model"
        # Declared here, not on the fields: a field index on PostgreSQL also
        # gets a varchar_pattern_ops twin for LIKE, which nothing here uses
        # and which every bulk write would pay for.
        constraints = [
            models.UniqueConstraint(fields=["repo_id"], name="hubmodel_repo_id_unique")
        ]
        indexes = [models.Index(fields=["declared_license"], name="hubmodel_license")]

    def __str__(self) -> str:
        return self.repo_id

    @property
    def hub_url(self) -> str:
        return f"https://huggingface.co/{self.repo_id}"


class LineageEdge(models.Model):
    """child → parent; the parent is kept by id even when it is not imported."""

    child = models.ForeignKey(
        HubModel, on_delete=models.CASCADE, related_name="parent_edges", db_index=False
    )
    parent_repo_id = models.CharField(max_length=200)  # indexed: see Meta
    parent = models.ForeignKey(
        HubModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_edges",
        db_index=False,
    )
    relation = models.CharField(max_length=10, choices=[(r, r) for r in RELATIONS])
    # True when no source stated the relation and the importer guessed it.
    inferred = models.BooleanField(default=False)
    # "listing" when a full listing of the child declares the edge (tags,
    # baseModels, card); else the format of the edge list that claims it.
    # A listing replaces only its own edges.
    source = models.CharField(max_length=40, default=EDGE_SOURCE_LISTING)

    class Meta:
        ordering = ["child", "parent_repo_id"]
        verbose_name = "lineage edge"
        constraints = [
            # Leads with child_id, so it also serves "edges of this child".
            models.UniqueConstraint(
                fields=["child", "parent_repo_id", "relation"],
                name="lineageedge_unique",
            )
        ]
        indexes = [models.Index(fields=["parent_repo_id"], name="lineageedge_parent")]

    def __str__(self) -> str:
        return f"{self.child_id} -{self.relation}-> {self.parent_repo_id}"


class LineageClaim(models.Model):
    """An edge an edge list states, by ids, whether or not its child is imported.

    Claims are attached as LineageEdge rows once the child exists, for every
    parent its listing does not already name, so the edges end the same
    whatever order the files are imported in.
    """

    child_repo_id = models.CharField(max_length=200)
    parent_repo_id = models.CharField(max_length=200)
    relation = models.CharField(max_length=10, choices=[(r, r) for r in RELATIONS])
    inferred = models.BooleanField(default=True)
    source = models.CharField(max_length=40)
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["child_repo_id", "parent_repo_id"]
        verbose_name = "lineage claim"
        constraints = [
            # Leads with child_repo_id: also serves "claims of this child".
            models.UniqueConstraint(
                fields=["child_repo_id", "parent_repo_id", "source"],
                name="lineageclaim_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child_repo_id} -{self.relation}-> {self.parent_repo_id}"


class PutAsideRow(models.Model):
    """A source row with a problem: skipped, or kept with the value as given."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="issues")
    path = models.CharField(max_length=1000, blank=True)
    position = models.PositiveBigIntegerField()  # line, row or item number
    repo_id = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=30, db_index=True)
    detail = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True)
    row_kept = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "path", "position"]
        verbose_name = "put-aside row"

    def __str__(self) -> str:
        return f"{self.path}:{self.position} {self.reason}"


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


# --- analytics rollups (issue 6) ----------------------------------------------
# Small tables rebuilt by tracker.rollups.rollups_refresh(); the analytics
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
        # A filtered by-author read groups only the rows its filter selects.
        indexes = [
            models.Index(fields=["pipeline_tag"], name="authorfacet_tag"),
            models.Index(fields=["family"], name="authorfacet_family"),
            models.Index(fields=["month"], name="authorfacet_month"),
        ]

    def __str__(self) -> str:
        return f"{self.author} {self.month} {self.pipeline_tag}: {self.total}"


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
