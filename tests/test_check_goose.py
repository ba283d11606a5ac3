"""`schemacheck check` sends a goose file's statements as goose cuts them (at every line ending
in `;` outside `-- +goose StatementBegin` ... `StatementEnd`), in goose's transaction, and
reports a file goose refuses as a migration failure at the line the refusal comes from; on a
real PostgreSQL (15 and 18)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer, SqlPart
from schemacheck.errors import SqlExecutionError
from schemacheck.goose_parse import GooseRefused
from schemacheck.tool_queries import apply_parts

pytestmark = pytest.mark.db

FUNCTION = "CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND $$;\n"


def migration(root: Path, text: str, name: str = "001_one.sql") -> Path:
    path = root / "sql" / "migrations" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def check(root: Path, server: DatabaseServer) -> tuple[int, list[dict[str, Any]]]:
    """`check --no-lint` as JSON against an empty spec: the exit code and the findings."""
    spec = root / "spec.json"
    spec.write_text(json.dumps({"spec_version": 1, "schemas": {}}))
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--no-lint", "--dsn", server.dsn()]
    code = run([*argv, "--spec", str(spec), "--format", "json"], out, err)
    assert err.getvalue() == ""  # a finding, never an error or a traceback
    return code, json.loads(out.getvalue())["findings"]


def objects(dsn: str) -> set[str]:
    """The tables and functions of schema public."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' UNION ALL "
            "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
        )
        return {r[0] for r in rows}


# ------------------------------------------------------------------------- statements as cut


def test_plpgsql_body_without_statement_begin_fails_as_goose_sends_it(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    """goose ends the function's first statement at `RETURN 1;` (line 5): PostgreSQL refuses
    lines 3-5 sent alone (42601, the dollar quote never closed, at its line 3). Nothing of the
    section stays: goose ran it in one transaction."""
    path = migration(
        tmp_path,
        "-- +goose Up\nCREATE TABLE t (v int);\n" + FUNCTION + "-- +goose Down\n"
        "DROP FUNCTION one();\nDROP TABLE t;\n",
    )
    code, findings = check(tmp_path, pg_any)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC920", 3)]
    assert findings[0]["location"]["path"] == str(path) and code == 1
    message = findings[0]["message"]
    assert "SQLSTATE 42601" in message and "goose sends lines 3-5 as one statement" in message
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db_any, [path])
    assert raised.value.line == 3 and "42601" in str(raised.value)
    assert objects(fresh_db_any) == set()


