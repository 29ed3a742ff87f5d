"""Find the catalog key of each document in a license corpus folder."""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .library import Library

_ROW = re.compile(r"^\|(.+)\|\s*$")
_BRACKET = re.compile(r"\(([^)]+)\)")


@dataclass(frozen=True)
class CorpusDocument:
    path: Path
    doc_id: str
    license: str | None
    how: str  # key | link | title | hub-id | unresolved


def _norm(value: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)", " ", value).lower().split())


def _sources(folder: Path) -> dict[str, dict[str, str]]:
    """Rows of the SOURCES.md table, keyed by document key (file stem)."""
    path = folder / "SOURCES.md"
    if not path.is_file():
        return {}
    rows: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if not m:
            continue
        cells = [c.strip() for c in m.group(1).split("|")]
        if not header:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        if row.get("key"):
            rows[row["key"]] = row
    return rows


def corpus_documents(folder: Path, library: Library) -> list[CorpusDocument]:
    """Each *.txt file with the catalog key it is the text of, when one resolves.

    In order: the file stem is a catalog key; the repository file's URL matches
    a catalog link; the document title equals a catalog name; the Hub id (or the
    `other (name)` given in SOURCES.md) is a catalog key or alias.
    """
    keys = {lic.key for lic in library.licenses}
    aliases = {a: lic.key for lic in library.licenses for a in lic.aliases}
    names = {_norm(lic.name): lic.key for lic in library.licenses}
    links = [(link.lower(), lic.key) for lic in library.licenses for link in lic.links]
    sources = _sources(folder)
    docs = []
    for path in sorted(folder.glob("*.txt")):
        stem = path.stem
        row = sources.get(stem, {})
        found: tuple[str, str] | None = None
        if stem in keys:
            found = (stem, "key")
        repo, file = row.get("repository", ""), row.get("path", "")
        if not found and repo and file:
            repo = repo.split(" ")[0]
            url = f"github.com/{repo}/blob/main/{quote(file)}".lower()
            for link, key in links:
                if url.endswith(link) or link.endswith(url):
                    found = (key, "link")
                    break
        title = _norm(row.get("document title", ""))
        if not found and title in names:
            found = (names[title], "title")
        hub = row.get("hf `license:` id", "").strip()
        if not found and hub:
            for candidate in [*_BRACKET.findall(hub), hub.split(" ")[0]]:
                candidate = candidate.strip().lower()
                if candidate in keys and candidate != "other":
                    found = (candidate, "hub-id")
                    break
                if candidate in aliases:
                    found = (aliases[candidate], "hub-id")
                    break
        docs.append(
            CorpusDocument(
                path=path,
                doc_id=stem,
                license=found[0] if found else None,
                how=found[1] if found else "unresolved",
            )
        )
    return docs
