"""Resolving declared licenses in layers: tag, name, link, text, generated."""

import pytest

from tracker.resolution import CatalogEntry, Resolver, name_versions, normalise_name

CATALOG = [
    CatalogEntry(
        "llama3.1",
        "llama",
        ("llama-3.1-community-license",),
        ("llama.meta.com/llama3_1/license",),
        True,
        name="Llama 3.1 Community License Agreement",
    ),
    CatalogEntry(
        "llama3",
        "llama",
        (),
        ("llama.meta.com/llama3/license",),
        True,
        name="Meta Llama 3 Community License Agreement",
    ),
    CatalogEntry("qwen", "qwen", ("qwen",), (), True, name="Qwen License Agreement"),
    CatalogEntry(
        "gemma", "gemma", ("gemma-terms-of-use",), ("ai.google.dev/gemma/terms",), True
    ),
    CatalogEntry("apache-2.0", "permissive"),
    CatalogEntry("creativeml-openrail-m", "openrail", (), (), True),
    CatalogEntry("deepseek-license", "deepseek", ("deepseek",), (), True),
    CatalogEntry("other", "unknown"),
]


def _identify(text: str) -> tuple[str, float] | None:
    if "Gemma" in text:
        return "gemma", 0.97
    if "mentions llama" in text:
        return "llama3", 0.3  # e.g. a name in prose: too weak to decide
    return None


@pytest.fixture
def resolver():
    return Resolver(
        CATALOG,
        generated_versions={"aurora-vision-3f9a1c": [1, 2, 3]},
        identify_text=_identify,
    )


@pytest.mark.parametrize(
    ("tag", "key"),
    [
        ("llama3.1", "llama3.1"),
        ("Llama3.1", "llama3.1"),
        ("license:llama3.1", "llama3.1"),
        ("llama-3.1", "llama3.1"),
        ("Apache 2.0", "apache-2.0"),
        ("apache_2.0", "apache-2.0"),
        ("creativeml-openrail-m ", "creativeml-openrail-m"),
        ("creativeml-openrail", "creativeml-openrail-m"),  # fuzzy
    ],
)
def test_tag_variants(resolver, tag, key):
    resolution = resolver.resolve(tag=tag)
    assert (resolution.key, resolution.method) == (key, "tag")


def test_other_with_name(resolver):
    r = resolver.resolve(tag="other", name="gemma-terms-of-use")
    assert (r.key, r.family, r.method, r.confidence) == ("gemma", "gemma", "name", 1.0)


def test_other_with_link(resolver):
    r = resolver.resolve(
        tag="other", link="https://www.llama.meta.com/llama3_1/license/"
    )
    assert (r.key, r.method) == ("llama3.1", "link")


def test_longest_link_pattern_wins(resolver):
    assert (
        resolver.resolve(link="https://llama.meta.com/llama3/license").key == "llama3"
    )


def test_generated_by_name_link_and_text(resolver):
    by_name = resolver.resolve(tag="other", name="aurora-vision-3f9a1c")
    assert (by_name.key, by_name.method) == (
        "railtrack:aurora-vision-3f9a1c",
        "generated",
    )
    by_link = resolver.resolve(
        tag="other", link="https://rail.example/licenses/aurora-vision-3f9a1c/v2/"
    )
    assert by_link.generated_version == 2
    text = (
        "...\nLicense-Id: railtrack:aurora-vision-3f9a1c:v3 · composed with RAIL Track"
    )
    by_text = resolver.resolve(tag="other", name="LICENSE", text=text)
    assert (by_text.generated_slug, by_text.generated_version) == (
        "aurora-vision-3f9a1c",
        3,
    )


def test_unknown_generated_slug_is_not_claimed(resolver):
    r = resolver.resolve(tag="other", name="someone-else-000000")
    assert r.key == "unknown"


def test_text_layer(resolver):
    r = resolver.resolve(tag="other", text="These are the Gemma Terms of Use ...")
    assert (r.key, r.method, r.confidence) == ("gemma", "text", 0.97)


def test_undeclared_and_unknown(resolver):
    assert resolver.resolve().key == "undeclared"
    unknown = resolver.resolve(tag="other", name="my-very-own-terms")
    assert (unknown.key, unknown.family, unknown.confidence) == (
        "unknown",
        "unknown",
        0.0,
    )


def test_declared_answers_are_cached(resolver):
    resolver.resolve(tag="llama3.1")
    resolver.resolve(tag="llama3.1")
    assert resolver.resolve_declared.cache_info().hits >= 1


def test_normalise_name():
    assert normalise_name("  'Llama 3.1 Community'  ") == "llama-3.1-community"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Llama 3.1 Community License Agreement", "llama3.1"),
        ("META LLAMA 3 COMMUNITY LICENSE AGREEMENT", "llama3"),
        ("Qwen License Agreement", "qwen"),
    ],
)
def test_official_names_resolve(resolver, name, key):
    assert resolver.resolve(tag="other", name=name).key == key


def test_versions_of_a_name():
    assert name_versions("llama-3.1-405b") == {(3, 1)}  # 405b is a model size
    assert name_versions("Apache 2.0") == name_versions("apache2") == {(2,)}
    assert name_versions("qwen") == frozenset()


@pytest.mark.parametrize(
    "name", ["llama-3.4", "llama3.5", "qwen3", "qwen2.5", "llama4"]
)
def test_fuzzy_names_must_keep_their_version(resolver, name):
    assert resolver.resolve(tag="other", name=name).key == "unknown"


def test_fuzzy_names_with_the_same_version_still_match(resolver):
    r = resolver.resolve(tag="other", name="llama-3.1-community-licence")
    assert (r.key, r.method) == ("llama3.1", "name")
    assert r.confidence < 1.0


def test_generated_slug_with_a_version_suffix(resolver):
    r = resolver.resolve(tag="other", name="aurora-vision-3f9a1c-v2")
    assert (r.key, r.generated_version, r.confidence) == (
        "railtrack:aurora-vision-3f9a1c",
        2,
        1.0,
    )


def test_a_version_never_published_is_not_claimed(resolver):
    r = resolver.resolve(tag="other", name="railtrack:aurora-vision-3f9a1c:v9")
    assert r.key == "railtrack:aurora-vision-3f9a1c"
    assert r.generated_version is None
    assert r.confidence < 1.0


def test_a_weak_text_identification_is_not_taken(resolver):
    r = resolver.resolve(tag="other", text="This card mentions llama in passing.")
    assert (r.key, r.method) == ("unknown", "none")
