"""Pure license resolution: a model's declared license -> catalog key, in layers.

Layer 1 is the declared tag, layer 2 the `license_name` / `license_link`
given with `license: other`, layer 3 the license text. Licenses composed
here are recognised by their slug (name), permalink (link) or their
identification line (text). No ORM access: the catalog arrives as plain data.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

GENERATED_ID_RE = re.compile(r"railtrack:([a-z0-9][a-z0-9-]*):v(\d+)")
PERMALINK_RE = re.compile(r"/licenses/([a-z0-9][a-z0-9-]*-[0-9a-f]{6})(?:/v(\d+))?")
# Our slug with a version suffix: "aurora-vision-3f9a1c-v2", "... v2"
GENERATED_SUFFIX_RE = re.compile(r"^([a-z0-9][a-z0-9-]*-[0-9a-f]{6})-v(\d+)$")
UNDECLARED = "undeclared"
UNKNOWN = "unknown"
# Fuzzy matches below this score are not trusted (0-100, rapidfuzz ratio).
FUZZY_CUTOFF = 88
# A text identified with less confidence than this is not taken as the license
# (a bare mention of a name in prose, a text that only borrows some sections).
TEXT_MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class CatalogEntry:
    key: str
    family: str
    aliases: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    propagates: bool = False
    name: str = ""  # the official name ("Llama 3.1 Community License Agreement")


@dataclass(frozen=True)
class Resolution:
    key: str  # catalog key, "railtrack:<slug>", "unknown" or "undeclared"
    family: str
    method: str  # tag | name | link | text | generated | none
    confidence: float
    generated_slug: str = ""
    generated_version: int | None = None


def normalise_name(value: str) -> str:
    """Lower-case, unify separators: 'Apache 2.0' / 'apache_2.0' -> 'apache-2.0'."""
    value = value.strip().strip("'\"[]").lower()
    value = re.sub(r"^license:", "", value)
    return re.sub(r"[\s_/]+", "-", value).strip("-")


def _compact(value: str) -> str:
    # 'llama-3.1' and 'llama3.1' and 'llama3_1' all compact to 'llama31'.
    return re.sub(r"[^a-z0-9+]", "", value)


def name_versions(value: str) -> frozenset[tuple[int, ...]]:
    """The version numbers a license name carries, trailing zeros dropped:
    'llama-3.1' -> {(3, 1)}, 'apache 2.0' -> {(2,)}, 'qwen' -> {}; sizes such
    as '7b' are not versions."""
    found = set()
    for m in re.finditer(r"\d+(?:\.\d+)*(?:[bmk]\b)?", value.replace("_", ".")):
        token = m.group()
        if token[-1] in "bmk":
            continue  # a model size, not a version
        parts = [int(p) for p in token.split(".")]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        found.add(tuple(parts))
    return frozenset(found)


def normalise_link(value: str) -> str:
    value = value.strip().lower()
    value = re.sub(r"^[a-z]+://", "", value)
    value = re.sub(r"^www\.", "", value)
    return value.split("#")[0].split("?")[0].rstrip("/")


class Resolver:
    """Resolves declared licenses against the catalog; memoised per distinct input.

    Hub models share few distinct (tag, name, link) combinations, so caching
    the answer per combination makes resolving millions of rows cheap.
    """

    def __init__(
        self,
        entries: Iterable[CatalogEntry],
        *,
        generated_slugs: Iterable[str] = (),
        generated_versions: dict[str, Iterable[int]] | None = None,
        identify_text: Callable[[str], tuple[str, float] | None] | None = None,
    ):
        self.entries = {e.key: e for e in entries}
        self.names: dict[str, str] = {}
        self.compact: dict[str, str] = {}
        for entry in self.entries.values():
            for name in (entry.key, *entry.aliases, entry.name):
                if not name:
                    continue
                self.names.setdefault(normalise_name(name), entry.key)
                self.compact.setdefault(_compact(normalise_name(name)), entry.key)
        # Longest patterns first so 'llama3.1' wins over a shorter prefix.
        self.links = sorted(
            (
                (normalise_link(link), e.key)
                for e in self.entries.values()
                for link in e.links
            ),
            key=lambda item: -len(item[0]),
        )
        self.generated = set(generated_slugs)
        # slug -> version numbers that exist; None: numbers are not checked
        self.generated_versions = (
            {slug: set(numbers) for slug, numbers in generated_versions.items()}
            if generated_versions is not None
            else None
        )
        if self.generated_versions is not None:
            self.generated |= set(self.generated_versions)
        self.identify_text = identify_text
        self._choices = list(self.names)
        self._choice_versions = {name: name_versions(name) for name in self._choices}
        self.resolve_declared = lru_cache(maxsize=200_000)(self._resolve_declared)

    def family(self, key: str) -> str:
        entry = self.entries.get(key)
        return entry.family if entry else UNKNOWN

    def _by_name(self, value: str) -> tuple[str, float] | None:
        name = normalise_name(value)
        if not name:
            return None
        if name in self.names:
            return self.names[name], 1.0
        if _compact(name) in self.compact:
            return self.compact[_compact(name)], 0.95
        # Fuzzy only among names with the same version numbers: 'llama-3.4'
        # is not Llama 3.1, and 'qwen3' is not the (Qwen 2.5) 'qwen' license.
        versions = name_versions(name)
        choices = [c for c in self._choices if self._choice_versions[c] == versions]
        best = process.extractOne(
            name, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best:
            return self.names[best[0]], round(best[1] / 100 * 0.9, 3)
        return None

    def _by_link(self, value: str) -> tuple[str, float] | None:
        link = normalise_link(value)
        if not link:
            return None
        for pattern, key in self.links:
            if pattern in link:
                return key, 0.9
        return None

    def _generated(
        self, slug: str, version: str | None, confidence: float
    ) -> Resolution | None:
        if slug not in self.generated:
            return None
        number = int(version) if version else None
        known = (self.generated_versions or {}).get(slug)
        if number is not None and known is not None and number not in known:
            # the license is ours but that version was never published
            number, confidence = None, round(confidence * 0.7, 3)
        return Resolution(
            key=f"railtrack:{slug}",
            family="railtrack",
            method="generated",
            confidence=confidence,
            generated_slug=slug,
            generated_version=number,
        )

    def _resolve_declared(self, tag: str, name: str, link: str) -> Resolution | None:
        """Layers 1 and 2; None when the declaration alone cannot decide."""
        tag_name = normalise_name(tag) if tag else ""
        if tag_name and tag_name != "other":
            found = self._by_name(tag_name)
            if found and found[0] != "other":
                key, confidence = found
                return Resolution(key, self.family(key), "tag", confidence)
        if name:
            slug = normalise_name(name)
            match = GENERATED_ID_RE.search(slug) or GENERATED_SUFFIX_RE.match(slug)
            generated = (
                self._generated(match.group(1), match.group(2), 1.0)
                if match
                else self._generated(slug, None, 1.0)
            )
            if generated:
                return generated
            found = self._by_name(name)
            if found and found[0] not in ("other", UNKNOWN):
                key, confidence = found
                return Resolution(key, self.family(key), "name", confidence)
        if link:
            permalink = PERMALINK_RE.search(link)
            if permalink:
                generated = self._generated(
                    permalink.group(1), permalink.group(2), 0.95
                )
                if generated:
                    return generated
            found = self._by_link(link)
            if found:
                key, confidence = found
                return Resolution(key, self.family(key), "link", confidence)
        return None

    def resolve(
        self, *, tag: str = "", name: str = "", link: str = "", text: str = ""
    ) -> Resolution:
        """The license of one model, with how it was decided and a confidence."""
        declared = self.resolve_declared(tag or "", name or "", link or "")
        if declared:
            return declared
        if text:
            match = GENERATED_ID_RE.search(text)
            if match:
                generated = self._generated(match.group(1), match.group(2), 1.0)
                if generated:
                    return generated
            if self.identify_text:
                found = self.identify_text(text)
                if found and found[1] >= TEXT_MIN_CONFIDENCE:
                    key, score = found
                    return Resolution(key, self.family(key), "text", round(score, 3))
        if not (tag or name or link or text):
            return Resolution(UNDECLARED, UNDECLARED, "none", 1.0)
        return Resolution(UNKNOWN, UNKNOWN, "none", 0.0)
