"""Side by side with ScanCode Toolkit: licenses, clauses, time and peak memory.

    python benchmarks/scancode_compare.py
    python benchmarks/scancode_compare.py --scancode /tmp/scancode-venv/bin/scancode

ScanCode is not a project dependency. Install it in its own virtual env:

    python3 -m venv /tmp/scancode-venv
    /tmp/scancode-venv/bin/pip install "scancode-toolkit-mini==32.5.*" "pluggy==1.6.0"

Inputs: every labelled text of the license corpus
(tests/tracker/data/license_labels.yaml), plus Hub-style inputs made at run
time in a temporary folder (nothing is copied into the repository) with their
expected answers: cards that only carry a tag, a name or a link, the
Attachment-A list cut out of the CreativeML OpenRAIL-M text, and restriction
prose in our own words.

Both tools are scored against those labels: license identification (ScanCode
license keys are mapped to catalog keys through its own license database and
our resolver), and restriction categories. ScanCode reports whole licenses
only, so its categories are none; a second row gives it the catalog
categories of the license it found, for comparison with ours "inferred from
the catalog". Our inferred categories are never counted as detections.

Each tool runs once over the whole folder and once on a single file, each in
its own child process; the peak RSS of that child (and its children) comes
from wait4(), so one call's figure never includes another's. Our per-file
time is measured in-process; ScanCode's comes from its --timing.

ScanCode takes ~1.4 GB and seconds per call: --keep DIR saves its JSON
output, and --scancode-json FILE scores a saved output again without
running it (its wall time and memory are then not measured).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker.detection import detector_from_fixtures  # noqa: E402
from tracker.resolution import CatalogEntry, Resolver  # noqa: E402

LABELS = REPO / "tests" / "tracker" / "data" / "license_labels.yaml"
# name -> (text, expected license key or None, expected categories)
HUB_INPUTS: dict[str, tuple[str, str | None, list[str]]] = {
    "hub-tag-llama3.1.md": (
        "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n"
        "# Wren-8B\n\nA fine-tune for drafting release notes.\n",
        "llama3.1",
        [],
    ),
    "hub-other-gemma.md": (
        "---\nlicense: other\nlicense_name: gemma-terms-of-use\n"
        "license_link: https://ai.google.dev/gemma/terms\n---\n\n# Plover-2B\n",
        "gemma",
        [],
    ),
    "hub-name-llama3.3.md": (
        "---\nlicense: other\nlicense_name: Llama 3.3 Community License Agreement\n"
        "---\n\n# Dunlin-70B\n\nMerged from two instruction tunes.\n",
        "llama3.3",
        [],
    ),
    "hub-link-llama4.md": (
        "---\nlicense: other\nlicense_link: https://www.llama.com/llama4/license/\n"
        "---\n\n# Grebe-17B\n",
        "llama4",
        [],
    ),
    "hub-prose-restrictions.md": (
        "# Terms for Kite-3B\n\nYou may share and adapt Kite-3B, but you agree not "
        "to use it, or anything it generates, to plan violence, to stalk or harass "
        "people, to run phishing scams, to write malware, or to give people medical "
        "diagnoses without a clinician. Companies above 50 million monthly active "
        "users need a separate license.\n",
        None,
        [
            "violence-terrorism",
            "harassment",
            "fraud-spam",
            "malware",
            "medical",
            "user-threshold",
        ],
    ),
    "hub-card-out-of-scope.md": (
        "---\nlicense: apache-2.0\n---\n\n# Avocet-1B\n\n## Out-of-scope use\n\n"
        "Avocet should not be used to screen job applicants, to give legal advice "
        "or to identify people in street footage.\n",
        "apache-2.0",
        ["essential-services-discrimination", "unlicensed-practice", "surveillance"],
    ),
}
# Attachment A of CreativeML OpenRAIL-M, cut out of the corpus text
FRAGMENT = "hub-attachment-a-fragment.txt"
FRAGMENT_CATEGORIES = [
    "illegal-activity",
    "child-safety",
    "disinformation",
    "personal-data",
    "defamation",
    "harassment",
    "automated-decisions",
    "social-scoring",
    "vulnerable-group-exploitation",
    "discrimination",
    "medical",
    "law-enforcement",
]
# ScanCode keys whose license data our resolver cannot place (their names are
# dated variants of the same licenses)
SCANCODE_KEYS: dict[str, str] = {
    "stable-diffusion-2022-08-22": "creativeml-openrail-m",
    "stability-ai-community-2024": "stabilityai-ai-community",
    "stability-ai-nc-2023-12-06": "sai-nc-community",
    "llama-4-license-2025": "llama4",
}
# Run inside ScanCode's own environment: its license database, as JSON.
SCANCODE_DB = """
import json, sys
from licensedcode.cache import get_licenses_db
db = get_licenses_db()
out = {}
for key in json.load(sys.stdin):
    lic = db.get(key)
    if lic is not None:
        out[key] = {
            "name": lic.name or "", "short_name": lic.short_name or "",
            "spdx": lic.spdx_license_key or "",
            "urls": [u for u in (lic.homepage_url, lic.text_urls and lic.text_urls[0],
                     *(lic.other_urls or [])) if u],
        }
