"""The data lines after `COPY ... FROM STDIN` (as pg_dump writes them) are data, not SQL: psql
reads them up to a line `\\.`. They are skipped, and the statements after them are checked."""

from __future__ import annotations

from schemacheck.ddl import parse_text
from schemacheck.ddl.lexer import lex
from schemacheck.lint import lint_files

DUMP = (
    "CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body text);\n"
    "COPY public.notes (id, body) FROM stdin;\n"
    "1\tit's done\n"
    "2\t\\N\n"
    "3\ta; DROP TABLE x; (\n"
    "\\.\n"
    "DROP TABLE legacy_notes CASCADE;\n"
)


def test_copy_data_is_skipped_and_the_rest_is_read() -> None:
    f = parse_text(DUMP, "0001_seed.sql")
    assert [(s.kind, s.line) for s in f.statements] == [
        ("create_table", 1),
        ("copy", 2),
        ("drop_table", 7),
    ]
    assert f.problems == ()  # no unterminated string, no `\N` meta-command, no SC000
    assert all(s.understood for s in f.statements)
    codes = {(x.code, x.location.line if x.location else 0) for x in lint_files([f]).findings}
    assert ("SC003", 7) in codes  # the CASCADE after the data is still seen
    assert not {c for c, _ in codes} & {"SC000", "SC035"}


def test_copy_data_spans() -> None:
    lexed = lex(DUMP)
    (start, end), *more = lexed.copy_data
    assert more == []
    assert DUMP[start:end] == "1\tit's done\n2\t\\N\n3\ta; DROP TABLE x; (\n\\."
    assert lexed.unterminated is None and lexed.metas == []


def test_copy_without_end_marker_runs_to_the_end_of_the_file() -> None:
    text = "COPY t FROM STDIN;\n1\t'x\n2\ty\n"
    f = parse_text(text, "0002_x.sql")
    assert [s.kind for s in f.statements] == ["copy"]
    assert f.problems == ()


def test_other_copies_are_not_followed_by_data() -> None:
    text = (
        "COPY t TO STDOUT;\n"
        "COPY t FROM '/tmp/x.csv';\n"
        "-- FROM STDIN in a comment\n"
        "SELECT 'COPY t FROM STDIN';\n"
        "DROP TABLE y;\n"
    )
    f = parse_text(text, "0003_x.sql")
    assert [s.kind for s in f.statements] == ["copy", "copy", "select", "drop_table"]
    assert lex(text).copy_data == []


def test_separator_comments_before_statements_are_read_at_once() -> None:
    # the COPY test at each `;` once tried every way of splitting a line of dashes into `--`
    # comments: 40 dashes took seconds, a 79-character separator line never finished
    separator = "-" * 200 + "\n" + "-- " + "-" * 77 + "\n"
    text = f"{separator}CREATE TABLE t (a int);\n{separator}/* {separator} */\nDROP TABLE u;\n"
    f = parse_text(text, "0004_x.sql")
    assert [s.kind for s in f.statements] == ["create_table", "drop_table"]
    assert lex(text).copy_data == []
    copy_after = f"{separator}COPY t FROM STDIN;\n1\n\\.\nDROP TABLE u;\n"
    assert [s.kind for s in parse_text(copy_after, "0005_x.sql").statements] == [
        "copy",
        "drop_table",
    ]
