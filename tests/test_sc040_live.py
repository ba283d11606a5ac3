"""SC040's cases run on PostgreSQL the way goose runs them: the statements goose cuts in
pieces, and that PostgreSQL then refuses, are exactly the statements SC040 reports.

`goose_split` (`schemacheck.goose_parse`) is a port of goose's `ParseSQLMigration`
(pressly/goose, internal/sqlparser/parser.go): it reads the file line by line, keeps the lines
between `-- +goose StatementBegin` and `-- +goose StatementEnd` together, and elsewhere ends a
statement at a line whose last word before a `--` word ends in `;`. Each goose case of
`tests/rules/cases/SC040/` is split for up and for down, and the pieces are sent in that order
to a new database, each on its own in autocommit (goose would stop at the first failure; here
each piece's own fate is wanted). A schemacheck statement fails when a piece overlapping its
lines fails. goose knows nothing of `/* */` comments: a comment line ending in `;` outside any
statement ends a piece there, and the rest of the comment goes with the statement after it,
which is the statement SC040's finding on that line stands for.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import DatabaseServer
from schemacheck.goose_parse import GooseRefused, Piece, ends_with_semicolon, goose_split
from schemacheck.lint import lint_files
from schemacheck.rules import get_rule

_cases = rulecases()
CASES: Path = _cases.CASES / "SC040"


def _goose_files() -> list[Path]:
    up = re.compile(r"^--[ \t]*\+goose[ \t]+up[ \t]*\r?$", re.I | re.M)
    return [p for p in sorted(CASES.rglob("*.sql")) if up.search(p.read_text("utf-8"))]


GOOSE_FILES = _goose_files()


def _refused(text: str) -> bool:
    try:
        goose_split(text, True)
        goose_split(text, False)
    except GooseRefused:
        return True
    return False


RUNNABLE = [p for p in GOOSE_FILES if not _refused(p.read_text("utf-8"))]


def _parsed(path: Path) -> SqlFile:
    return parse_bytes(path.read_bytes(), path.relative_to(_cases.CASES).as_posix())


def _sc040(f: SqlFile) -> list[tuple[int, str]]:
    report = lint_files([f], rules=[get_rule("SC040")])
    return sorted((x.location.line, x.message) for x in report.findings)


def _expected_lines(path: Path) -> list[int]:
    case = _cases.read_case(path, CASES)
    assert case is not None and "SC040" in case.codes, f"{path}: no SC040 expectation"
    return sorted(line for code, line in case.raised if code == "SC040")


def test_the_cases_hold_runnable_and_refused_goose_files() -> None:
    assert len(RUNNABLE) >= 8
    assert len(GOOSE_FILES) - len(RUNNABLE) >= 2


def test_port_splits_as_goose_documents() -> None:
    text = (
        "-- +goose Up\nCREATE TABLE t (\n  id int\n); -- done\n-- +goose StatementBegin\n"
        "DO $$ BEGIN\n  PERFORM 1;\nEND $$;\n-- +goose StatementEnd\n"
        "-- +goose Down\nDROP TABLE t;\n"
    )
    assert goose_split(text, True) == [
        Piece(2, 4, "CREATE TABLE t (\n  id int\n); -- done"),
        Piece(6, 8, "DO $$ BEGIN\n  PERFORM 1;\nEND $$;"),
    ]
    assert goose_split(text, False) == [Piece(11, 11, "DROP TABLE t;")]
    assert not ends_with_semicolon("  x := 1;--note")
    assert ends_with_semicolon("  x := 1; -- note;x")
    assert not ends_with_semicolon("  x := 1; /* note */")


def test_port_cuts_a_block_comment_as_goose_does() -> None:
    text = (
        "-- +goose Up\n/* set the default;\n   for every row */\n"
        "ALTER TABLE t ALTER COLUMN note SET DEFAULT '';\n-- +goose Down\nSELECT 1;\n"
    )
    assert goose_split(text, True) == [
        Piece(2, 2, "/* set the default;"),
        Piece(3, 4, "for every row */\nALTER TABLE t ALTER COLUMN note SET DEFAULT '';"),
    ]
    with pytest.raises(GooseRefused, match="missing semicolon"):
        goose_split("-- +goose Up\nSELECT 1;\n/* done;\n*/\n-- +goose Down\n", True)


@pytest.mark.parametrize("path", GOOSE_FILES, ids=lambda p: p.name)
def test_sc040_reports_exactly_the_files_goose_refuses(path: Path) -> None:
    refusals = [line for line, m in _sc040(_parsed(path)) if m.startswith("goose refuses")]
    assert _refused(path.read_text("utf-8")) == bool(refusals)
    if refusals:
        assert refusals == _expected_lines(path)


@pytest.mark.parametrize("path", RUNNABLE, ids=lambda p: p.name)
def test_statements_goose_cuts_fail_exactly_where_sc040_reports(
    path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    f = _parsed(path)
    flagged = [line for line, _ in _sc040(f)]
    assert flagged == _expected_lines(path)
    text = path.read_text("utf-8")
    pieces = goose_split(text, True) + goose_split(text, False)
    failed: dict[Piece, str] = {}
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        for piece in pieces:
            try:
                conn.execute(piece.sql.encode())
            except psycopg.Error as e:
                failed[piece] = e.sqlstate or ""
    statements = [*f.statements, *(f.down.statements if f.down is not None else ())]
    spans = [(s.line, s.end_line) for s in statements]
    reported = _reported_spans(spans, flagged)
    failing = {sp for sp in spans if any(p.first <= sp[1] and sp[0] <= p.last for p in failed)}
    assert failing == reported, f"on PostgreSQL {pg_any.major}: {failed}"
    cut_at = {p.last: p for p in pieces}
    for line in flagged:
        # the first piece, up to the line SC040 names, is what PostgreSQL refuses
        assert failed.get(cut_at[line]) == "42601", f"line {line}: {cut_at.get(line)}"
    assert len(failed) < len(pieces)  # the other statements ran: the database was usable


def _reported_spans(spans: list[tuple[int, int]], flagged: list[int]) -> set[tuple[int, int]]:
    """The statements (first and last line) SC040's findings stand for: the one holding the
    line, or for a line of a /* */ comment outside any statement, the statement after it."""
    reported: set[tuple[int, int]] = set()
    for n in flagged:
        holding = [sp for sp in spans if sp[0] <= n <= sp[1]]
        reported.update(holding or [sp for sp in spans if sp[0] > n][:1])
    return reported