print(json.dumps(out))
"""


def make_inputs(corpus: Path, folder: Path) -> dict[str, tuple[Path, str | None, set]]:
    """File name -> (path, expected license, expected categories)."""
    inputs = {}
    for doc in yaml.safe_load(LABELS.read_text())["documents"]:
        src = corpus / doc["file"]
        if not src.is_file():
            continue
        dst = folder / src.name
        dst.write_bytes(src.read_bytes())
        inputs[dst.name] = (dst, doc.get("license"), set(doc["categories"]))
    for name, (text, key, categories) in HUB_INPUTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        inputs[name] = (folder / name, key, set(categories))
    rail = corpus / "creativeml-openrail-m.txt"
    if rail.is_file():
        text = rail.read_text(encoding="utf-8")
        frag = folder / FRAGMENT
        frag.write_text(text[text.rindex("Attachment A") :], encoding="utf-8")
        inputs[FRAGMENT] = (frag, "creativeml-openrail-m", set(FRAGMENT_CATEGORIES))
    return inputs


def timed_child(argv: list[str]) -> tuple[float, float, str]:
    """Run a command: wall seconds, peak RSS (MB) of that child alone, stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err)  # noqa: S603
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {err.read()[-2000:].decode()}")
        # ru_maxrss is in kilobytes on Linux
        return wall, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


def run_scancode(scancode: str, folder: Path, out: Path) -> tuple[float, float]:
    argv = [scancode, "--license", "--timing", "--quiet", "-n", "1"]
    argv += ["--json", str(out), str(folder)]
    wall, peak, _ = timed_child(argv)
    return wall, peak


def scancode_rows(out: Path) -> dict[str, dict]:
    """File name -> its detections (expression, matched length, best score)."""
    data = json.loads(out.read_text())
    rows = {}
    for f in data.get("files", []):
        if f.get("type") != "file":
            continue
        detections = []
        for det in f.get("license_detections") or []:
            matches = det.get("matches", [])
            detections.append(
                {
                    "expression": det["license_expression"],
                    "length": sum(m.get("matched_length", 0) for m in matches),
                    "score": max([m.get("score", 0) for m in matches] or [0]),
                }
            )
        detections.sort(key=lambda d: -d["length"])
        seconds = (f.get("scan_timings") or {}).get("licenses")
        rows[Path(f["path"]).name] = {"detections": detections, "seconds": seconds}
    return rows


