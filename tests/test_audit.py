"""The audit on a real Batch 3 database: clean gives nothing; break one thing at a time and the
audit reports exactly that finding. Also: the audit never writes, and snapshots round-trip."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer, apply_sql_files

pytestmark = pytest.mark.db

OAUTH = "public.oauth_connections"
DEVICE = "public.device_keys"
KX = "public.key_exchanges"

# (id, SQL that breaks one thing, the exact (code, object) findings the audit must report)
MUTATIONS: list[tuple[str, str, set[tuple[str, str]]]] = [
    (
        "drop-index",
        "DROP INDEX idx_oauth_last_refresh",
        {("SC900", f"index {OAUTH}.idx_oauth_last_refresh")},
    ),
    (
        "index-made-unique",
        "DROP INDEX idx_oauth_connections_user_id;"
        " CREATE UNIQUE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id)",
        {("SC902", f"index {OAUTH}.idx_oauth_connections_user_id")},
    ),
    (
        "partial-index-predicate-dropped",
        "DROP INDEX idx_oauth_expiring_tokens;"
        " CREATE INDEX idx_oauth_expiring_tokens ON oauth_connections (token_expires_at)",
        {("SC902", f"index {OAUTH}.idx_oauth_expiring_tokens")},
    ),
    (
        "index-on-other-column",
        "DROP INDEX idx_oauth_connections_provider;"
        " CREATE INDEX idx_oauth_connections_provider ON oauth_connections (email)",
        {("SC902", f"index {OAUTH}.idx_oauth_connections_provider")},
    ),
    (
        "fk-target-changed",
        "ALTER TABLE key_exchanges DROP CONSTRAINT key_exchanges_peer_fk,"
        " ADD CONSTRAINT key_exchanges_peer_fk FOREIGN KEY (peer_id)"
        " REFERENCES conversations (id) ON DELETE CASCADE",
        {("SC902", f"foreign_key {KX}.key_exchanges_peer_fk")},
    ),
    (
        "fk-on-delete-changed",
        "ALTER TABLE device_keys DROP CONSTRAINT device_keys_user_fk,"
        " ADD CONSTRAINT device_keys_user_fk FOREIGN KEY (user_id) REFERENCES users (id)",
        {("SC902", f"foreign_key {DEVICE}.device_keys_user_fk")},
    ),
    (
        "fk-dropped",
        "ALTER TABLE key_exchanges DROP CONSTRAINT key_exchanges_conv_fk",
        {("SC900", f"foreign_key {KX}.key_exchanges_conv_fk")},
    ),
    (
        "check-widened",
        "ALTER TABLE messages DROP CONSTRAINT chk_messages_encryption_version_valid,"
        " ADD CONSTRAINT chk_messages_encryption_version_valid"
        " CHECK (encryption_version IN (1, 2, 3))",
        {("SC902", "constraint public.messages.chk_messages_encryption_version_valid")},
    ),
    (
        "check-dropped",
        "ALTER TABLE messages DROP CONSTRAINT chk_messages_encryption_version_valid",
        {("SC900", "constraint public.messages.chk_messages_encryption_version_valid")},
    ),
    (
        "unique-constraint-dropped",
        "ALTER TABLE device_keys DROP CONSTRAINT device_keys_unique_device",
        {("SC900", f"constraint {DEVICE}.device_keys_unique_device")},
    ),
    (
        "trigger-dropped",
        "DROP TRIGGER trigger_device_keys_updated_at ON device_keys",
        {("SC900", f"trigger {DEVICE}.trigger_device_keys_updated_at")},
    ),
    (
        "trigger-disabled",
        "ALTER TABLE oauth_connections DISABLE TRIGGER trigger_oauth_connections_updated_at",
        {("SC902", f"trigger {OAUTH}.trigger_oauth_connections_updated_at")},
    ),
    (
        "trigger-points-at-other-function",
        "DROP TRIGGER trigger_device_keys_updated_at ON device_keys;"
        " CREATE TRIGGER trigger_device_keys_updated_at BEFORE UPDATE ON device_keys"
        " FOR EACH ROW EXECUTE FUNCTION update_oauth_connections_updated_at()",
        {("SC902", f"trigger {DEVICE}.trigger_device_keys_updated_at")},
    ),
    (
        "trigger-timing-changed",
        "DROP TRIGGER trigger_oauth_connections_updated_at ON oauth_connections;"
        " CREATE TRIGGER trigger_oauth_connections_updated_at AFTER UPDATE ON oauth_connections"
        " FOR EACH ROW EXECUTE FUNCTION update_oauth_connections_updated_at()",
        {("SC902", f"trigger {OAUTH}.trigger_oauth_connections_updated_at")},
    ),
    (
        "function-return-type-changed",
        "DROP FUNCTION get_device_key_stats();"
        " CREATE FUNCTION get_device_key_stats() RETURNS bigint LANGUAGE sql STABLE"
        " AS 'SELECT count(*) FROM device_keys'",
        {("SC902", "function public.get_device_key_stats()")},
    ),
    (
        "function-dropped",
        "DROP FUNCTION count_old_oauth_tokens()",
        {("SC900", "function public.count_old_oauth_tokens()")},
    ),
    (
        "column-not-null-dropped",
        "ALTER TABLE oauth_connections ALTER COLUMN provider DROP NOT NULL",
        {("SC902", f"column {OAUTH}.provider")},
    ),
    (
        "column-type-changed",
        "ALTER TABLE device_keys ALTER COLUMN device_id TYPE text",
        {("SC902", f"column {DEVICE}.device_id")},
    ),
    (
        "column-default-changed",
        "ALTER TABLE device_keys ALTER COLUMN key_algorithm SET DEFAULT 'ed25519'",
        {("SC902", f"column {DEVICE}.key_algorithm")},
    ),
    (
        "column-dropped",
        "ALTER TABLE oauth_connections DROP COLUMN email",
        {("SC900", f"column {OAUTH}.email")},
    ),
    (
        "prerequisite-column-dropped",
        "ALTER TABLE messages DROP COLUMN content_nonce",
        {("SC900", "column public.messages.content_nonce")},
    ),
    (
        "unexpected-index-on-strict-table",
        "CREATE INDEX idx_device_keys_created_at ON device_keys (created_at)",
        {("SC901", f"index {DEVICE}.idx_device_keys_created_at")},
    ),
    (
        "unexpected-column-on-strict-table",
        "ALTER TABLE key_exchanges ADD COLUMN note text",
        {("SC901", f"column {KX}.note")},
    ),
    (
        "table-dropped",
        "DROP TABLE key_exchanges",
        {("SC900", f"table {KX}")},
    ),
    (
        "migration-version-missing",
        "DELETE FROM schema_migrations WHERE version = 122",
        {("SC912", "table public.schema_migrations")},
    ),
    (
        "schema-version-lowered",
        "DELETE FROM schema_migrations WHERE version >= 104",
        {("SC911", "table public.schema_migrations"), ("SC912", "table public.schema_migrations")},
    ),
]


def _admin(server: DatabaseServer) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(server.dsn(), autocommit=True)


@pytest.fixture(scope="module")
def batch3_template(pg_server: DatabaseServer, sql_dir: Path) -> Iterator[str]:
    """A database holding prerequisites + 118, 119, 122, used as a template."""
    name = f"batch3_tpl_{uuid.uuid4().hex[:8]}"
    dsn = pg_server.create_database(name)
    files = sorted((sql_dir / "prerequisites").glob("*.sql"))
    files += sorted((sql_dir / "migrations").glob("*.sql"))
    apply_sql_files(dsn, files)
    yield name
    pg_server.drop_database(name)


@pytest.fixture
def batch3_db(pg_server: DatabaseServer, batch3_template: str) -> Iterator[str]:
    """A fresh copy of the Batch 3 database."""
    name = f"batch3_{uuid.uuid4().hex[:8]}"
    with _admin(pg_server) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(batch3_template)
            )
        )
    yield pg_server.dsn(name)
    pg_server.drop_database(name)


def audit_json(dsn: str, spec: Path, *extra: str) -> tuple[int, dict[str, object], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["audit", "--dsn", dsn, "--spec", str(spec), "--format", "json", *extra], out, err)
    text = out.getvalue()
    return code, (json.loads(text) if text else {}), err.getvalue()


def found(report: dict[str, object]) -> set[tuple[str, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {(f["code"], f["object"]) for f in findings}


def test_clean_batch3_database_audits_with_zero_findings(batch3_db: str, repo_root: Path) -> None:
    code, report, err = audit_json(batch3_db, repo_root / "expected/batch3.json")
    assert (found(report), code, err) == (set(), 0, "")


@pytest.mark.parametrize(("mutation", "ddl", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_one_mutation_gives_exactly_its_finding(
    mutation: str, ddl: str, expected: set[tuple[str, str]], batch3_db: str, repo_root: Path
) -> None:
    with psycopg.connect(batch3_db, autocommit=True) as conn:
        conn.execute(ddl)
    code, report, _ = audit_json(batch3_db, repo_root / "expected/batch3.json")
    assert found(report) == expected
    assert code == 1


def test_mismatch_shows_expected_and_actual(batch3_db: str, repo_root: Path) -> None:
    with psycopg.connect(batch3_db, autocommit=True) as conn:
        conn.execute(MUTATIONS[7][1])  # CHECK widened to (1, 2, 3)
    _, report, _ = audit_json(batch3_db, repo_root / "expected/batch3.json")
    (finding,) = report["findings"]  # type: ignore[misc]
    assert "1, 2, 3" in finding["actual"] and "3" not in finding["expected"].split("expression")[1]


def test_ignores_hide_findings_but_list_them(batch3_db: str, repo_root: Path) -> None:
    with psycopg.connect(batch3_db, autocommit=True) as conn:
        conn.execute("CREATE INDEX tmp_idx ON device_keys (created_at)")
    code, report, _ = audit_json(
        batch3_db, repo_root / "expected/batch3.json", "--ignore", "kind=index"
    )
    assert (found(report), code) == (set(), 0)
    suppressed = report["suppressed"]
    assert isinstance(suppressed, list)
    assert [s["finding"]["object"] for s in suppressed] == [f"index {DEVICE}.tmp_idx"]
    assert "kind=index" in suppressed[0]["reason"]


def test_audit_writes_nothing_and_works_as_a_read_only_role(
    batch3_db: str, repo_root: Path
) -> None:
    role = f"auditor_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(batch3_db, autocommit=True) as conn:
        dbname = conn.info.dbname
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(dbname), sql.Identifier(role)
            )
        )
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(
                sql.Identifier(role)
            )
        )
        before = conn.execute(
            "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables"
        ).fetchone()
        xid_before = conn.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()
    info = psycopg.conninfo.conninfo_to_dict(batch3_db)
    info["user"] = role
    role_dsn = psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in info.items()})
    try:
        code, report, err = audit_json(role_dsn, repo_root / "expected/batch3.json")
        assert (found(report), code, err) == (set(), 0, "")
        with psycopg.connect(batch3_db, autocommit=True) as conn:
            after = conn.execute(
                "SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_user_tables"
            ).fetchone()
            xid_after = conn.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()
        assert after == before
        # Our own two pg_current_xact_id() calls consume the only transaction ids.
        assert xid_before is not None and xid_after is not None
        assert xid_after[0] - xid_before[0] == 1
    finally:
        with psycopg.connect(batch3_db, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_unreachable_database_exits_3_with_one_line_and_no_password(repo_root: Path) -> None:
    dsn = "postgresql://auditor:s3cr3t-pw@127.0.0.1:1/prod"
    code, report, err = audit_json(dsn, repo_root / "expected/batch3.json")
    assert code == 3
    assert err.count("\n") == 1 and "s3cr3t-pw" not in err
    assert report == {}


def test_snapshot_then_audit_against_it_is_clean_and_sees_later_changes(
    batch3_db: str, tmp_path: Path
) -> None:
    snap = tmp_path / "snap.json"
    out, err = io.StringIO(), io.StringIO()
    assert run(["snapshot", "--dsn", batch3_db, "-o", str(snap)], out, err) == 0
    code, report, _ = audit_json(batch3_db, snap)
    assert (found(report), code) == (set(), 0)
    with psycopg.connect(batch3_db, autocommit=True) as conn:
        conn.execute("CREATE TABLE added_later (id int)")
    code, report, _ = audit_json(batch3_db, snap)
    assert found(report) == {("SC901", "table public.added_later")}


def test_snapshot_of_every_kind_fixture_round_trips(
    fresh_db_any: str, repo_root: Path, tmp_path: Path
) -> None:
    apply_sql_files(fresh_db_any, [repo_root / "tests/fixtures/every_kind.sql"])
    snap = tmp_path / "every.json"
    out, err = io.StringIO(), io.StringIO()
    assert run(["snapshot", "--dsn", fresh_db_any, "-o", str(snap)], out, err) == 0, err.getvalue()
    doc = json.loads(snap.read_text())
    kinds = {k for body in doc["schemas"].values() for k in body}
    assert {"tables", "functions", "sequences", "views", "enums"} <= kinds
    code, report, _ = audit_json(fresh_db_any, snap)
    assert (found(report), code) == (set(), 0)


def test_snapshot_write_is_atomic_and_keeps_the_old_file_on_failure(
    tmp_path: Path, repo_root: Path
) -> None:
    snap = tmp_path / "snap.json"
    snap.write_text("previous contents")
    out, err = io.StringIO(), io.StringIO()
    code = run(["snapshot", "--dsn", "postgresql://x:pw@127.0.0.1:1/db", "-o", str(snap)], out, err)
    assert code == 3
    assert snap.read_text() == "previous contents"
    assert [p.name for p in tmp_path.iterdir()] == ["snap.json"]
