"""The clause library from the database as a detector, cached per process.

Shared by POST /api/detect/, `manage.py detect_clauses` and license matching.
"""

import hashlib
import json
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from clauses.models import Category, Clause, KnownLicense
from clauses.selectors import category_list, clause_list, known_license_list
from licenses.models import LicenseVersion
from tracker.detection.engine import Detector
from tracker.detection.fingerprints import load_fingerprints
from tracker.detection.library import (
    CategoryInfo,
    ClauseInfo,
    ComposedInfo,
    Library,
    LicenseInfo,
)

FINGERPRINTS = Path(
    getattr(
        settings,
        "DETECTION_FINGERPRINTS",
        settings.FIXTURES_ROOT / "license_fingerprints.json",
    )
)
# The library changes rarely; checking whether it did costs five queries,
# so do that at most this often.
RECHECK_SECONDS = 30.0

_lock = threading.Lock()
_cache: dict = {"detector": None, "stamp": None, "checked": 0.0}


def library_from_db() -> Library:
    """The clause library and license catalog as the engine's plain data."""
    categories = tuple(
        CategoryInfo(key=c.key, name=c.name, group=c.group) for c in category_list()
    )
    clauses = tuple(
        ClauseInfo(
            slug=c.slug,
            category=c.category.key,
            title=c.title,
            text=c.text,
            cues=tuple(c.cues or ()),
            provenance=tuple(p.key for p in c.provenance.all()),
        )
        for c in clause_list()
    )
    licenses = tuple(
        LicenseInfo(
            key=lic.key,
            name=lic.name,
            family=lic.family,
            categories=tuple(c.key for c in lic.categories.all()),
            aliases=tuple(lic.aliases or ()),
            links=tuple(lic.links or ()),
        )
        for lic in known_license_list()
    )
    versions: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for slug, number, name, project in LicenseVersion.objects.order_by(
        "license__slug", "number"
    ).values_list("license__slug", "number", "name", "project_name"):
        versions.setdefault(slug, []).append(number)
        names[slug] = f"{project} {name} License"
    composed = tuple(
        ComposedInfo(slug=slug, name=names[slug], versions=tuple(numbers))
        for slug, numbers in versions.items()
    )
    return Library(
        categories=categories,
        clauses=clauses,
        licenses=licenses,
        composed=composed,
        composed_known=True,
    )


def library_stamp() -> str:
    """A digest of everything the detector is built from, in five queries.

    Clauses carry an update time; known licenses do not, so their names,
    aliases, links and categories are hashed (about a hundred rows), and the
    composed licenses count by their versions.
    """
    clauses = Clause.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    versions = LicenseVersion.objects.aggregate(n=Count("id"), last=Max("id"))
    digest = hashlib.blake2b(digest_size=16)
    for row in (
        Category.objects.order_by("key").values_list("key", "group"),
        [(clauses["n"], str(clauses["changed"]), versions["n"], versions["last"])],
        KnownLicense.objects.order_by("key").values_list(
            "key", "name", "family", "aliases", "links", "propagates_restrictions"
        ),
        KnownLicense.categories.through.objects.order_by(
            "knownlicense_id", "category_id"
        ).values_list("knownlicense_id", "category_id"),
    ):
        digest.update(json.dumps(list(row), default=str).encode())
    return digest.hexdigest()


def detector_get() -> Detector:
    """The process-wide detector, rebuilt when the library in the database changes."""
    now = time.monotonic()
    detector = _cache["detector"]
    if detector is not None and now - _cache["checked"] < RECHECK_SECONDS:
        return detector
    stamp = library_stamp()
    with _lock:
        if _cache["detector"] is None or _cache["stamp"] != stamp:
            _cache["detector"] = Detector(
                library_from_db(), load_fingerprints(FINGERPRINTS)
            )
            _cache["stamp"] = stamp
        _cache["checked"] = now
        return _cache["detector"]


def detector_reset() -> None:
    """Forget the cached detector (tests, or after loading a new library)."""
    with _lock:
        _cache.update(detector=None, stamp=None, checked=0.0)
