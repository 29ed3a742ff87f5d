"""The demo Hub samples in fixtures/hub/: reproducible and small."""

import gzip
import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HUB = REPO / "fixtures" / "hub"


def test_synthetic_sample_is_the_generator_output_with_the_documented_seed():
    spec = importlib.util.spec_from_file_location(
        "generate_hub", REPO / "benchmarks" / "generate_hub.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (HUB / "README.md").read_text()
    assert "--models 2000 --seed 11" in readme
    expected = [
        json.dumps(row, separators=(",", ":")) for row in module.Hub(2000, 11, 1).rows()
    ]
    with gzip.open(HUB / "synthetic-hub.jsonl.gz", "rt", encoding="utf-8") as f:
        assert f.read().splitlines() == expected


def test_samples_stay_small():
    files = [p for p in HUB.iterdir() if p.name != "README.md"]
    assert sum(p.stat().st_size for p in files) < 1_000_000


def test_demo_adopters_declare_the_demo_licenses():
    from licenses.demo import DEMO_SLUGS

    rows = json.loads((HUB / "demo-adopters.json").read_text())
    cards = [r["cardData"] for r in rows]
    declared = " ".join(
        f"{c.get('license_name', '')} {c.get('license_link', '')}" for c in cards
    )
    for slug in DEMO_SLUGS.values():
        assert slug in declared
