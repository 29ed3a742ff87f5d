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
    cues: ["Unsolicited  Messages", "spam"]
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
    assert record.cues == ("unsolicited messages", "spam")


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
        tmp_path, "categories:\n  - {key: a-b, name: A, description: d, group: x}\n"
    )
    with pytest.raises(LibraryFileError, match="field 'group'"):
        parse_categories(path)


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
