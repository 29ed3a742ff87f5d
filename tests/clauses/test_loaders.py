"""Parsing library YAML into validated records, with errors that say where."""

from pathlib import Path

import pytest

from clauses.loaders import (
    LibraryFileError,
    parse_categories,
    parse_clauses,
    parse_known_licenses,
)

CLAUSE = """
clauses:
  - slug: no-spam
    title: Spam
    category: fraud-spam
    domain: Disinformation
    text: Do not use the Artifact to send bulk unsolicited messages.
    artifacts: [model, data]
    mandatory_in: [RAIL, OpenRAIL]
    provenance: [llama2]
    cues: ["Unsolicited  Messages", "spam", "bulk messages"]
    status: approved
"""


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def parse(path: Path):
    return parse_clauses(path, category_keys={"fraud-spam"}, license_keys={"llama2"})


def test_clause_is_normalised(tmp_path):
    [record] = parse(write(tmp_path, CLAUSE))
    assert record.slug == "no-spam"
    assert record.artifacts == ("data", "model")  # canonical D, A, M, S order
    assert record.mandatory_in == ("OpenRAIL", "RAIL")
    assert record.cues == ("unsolicited messages", "spam", "bulk messages")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("category: fraud-spam", "category: spamming", "category"),
        ("domain: Disinformation", "domain: Spam", "domain"),
        ("artifacts: [model, data]", "artifacts: []", "artifacts"),
        ("artifacts: [model, data]", "artifacts: [weights]", "artifacts"),
        ("mandatory_in: [RAIL, OpenRAIL]", "mandatory_in: [Closed]", "mandatory_in"),
        ("provenance: [llama2]", "provenance: [llama9]", "provenance"),
        ("status: approved", "status: live", "status"),
        ("slug: no-spam", "slug: No Spam", "slug"),
        ("    title: Spam\n", "", "title"),
        ("text: Do not", "text: 42 #", "text"),
    ],
)
def test_error_names_file_clause_and_field(tmp_path, old, new, field):
    path = write(tmp_path, CLAUSE.replace(old, new))
    with pytest.raises(LibraryFileError) as err:
        parse(path)
    message = str(err.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    assert "clause '" in message


def test_duplicate_slug_in_file(tmp_path):
    doubled = CLAUSE + CLAUSE.split("clauses:")[1]
    with pytest.raises(LibraryFileError, match="duplicate 'no-spam'"):
        parse(write(tmp_path, doubled))


def test_entry_without_its_id_is_named_by_position(tmp_path):
    entries = CLAUSE + "  - title: No slug\n  - just text\n"
    with pytest.raises(LibraryFileError, match="clause '#2', field 'slug'"):
        parse(write(tmp_path, entries))
    entries = CLAUSE + "  - just text\n"
    with pytest.raises(LibraryFileError, match="clause '#2': each entry must be"):
        parse(write(tmp_path, entries))


def test_broken_yaml_names_line(tmp_path):
    with pytest.raises(LibraryFileError, match="line 3"):
        parse(write(tmp_path, "clauses:\n  - slug: a\n  bad: [unclosed\n"))


def test_wrong_top_level(tmp_path):
    with pytest.raises(LibraryFileError, match="'clauses' list"):
        parse(write(tmp_path, "- slug: a\n"))


def test_overlong_text(tmp_path):
    long_text = "Do not " + "x" * 1300
    with pytest.raises(LibraryFileError, match="longer than"):
        parse(write(tmp_path, CLAUSE.replace("Do not use the", long_text)))


def test_categories_need_group(tmp_path):
    path = write(
        tmp_path,
        "categories:\n  - {key: malware, name: A, description: d, group: x}\n",
    )
    with pytest.raises(LibraryFileError, match="field 'group'"):
        parse_categories(path)


def test_category_key_must_be_in_the_vocabulary(tmp_path):
    path = write(
        tmp_path,
        "categories:\n  - {key: malwar, name: A, description: d, group: regulated}\n",
    )
    with pytest.raises(LibraryFileError) as err:
        parse_categories(path)
    assert "category 'malwar', field 'key'" in str(err.value)
    assert "did you mean 'malware'" in str(err.value)


def test_mechanics_group_is_checked(tmp_path):
    path = write(
        tmp_path,
        "categories:\n"
        "  - {key: research-only, name: A, description: d, group: harms}\n",
    )
    with pytest.raises(LibraryFileError, match="field 'group'.*mechanics"):
        parse_categories(path)


@pytest.mark.parametrize(
    ("old", "new", "field", "hint"),
    [
        ("mandatory_in:", "mandatory_inn:", "mandatory_inn", "mandatory_in"),
        ("cues:", "cue:", "cue", "cues"),
        ("status: approved", "status: approved\n    version: 2", "version", ""),
    ],
)
def test_unknown_clause_field_is_refused(tmp_path, old, new, field, hint):
    path = write(tmp_path, CLAUSE.replace(old, new))
    with pytest.raises(LibraryFileError) as err:
        parse(path)
    message = str(err.value)
    assert f"{path}, clause 'no-spam', field '{field}': is not a known field" in message
    if hint:
        assert f"did you mean '{hint}'" in message


def test_unknown_category_field_is_refused(tmp_path):
    path = write(
        tmp_path,
        "categories:\n  - {key: malware, name: A, descripton: d, group: regulated}\n",
    )
    with pytest.raises(LibraryFileError) as err:
        parse_categories(path)
    assert "category 'malware', field 'descripton'" in str(err.value)
    assert "did you mean 'description'" in str(err.value)


def test_unknown_license_field_is_refused(tmp_path):
    path = write(
        tmp_path,
        "licenses:\n  - {key: mit, name: MIT, family: permissive, alias: [x]}\n",
    )
    with pytest.raises(LibraryFileError) as err:
        parse_known_licenses(path, category_keys=set())
    assert "license 'mit', field 'alias'" in str(err.value)
    assert "did you mean 'aliases'" in str(err.value)


def test_a_key_written_twice_is_refused(tmp_path):
    path = write(
        tmp_path,
        CLAUSE.replace("status: approved", "status: approved\n    status: draft"),
    )
    with pytest.raises(LibraryFileError, match="key 'status' appears twice"):
        parse(path)


@pytest.mark.parametrize(
    "url", ["not a url", "ftp://example.org/license", "www.example.org/license"]
)
def test_license_url_must_be_http(tmp_path, url):
    path = write(
        tmp_path,
        f"licenses:\n  - {{key: mit, name: MIT, family: permissive, url: '{url}'}}\n",
    )
    with pytest.raises(LibraryFileError) as err:
        parse_known_licenses(path, category_keys=set())
    assert "license 'mit', field 'url'" in str(err.value)
    assert "is not an http(s) URL" in str(err.value)


@pytest.mark.parametrize("count", [2, 13])
def test_cue_count_is_three_to_twelve(tmp_path, count):
    cues = ", ".join(f'"cue {i}"' for i in range(count))
    old = 'cues: ["Unsolicited  Messages", "spam", "bulk messages"]'
    path = write(tmp_path, CLAUSE.replace(old, f"cues: [{cues}]"))
    with pytest.raises(
        LibraryFileError, match=f"field 'cues': needs 3 to 12.*has {count}"
    ):
        parse(path)


def test_repeated_cues_count_once(tmp_path):
    old = '"bulk messages"]'
    path = write(tmp_path, CLAUSE.replace(old, '"Spam", "SPAM "]'))
    with pytest.raises(LibraryFileError, match="has 2"):
        parse(path)


FOLDED = """
    text: >-
      Do not use the Artifact to send bulk
      unsolicited messages.

      This covers   e-mail and chat alike.
"""
LITERAL = """
    text: |
      Do not use the Artifact to send bulk
      unsolicited messages.

      This covers   e-mail and chat alike.
"""


@pytest.mark.parametrize("block", [FOLDED, LITERAL])
def test_clause_text_keeps_paragraphs(tmp_path, block):
    old = "\n    text: Do not use the Artifact to send bulk unsolicited messages.\n"
    assert old in CLAUSE
    [record] = parse(write(tmp_path, CLAUSE.replace(old, block)))
    assert record.text == (
        "Do not use the Artifact to send bulk unsolicited messages.\n\n"
        "This covers e-mail and chat alike."
    )


def test_license_alias_must_not_shadow_a_key(tmp_path):
    path = write(
        tmp_path,
        """
licenses:
  - {key: mit, name: MIT, family: permissive, aliases: [apache-2.0]}
  - {key: apache-2.0, name: Apache, family: permissive}
""",
    )
    with pytest.raises(LibraryFileError, match="equal other licenses. keys"):
        parse_known_licenses(path, category_keys=set())


def test_license_family_checked(tmp_path):
    path = write(tmp_path, "licenses:\n  - {key: mit, name: MIT, family: free}\n")
    with pytest.raises(LibraryFileError, match="license 'mit', field 'family'"):
        parse_known_licenses(path, category_keys=set())
