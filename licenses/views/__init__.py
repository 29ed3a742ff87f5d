"""Composer wizard and license pages (thin views: validate, call, render)."""

from .composer import wizard_preview, wizard_start, wizard_step
from .pages import (
    license_edit,
    license_index,
    version_badge,
    version_compare,
    version_compare_pick,
    version_detail,
    version_file,
    version_qr,
)

__all__ = [
    "license_edit",
    "license_index",
    "version_badge",
    "version_compare",
    "version_compare_pick",
    "version_detail",
    "version_file",
    "version_qr",
    "wizard_preview",
    "wizard_start",
    "wizard_step",
]