def test_plpgsql_body_inside_statement_begin_and_end_passes(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    path = migration(
        tmp_path,
        "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose StatementBegin\n"
        + FUNCTION
        + "-- +goose StatementEnd\n-- +goose Down\nDROP FUNCTION one();\nDROP TABLE t;\n",
    )
    code, findings = check(tmp_path, pg_any)
    assert findings == [] and code == 0
    apply_parts(fresh_db_any, [path])
    assert objects(fresh_db_any) == {"t", "one"}
    with psycopg.connect(fresh_db_any) as conn:
        assert conn.execute("SELECT one()").fetchone() == (1,)


def test_two_statements_on_one_line_go_as_one_query(tmp_path: Path, pg_any: DatabaseServer) -> None:
    """goose sends `a; b;` on one line as one query: PostgreSQL runs it as one implicit block,
    and CONCURRENTLY is refused (25001) even with NO TRANSACTION; on two lines it passes."""
    migration(
        tmp_path,
        "-- +goose NO TRANSACTION\n-- +goose Up\n"
        "CREATE TABLE t (v int); CREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
        "-- +goose Down\nDROP TABLE t;\n",
    )
    code, findings = check(tmp_path, pg_any)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC920", 3)]
    assert "25001" in findings[0]["message"] and code == 1
    migration(
        tmp_path,
        "-- +goose NO TRANSACTION\n-- +goose Up\n"
        "CREATE TABLE t (v int);\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
        "-- +goose Down\nDROP TABLE t;\n",
    )
    code, findings = check(tmp_path, pg_any)
    assert findings == [] and code == 0


# ------------------------------------------------------------------------- transactions


def test_no_transaction_lets_create_index_concurrently_pass(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    body = (
        "-- +goose Up\nCREATE TABLE t (v int);\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
        "-- +goose Down\nDROP INDEX CONCURRENTLY t_v_idx;\nDROP TABLE t;\n"
    )
    path = migration(tmp_path, "-- +goose NO TRANSACTION\n" + body)
    code, findings = check(tmp_path, pg_any)
    assert findings == [] and code == 0
    migration(tmp_path, body)  # goose's transaction around the Up section
    code, findings = check(tmp_path, pg_any)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC920", 3)]
    assert "SQLSTATE 25001" in findings[0]["message"] and code == 1
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db_any, [path])
    assert raised.value.line == 3
    assert objects(fresh_db_any) == set()  # the table before it was rolled back with it


# ------------------------------------------------------------------------- refusals

REFUSED = [
    pytest.param(
        "CREATE TABLE early (v int);\n-- +goose Up\nCREATE TABLE t (v int);\n"
        "-- +goose Down\nDROP TABLE t;\n",
        1,
        "before the '-- +goose Up'",
        id="sql-before-up",
    ),
    pytest.param(
        "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose Up\nCREATE TABLE u (v int);\n"
        "-- +goose Down\nDROP TABLE t;\n",
        3,
        "duplicate '-- +goose Up'",
        id="second-up",
    ),
    pytest.param(
        "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose StatementBegin\n"
        + FUNCTION
        + "-- +goose Down\nDROP TABLE t;\n",
        8,
        "'-- +goose Down' inside the StatementBegin of line 3",
        id="down-inside-statement-begin",
    ),
    pytest.param(
        "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose Down\n-- +goose StatementBegin\n"
        + FUNCTION,
        4,
        "missing '-- +goose StatementEnd'",
        id="statement-begin-never-ended",
    ),
    pytest.param(
        "-- +goose Up\nCREATE TABLE t (v int);\nCREATE TABLE u (\n  v int\n)\n"
        "-- +goose Down\nDROP TABLE t;\n",
        3,
        "missing semicolon",
        id="last-up-statement-without-semicolon",
    ),
    pytest.param(
        "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose Statement Begin\n"
        "-- +goose Down\nDROP TABLE t;\n",
        3,
        "unknown annotation '-- +goose Statement Begin'",
        id="unknown-annotation",
    ),
]


@pytest.mark.parametrize(("text", "line", "reason"), REFUSED)
def test_a_file_goose_refuses_is_a_migration_failure_at_goose_s_line(
    tmp_path: Path,
    pg_server: DatabaseServer,
    fresh_db: str,
    text: str,
    line: int,
    reason: str,
) -> None:
    """goose runs none of a file it refuses: check reports it (SC920, with goose's reason, at
    the line it comes from) and applies none of it, where its own splitter would run it."""
    path = migration(tmp_path, text)
    code, findings = check(tmp_path, pg_server)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC920", line)]
    message = findings[0]["message"]
    assert message.startswith("001_one.sql: goose refuses this file: ") and reason in message
    assert code == 1
    with pytest.raises(GooseRefused) as raised:
        apply_parts(fresh_db, [path])
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert "\n" not in str(raised.value)
    assert objects(fresh_db) == set()


def test_refused_file_stops_the_migrations_after_it(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    migration(tmp_path, "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose Down\nDROP TABLE t;\n")
    migration(
        tmp_path,
        "-- +goose Up\nCREATE TABLE u (v int)\n-- +goose Down\nDROP TABLE u;\n",
        "002_u.sql",
    )
    code, findings = check(tmp_path, pg_server)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC920", 2)]
    assert "002_u.sql: goose refuses this file" in findings[0]["message"] and code == 1


# ------------------------------------------------------------------------- the down section


def test_down_section_is_cut_as_goose_cuts_it(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    """The rollback (the file's Down section) is sent as goose cuts it too: a DO block without
    StatementBegin fails there (SC925, 42601, at its line), its DROP before it rolled back
    with goose's transaction; with StatementBegin and StatementEnd the rollback is proven."""
    up = "-- +goose Up\nCREATE TABLE t (v int);\n"
    do = "DO $$\nBEGIN\n  PERFORM 1;\nEND $$;\n"
    path = migration(tmp_path, up + "-- +goose Down\nDROP TABLE t;\n" + do)
    code, findings = check(tmp_path, pg_any)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC925", 5)]
    message = findings[0]["message"]
    assert "SQLSTATE 42601" in message and "goose sends lines 5-7 as one statement" in message
    assert code == 1
    apply_parts(fresh_db_any, [path])  # the whole file, without sections known: its Up
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db_any, [SqlPart(path, "down", True)])
    assert raised.value.line == 5
    assert objects(fresh_db_any) == {"t"}  # the DROP TABLE was rolled back
    migration(
        tmp_path,
        up
        + "-- +goose Down\nDROP TABLE t;\n-- +goose StatementBegin\n"
        + do
        + "-- +goose StatementEnd\n",
    )
    code, findings = check(tmp_path, pg_any)
    assert findings == [] and code == 0


def test_down_section_refused_by_goose_fails_the_rollback_only(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """goose parses the direction it runs: a Down section whose last statement lacks its `;`
    makes goose refuse the rollback, while the Up runs."""
    migration(tmp_path, "-- +goose Up\nCREATE TABLE t (v int);\n-- +goose Down\nDROP TABLE t\n")
    code, findings = check(tmp_path, pg_server)
    assert [(f["code"], f["location"]["line"]) for f in findings] == [("SC925", 4)]
    assert "goose refuses this file" in findings[0]["message"] and code == 1
