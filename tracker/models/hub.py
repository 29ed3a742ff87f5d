"""Hub models, their lineage edges, and edge claims waiting for their child."""

from urllib.parse import quote, urlsplit

from django.db import models

from ..importers.records import EDGE_SOURCE_LISTING, RELATIONS
from .runs import ImportRun


def safe_license_url(*, repo_id: str, link: str) -> str:
    """An http(s) URL for a card's license_link: absolute, or a file in the repo."""
    link = (link or "").strip()
    if not link or any(ord(c) < 32 for c in link):
        return ""
    parts = urlsplit(link)
    if parts.scheme:
        return link if parts.scheme in ("http", "https") and parts.netloc else ""
    if link.startswith("//") or ":" in link.split("/", 1)[0]:
        return ""
    path = quote(link.lstrip("./"), safe="/-._~")
    return f"https://huggingface.co/{repo_id}/blob/main/{path}"


def _run_reference() -> models.ForeignKey:
    """The import run that wrote a row, kept without index or database constraint.

    Why, for HubModel, is beside its two uses; LineageClaim.run is the same link.
    """
    return models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )


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
    first_seen_run = _run_reference()
    last_seen_run = _run_reference()
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

    @property
    def license_url(self) -> str:
        """The declared license_link as a safe http(s) URL, "" when it is not one.

        Cards give either an absolute URL or a path in the repo; anything else
        (javascript:, data:, ...) comes from an untrusted card and is not linked.
        """
        return safe_license_url(repo_id=self.repo_id, link=self.license_link)


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
    run = _run_reference()

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
