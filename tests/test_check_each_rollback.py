"""`schemacheck check --each-rollback` on a real PostgreSQL: each rollback proven right after
its own migration, with findings at the rollback file; bugs the whole-set proof cannot see."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

import schemacheck.check
from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer
from schemacheck.introspect import introspect

pytestmark = pytest.mark.db

SPEC = {"spec_version": 1, "schemas": {}}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "spec.json").write_text(json.dumps(SPEC))
    return root


def check(root: Path, server: DatabaseServer, *extra: str) -> tuple[int, dict[str, Any]]:
    """`check` with only the database steps, as JSON."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--spec", str(root / "spec.json"), "--no-lint"]
    code = run([*argv, "--dsn", server.dsn(), "--format", "json", *extra], out, err)
    assert err.getvalue() == ""
    report: dict[str, Any] = json.loads(out.getvalue())
    return code, report


def where(finding: dict[str, Any]) -> str:
    """The finding's file, relative to sql/ ("" for none), and its line."""
    location = finding["location"]
    if not location:
        return ""
    path = location["path"].replace("\\", "/").split("/sql/", 1)[1]
    return f"{path}:{location['line']}"


def found(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted((f["code"], f["object"], where(f)) for f in report["findings"])


def message(report: dict[str, Any], code: str, location: str) -> str:
    (text,) = [
        f["message"] for f in report["findings"] if (f["code"], where(f)) == (code, location)
    ]
    assert isinstance(text, str)
    return text


def test_a_constraint_the_next_rollback_drops_with_its_table_is_found(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """002 drops a CHECK its rollback never restores; rollback 001 drops the whole table, so
    after all rollbacks the schema is the one before and the whole-set proof sees nothing."""
    root = write_tree(
        tmp_path,
        {
            "migrations/001_orders.sql": (
                "CREATE TABLE orders (id int PRIMARY KEY,\n"
                "    qty int CONSTRAINT orders_qty_positive CHECK (qty > 0));\n"
            ),
            "migrations/002_relax_qty.sql": (
                "ALTER TABLE orders ADD COLUMN note text;\n"
                "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_qty_positive;\n"
            ),
            "rollbacks/001_orders.rollback.sql": "DROP TABLE orders;\n",
            "rollbacks/002_relax_qty.rollback.sql": "ALTER TABLE orders DROP COLUMN note;\n",
        },
    )
    code, report = check(root, pg_server)
    assert (code, found(report)) == (0, [])
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == [
        (
            "SC922",
            "constraint public.orders.orders_qty_positive",
            "rollbacks/002_relax_qty.rollback.sql:0",
        )
    ]
    assert message(report, "SC922", "rollbacks/002_relax_qty.rollback.sql:0") == (
        "constraint public.orders.orders_qty_positive, which existed before "
        "002_relax_qty.sql, is gone after rollback 002_relax_qty.rollback.sql"
    )
    assert report["not_checked"] == []
    assert code == 1


def test_a_rollback_that_leaves_a_table_is_named(tmp_path: Path, pg_server: DatabaseServer) -> None:
    root = write_tree(
        tmp_path,
        {
            "migrations/001_a.sql": "CREATE TABLE a (id int);\n",
            "migrations/002_bc.sql": (
                "CREATE TABLE b (id int);\nCREATE TABLE IF NOT EXISTS c (id int);\n"
            ),
            "rollbacks/001_a.rollback.sql": "DROP TABLE a;\n",
            "rollbacks/002_bc.rollback.sql": "DROP TABLE b;\n",
            "rollbacks/009_gone.rollback.sql": "DROP TABLE IF EXISTS gone;\n",
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert report["not_checked"] == [
        f"{root / 'sql/rollbacks/009_gone.rollback.sql'}: not proven on its own (it undoes none "
        "of the migrations applied)"
    ]
    # the whole-set proof sees table c left too, but says no more than "after the rollback":
    # the rollback's own proof, which names the file, is the one reported
    assert found(report) == [("SC921", "table public.c", "rollbacks/002_bc.rollback.sql:0")]
    assert message(report, "SC921", "rollbacks/002_bc.rollback.sql:0") == (
        "rollback 002_bc.rollback.sql leaves table public.c that 002_bc.sql created"
    )
    assert code == 1


def test_a_rollback_that_drops_an_older_table_is_blamed_not_the_next_one(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    root = write_tree(
        tmp_path,
        {
            "migrations/001_users.sql": "CREATE TABLE users (id int PRIMARY KEY);\n",
            "migrations/002_items.sql": (
                "CREATE TABLE items (id int,\n    owner int REFERENCES users (id));\n"
            ),
            "rollbacks/001_users.rollback.sql": "DROP TABLE users;\n",
            "rollbacks/002_items.rollback.sql": "DROP TABLE users CASCADE;\nDROP TABLE items;\n",
        },
    )
    _, plain = check(root, pg_server)
    # as a set, only rollback 001 fails: 002's dropped the table it was to drop
    assert found(plain) == [("SC925", "", "rollbacks/001_users.rollback.sql:1")]
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == [
        ("SC922", "table public.users", "rollbacks/002_items.rollback.sql:0"),
        ("SC925", "", "rollbacks/001_users.rollback.sql:1"),
        # then 002 cannot be applied again: its foreign key has no table to refer to
        ("SC926", "", "migrations/002_items.sql:1"),
    ]
    assert "which existed before 002_items.sql" in message(
        report, "SC922", "rollbacks/002_items.rollback.sql:0"
    )
    assert "re-applying 002_items.sql after rollback 002_items.rollback.sql" in message(
        report, "SC926", "migrations/002_items.sql:1"
    )
    assert report["not_checked"] == plain["not_checked"]  # 002 is the last: nothing left
    assert code == 1


def test_a_migration_that_differs_when_applied_again_is_found(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """002 indexes its table only when `history` already holds a row; its rollback leaves the
    row that 002 wrote, so applying 002 again creates the index. As a set, rollback 001 drops
    `history` and the second up is the first one again."""
    root = write_tree(
        tmp_path,
        {
            "migrations/001_history.sql": "CREATE TABLE history (id int);\n",
            "migrations/002_log.sql": (
                "CREATE TABLE log (id int);\n"
                "DO $$ BEGIN\n"
                "  IF EXISTS (SELECT 1 FROM history) THEN\n"
                "    CREATE INDEX log_id ON log (id);\n"
                "  END IF;\n"
                "END $$;\n"
                "INSERT INTO history VALUES (2);\n"
            ),
            "rollbacks/001_history.rollback.sql": "DROP TABLE history;\n",
            "rollbacks/002_log.rollback.sql": "DROP TABLE log;\n",
        },
    )
    code, report = check(root, pg_server)
    assert (code, found(report)) == (0, [])
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == [("SC926", "index public.log.log_id", "migrations/002_log.sql:0")]
    assert message(report, "SC926", "migrations/002_log.sql:0") == (
        "re-applying 002_log.sql after rollback 002_log.rollback.sql gives index "
        "public.log.log_id, which its first apply did not"
    )
    assert code == 1


def test_a_rollback_that_only_works_after_a_later_migration_fails_on_its_own(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """Rollback 002 drops the view 003 creates: fine when every migration was applied, an
    error right after 002."""
    root = write_tree(
        tmp_path,
        {
            "migrations/001_a.sql": "CREATE TABLE a (id int);\n",
            "migrations/002_b.sql": "CREATE TABLE b (id int);\n",
            "migrations/003_v.sql": "CREATE VIEW v AS SELECT id FROM b;\n",
            "migrations/004_d.sql": "CREATE TABLE d (id int);\n",
            "migrations/005_e.sql": (
                "CREATE TABLE e (id int);\nCREATE TABLE IF NOT EXISTS f (id int);\n"
            ),
            "rollbacks/001_a.rollback.sql": "DROP TABLE a;\n",
            "rollbacks/002_b.rollback.sql": "-- undo 002\nDROP VIEW v;\nDROP TABLE b;\n",
            "rollbacks/004_d.rollback.sql": "DROP TABLE d CASCADE;\n",
            "rollbacks/005_e.rollback.sql": "DROP TABLE e;\n",
        },
    )
    code, report = check(root, pg_server)
    assert found(report) == [("SC921", "table public.f", "")]
    code, report = check(root, pg_server, "--each-rollback")
    # after 002's rollback fails, the proof goes on from 003 on a new database, where 001 and
    # 002 are applied forward only: 004's is proven, 005's found to leave table f
    assert found(report) == [
        ("SC921", "table public.f", "rollbacks/005_e.rollback.sql:0"),
        ("SC925", "", "rollbacks/002_b.rollback.sql:2"),
    ]
    text = message(report, "SC925", "rollbacks/002_b.rollback.sql:2")
    assert text.startswith("002_b.rollback.sql: ") and '"v" does not exist' in text
    assert text.endswith("(undoing 002_b.sql on its own)")
    assert report["not_checked"] == []
    assert code == 1


def test_diesel_step_files_are_named_with_their_folder(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """Every Diesel migration is up.sql and down.sql in a folder of its own: messages name the
    folder too."""
    root = write_tree(
        tmp_path,
        {
            "migrations/2024-01-01-000000_a/up.sql": "CREATE TABLE a (id int);\n",
            "migrations/2024-01-01-000000_a/down.sql": "DROP TABLE a;\n",
            "migrations/2024-02-01-000000_b/up.sql": (
                "CREATE TABLE b (id int);\nCREATE TABLE c (id int);\n"
            ),
            "migrations/2024-02-01-000000_b/down.sql": "DROP TABLE b;\n",
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert message(report, "SC921", "migrations/2024-02-01-000000_b/down.sql:0") == (
        "rollback 2024-02-01-000000_b/down.sql leaves table public.c that "
        "2024-02-01-000000_b/up.sql created"
    )
    assert code == 1


def test_a_clean_project_passes(
    tmp_path: Path, pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rollback files, a dbmate file holding its own down section, a migration without a
    rollback between them, and a version table the rollbacks keep honest."""
    introspected: list[str] = []

    def counted(dsn: str, **kwargs: Any) -> Any:
        introspected.append(dsn)
        return introspect(dsn, **kwargs)

    monkeypatch.setattr(schemacheck.check, "introspect", counted)
    root = write_tree(
        tmp_path,
        {
            "prerequisites/000_versions.sql": (
                "CREATE TABLE schema_migrations (version bigint PRIMARY KEY);\n"
            ),
            "migrations/001_users.sql": (
                "CREATE TABLE users (id int PRIMARY KEY,\n"
                "    email text CONSTRAINT users_email_lower CHECK (email = lower(email)));\n"
                "INSERT INTO schema_migrations VALUES (1);\n"
            ),
            "migrations/002_users_email.sql": "CREATE INDEX users_email ON users (email);\n",
            "migrations/003_email_free.sql": (
                "-- migrate:up\n"
                "ALTER TABLE users DROP CONSTRAINT users_email_lower;\n"
                "INSERT INTO schema_migrations VALUES (3);\n"
                "-- migrate:down\n"
                "ALTER TABLE users ADD CONSTRAINT users_email_lower CHECK (email = lower(email));\n"
                "DELETE FROM schema_migrations WHERE version = 3;\n"
            ),
            "rollbacks/001_users.rollback.sql": (
                "DROP TABLE users;\nDELETE FROM schema_migrations WHERE version = 1;\n"
            ),
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == []
    assert report["not_checked"] == []
    assert code == 0
    # one reading per snapshot: 4 for the whole-set proof; then before 001, after it, after
    # its rollback, after it again; 002 has no rollback; the same four for 003
    assert len(introspected) == 4 + 4 + 4
    assert len(set(introspected)) == 2  # two scratch databases
    # the same down section without its constraint is caught, at the down section's first line
    migration = root / "sql" / "migrations" / "003_email_free.sql"
    migration.write_text(migration.read_text().replace("ALTER TABLE users ADD", "-- ADD"))
    code, report = check(root, pg_server, "--each-rollback")
    # (the whole-set proof misses it: rollback 001 then drops the table); and 003's DROP
    # CONSTRAINT then fails when applied again
    assert found(report) == [
        ("SC922", "constraint public.users.users_email_lower", "migrations/003_email_free.sql:6"),
        ("SC926", "", "migrations/003_email_free.sql:2"),
    ]
    assert message(report, "SC922", "migrations/003_email_free.sql:6").endswith(
        "is gone after rollback 003_email_free.sql (its down section)"
    )
    assert code == 1


def test_the_batch3_rollbacks_each_keep_their_version(
    repo_root: Path, pg_server: DatabaseServer
) -> None:
    def batch3(*extra: str) -> tuple[int, dict[str, Any]]:
        out, err = io.StringIO(), io.StringIO()
        argv = ["check", "--sql", str(repo_root / "sql"), "--no-lint", "--format", "json"]
        spec = ["--spec", str(repo_root / "expected/batch3.json"), "--dsn", pg_server.dsn()]
        code = run([*argv, *spec, *extra], out, err)
        assert err.getvalue() == ""
        return code, json.loads(out.getvalue())

    _, plain = batch3()
    code, report = batch3("--each-rollback")
    added = [f for f in report["findings"] if f not in plain["findings"]]
    # the checklist's rollbacks undo every schema change of their migration, and none
    # deletes its version row from schema_migrations
    assert sorted((f["code"], where(f)) for f in added) == [
        ("SC924", "rollbacks/118_oauth_encrypted_tokens.rollback.sql:0"),
        ("SC924", "rollbacks/119_add_message_encryption.rollback.sql:0"),
        ("SC924", "rollbacks/122_create_device_keys_and_key_exchanges.rollback.sql:0"),
    ]
    assert next(f["message"] for f in added) == (
        "rollback 118_oauth_encrypted_tokens.rollback.sql leaves version 118 recorded in "
        "public.schema_migrations after undoing 118_oauth_encrypted_tokens.sql"
    )
    # the whole rollback's findings of the same objects give way to them
    gone = [f for f in plain["findings"] if f not in report["findings"]]
    assert {(f["code"], f["object"]) for f in gone} == {(f["code"], f["object"]) for f in added}
    assert all(f["location"] is None for f in gone)
    assert len(report["findings"]) == len(plain["findings"]) - len(gone) + 3
    assert report["not_checked"] == plain["not_checked"]
    assert code == 1


def test_roles_the_files_create_do_not_outlive_their_step(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """Roles belong to the server: the role the migration creates would still be there for
    the proof of each rollback (on another database of the same server), and its CREATE ROLE
    would fail. Each step drops the roles it made, and only those."""
    root = write_tree(
        tmp_path,
        {
            "migrations/001_a.sql": "CREATE ROLE sc_check_app;\nCREATE TABLE a (id int);\n",
            "rollbacks/001_a.rollback.sql": "DROP TABLE a;\nDROP ROLE sc_check_app;\n",
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == [] and code == 0
    assert not any("each rollback" in n for n in report["not_checked"])
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        left = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'sc_check_app'").fetchall()
    assert left == []


def test_a_rollback_that_puts_a_column_back_at_the_end_is_named(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """The rollback adds back the column the migration dropped: the table has its columns
    again, but the restored one comes last (SELECT * and INSERT without a column list read it
    elsewhere): a warning, from the whole-set proof and at the rollback from each one's."""
    root = write_tree(
        tmp_path,
        {
            "prerequisites/001_base.sql": "CREATE TABLE secrets (name text, data text);\n",
            "migrations/002_drop_name.sql": "ALTER TABLE secrets DROP COLUMN name;\n",
            "rollbacks/002_drop_name.rollback.sql": "ALTER TABLE secrets ADD COLUMN name text;\n",
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert found(report) == [
        ("SC928", "table public.secrets", "rollbacks/002_drop_name.rollback.sql:0"),
    ]
    assert {f["severity"] for f in report["findings"]} == {"warning"}
    assert message(report, "SC928", "rollbacks/002_drop_name.rollback.sql:0").endswith(
        ": (data, name), was (name, data)"
    )
    assert code == 1


def test_a_rollback_that_leaves_a_schema_is_named(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """The schema a migration creates and its rollback leaves is drift of its own (before, only
    the next step's failure to create it again told)."""
    root = write_tree(
        tmp_path,
        {
            "migrations/001_app.sql": "CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\n",
            "rollbacks/001_app.rollback.sql": "DROP TABLE app.t;\n",
        },
    )
    code, report = check(root, pg_server, "--each-rollback")
    assert ("SC921", "schema app", "rollbacks/001_app.rollback.sql:0") in found(report)
    assert message(report, "SC921", "rollbacks/001_app.rollback.sql:0") == (
        "rollback 001_app.rollback.sql leaves schema app that 001_app.sql created"
    )
    assert code == 1
