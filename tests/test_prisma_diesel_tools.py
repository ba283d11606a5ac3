"""Prisma and Diesel migrations on PostgreSQL 15 and 18: what lint reports (SC007, SC045) is
exactly what PostgreSQL refuses when a migration is sent as its tool sends it, and `check`,
which applies it that way, reports the refusal (SC920, with the SQLSTATE).

How the tools send a migration, sent here by hand:

- Diesel: the whole `up.sql` (or `down.sql`) as one query (`batch_execute`), inside
  BEGIN ... COMMIT unless the `metadata.toml` in the migration's folder says
  `run_in_transaction = false`;
- Prisma (current releases): each statement as a query of its own, autocommit (the rows
  written after a `COPY ... FROM stdin` go with it), and the whole migration as one query when
  its statement splitter fails on a statement (`DROP INDEX CONCURRENTLY`, a psql
  meta-command).
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemacheck.cli import run
from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer, split_statements
from schemacheck.lint import lint_files
from schemacheck.tool_queries import ToolPart, apply_parts, one_query_tool

pytestmark = pytest.mark.db

BASE = (
    "CREATE TABLE colors (id int PRIMARY KEY, name text NOT NULL);\n"
    "CREATE INDEX colors_id_name ON colors (id, name);\n"
)


@dataclass(frozen=True)
class Case:
    """One migration file: its path below the project, its text, and the `metadata.toml` of
    its folder (None: no such file)."""

    name: str
    path: str
    text: str
    metadata: str | None = None

    @property
    def tool(self) -> str:
        return "prisma" if self.path.endswith("migration.sql") else "diesel"


CASES = [
    # Diesel: its own transaction, unless metadata.toml says otherwise
    Case(
        "diesel-index-alone",
        "migrations/2024-01-02-000000_idx/up.sql",
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
    ),
    Case(
        "diesel-index-alone-no-transaction",
        "migrations/2024-01-02-000000_idx/up.sql",
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
        "run_in_transaction = false\n",
    ),
    Case(
        "diesel-index-with-column-no-transaction",
        "migrations/2024-01-02-000000_idx/up.sql",
        "ALTER TABLE colors ADD COLUMN hex text;\n"
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
        "run_in_transaction = false\n",
    ),
    Case(
        "diesel-index-metadata-true",
        "migrations/2024-01-02-000000_idx/up.sql",
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
        "# the default, written out\nrun_in_transaction = true\n",
    ),
    Case(
        "diesel-drop-index-down",
        "migrations/2024-01-02-000000_idx/down.sql",
        "DROP INDEX CONCURRENTLY colors_id_name;\n",
    ),
    Case(
        "diesel-copy-rows",
        "migrations/2024-01-02-000000_seed/up.sql",
        "COPY colors (id, name) FROM stdin;\n1\tred\n\\.\n",
        "run_in_transaction = false\n",
    ),
    Case(
        "diesel-meta-command",
        "migrations/2024-01-02-000000_seed/up.sql",
        "\\set ON_ERROR_STOP on\nINSERT INTO colors VALUES (1, 'red');\n",
    ),
    Case(
        "diesel-plain",
        "migrations/2024-01-02-000000_seed/up.sql",
        "ALTER TABLE colors ADD COLUMN hex text;\nINSERT INTO colors VALUES (1, 'red');\n",
    ),
    # Prisma: statement by statement, or whole when its splitter fails
    Case(
        "prisma-index-with-column",
        "prisma/migrations/20240102000000_idx/migration.sql",
        "ALTER TABLE colors ADD COLUMN hex text;\n"
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
    ),
    Case(
        "prisma-drop-index-with-column",
        "prisma/migrations/20240102000000_idx/migration.sql",
        "DROP INDEX CONCURRENTLY colors_id_name;\nALTER TABLE colors ADD COLUMN hex text;\n",
    ),
    Case(
        "prisma-drop-index-alone",
        "prisma/migrations/20240102000000_idx/migration.sql",
        "-- drop it without blocking writes\nDROP INDEX CONCURRENTLY colors_id_name;\n",
    ),
    Case(
        "prisma-index-in-begin",
        "prisma/migrations/20240102000000_idx/migration.sql",
        "BEGIN;\nCREATE INDEX CONCURRENTLY colors_name ON colors (name);\nCOMMIT;\n",
    ),
    Case(
        "prisma-copy-rows",
        "prisma/migrations/20240102000000_seed/migration.sql",
        "COPY colors (id, name) FROM stdin;\n1\tred\n\\.\n\n"
        "INSERT INTO colors VALUES (3, $$x;y$$);\n",
    ),
    Case(
        "prisma-meta-command",
        "prisma/migrations/20240102000000_seed/migration.sql",
        "\\set ON_ERROR_STOP on\nINSERT INTO colors VALUES (1, 'red');\n",
    ),
]


def _write(root: Path, case: Case) -> Path:
    path = root / case.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(case.text)
    if case.metadata is not None:
        (path.parent / "metadata.toml").write_text(case.metadata)
    return path


def _reported(path: Path) -> set[str]:
    f = parse_bytes(path.read_bytes(), str(path))
    found = lint_files([f], rules=None).findings
    return {x.code for x in found if x.code in ("SC007", "SC045")}


def _diesel_in_transaction(path: Path) -> bool:
    metadata = path.parent / "metadata.toml"
    return not (
        metadata.exists()
        and re.search(r"^run_in_transaction\s*=\s*false\b", metadata.read_text(), re.M)
    )


def _prisma_queries(text: str) -> list[str]:
    """The queries current Prisma sends for a migration: the whole script when its splitter
    fails (DROP INDEX CONCURRENTLY, a line starting with a backslash), else each statement
    (a COPY with the rows and the `\\.` written after it)."""
    if re.search(r"DROP\s+INDEX\s+CONCURRENTLY|^\\", text, re.I | re.M):
        return [text]
    statements = split_statements(text)
    out = []
    for i, s in enumerate(statements):
        stop = statements[i + 1].offset if i + 1 < len(statements) else len(text)
        out.append(s.text if s.data is None else text[s.offset : stop])
    return out


def _refusal(dsn: str, case: Case, path: Path) -> str | None:
    """The SQLSTATE PostgreSQL refuses the migration with when sent as its tool sends it, None
    when it runs."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(BASE)
        try:
            if case.tool == "diesel":
                transaction = _diesel_in_transaction(path)
                if transaction:
                    conn.execute("BEGIN")
                conn.execute(case.text, prepare=False)
                if transaction:
                    conn.execute("COMMIT")
            else:
                for query in _prisma_queries(case.text):
                    conn.execute(query, prepare=False)
        except psycopg.Error as e:
            return e.sqlstate
    return None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_lint_reports_exactly_what_postgresql_refuses_as_the_tool_sends_it(
    case: Case, tmp_path: Path, fresh_db_any: str
) -> None:
    path = _write(tmp_path, case)
    reported = _reported(path)
    refused = _refusal(fresh_db_any, case, path)
    expected = {None: set(), "25001": {"SC007"}, "42601": {"SC045"}}
    assert refused in expected, refused
    assert reported == expected[refused], (reported, refused)


