"""SC043's cases run on PostgreSQL 15 and 18 as their migration tool runs them (a goose file's
Up part inside one transaction, unless it says NO TRANSACTION; the file's own BEGIN and COMMIT
as written): the statements PostgreSQL refuses with "unsafe use of new value" (55P04) are
exactly those SC043 reports. Each statement in a transaction runs under a savepoint, so a
refused one does not end the transaction for the next."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from case_projects import rulecases
from psycopg.pq import TransactionStatus

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.lint import lint_files

pytestmark = pytest.mark.db

_cases = rulecases()
PROJECT: Path = _cases.CASES / "SC043"
MIGRATIONS = sorted((PROJECT / "migrations").glob("*.sql"))


def _parsed(path: Path) -> SqlFile:
    return parse_bytes(path.read_bytes(), f"migrations/{path.name}")


def _refused(dsn: str, f: SqlFile) -> list[int]:
    """The lines of the statements of `f` (its up part) refused with 55P04."""
    refused: list[int] = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        if f.tool_transaction:
            conn.execute("BEGIN")
        for s in f.statements:
            inside = conn.info.transaction_status == TransactionStatus.INTRANS
            if inside and s.kind not in ("begin", "commit", "rollback"):
                conn.execute("SAVEPOINT s")
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                assert exc.sqlstate == "55P04", f"line {s.line}: {exc}"
                refused.append(s.line)
                conn.execute("ROLLBACK TO SAVEPOINT s")
        if conn.info.transaction_status == TransactionStatus.INTRANS:
            conn.execute("COMMIT")
    return refused


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: p.name)
def test_sc043_reports_what_postgresql_refuses_in_the_transaction(
    pg_any: DatabaseServer, path: Path
) -> None:
    prerequisites = sorted((PROJECT / "prerequisites").glob("*.sql"))
    files = [parse_bytes(p.read_bytes(), f"prerequisites/{p.name}") for p in prerequisites]
    f = _parsed(path)
    found = lint_files([*files, f]).findings
    reported = sorted(x.location.line for x in found if x.code == "SC043" and x.location)
    name = f"sc043_{path.name.split('_', 1)[0]}"
    dsn = pg_any.create_database(name)
    try:
        apply_sql_files(dsn, prerequisites)
        assert _refused(dsn, f) == reported
    finally:
        pg_any.drop_database(name)


def test_the_cases_hold_refused_statements() -> None:
    assert any(_cases.read_case(p, PROJECT).raised for p in MIGRATIONS)


_SAME_TRANSACTION = (
    "CREATE TYPE color AS ENUM ('red')",
    "ALTER TYPE color ADD VALUE 'blue'",
    "CREATE TABLE paint (c color DEFAULT 'blue')",
)


def test_a_type_created_in_the_transaction_takes_its_new_values_from_17(
    pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    """The values added to an enum created in the same transaction are refused before
    PostgreSQL 17 only: SC043 reports them when the target version is older."""
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute("BEGIN")
        refused = None
        try:
            for s in _SAME_TRANSACTION:
                conn.execute(s)
        except psycopg.Error as exc:
            refused = exc.sqlstate
        conn.execute("ROLLBACK")
    assert refused == ("55P04" if pg_any.major < 17 else None)
    text = "BEGIN;\n" + "".join(f"{s};\n" for s in _SAME_TRANSACTION) + "COMMIT;\n"
    f = parse_bytes(text.encode(), "migrations/001_paint.sql")
    for target in (None, pg_any.major):
        found = [
            x.location.line
            for x in lint_files([f], target_major=target).findings
            if x.code == "SC043" and x.location
        ]
        assert found == ([4] if target is not None and target < 17 else [])


def _accepted_uses(f: SqlFile, expected: set[int]) -> list[int]:
    """The lines of the statements of `f` after an ADD VALUE that quote a value it adds (in
    their words, or the code of their body) and that the case does not expect reported."""
    added: set[str] = set()
    lines: list[int] = []
    for s in f.statements:
        if s.kind == "alter_type":
            added.update(a.label for a in s.facts.actions if a.label is not None)
        elif s.line not in expected and any(f"'{v}'" in s.text for v in added):
            lines.append(s.line)
    return lines


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: p.name)
def test_each_case_that_reports_a_use_also_holds_an_accepted_one(path: Path) -> None:
    """The proof on PostgreSQL runs both ways in each file: next to the statements refused
    with 55P04, statements quoting the same new value (a text column, a comment, a notice, a
    PL/pgSQL or unchecked body) run, and SC043 does not report them."""
    case = _cases.read_case(path, PROJECT)
    expected = {line for code, line in case.raised if code == "SC043"}
    if not expected:
        assert case.absent == ("SC043",)
        return
    assert _accepted_uses(_parsed(path), expected)


_BODIES = (
    "SELECT state = 'pending'",
    "SELECT 'pending' <> {name}.state",
    "SELECT state IN ('available', 'pending')",
    "SELECT CASE state WHEN 'available' THEN 1 WHEN 'pending' THEN 2 END = 1",
    "SELECT $2 = 'pending'",
    "SELECT 'pending' = $2",
    "SELECT state < 'pending'",
    "SELECT 'pending' >= $2",
    "SELECT state IS DISTINCT FROM 'pending'",
    "SELECT 'pending' IS NOT DISTINCT FROM {name}.state",
    "SELECT state::text = 'pending'",
    "SELECT state::text IS DISTINCT FROM 'pending'",
    "SELECT count(*) = 0 FROM job_notes WHERE state = 'pending'",
)
_PARAMETERS = (
    "n int, state job_state",
    "n int, state text",
    "OUT ok boolean, n int, state job_state",
)
_JOB = (
    "CREATE TYPE job_state AS ENUM ('available', 'running');\n"
    "CREATE TABLE job_notes (id int, state text);\n"
)


@pytest.mark.parametrize("parameters", _PARAMETERS)
def test_a_body_comparing_a_parameter_is_refused_as_sc043_reports(
    pg_any: DatabaseServer, fresh_db_any: str, parameters: str
) -> None:
    """Each body, in a function whose parameter `state` (also `$2`; an OUT parameter is not
    counted) is of the enum or of text: PostgreSQL refuses exactly the ones SC043 reports,
    some with the enum and none with text."""
    returns = "" if parameters.startswith("OUT") else " RETURNS boolean"
    text = "BEGIN;\nALTER TYPE job_state ADD VALUE 'pending';\n"
    for i, body in enumerate(_BODIES):
        name = f"f{i}"
        text += f"CREATE FUNCTION {name}({parameters}){returns} LANGUAGE sql AS $$ "
        text += body.format(name=name) + " $$;\n"
    text += "COMMIT;\n"
    pre = parse_bytes(_JOB.encode(), "prerequisites/001_job.sql")
    f = parse_bytes(text.encode(), "migrations/002_pending.sql")
    found = lint_files([pre, f]).findings
    reported = sorted(x.location.line for x in found if x.code == "SC043" and x.location)
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute(_JOB.encode())
    assert _refused(fresh_db_any, f) == reported
    assert bool(reported) == ("state job_state" in parameters)
