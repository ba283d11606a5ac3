"""SC045 against PostgreSQL 15 and 18: each case file of `cases/SC045/` (and its sections)
is sent the way its tool sends it, and exactly the files and sections SC045 reports are
refused, with 42601 (syntax error), while the others run.

- golang-migrate: the whole file as one query;
- dbmate: each section as one query, inside the transaction dbmate opens;
- goose: each statement as goose cuts it (`goose_split`, the port of goose's parser in
  `schemacheck.goose_parse`), inside the transaction goose opens;
- Flyway: each statement as lint reads it, its text from the line after the previous one
  (so a meta-command line goes with the statement after it, as Flyway's parser sends it),
  the rows written after a `COPY ... FROM STDIN` streamed as Flyway streams them.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.sections import section_text, with_sections
from schemacheck.ddl.statement import SqlFile
from schemacheck.goose_parse import goose_split
from schemacheck.lint import lint_files

CASES = rulecases().CASES / "SC045"
_TOOL_PROJECTS = ("golang-migrate", "goose", "dbmate", "flyway")
_DBMATE_UP = re.compile(r"^--\s*migrate:(up|down)\b", re.M)


def _files() -> list[Path]:
    return sorted(p for project in _TOOL_PROJECTS for p in (CASES / project).rglob("*.sql"))


def _parsed(path: Path) -> SqlFile:
    return parse_bytes(path.read_bytes(), path.relative_to(CASES.parent).as_posix())


def _reported_lines(path: Path) -> set[int]:
    found = lint_files([_parsed(path)], rules=None).findings
    return {x.location.line for x in found if x.code == "SC045" and x.location is not None}


def _parts(path: Path) -> list[tuple[str, list[str], bool]]:
    """(part name, the texts the tool sends for it in order, whether in one transaction)."""
    text = path.read_text()
    project = path.relative_to(CASES).parts[0]
    if project == "golang-migrate":
        return [("file", [text], False)]
    if project == "dbmate":
        return [(w, [section_text(text, w)], True) for w in _DBMATE_UP.findall(text)]
    if project == "goose":
        return [(w, [p.sql for p in goose_split(text, w == "up")], True) for w in ("up", "down")]
    return [("file", _flyway_statements(path), True)]


def _flyway_statements(path: Path) -> list[str]:
    lines = path.read_text().split("\n")
    out: list[str] = []
    start = 0
    for s in _parsed(path).statements:
        last = s.line - 1 + s.text.count("\n")
        out.append("\n".join(lines[start : last + 1]))
        start = last + 1
        if s.kind == "copy":  # the rows, up to `\.`, go with it
            end = lines.index("\\.", start)
            out[-1] += "\n" + "\n".join(lines[start : end + 1])
            start = end + 1
    return out


def _send(conn: psycopg.Connection[tuple[object, ...]], sql: str) -> None:
    """One statement as its tool sends it. A `COPY ... FROM STDIN` sent with its rows gets
    them streamed (as Flyway does); one sent alone gets none (the most a driver can do for
    it: the rows written after it are the tool's next statement)."""
    head, _, rows = sql.rstrip(";").partition(";\n")
    if re.search(r"\bFROM\s+STDIN\s*$", head, re.I):
        data = rows.rstrip()[: -len("\\.")] if rows.rstrip().endswith("\\.") else ""
        with conn.cursor().copy(head) as copy:
            if data:
                copy.write(data)
        return
    conn.execute(sql)


def _refusal(dsn: str, texts: list[str], in_transaction: bool) -> str | None:
    """The SQLSTATE PostgreSQL refuses the part with, None when it runs."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        try:
            if in_transaction:
                conn.execute("BEGIN")
            for sql in texts:
                if sql.strip():
                    _send(conn, sql)
            if in_transaction:
                conn.execute("COMMIT")
        except psycopg.Error as e:
            return e.sqlstate
    return None


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.relative_to(CASES).as_posix())
def test_sc045_reports_exactly_the_files_their_tool_cannot_run(
    path: Path, fresh_db_any: str
) -> None:
    reported = _reported_lines(path)
    refused: list[str | None] = []
    lines = path.read_text().split("\n")
    for _name, texts, in_transaction in _parts(path):
        refused.append(_refusal(fresh_db_any, texts, in_transaction))
    # reported: some part PostgreSQL refuses as a syntax error; not reported: every part runs
    assert ("42601" in refused) == bool(reported), (reported, refused)
    assert set(refused) <= {"42601", None}
    for line in reported:
        bad = lines[line - 1]
        assert bad.startswith("\\") or re.search(r"FROM\s+STDIN", bad, re.I)


def test_the_cases_hold_refused_and_runnable_files() -> None:
    reported = {p.name: bool(_reported_lines(p)) for p in _files()}
    assert any(reported.values()) and not all(reported.values())
    assert {p.relative_to(CASES).parts[0] for p in _files() if reported[p.name]} == set(
        _TOOL_PROJECTS
    )


def test_sections_keep_their_problems_on_their_lines() -> None:
    """The COPY of a goose Up section and the meta-command of its Down section are each
    reported on their own line."""
    f = _parsed(CASES / "goose" / "00001_tags.sql")
    assert [s.role for s in with_sections([f])] == ["migration", "rollback"]
    assert _reported_lines(CASES / "goose" / "00001_tags.sql") == {4, 9}