def test_the_cases_hold_refused_and_runnable_migrations_of_both_tools(tmp_path: Path) -> None:
    """Each tool has a migration lint passes and one it reports under each rule."""
    by_tool: dict[str, set[frozenset[str]]] = {"prisma": set(), "diesel": set()}
    for c in CASES:
        by_tool[c.tool].add(frozenset(_reported(_write(tmp_path / c.name, c))))
    for tool, outcomes in by_tool.items():
        assert {frozenset(), frozenset({"SC007"}), frozenset({"SC045"})} <= outcomes, tool


def test_tool_of_the_files_and_the_transactions_they_run_in(tmp_path: Path) -> None:
    up = _write(tmp_path, CASES[2])  # Diesel, run_in_transaction = false, two statements
    f = parse_bytes(up.read_bytes(), str(up))
    assert (f.tool, f.tool_transaction) == ("diesel", True)
    assert {s.transaction_tool for s in f.statements} == {"diesel:one-query"}
    assert one_query_tool(f) == "diesel"
    (up.parent / "metadata.toml").write_text("run_in_transaction = true\n")
    f = parse_bytes(up.read_bytes(), str(up))
    assert {s.transaction_tool for s in f.statements} == {"diesel"}
    (up.parent / "metadata.toml").unlink()
    down = parse_bytes(b"DROP INDEX CONCURRENTLY i;\n", str(up.with_name("down.sql")))
    assert (down.role, down.tool, down.statements[0].transaction_tool) == (
        "rollback",
        "diesel",
        "diesel",
    )
    prisma = parse_bytes(CASES[8].text.encode(), CASES[8].path)
    assert (prisma.tool, prisma.tool_transaction, one_query_tool(prisma)) == ("prisma", False, "")
    assert not any(s.in_transaction for s in prisma.statements)
    whole = parse_bytes(CASES[9].text.encode(), CASES[9].path)
    assert one_query_tool(whole) == "prisma"
    assert {s.transaction_tool for s in whole.statements} == {"prisma:one-query"}
    # neither layout without its folder: a loose `up.sql` or `migration.sql` is no tool's
    for path in ("migrations/up.sql", "prisma/migrations/migration.sql", "x/init/up.sql"):
        assert parse_bytes(b"SELECT 1;\nSELECT 2;\n", path).tool == ""


