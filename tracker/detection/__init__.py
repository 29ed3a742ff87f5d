"""License identification and restriction-clause detection: pure Python, no ORM.

Build a `Detector` from plain library data (`library_from_fixtures`, or a
caller that reads the database) and a fingerprint set, then call
`detect_text` / `detect_bytes` as often as needed; detectors are read-only
and safe to share between threads.
"""

from functools import lru_cache
from pathlib import Path

from .engine import DetectionResult, Detector
from .fingerprints import load_fingerprints
from .library import Library, library_from_fixtures

__all__ = [
    "DetectionResult",
    "Detector",
    "Library",
    "detector_from_fixtures",
    "library_from_fixtures",
    "load_fingerprints",
]


@lru_cache(maxsize=4)
def detector_from_fixtures(root: Path, fingerprints: Path | None = None) -> Detector:
    """A detector over the YAML library under `root`, cached per process."""
    path = fingerprints or root / "license_fingerprints.json"
    return Detector(library_from_fixtures(root), load_fingerprints(path))
