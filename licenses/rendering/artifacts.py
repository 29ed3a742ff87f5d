"""Derived artifacts of a license version: manifest, card snippet, badge, QR."""

import json
from html import escape

import segno
import yaml


def manifest_json(manifest: dict) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def manifest_yaml(manifest: dict) -> str:
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)


def model_card_snippet(*, slug: str) -> str:
    """YAML front matter for a Hugging Face model card using this license."""
    return f"---\nlicense: other\nlicense_name: {slug}\nlicense_link: LICENSE.md\n---\n"


def badge_svg(*, label: str, value: str) -> str:
    """A flat two-part badge, sized from the text length (approximate widths)."""
    left = 7 * len(label) + 12
    right = 7 * len(value) + 12
    total = left + right
    label, value = escape(label), escape(value)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" '
        f'role="img" aria-label="{label}: {value}">'
        f"<title>{label}: {value}</title>"
        f'<rect width="{left}" height="20" fill="#444"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="#2d5bd8"/>'
        '<g fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" font-size="11">'
        f'<text x="6" y="14">{label}</text>'
        f'<text x="{left + 6}" y="14">{value}</text></g></svg>'
    )


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, border=2)
