"""SC028's cases on a table the migration creates and the rollback drops (`cases/SC028/
taken_along/`), run on PostgreSQL 15 and 18: each rollback after its forward files, statement
by statement in autocommit. What SC028 leaves alone runs; what it reports on such a table
(a plain DROP of a trigger, policy or index the new table cannot have yet) is exactly what
PostgreSQL refuses; and the rollback reported for dropping prerequisites' objects does drop
them. On `cases/SC028/created_renamed/` (objects a migration creates and renames, SELECT ...
INTO), the DROPs SC028 reports are exactly those dropping an object older than the migration."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, reported, rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer, apply_sql_files

pytestmark = pytest.mark.db

PROJECT: Path = rulecases().CASES / "SC028" / "taken_along"
_PREREQUISITE_OBJECTS = (
    "SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = 'orgs_touch')"
    " + (SELECT count(*) FROM pg_policy WHERE polname = 'orgs_read')"
    " + (SELECT count(*) FROM pg_class WHERE relname = 'idx_orgs_name')"
    " + (SELECT count(*) FROM pg_constraint WHERE conname = 'orgs_name_check')"
)


def _refused(dsn: str, path: Path) -> dict[int, str | None]:
    """Line -> SQLSTATE of each statement of `path` PostgreSQL refuses, run one by one."""
    out: dict[int, str | None] = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in parse_bytes(path.read_bytes(), path.name).statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                out[s.line] = exc.sqlstate
    return out


def _count(dsn: str, query: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize(
    "rollback", sorted((PROJECT / "rollbacks").glob("*.sql")), ids=lambda p: p.name
)
def test_what_sc028_reports_on_a_new_table_is_what_postgresql_refuses(
    pg_any: DatabaseServer, rollback: Path
) -> None:
    lines = reported("SC028", PROJECT).get(rollback.name, {})
    name = f"sc028_{rollback.name.split('_', 1)[0]}"
    dsn = pg_any.create_database(name)
    try:
        apply_sql_files(dsn, forward_files(rollback))
        before = _count(dsn, _PREREQUISITE_OBJECTS)
        refused = _refused(dsn, rollback)
        after = _count(dsn, _PREREQUISITE_OBJECTS)
    finally:
        pg_any.drop_database(name)
    if rollback.name.startswith("220_"):  # plain DROPs of what the new table cannot have
        assert set(refused.values()) == {"42704"}  # undefined object
        assert sorted(refused) == sorted(lines)
        return
    assert refused == {}  # IF EXISTS, or objects that are there: every statement runs
    if rollback.name.startswith("230_"):  # reported: it drops what the prerequisites made
        assert lines and (before, after) == (4, 0)


RENAMED: Path = rulecases().CASES / "SC028" / "created_renamed"
_DROPS = {
    "drop_table": "regclass",
    "drop_index": "regclass",
    "drop_sequence": "regclass",
    "drop_view": "regclass",
    "drop_type": "regtype",
}
_OIDS = (
    "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = 'public' UNION ALL"
    " SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
    " WHERE n.nspname = 'public' AND t.typtype = 'e'"
)


@pytest.mark.parametrize(
    "rollback", sorted((RENAMED / "rollbacks").glob("*.sql")), ids=lambda p: p.name
)
def test_sc028_reports_the_drops_of_objects_there_before_the_migration(
    fresh_db_any: str, rollback: Path
) -> None:
    """What the migration creates under one name and renames (tables, types, indexes), what
    SELECT ... INTO and CREATE TABLE ... AS create, and a table of an earlier migration it
    renames: each DROP of the rollback, run one by one after the migration, drops an object
    that existed before the migration (by its oid, whatever its name now) exactly when SC028
    reports it; every statement runs."""
    *earlier, migration = forward_files(rollback)
    apply_sql_files(fresh_db_any, earlier)
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        before = {row[0] for row in conn.execute(_OIDS)}
        apply_sql_files(fresh_db_any, [migration])
        dropped: dict[int, bool] = {}  # line -> it drops an object there before the migration
        for s in parse_bytes(rollback.read_bytes(), rollback.name).statements:
            cast = _DROPS.get(s.kind)
            for n in s.facts.names if cast else ():
                row = conn.execute(f"SELECT %s::{cast}::oid", (n.qualified,)).fetchone()
                assert row is not None
                dropped[s.line] = dropped.get(s.line, False) or row[0] in before
            conn.execute(s.text.encode())
    lines = reported("SC028", RENAMED).get(rollback.name, {})
    assert dropped and sorted(lines) == sorted(k for k, there in dropped.items() if there)