def scancode_key_map(scancode: str, keys: set[str], resolver: Resolver) -> dict:
    """ScanCode license key -> our catalog key (or None), via its license data."""
    python = Path(scancode).with_name("python")
    found: dict[str, dict] = {}
    if keys and python.exists():
        done = subprocess.run(  # noqa: S603
            [str(python), "-c", SCANCODE_DB],
            input=json.dumps(sorted(keys)),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            found = json.loads(done.stdout or "{}")
    mapping: dict[str, str | None] = {}
    for key in keys:
        if key in SCANCODE_KEYS:
            mapping[key] = SCANCODE_KEYS[key]
            continue
        info = found.get(key, {})
        tries = [
            {"tag": info.get("spdx", "")},
            {"tag": key},
            {"name": info.get("name", "")},
            {"name": info.get("short_name", "")},
            *({"link": url} for url in info.get("urls", [])),
        ]
        mapping[key] = None
        for attempt in tries:
            if not any(attempt.values()):
                continue
            r = resolver.resolve(**attempt)
            if r.key not in ("unknown", "undeclared", "other"):
                mapping[key] = r.key
                break
    return mapping


def _keys(expression: str) -> list[str]:
    words = expression.replace("(", " ").replace(")", " ").split()
    return [w for w in words if w.upper() not in ("AND", "OR", "WITH")]


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f} R {r:.2f} F1 {f:.2f} (TP {tp}, FP {fp}, FN {fn})"