# ------------------------------------------------------------------------- check


def _check(root: Path, server: DatabaseServer) -> tuple[int, list[dict[str, Any]]]:
    spec_path = root / "spec.json"
    spec_path.write_text(json.dumps({"spec_version": 1, "schemas": {}}))
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--no-lint", "--dsn", server.dsn()]
    code = run([*argv, "--spec", str(spec_path), "--format", "json"], out, err)
    assert err.getvalue() == ""
    findings = [x for x in json.loads(out.getvalue())["findings"] if x["code"].startswith("SC9")]
    return code, findings


def _project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "sql"


def _diesel_project(root: Path, up: str, down: str, metadata: str | None = None) -> Path:
    sql = _project(
        root,
        {
            "migrations/2024-01-01-000000_init/up.sql": BASE,
            "migrations/2024-01-01-000000_init/down.sql": "DROP TABLE colors;\n",
            "migrations/2024-01-02-000000_idx/up.sql": up,
            "migrations/2024-01-02-000000_idx/down.sql": down,
        },
    )
    if metadata is not None:
        (sql / "migrations/2024-01-02-000000_idx/metadata.toml").write_text(metadata)
    return sql / "migrations/2024-01-02-000000_idx/up.sql"


def test_check_applies_a_diesel_migration_in_diesels_transaction(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    """An index built CONCURRENTLY alone in its file fails in Diesel's transaction (25001,
    SC920 at its line); with `run_in_transaction = false` the same migration passes."""
    up = _diesel_project(
        tmp_path,
        "-- build without blocking writes\n"
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
        "DROP INDEX colors_name;\n",
    )
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC920" and code == 1
    assert failed["location"]["path"] == str(up) and failed["location"]["line"] == 2
    assert "25001" in failed["message"]
    assert (
        "Diesel sends this file as one query, inside a transaction of its own"
        in (failed["message"])
    )
    (up.parent / "metadata.toml").write_text("run_in_transaction = false\n")
    code, findings = _check(tmp_path, pg_any)
    assert findings == [] and code == 0


def test_check_sends_a_diesel_file_as_one_query(tmp_path: Path, pg_any: DatabaseServer) -> None:
    """Without Diesel's transaction, a file of two statements is still one query: PostgreSQL
    runs it as one transaction block and refuses CONCURRENTLY there."""
    _diesel_project(
        tmp_path,
        "ALTER TABLE colors ADD COLUMN hex text;\n"
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
        "DROP INDEX colors_name;\nALTER TABLE colors DROP COLUMN hex;\n",
        "run_in_transaction = false\n",
    )
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC920" and failed["location"]["line"] == 2 and code == 1
    assert (
        "25001" in failed["message"]
        and "Diesel sends this file as one query" in (failed["message"])
    )


def test_check_refuses_inline_copy_rows_in_a_diesel_rollback(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    _diesel_project(
        tmp_path,
        "INSERT INTO colors VALUES (1, 'red');\n",
        "DELETE FROM colors;\nCOPY colors (id, name) FROM stdin;\n1\tred\n\\.\n",
    )
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC925" and code == 1
    assert failed["location"]["path"].endswith("2024-01-02-000000_idx/down.sql")
    assert failed["location"]["line"] == 3 and "42601" in failed["message"]


def _prisma_project(root: Path, migration: str) -> Path:
    sql = _project(
        root,
        {
            "prisma/migrations/20240101000000_init/migration.sql": BASE,
            "prisma/migrations/20240102000000_next/migration.sql": migration,
        },
    )
    return sql / "prisma/migrations/20240102000000_next/migration.sql"


def test_check_runs_a_prisma_migration_statement_by_statement(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    """Current Prisma sends each statement alone: an index built CONCURRENTLY after another
    statement is built (sent as one query, PostgreSQL would refuse it)."""
    path = _prisma_project(
        tmp_path,
        "ALTER TABLE colors ADD COLUMN hex text;\n"
        "CREATE INDEX CONCURRENTLY colors_name ON colors (name);\n",
    )
    code, findings = _check(tmp_path, pg_any)
    assert findings == [] and code == 0
    apply_parts(fresh_db_any, [path.parent.parent / "20240101000000_init/migration.sql", path])
    with psycopg.connect(fresh_db_any) as conn:
        row = conn.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = 'colors_name'::regclass"
        ).fetchone()
    assert row == (True,)


def test_check_sends_a_prisma_migration_whole_when_prisma_does(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    path = _prisma_project(
        tmp_path,
        "ALTER TABLE colors ADD COLUMN hex text;\nDROP INDEX CONCURRENTLY colors_id_name;\n",
    )
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC920" and code == 1
    assert failed["location"] == {"path": str(path), "line": 2, "column": 0}
    assert (
        "25001" in failed["message"]
        and "Prisma sends this migration as one query" in (failed["message"])
    )


def test_check_refuses_inline_copy_rows_and_meta_commands_in_prisma_migrations(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    path = _prisma_project(
        tmp_path, "INSERT INTO colors VALUES (2, 'blue');\nCOPY colors FROM stdin;\n1\tred\n\\.\n"
    )
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC920" and code == 1
    assert failed["location"]["line"] == 3 and "42601" in failed["message"]
    path.write_text("\\set ON_ERROR_STOP on\nINSERT INTO colors VALUES (2, 'blue');\n")
    code, findings = _check(tmp_path, pg_any)
    (failed,) = findings
    assert failed["code"] == "SC920" and failed["location"]["line"] == 1
    assert "42601" in failed["message"]


def test_a_diesel_part_with_its_own_commit(tmp_path: Path, fresh_db_any: str) -> None:
    """A COMMIT in the file ends Diesel's transaction early; what follows runs in the same
    query, in a new implicit block, and Diesel's own COMMIT finds nothing open (a warning)."""
    path = tmp_path / "migrations" / "2024-01-01-000000_t" / "up.sql"
    path.parent.mkdir(parents=True)
    path.write_text("CREATE TABLE t (v int);\nCOMMIT;\nCREATE TABLE u (v int);\n")
    apply_parts(fresh_db_any, [ToolPart(path, "", True, "diesel")])
    with psycopg.connect(fresh_db_any) as conn:
        names = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
    assert names == {"t", "u"}
