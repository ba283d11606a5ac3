"""`schemacheck.goose_parse` cuts and refuses as goose's `ParseSQLMigration` does (pressly/goose,
internal/sqlparser/parser.go), line for line, and places each statement and each refusal."""

from __future__ import annotations

import pytest

from schemacheck.errors import SqlExecutionError
from schemacheck.goose_parse import (
    GooseRefused,
    Piece,
    extract_annotation,
    goose_section,
    goose_split,
)


def test_statement_starts_at_its_first_word_not_at_a_blank_line_goose_keeps() -> None:
    """A line of spaces is not empty to goose: it starts the statement (and is trimmed away
    when sent); the statement's line is the one its text starts at."""
    text = "-- +goose Up\n   \nCREATE TABLE t (\n  v int\n);\n-- +goose Down\nDROP TABLE t;\n"
    assert goose_split(text, True) == [Piece(3, 5, "CREATE TABLE t (\n  v int\n);")]
    assert goose_split(text, False) == [Piece(7, 7, "DROP TABLE t;")]


def test_comments_before_a_statement_are_dropped_and_after_its_start_kept() -> None:
    text = "-- +goose Up\n-- a note\n\nSELECT 1\n-- inside\n, 2;\n"
    assert goose_split(text, True) == [Piece(4, 6, "SELECT 1\n-- inside\n, 2;")]


def test_crlf_lines_and_annotations_in_any_case() -> None:
    """goose compares the annotation ignoring case, but finds it by `+goose` as written."""
    text = "-- +goose up\r\nSELECT 1;\r\n--   +goose   DOWN  \r\nSELECT 2;\r\n"
    assert goose_split(text, True) == [Piece(2, 2, "SELECT 1;")]
    assert goose_split(text, False) == [Piece(4, 4, "SELECT 2;")]
    with pytest.raises(GooseRefused, match="SQL before the '-- \\+goose Up'"):
        goose_split("-- +GOOSE Up\nSELECT 1;\n", True)


def test_no_transaction_anywhere_in_the_file_turns_goose_s_transaction_off() -> None:
    text = "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n"
    assert goose_section(text, True).transaction
    late = text + "-- +goose no transaction\n"
    assert not goose_section(late, True).transaction
    assert not goose_section(late, False).transaction


def test_statement_block_ends_the_line_before_statement_end() -> None:
    text = (
        "-- +goose Up\n-- +goose StatementBegin\nDO $$ BEGIN\n  PERFORM 1;\nEND $$;\n"
        "-- +goose StatementEnd\nSELECT 1; SELECT 2;\n"
    )
    assert goose_split(text, True) == [
        Piece(3, 5, "DO $$ BEGIN\n  PERFORM 1;\nEND $$;"),
        Piece(7, 7, "SELECT 1; SELECT 2;"),
    ]


REFUSALS = [
    ("SELECT 1;\n-- +goose Up\nSELECT 2;\n", 1, "before the '-- +goose Up'"),
    ("-- +goose Up\nSELECT 1;\n-- +goose Up\n", 3, "duplicate '-- +goose Up'"),
    ("-- +goose Down\nSELECT 1;\n", 1, "'-- +goose Down' before any '-- +goose Up'"),
    ("-- +goose Up\n-- +goose Down\n-- +goose Down\n", 3, "a second '-- +goose Down'"),
    ("-- +goose Up\nSELECT 1;\n -- +goose Down\n", 3, "whitespace before it"),
    ("-- +goose Up\n-- +goose Up +goose Down\n", 2, "more than one '+goose'"),
    ("-- +goose Up\n-- +goose\n", 2, "empty '-- +goose' annotation"),
    ("-- +goose Up\n-- +goose ENVSUBST ON\n", 2, "unknown annotation '-- +goose ENVSUBST ON'"),
    ("-- +goose Up\n-- +goose StatementEnd\n", 2, "must be defined after '-- +goose Statem"),
    ("-- +goose StatementBegin\n", 1, "must be defined after '-- +goose Up'"),
    ("-- +goose Up\nSELECT 1;\n-- +goose StatementBegin\nSELECT 2;\n", 3, "StatementEnd"),
    ("-- +goose Up\nSELECT 1\n\n-- +goose Down\nSELECT 2;\n", 2, "missing semicolon"),
    ("-- +goose Up\nSELECT 1;\nSELECT\n  2\n", 3, "missing semicolon"),
    ("\n\n-- just a comment\n", 1, "must start with '-- +goose Up'"),
]


@pytest.mark.parametrize(("text", "line", "reason"), REFUSALS)
def test_refusals_name_the_file_and_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(GooseRefused) as raised:
        goose_split(text, True, "sql/001_x.sql")
    exc = raised.value
    assert isinstance(exc, SqlExecutionError)  # check reports it as a failed migration
    assert (exc.path, exc.line) == ("sql/001_x.sql", line) and reason in exc.reason
    assert str(exc) == f"sql/001_x.sql:{line}: goose refuses this file: {exc.reason}"
    assert "\n" not in str(exc)


def test_a_section_goose_does_not_run_cannot_refuse_the_other() -> None:
    """goose parses the direction it runs: a Down statement without `;` refuses the Down
    only, an Up one the Up only (the other section's lines are dropped as they come)."""
    down_open = "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2\n"
    assert goose_split(down_open, True) == [Piece(2, 2, "SELECT 1;")]
    with pytest.raises(GooseRefused, match="missing semicolon"):
        goose_split(down_open, False)
    up_open = "-- +goose Up\nSELECT 1\n-- +goose Down\nSELECT 2;\n"
    assert goose_split(up_open, False) == [Piece(4, 4, "SELECT 2;")]
    with pytest.raises(GooseRefused, match="missing semicolon"):
        goose_split(up_open, True)


def test_extract_annotation_as_goose_names_it() -> None:
    assert extract_annotation("-- +goose statementbegin") == "StatementBegin"
    assert extract_annotation("--+goose   NO TRANSACTION  ") == "NO TRANSACTION"
    assert extract_annotation("-- +goose ENVSUB on") == "ENVSUB ON"
    with pytest.raises(GooseRefused, match="unknown annotation"):
        extract_annotation("-- +goose NO  TRANSACTION")
