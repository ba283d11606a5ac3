"""Findings name the object they are about, also for the DROPs whose objects have no name of
their own (a cast is `(source AS target)`, a transform `FOR type LANGUAGE lang`)."""

from __future__ import annotations

from schemacheck.ddl import parse_text
from schemacheck.lint import lint_files


def _messages(sql: str, code: str) -> list[str]:
    f = parse_text(sql, "0001_x.sql")
    return [x.message for x in lint_files([f]).findings if x.code == code]


def test_require_if_exists_names_casts_and_transforms() -> None:
    sql = "DROP CAST (text AS mood);\nDROP TRANSFORM FOR int LANGUAGE sql;\nDROP TABLE a, b;\n"
    assert _messages(sql, "SC026") == [
        "DROP CAST (text AS mood) without IF EXISTS fails if the object is already gone",
        "DROP TRANSFORM FOR int LANGUAGE sql without IF EXISTS fails if the object is already gone",
        "DROP TABLE a, b without IF EXISTS fails if the object is already gone",
    ]


def test_ban_cascade_names_casts() -> None:
    (message,) = _messages("DROP CAST IF EXISTS (text AS mood) CASCADE;\n", "SC003")
    assert message.startswith("DROP CAST (text AS mood) CASCADE also drops")


def test_unparseable_statement_names_the_token_not_its_repr() -> None:
    sql = 'CREATE INDEX IF NOT EXISTS x ON\n  {{ index .Options "Namespace" }}.users (id);\n'
    (message,) = _messages(sql, "SC000")
    assert "but got `{` (line 2, column 3)" in message
    assert "Token" not in message and "token_type" not in message
