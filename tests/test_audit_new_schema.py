"""A spec with top-level `"strict": true` lists every schema and extension of the database: a
schema it does not list is one SC901 naming the schema and counting what it holds, never one
finding per object; an extension it does not list is one SC901 too. `schemacheck snapshot`
writes the switch (not with --schema: that snapshot holds only some schemas), so an audit
against last night's snapshot sees a schema created since. A spec without it reports no
schema as unexpected, as before (PostgreSQL 15 and 18).

`schemacheck audit` reads every schema of the database for a strict spec (only the spec's for
another); the tests also run the audit on the catalog of every schema directly."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from live_specs import apply_migration, audit, execute, snapshot

from schemacheck.audit import audit as audit_report
from schemacheck.cli import run
from schemacheck.commands.connection import live_state
from schemacheck.findings import Finding
from schemacheck.introspect import introspect
from schemacheck.spec import load_spec_document

MIGRATION = """
CREATE SCHEMA app;
CREATE TABLE app.accounts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE FUNCTION app.account_count() RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM app.accounts';
CREATE TABLE public.notes (id serial PRIMARY KEY, body text);
"""

NEW_SCHEMA = (
    "CREATE SCHEMA extra",
    "CREATE TABLE extra.t (id integer PRIMARY KEY, note text, created timestamptz)",
    "CREATE INDEX t_note ON extra.t (note)",
    "CREATE FUNCTION extra.f() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "CREATE FUNCTION extra.g(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1'",
)


def audit_every_schema(dsn: str, spec: Path) -> list[Finding]:
    """The audit's findings against `spec`, on the catalog of every schema of the database."""
    return list(audit_report(load_spec_document(spec), live_state(introspect(dsn), dsn)).findings)


def prepared(dsn: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The migration applied and snapshotted: the snapshot's path and document."""
    apply_migration(dsn, tmp_path / "sql" / "001_app.sql", MIGRATION)
    path = tmp_path / "snapshot.json"
    return path, snapshot(dsn, path)


def test_snapshot_is_strict_and_audits_clean(fresh_db_any: str, tmp_path: Path) -> None:
    spec, doc = prepared(fresh_db_any, tmp_path)
    assert doc["strict"] is True
    assert set(doc["schemas"]) == {"app", "public"}
    assert audit_every_schema(fresh_db_any, spec) == []
    assert audit(fresh_db_any, spec) == (0, [])


def test_new_schema_is_one_finding_counting_what_it_holds(
    fresh_db_any: str, tmp_path: Path
) -> None:
    spec, _ = prepared(fresh_db_any, tmp_path)
    execute(fresh_db_any, *NEW_SCHEMA)
    findings = audit_every_schema(fresh_db_any, spec)
    assert [(f.code, f.object) for f in findings] == [("SC901", "schema extra")]
    assert findings[0].message == "schema extra is not in the spec (it holds 1 table, 2 functions)"
    assert findings[0].severity.name == "WARNING"
    # the command reads every schema for a strict spec: it sees the new one too
    code, found = audit(fresh_db_any, spec)
    assert [(f["code"], f["message"]) for f in found] == [("SC901", findings[0].message)]
    assert code == 1


def test_empty_new_schema_says_so(fresh_db_any: str, tmp_path: Path) -> None:
    spec, _ = prepared(fresh_db_any, tmp_path)
    execute(fresh_db_any, "CREATE SCHEMA empty")
    findings = audit_every_schema(fresh_db_any, spec)
    assert [f.message for f in findings] == ["schema empty is not in the spec (it holds nothing)"]


def test_new_extension_is_one_finding(fresh_db_any: str, tmp_path: Path) -> None:
    spec, _ = prepared(fresh_db_any, tmp_path)
    execute(fresh_db_any, "CREATE EXTENSION pg_trgm SCHEMA app")
    findings = audit_every_schema(fresh_db_any, spec)
    assert [(f.code, f.object, f.message) for f in findings] == [
        ("SC901", "extension pg_trgm", "extension pg_trgm is not in the spec")
    ]


def test_listed_extension_implies_its_schema(fresh_db_any: str, tmp_path: Path) -> None:
    """A spec that lists an extension in schema `ext` need not list `ext` itself; an
    unlisted table in `ext` is still not reported (the schema is not strict)."""
    execute(
        fresh_db_any,
        "CREATE SCHEMA ext",
        "CREATE EXTENSION pg_trgm SCHEMA ext",
        "CREATE TABLE ext.mine (id integer)",
    )
    spec = tmp_path / "spec.json"
    doc = {
        "spec_version": 1,
        "strict": True,
        "extensions": {"pg_trgm": {"schema": "ext"}},
        "schemas": {"public": {}},
    }
    spec.write_text(json.dumps(doc), "utf-8")
    assert audit_every_schema(fresh_db_any, spec) == []
    doc["extensions"] = {}
    spec.write_text(json.dumps(doc), "utf-8")
    findings = audit_every_schema(fresh_db_any, spec)
    assert [f.message for f in findings] == [
        "extension pg_trgm is not in the spec",
        "schema ext is not in the spec (it holds 1 table, 1 extension)",
    ]


def test_spec_without_the_switch_reports_no_schema(fresh_db_any: str, tmp_path: Path) -> None:
    spec, doc = prepared(fresh_db_any, tmp_path)
    del doc["strict"]
    spec.write_text(json.dumps(doc), "utf-8")
    execute(fresh_db_any, *NEW_SCHEMA, "CREATE EXTENSION pg_trgm SCHEMA extra")
    assert audit_every_schema(fresh_db_any, spec) == []
    doc["strict"] = False
    spec.write_text(json.dumps(doc), "utf-8")
    assert audit_every_schema(fresh_db_any, spec) == []
    assert audit(fresh_db_any, spec) == (0, [])


def test_snapshot_of_some_schemas_is_not_strict(fresh_db_any: str, tmp_path: Path) -> None:
    apply_migration(fresh_db_any, tmp_path / "sql" / "001_app.sql", MIGRATION)
    path = tmp_path / "app.json"
    out, err = io.StringIO(), io.StringIO()
    argv = ["snapshot", "--dsn", fresh_db_any, "--schema", "app", "-o", str(path)]
    assert run(argv, out, err) == 0, err.getvalue()
    doc = json.loads(path.read_text("utf-8"))
    assert "strict" not in doc
    assert set(doc["schemas"]) == {"app"}
    execute(fresh_db_any, *NEW_SCHEMA)
    assert audit_every_schema(fresh_db_any, path) == []


def test_bad_switch_is_one_line_and_exit_2(fresh_db_any: str, tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"spec_version": 1, "strict": "yes", "schemas": {}}), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["audit", "--dsn", fresh_db_any, "--spec", str(spec)], out, err)
    assert code == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert "$.strict" in lines[0]
    assert "is not of type 'boolean'" in lines[0]
