"""SC040's cases run on PostgreSQL the way goose runs them: the statements goose cuts in
pieces, and that PostgreSQL then refuses, are exactly the statements SC040 reports.

`goose_split` is a port of goose's `ParseSQLMigration` (pressly/goose,
internal/sqlparser/parser.go): it reads the file line by line, keeps the lines between
`-- +goose StatementBegin` and `-- +goose StatementEnd` together, and elsewhere ends a statement
at a line whose last word before a `--` word ends in `;`. Each goose case of
`tests/rules/cases/SC040/` is split for up and for down, and the pieces are sent in that order
to a new database, each on its own in autocommit (goose would stop at the first failure; here
each piece's own fate is wanted). A schemacheck statement fails when a piece overlapping its
lines fails. goose knows nothing of `/* */` comments: a comment line ending in `;` outside any
statement ends a piece there, and the rest of the comment goes with the statement after it,
which is the statement SC040's finding on that line stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from case_projects import rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_files
from schemacheck.rules import get_rule

_cases = rulecases()
CASES: Path = _cases.CASES / "SC040"

# Go's unicode.IsSpace: what strings.TrimSpace trims and bufio.ScanWords splits on
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
GO_SPACE += "\u2028\u2029\u202f\u205f\u3000"
_GO_WORDS = re.compile(f"[{GO_SPACE}]+")
SUPPORTED = ("Up", "Down", "StatementBegin", "StatementEnd", "NO TRANSACTION")
SUPPORTED += ("ENVSUB ON", "ENVSUB OFF")


class GooseRefused(Exception):
    """goose returns an error for the file: it runs none of it."""


@dataclass(frozen=True)
class Piece:
    """One statement as goose sends it: its first and last line in the file, its text."""

    first: int
    last: int
    sql: str


def ends_with_semicolon(line: str) -> bool:
    prev = ""
    for word in _GO_WORDS.split(line):
        if not word:
            continue
        if word.startswith("--"):
            break
        prev = word
    return prev.endswith(";")


def extract_annotation(line: str) -> str:
    if line.startswith((" ", "\t")):
        raise GooseRefused(f"{line!r} contains leading whitespace")
    cmd = line.replace("--", "").replace("+goose", "", 1)
    if "+goose" in cmd:
        raise GooseRefused(f"{cmd!r} contains multiple '+goose' annotations")
    cmd = cmd.strip(GO_SPACE)
    if not cmd:
        raise GooseRefused("empty annotation")
    for known in SUPPORTED:
        if known.lower() == cmd.lower():
            return known
    raise GooseRefused(f"{cmd!r} not supported")


def goose_split(text: str, up: bool) -> list[Piece]:
    """The statements goose sends for direction up (True) or down (False), in order."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # bufio.Scanner gives no empty last line after a final newline
    state = "start"
    buf: list[str] = []
    first = 0
    pieces: list[Piece] = []

    def emit(last: int) -> None:
        pieces.append(Piece(first, last, "".join(buf).strip(GO_SPACE)))
        buf.clear()

    for number, raw in enumerate(lines, 1):
        line = raw[:-1] if raw.endswith("\r") else raw  # bufio.ScanLines drops one \r
        if state == "start" and line.strip(GO_SPACE) == "":
            continue
        if line.strip(GO_SPACE).startswith("--") and "+goose" in line:
            cmd = extract_annotation(line)
            if cmd == "Up":
                if state != "start":
                    raise GooseRefused("duplicate '-- +goose Up' annotations")
                state = "up"
                continue
            if cmd == "Down":
                if state not in ("up", "end_up"):
                    raise GooseRefused("must start with '-- +goose Up' annotation")
                if "".join(buf).strip(GO_SPACE):
                    raise GooseRefused("unexpected unfinished SQL query: missing semicolon?")
                state = "down"
                continue
            if cmd == "StatementBegin":
                if state in ("up", "end_up"):
                    state = "begin_up"
                elif state in ("down", "end_down"):
                    state = "begin_down"
                else:
                    raise GooseRefused("'-- +goose StatementBegin' must be defined after Up/Down")
                continue
            if cmd == "StatementEnd":
                if state == "begin_up":
                    state = "end_up"
                elif state == "begin_down":
                    state = "end_down"
                else:
                    raise GooseRefused("'-- +goose StatementEnd' must follow StatementBegin")
            else:
                continue  # NO TRANSACTION, ENVSUB ON/OFF
        if not buf and (line.strip(GO_SPACE).startswith("--") or line == ""):
            continue
        if state not in ("end_up", "end_down"):
            if not buf:
                first = number
            buf.append(line + "\n")
        if state in ("up", "begin_up", "end_up"):
            if not up:
                buf.clear()
                continue
        elif state in ("down", "begin_down", "end_down"):
            if up:
                buf.clear()
                continue
        else:
            raise GooseRefused(f"unexpected state {state} on line {line!r}")
        if state in ("up", "down"):
            if ends_with_semicolon(line):
                emit(number)
        elif state == "end_up":
            emit(number - 1)
            state = "up"
        elif state == "end_down":
            emit(number - 1)
            state = "down"
    if state == "start":
        raise GooseRefused("must start with '-- +goose Up' annotation")
    if state in ("begin_up", "begin_down"):
        raise GooseRefused("missing '-- +goose StatementEnd' annotation")
    if "".join(buf).strip(GO_SPACE):
        raise GooseRefused("unexpected unfinished SQL query: missing semicolon?")
    return pieces


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
