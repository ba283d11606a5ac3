"""SC009 against PostgreSQL 15 and 18: on the `cases/SC009/already` project, the SET NOT NULL
statements SC009 reports are exactly those for which PostgreSQL reads the table to prove the
column has no NULL (its DEBUG1 message `verifying table "..."`); a SET NOT NULL of a column
NOT NULL already reads nothing."""

from __future__ import annotations

from pathlib import Path

import psycopg
from case_projects import rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.statement import SqlFile
from schemacheck.lint import lint_files

PROJECT = rulecases().CASES / "SC009" / "already"


def _files() -> list[SqlFile]:
    paths = sorted(PROJECT.rglob("*.sql"), key=lambda p: (p.parent.name != "prerequisites", p))
    return [parse_bytes(p.read_bytes(), p.relative_to(PROJECT.parent).as_posix()) for p in paths]


def _verified(dsn: str, files: list[SqlFile]) -> set[tuple[str, int]]:
    """(file, line) of each statement PostgreSQL read a table for, applying the files in
    order, a row in each table first."""
    out: set[tuple[str, int]] = set()
    with psycopg.connect(dsn, autocommit=True) as conn:
        notes: list[str] = []
        conn.add_notice_handler(lambda d: notes.append(d.message_primary or ""))
        for f in files:
            for s in f.statements:
                notes.clear()
                conn.execute("SET client_min_messages = debug1")
                conn.execute(s.text)
                conn.execute("RESET client_min_messages")
                if any(n.startswith("verifying table") for n in notes):
                    out.add((f.path, s.line))
            if Path(f.path).parent.name == "prerequisites":
                conn.execute("INSERT INTO accounts (email, nick, team) VALUES ('a', 'b', 'c')")
                conn.execute("INSERT INTO members VALUES (1, 2, 'r')")
    return out


def test_sc009_reports_exactly_the_set_not_null_postgresql_verifies(fresh_db_any: str) -> None:
    files = _files()
    reported = {
        (x.location.path, x.location.line)
        for x in lint_files(files).findings
        if x.code == "SC009" and x.location is not None
    }
    verified = _verified(fresh_db_any, files)
    assert reported == verified
    assert reported  # the project holds both kinds
    migrations = {(f.path, s.line) for f in files for s in f.statements}
    assert any(k not in reported and "migrations" in k[0] for k in migrations)
