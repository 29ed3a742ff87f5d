"""Import runs, their Celery chunks, and the rows they put aside."""

from django.db import models


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