def main() -> None:  # noqa: C901 - one report, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "licenses"
    )
    parser.add_argument(
        "--scancode",
        default="/tmp/scancode-venv/bin/scancode",  # noqa: S108 - documented venv path
    )
    parser.add_argument("--keep", type=Path, help="Save ScanCode's JSON output here.")
    parser.add_argument(
        "--scancode-json",
        type=Path,
        help="Score this saved ScanCode output instead of running ScanCode.",
    )
    args = parser.parse_args()
    if args.scancode_json is None and not Path(args.scancode).exists():
        sys.exit(f"ScanCode not found at {args.scancode}; see this script's docstring")

    detector = detector_from_fixtures(REPO / "fixtures")
    library = detector.library
    resolver = Resolver(
        [
            CatalogEntry(lic.key, lic.family, lic.aliases, lic.links, name=lic.name)
            for lic in library.licenses
        ]
    )
    catalog = {lic.key: set(lic.categories) for lic in library.licenses}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        inputs = make_inputs(args.corpus, folder)
        ours = {}
        for name, (path, _, _) in inputs.items():
            data = path.read_bytes()
            start = time.perf_counter()
            result = detector.detect_bytes(data)
            ours[name] = (result, time.perf_counter() - start)
        first = next(iter(inputs.values()))[0]
        our_cli = [sys.executable, str(REPO / "manage.py"), "detect_clauses"]
        our_cli += ["--fixtures", "--format", "json"]
        our_all = timed_child([*our_cli, str(folder)])
        our_one = timed_child([*our_cli, str(first)])
        if args.scancode_json:
            sc_all = sc_one = (float("nan"), float("nan"))
            theirs = scancode_rows(args.scancode_json)
        else:
            sc_all = run_scancode(args.scancode, folder, Path(tmp) / "all.json")
            one = Path(tmp) / "one"
            one.mkdir()
            (one / first.name).write_bytes(first.read_bytes())
            sc_one = run_scancode(args.scancode, one, Path(tmp) / "one.json")
            theirs = scancode_rows(Path(tmp) / "all.json")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / "scancode-all.json").write_bytes(
                    (Path(tmp) / "all.json").read_bytes()
                )

    seen = {
        k
        for row in theirs.values()
        for d in row["detections"]
        for k in _keys(d["expression"])
    }
    mapping = scancode_key_map(args.scancode, seen, resolver)

    score = {"ours": [0, 0, 0], "sc": [0, 0, 0], "sc+catalog": [0, 0, 0]}
    inferred_total = inferred_files = 0
    ident = {"ours": [0, 0], "sc": [0, 0], "ours-hub": [0, 0], "sc-hub": [0, 0]}
    head = (
        f"{'file':40} | {'expected':22} | {'ours: license (score method)':36} | "
        f"{'cats TP/FP/FN':13} | {'ScanCode: expression -> catalog key':50} | "
        f"{'ours ms':>7} | {'SC ms':>7}"
    )
    print(head)
    print("-" * len(head))
    for name, (_, want_key, want_cats) in inputs.items():
        result, seconds = ours[name]
        lic = result.license
        got_key = lic.key if lic else None
        text_cats = {c.key for c in result.categories if not c.inferred}
        inferred = {c.key for c in result.categories if c.inferred}
        row = theirs.get(name, {"detections": [], "seconds": None})
        primary = row["detections"][0]["expression"] if row["detections"] else ""
        sc_key = (
            next((mapping.get(k) for k in _keys(primary) if mapping.get(k)), None)
            if primary
            else None
        )
        hub = name.startswith("hub-")
        for tool, key in (("ours", got_key), ("sc", sc_key)):
            bucket = ident[f"{tool}-hub" if hub else tool]
            bucket[0] += key == want_key
            bucket[1] += 1
        inferred_total += len(inferred)
        inferred_files += bool(inferred)
        for label, cats in (
            ("ours", text_cats),
            ("sc", set()),
            ("sc+catalog", catalog.get(sc_key, set()) if sc_key else set()),
        ):
            s = score[label]
            s[0] += len(cats & want_cats)
            s[1] += len(cats - want_cats)
            s[2] += len(want_cats - cats)
        mark = "ok" if got_key == want_key else "NO"
        ours_lic = f"{got_key} ({lic.score:.2f} {lic.method})" if lic else "-"
        sc_mark = "ok" if sc_key == want_key else "NO"
        sc_text = f"{primary or '-'} -> {sc_key}"
        cats = (
            f"{len(text_cats & want_cats)}/{len(text_cats - want_cats)}/"
            f"{len(want_cats - text_cats)}"
        )
        sc_ms = f"{row['seconds'] * 1000:7.0f}" if row.get("seconds") else "      ?"
        print(
            f"{name[:40]:40} | {str(want_key)[:22]:22} | {mark} {ours_lic[:33]:33} | "
            f"{cats:13} | {sc_mark} {sc_text[:47]:47} | {seconds * 1000:7.1f} | {sc_ms}"
        )
    n = len(inputs)
    print()
    for tool, label in (("ours", "ours"), ("sc", "ScanCode")):
        corpus_ok, corpus_n = ident[tool]
        hub_ok, hub_n = ident[f"{tool}-hub"]
        print(
            f"license identified, {label:8}: corpus {corpus_ok}/{corpus_n}, "
            f"Hub-style {hub_ok}/{hub_n}"
        )
    print(f"categories, ours (found in the text):        {_prf(*score['ours'])}")
    print(
        f"ours also lists {inferred_total} categories on {inferred_files} files as "
        "inferred from the catalog entry of a declared tag (not scored)"
    )
    print(f"categories, ScanCode (whole licenses only):  {_prf(*score['sc'])}")
    print(f"categories, ScanCode + our catalog entry:    {_prf(*score['sc+catalog'])}")
    unmapped = sorted(k for k, v in mapping.items() if v is None)
    if unmapped:
        print(f"ScanCode keys with no catalog key: {', '.join(unmapped)}")
    print()
    print(f"{'one CLI call over all ' + str(n) + ' files':44} | wall s | peak RSS MB")
    label = "  ours (manage.py detect_clauses)"
    print(f"{label:44} | {our_all[0]:6.1f} | {our_all[1]:7.0f}")
    print(
        f"{'  ScanCode (scancode --license)':44} | {sc_all[0]:6.1f} | {sc_all[1]:7.0f}"
    )
    print(f"{'one CLI call on one file':44} |        |")
    print(f"{'  ours':44} | {our_one[0]:6.1f} | {our_one[1]:7.0f}")
    print(f"{'  ScanCode':44} | {sc_one[0]:6.1f} | {sc_one[1]:7.0f}")
    mean_ours = sum(s for _, s in ours.values()) / n * 1000
    sc_times = [r["seconds"] for r in theirs.values() if r.get("seconds")]
    mean_sc = sum(sc_times) / len(sc_times) * 1000 if sc_times else float("nan")
    print(
        f"mean time per file in-process: ours {mean_ours:.1f} ms, "
        f"ScanCode {mean_sc:.0f} ms"
    )


if __name__ == "__main__":
    main()
