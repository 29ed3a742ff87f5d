"""Side by side with ScanCode Toolkit: licenses, clauses, time and peak memory.

    python benchmarks/scancode_compare.py
    python benchmarks/scancode_compare.py --scancode /tmp/scancode-venv/bin/scancode

ScanCode is not a project dependency. Install it in its own virtual env:

    python3 -m venv /tmp/scancode-venv
    /tmp/scancode-venv/bin/pip install "scancode-toolkit-mini==32.5.*" "pluggy==1.6.0"

Inputs: every text of the license corpus, plus Hub-style inputs made at run
time in a temporary folder (nothing is copied into the repository): a model
card that only carries `license: llama3.1`, a card with `license: other` and a
`license_name`, the Attachment-A list cut out of the CreativeML OpenRAIL-M
text, and a restriction paragraph written in our own words.

Both tools run once over the whole folder in a child process (peak RSS of that
process), and once on a single file (the fixed cost of one call). Our
per-file time is measured in-process; ScanCode's comes from its --timing.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker.detection import detector_from_fixtures  # noqa: E402

HUB_INPUTS = {
    "hub-tag-llama3.1.md": (
        "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n\n"
        "# Wren-8B\n\nA fine-tune for drafting release notes.\n"
    ),
    "hub-other-gemma.md": (
        "---\nlicense: other\nlicense_name: gemma-terms-of-use\n"
        "license_link: https://ai.google.dev/gemma/terms\n---\n\n# Plover-2B\n"
    ),
    "hub-prose-restrictions.md": (
        "# Terms for Kite-3B\n\nYou may share and adapt Kite-3B, but you agree not "
        "to use it, or anything it generates, to plan violence, to stalk or harass "
        "people, to run phishing scams, to write malware, or to give people medical "
        "diagnoses without a clinician. Companies above 50 million monthly active "
        "users need a separate license.\n"
    ),
}


def make_inputs(corpus: Path, folder: Path) -> list[Path]:
    paths = []
    for src in sorted(corpus.glob("*.txt")):
        dst = folder / src.name
        dst.write_bytes(src.read_bytes())
        paths.append(dst)
    for name, text in HUB_INPUTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    rail = corpus / "creativeml-openrail-m.txt"
    if rail.is_file():
        text = rail.read_text(encoding="utf-8")
        frag = folder / "hub-attachment-a-fragment.txt"
        frag.write_text(text[text.rindex("Attachment A") :], encoding="utf-8")
        paths.append(frag)
    return paths


def timed_child(argv: list[str]) -> tuple[float, float, str]:
    """Run a command; wall seconds, peak RSS of the child (MB), stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {done.stderr[-2000:]}")
    # ru_maxrss of children is the largest child so far; each child runs alone
    return wall, max(peak, before) / 1024, done.stdout


def run_scancode(scancode: str, folder: Path, out: Path) -> tuple[float, float]:
    argv = [scancode, "--license", "--timing", "--quiet", "-n", "1"]
    argv += ["--json", str(out), str(folder)]
    wall, peak, _ = timed_child(argv)
    return wall, peak


def scancode_rows(out: Path) -> dict[str, dict]:
    data = json.loads(out.read_text())
    rows = {}
    for f in data.get("files", []):
        if f.get("type") != "file":
            continue
        detections = []
        for det in f.get("license_detections") or []:
            scores = [m.get("score", 0) for m in det.get("matches", [])]
            detections.append(f"{det['license_expression']} ({max(scores or [0]):.0f})")
        seconds = (f.get("scan_timings") or {}).get("licenses")
        rows[Path(f["path"]).name] = {
            "licenses": detections,
            "seconds": seconds,
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "licenses"
    )
    parser.add_argument(
        "--scancode",
        default="/tmp/scancode-venv/bin/scancode",  # noqa: S108 - documented venv path
    )
    args = parser.parse_args()
    if not Path(args.scancode).exists():
        sys.exit(f"ScanCode not found at {args.scancode}; see this script's docstring")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        paths = make_inputs(args.corpus, folder)

        detector = detector_from_fixtures(REPO / "fixtures")
        ours = {}
        for path in paths:
            data = path.read_bytes()
            start = time.perf_counter()
            result = detector.detect_bytes(data)
            ours[path.name] = (result, time.perf_counter() - start)

        our_cli = [sys.executable, str(REPO / "manage.py"), "detect_clauses"]
        our_cli += ["--fixtures", "--format", "json"]
        our_all = timed_child([*our_cli, str(folder)])
        our_one = timed_child([*our_cli, str(paths[0])])
        sc_all = run_scancode(args.scancode, folder, Path(tmp) / "all.json")
        one = Path(tmp) / "one"
        one.mkdir()
        (one / paths[0].name).write_bytes(paths[0].read_bytes())
        sc_one = run_scancode(args.scancode, one, Path(tmp) / "one.json")
        theirs = scancode_rows(Path(tmp) / "all.json")

    head = f"{'file':44} | {'ours: license (score)':34} | {'cats':>4} | "
    head += f"{'ScanCode license detections':58} | {'ours ms':>7} | {'SC ms':>7}"
    print(head)
    print("-" * len(head))
    for path in paths:
        result, seconds = ours[path.name]
        lic = result.license
        ours_lic = f"{lic.key} ({lic.score:.2f} {lic.method})" if lic else "-"
        if lic and lic.alternatives:
            ours_lic += f" or {','.join(lic.alternatives)}"
        cats = len(result.categories)
        row = theirs.get(path.name, {})
        sc = "; ".join(row.get("licenses") or []) or "-"
        sc_ms = f"{row['seconds'] * 1000:7.0f}" if row.get("seconds") else "      ?"
        print(
            f"{path.name[:44]:44} | {ours_lic[:34]:34} | {cats:4} | {sc[:58]:58} | "
            f"{seconds * 1000:7.1f} | {sc_ms}"
        )
    n = len(paths)
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
    print(f"our in-process mean: {mean_ours:.1f} ms/file; categories come from our")
    print("library, ScanCode reports whole-license detections only (no clauses).")


if __name__ == "__main__":
    main()
