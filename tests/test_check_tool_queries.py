"""`schemacheck check` applies a part its tool sends as ONE query (golang-migrate files, dbmate
`transaction:false` sections) as one query, and substitutes goose's ENVSUB references, on a
real PostgreSQL."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer
from schemacheck.errors import EXIT_USAGE, SqlExecutionError
from schemacheck.goose_envsub import EnvSubstitutionError, envsub
from schemacheck.tool_queries import ToolPart, apply_parts

pytestmark = pytest.mark.db


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def check(root: Path, server: DatabaseServer, spec: object = None) -> tuple[int, dict[str, Any]]:
    """`check --no-lint` as JSON, against `spec` (default: an empty one)."""
    spec_path = root / "spec.json"
    spec_path.write_text(json.dumps(spec or {"spec_version": 1, "schemas": {}}))
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--no-lint", "--dsn", server.dsn()]
    code = run([*argv, "--spec", str(spec_path), "--format", "json"], out, err)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def tables(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {r[0] for r in rows}


# ------------------------------------------------------------------------- golang-migrate


def test_golang_migrate_file_with_concurrently_fails_as_on_deploy(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    """golang-migrate sends the file as one query: PostgreSQL runs its two statements as one
    transaction block and refuses CONCURRENTLY there (25001); check reports that, at the line
    of the index. Statement by statement the same file would pass."""
    up = "migrations/001_t.up.sql"
    write(
        tmp_path,
        {
            up: "CREATE TABLE t (v int);\n\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n",
            "migrations/001_t.down.sql": "DROP TABLE t;\n",
        },
    )
    code, report = check(tmp_path, pg_any)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and code == 1
    assert failed["location"] == {"path": str(tmp_path / "sql" / up), "line": 3, "column": 0}
    assert "25001" in failed["message"] and "CONCURRENTLY" in failed["message"]
    assert "golang-migrate sends this file as one query" in failed["message"]
    assert failed["message"].startswith("001_t.up.sql: ")


def test_the_same_statements_as_two_golang_migrate_files_pass(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    write(
        tmp_path,
        {
            "migrations/001_t.up.sql": "CREATE TABLE t (v int);\n",
            "migrations/001_t.down.sql": "DROP TABLE t;\n",
            "migrations/002_idx.up.sql": "CREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n",
            "migrations/002_idx.down.sql": "DROP INDEX CONCURRENTLY t_v_idx;\n",
        },
    )
    spec = {
        "spec_version": 1,
        "schemas": {"public": {"tables": {"t": {"columns": {"v": {"type": "integer"}}}}}},
    }
    code, report = check(tmp_path, pg_any, spec)
    assert report["findings"] == [] and code == 0


def test_golang_migrate_file_with_its_own_begin_commit(
    tmp_path: Path, pg_any: DatabaseServer, fresh_db_any: str
) -> None:
    """In one query, a COMMIT ends the block the file's BEGIN opened, and what follows runs in
    a new implicit block: the index after it is refused, while the table before it is
    committed. Applied statement by statement, the file would pass."""
    path = tmp_path / "sql" / "migrations" / "001_t.up.sql"
    path.parent.mkdir(parents=True)
    path.write_text(
        "BEGIN;\nCREATE TABLE t (v int);\nCOMMIT;\n"
        "CREATE INDEX CONCURRENTLY t_v_idx ON t (v);\nCREATE TABLE after_index (v int);\n"
    )
    part = ToolPart(path, "", True, "golang-migrate")
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db_any, [part])
    assert raised.value.line == 4 and "25001" in raised.value.message
    assert tables(fresh_db_any) == {"t"}  # committed before the failure; nothing after it
    code, report = check(tmp_path, pg_any)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and failed["location"]["line"] == 4 and code == 1


def test_golang_migrate_transaction_that_is_committed_or_never_is(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    up = tmp_path / "sql" / "migrations" / "001_t.up.sql"
    write(
        tmp_path,
        {
            "migrations/001_t.up.sql": (
                "BEGIN;\nCREATE TABLE t (v int);\nINSERT INTO t VALUES (1);\nCOMMIT;\n"
            ),
            "migrations/001_t.down.sql": "DROP TABLE t;\n",
        },
    )
    code, report = check(tmp_path, pg_server)
    assert report["findings"] == [] and code == 0
    up.write_text("CREATE TABLE t (v int);\nBEGIN;\nINSERT INTO t VALUES (1);\n")
    code, report = check(tmp_path, pg_server)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and failed["location"]["line"] == 2
    assert "never committed" in failed["message"]


def test_a_failure_without_a_position_is_placed_at_its_statement(
    tmp_path: Path, fresh_db: str
) -> None:
    """PostgreSQL gives no position for a duplicate table: the statement that fails is found
    again, one by one inside a transaction that is rolled back, and nothing is left."""
    path = tmp_path / "001_t.up.sql"
    path.write_text("CREATE TABLE a (v int);\n-- again\nCREATE TABLE a (v int);\n")
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db, [ToolPart(path, "", True, "golang-migrate")])
    assert raised.value.line == 3 and "42P07" in raised.value.message
    assert tables(fresh_db) == set()
    path.write_text("CREATE TABLE a (v int);\nSELECT * FROM\n  nowhere;\n")
    with pytest.raises(SqlExecutionError) as raised:
        apply_parts(fresh_db, [ToolPart(path, "", True, "golang-migrate")])
    assert raised.value.line == 3 and "42P01" in raised.value.message  # from its position


# ------------------------------------------------------------------------- dbmate


def test_dbmate_transaction_false_section_is_one_query(
    tmp_path: Path, pg_any: DatabaseServer
) -> None:
    name = "migrations/001_u.sql"
    write(
        tmp_path,
        {
            name: (
                "-- migrate:up transaction:false\nCREATE TABLE u (v int);\n"
                "CREATE INDEX CONCURRENTLY u_v_idx ON u (v);\n"
                "-- migrate:down\nDROP TABLE u;\n"
            )
        },
    )
    code, report = check(tmp_path, pg_any)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and failed["location"]["line"] == 3 and code == 1
    assert "25001" in failed["message"]
    assert (
        "dbmate sends this migrate:up section (transaction:false) as one query"
        in (failed["message"])
    )
    # the down section, one query too: its failure is the rollback's
    (tmp_path / "sql" / name).write_text(
        "-- migrate:up\nCREATE TABLE u (v int);\nCREATE INDEX u_v_idx ON u (v);\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY u_v_idx;\nDROP TABLE u;\n"
    )
    code, report = check(tmp_path, pg_any)
    (failed,) = report["findings"]
    assert failed["code"] == "SC925" and failed["location"]["line"] == 5
    assert "migrate:down section" in failed["message"] and "25001" in failed["message"]


# ------------------------------------------------------------------------- goose ENVSUB

GOOSE = (
    "-- +goose Up\n"
    "-- +goose ENVSUB ON\n"
    "CREATE TABLE {name} (id int);\n"
    "-- +goose ENVSUB OFF\n"
    "-- +goose Down\n"
    "-- +goose ENVSUB ON\n"
    "DROP TABLE {name};\n"
)


def goose_tree(root: Path, name: str) -> Path:
    return write(root, {"migrations/001_w.sql": GOOSE.replace("{name}", name)})


def test_goose_envsub_puts_the_variable_in_the_database(
    tmp_path: Path, pg_any: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SC_PREFIX", "acme")
    goose_tree(tmp_path, "${SC_PREFIX}_widgets")
    spec = {
        "spec_version": 1,
        "schemas": {
            "public": {
                "strict": True,
                "tables": {"acme_widgets": {"columns": {"id": {"type": "integer"}}}},
            }
        },
    }
    code, report = check(tmp_path, pg_any, spec)
    assert report["findings"] == [] and code == 0
    monkeypatch.setenv("SC_PREFIX", "other")  # the spec's table is missing now
    code, report = check(tmp_path, pg_any, spec)
    assert code == 1 and any("acme_widgets" in f["object"] for f in report["findings"])


def test_goose_envsub_default_form(
    tmp_path: Path, fresh_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SC_UNSET", raising=False)
    monkeypatch.setenv("SC_EMPTY", "")
    path = (
        goose_tree(tmp_path, "${SC_UNSET:-fallback}_${SC_EMPTY-kept}w") / "sql/migrations/001_w.sql"
    )
    apply_parts(fresh_db, [ToolPart(path, "up", True)])
    assert tables(fresh_db) == {"fallback_w"}


def test_goose_envsub_unset_variable_is_empty_with_an_info_finding(
    tmp_path: Path, pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """goose substitutes an unset `$VAR` with nothing: check does too (the table is
    `widgets`), and an info finding names each place, which does not fail the run."""
    monkeypatch.delenv("SC_UNSET", raising=False)
    goose_tree(tmp_path, "widgets$SC_UNSET")
    spec = {
        "spec_version": 1,
        "schemas": {"public": {"tables": {"widgets": {"columns": {"id": {"type": "integer"}}}}}},
    }
    code, report = check(tmp_path, pg_server, spec)
    path = str(tmp_path / "sql" / "migrations" / "001_w.sql")
    found = [(f["code"], f["severity"], f["location"]["line"]) for f in report["findings"]]
    assert found == [("SC929", "info", 3), ("SC929", "info", 7)] and code == 0
    assert all(f["location"]["path"] == path for f in report["findings"])
    assert report["findings"][0]["message"].startswith("001_w.sql: $SC_UNSET is not set")


def test_goose_envsub_required_variable_unset_is_a_one_line_error(
    tmp_path: Path, pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SC_UNSET", raising=False)
    goose_tree(tmp_path, "${SC_UNSET?the table prefix}w")
    spec = tmp_path / "spec.json"
    spec.write_text('{"spec_version": 1, "schemas": {}}')
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(tmp_path / "sql"), "--no-lint", "--dsn", pg_server.dsn()]
    argv += ["--spec", str(spec)]
    code = run(argv, out, err)
    path = tmp_path / "sql" / "migrations" / "001_w.sql"
    assert code == EXIT_USAGE
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert f"{path}:3: goose ENVSUB: $SC_UNSET: the table prefix" in lines[0]
    monkeypatch.setenv("SC_UNSET", "set_")
    assert run(argv, io.StringIO(), io.StringIO()) == 0


def test_envsub_follows_goose_grammar() -> None:
    """The forms of github.com/mfridman/interpolate, as goose's own tests expect them, and
    only inside ENVSUB ON ... OFF, outside the comments goose drops."""
    env = {"GOOSE_ENV_NAME": "foo", "GOOSE_ENV_SET_BUT_EMPTY_VALUE": "", "C": "1adf998e39"}
    text = (
        "-- +goose Up\n"
        "-- ${NOT_SUBSTITUTED?a comment before ENVSUB}\n"
        "-- +goose ENVSUB ON\n"
        "-- ${NOT_SUBSTITUTED?a comment goose drops}\n"
        "CREATE TABLE post (\n"
        "\t$GOOSE_ENV_NAME text,\n"
        "\t${GOOSE_ENV_NAME}title3 text,\n"
        "\t${ANOTHER_VAR:-default}title4 text,\n"
        "\t${GOOSE_ENV_SET_BUT_EMPTY_VALUE-default}title5 text,\n"
        "\t$$x \\$y ${C:0:7} ${C: -3} $(z) end$\n"
        ");\n"
        "-- +goose ENVSUB OFF\n"
        "SELECT '$GOOSE_ENV_NAME';\n"
    )
    notes: list[str] = []
    got = envsub(text, env, "f.sql", notes).splitlines()
    assert got[1] == "-- ${NOT_SUBSTITUTED?a comment before ENVSUB}"
    assert got[5:10] == [
        "\tfoo text,",
        "\tfootitle3 text,",
        "\tdefaulttitle4 text,",
        "\ttitle5 text,",
        "\t$x $y 1adf998 e39 $(z) end$",
    ]
    assert got[12] == "SELECT '$GOOSE_ENV_NAME';" and notes == []
    for bad, what in (("$1 x;", "start with a letter"), ("${C:?no}", "not a number")):
        with pytest.raises(EnvSubstitutionError, match=what):
            envsub(f"-- +goose Up\n-- +goose ENVSUB ON\nSELECT {bad}\n", env, "f.sql", [])


# ------------------------------------------------------------------------- Flyway placeholders


def test_check_fills_flyway_placeholders_as_flyway_does(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """Flyway fills `${...}` from its built-ins and its configuration before it sends a
    migration: check applies the filled text, so the table has the configured name."""
    write(
        tmp_path,
        {
            "V1__t.sql": "CREATE TABLE ${flyway:defaultSchema}.${prefix}_users (id int);\n",
            "flyway.conf": "flyway.placeholders.prefix=acme\n",
        },
    )
    spec = {
        "spec_version": 1,
        "schemas": {"public": {"tables": {"acme_users": {"columns": {"id": {"type": "integer"}}}}}},
    }
    code, report = check(tmp_path, pg_server, spec)
    assert report["findings"] == []
    assert code == 0


def test_a_flyway_placeholder_without_a_value_stops_check_with_one_line(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    write(tmp_path, {"V1__t.sql": "CREATE TABLE t (id int);\nGRANT SELECT ON t TO ${role};\n"})
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(tmp_path / "sql"), "--no-lint", "--dsn", pg_server.dsn()]
    code = run(argv, out, err)
    assert code == EXIT_USAGE
    assert err.getvalue().count("\n") == 1
    assert "V1__t.sql:2: Flyway: no value provided for placeholder ${role}" in err.getvalue()
