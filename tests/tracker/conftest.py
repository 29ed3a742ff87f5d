"""Tracker fixtures: sample files, an import helper and a local fake Hub."""

import gzip
import json
import threading
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.models import ImportRun
from tracker.services import import_run_execute, import_run_plan

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def files() -> Path:
    return FILES


@pytest.fixture
def corpus(shared_dir) -> Path:
    path = shared_dir / "corpus" / "hub"
    if not path.is_dir():
        pytest.skip("../shared/corpus/hub is not present")
    return path


@pytest.fixture
def import_files() -> Callable[..., ImportRun]:
    """Plan and run an import in-process; returns the refreshed run."""

    def run(*paths, batch_size: int = 3, pieces: int = 1, **execute) -> ImportRun:
        plan = import_run_plan(paths=[Path(p) for p in paths], pieces=pieces)
        import_run_execute(plan=plan, batch_size=batch_size, **execute)
        plan.run.refresh_from_db()
        return plan.run

    return run


def write_hub_stats(path: Path, rows: list[dict], *, row_group_size: int = 2) -> Path:
    """API rows written in the hub-stats models.parquet column layout."""

    def stamp(value):
        return datetime.fromisoformat(value).replace(tzinfo=None) if value else None

    def base_models(row):
        typed = [t.split(":", 2) for t in row.get("tags", []) if t.count(":") == 2]
        typed = [t for t in typed if t[0] == "base_model"]
        if not typed:
            return None
        return {
            "relation": typed[0][1],
            "models": [{"_id": "", "id": t[2]} for t in typed],
        }

    table = pa.table(
        {
            "id": [r["id"] for r in rows],
            "author": [r.get("author") for r in rows],
            "createdAt": pa.array(
                [stamp(r.get("createdAt")) for r in rows], pa.timestamp("us")
            ),
            "lastModified": pa.array(
                [stamp(r.get("lastModified")) for r in rows], pa.timestamp("us")
            ),
            "downloads": [r.get("downloads", 0) for r in rows],
            "likes": [r.get("likes", 0) for r in rows],
            "tags": [r.get("tags", []) for r in rows],
            "cardData": [json.dumps(r.get("cardData", {})) for r in rows],
            "baseModels": [base_models(r) for r in rows],
            "pipeline_tag": [r.get("pipeline_tag") for r in rows],
            "library_name": [r.get("library_name") for r in rows],
        }
    )
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


@pytest.fixture
def small_files(files, tmp_path):
    """models.jsonl gzipped, and api_page.json as a hub-stats parquet."""
    gz = tmp_path / "models.jsonl.gz"
    gz.write_bytes(gzip.compress((files / "models.jsonl").read_bytes()))
    parquet = tmp_path / "stats.parquet"
    write_hub_stats(parquet, json.loads((files / "api_page.json").read_text()))
    return {"gz": gz, "parquet": parquet}


def api_model(repo_id: str, **extra) -> dict:
    """A model as GET /api/models?full=true&cardData=true lists it."""
    owner = repo_id.partition("/")[0]
    return {
        "_id": "0" * 24,
        "id": repo_id,
        "modelId": repo_id,
        "author": owner,
        "sha": "0" * 40,
        "createdAt": "2024-01-01T00:00:00.000Z",
        "lastModified": "2024-06-01T00:00:00.000Z",
        "private": False,
        "gated": False,
        "disabled": False,
        "downloads": 10,
        "likes": 1,
        "tags": ["transformers", "license:mit"],
        "pipeline_tag": "text-generation",
        "library_name": "transformers",
        "cardData": {"license": "mit"},
        "siblings": [{"rfilename": "README.md"}],
        **extra,
    }


class FakeHub(ThreadingHTTPServer):
    """Serves `pages` at /api/models, one per request, linked by Link headers.

    `failures[(page, attempt)] = (status, headers)` makes that attempt at that
    page fail; every request is recorded in `requests`. Like the Hub, it also
    answers huggingface_hub's /api/agent-harnesses (`harnesses`).
    """

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _FakeHubHandler)
        self.pages: list[list[dict]] = []
        self.failures: dict[tuple[int, int], tuple[int, dict]] = {}
        self.requests: list[dict] = []
        self.attempts: dict[int, int] = {}
        self.harnesses: object = {"standardEnvVars": [], "harnesses": {}}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class _FakeHubHandler(BaseHTTPRequestHandler):
    server: FakeHub

    def log_message(self, format, *args):  # quiet test output
        pass

    def do_GET(self):
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        hub = self.server
        hub.requests.append(
            {"path": parts.path, "query": query, "headers": dict(self.headers)}
        )
        if parts.path == "/api/agent-harnesses":
            return self._send(200, {}, hub.harnesses)
        if parts.path != "/api/models":
            return self._send(404, {}, {"error": "not found"})
        page = int(query.get("cursor", ["0"])[0])
        attempt = hub.attempts[page] = hub.attempts.get(page, 0) + 1
        if (page, attempt) in hub.failures:
            status, headers = hub.failures[(page, attempt)]
            return self._send(status, headers, {"error": f"HTTP {status}"})
        headers = {}
        if page + 1 < len(hub.pages):
            # The Hub's next link is absolute and carries the whole query,
            # with the cursor of the next page in place of this one's.
            rest = [(k, v) for k, v in parse_qsl(parts.query) if k != "cursor"]
            following = urlencode([*rest, ("cursor", str(page + 1))])
            headers["Link"] = f'<{hub.url}/api/models?{following}>; rel="next"'
        self._send(200, headers, hub.pages[page] if page < len(hub.pages) else [])

    def _send(self, status: int, headers: dict, body) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def fake_hub(settings):
    """A local Hub; settings.HF_ENDPOINT points at it for the test."""
    hub = FakeHub()
    thread = threading.Thread(target=hub.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.HF_ENDPOINT = hub.url
    settings.HF_TOKEN = "hf_test_token"
    yield hub
    hub.shutdown()
    hub.server_close()
