"""Resolving declared licenses in layers: tag, name, link, text, generated."""

import pytest

from tracker.resolution import CatalogEntry, Resolver, normalise_name

CATALOG = [
    CatalogEntry(
        "llama3.1",
        "llama",
        ("llama-3.1-community-license",),
        ("llama.meta.com/llama3_1/license",),
        True,
    ),
    CatalogEntry("llama3", "llama", (), ("llama.meta.com/llama3/license",), True),
    CatalogEntry(
        "gemma", "gemma", ("gemma-terms-of-use",), ("ai.google.dev/gemma/terms",), True
    ),
    CatalogEntry("apache-2.0", "permissive"),
    CatalogEntry("creativeml-openrail-m", "openrail", (), (), True),
    CatalogEntry("deepseek-license", "deepseek", ("deepseek",), (), True),
    CatalogEntry("other", "unknown"),
]


@pytest.fixture
def resolver():
    return Resolver(
        CATALOG,
        generated_slugs=["aurora-vision-3f9a1c"],
        identify_text=lambda text: ("gemma", 0.97) if "Gemma" in text else None,
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
