"""SC028's cases on a table the migration creates and the rollback drops (`cases/SC028/
taken_along/`), run on PostgreSQL 15 and 18: each rollback after its forward files, statement
by statement in autocommit. What SC028 leaves alone runs; what it reports on such a table
(a plain DROP of a trigger, policy or index the new table cannot have yet) is exactly what
PostgreSQL refuses; and the rollback reported for dropping prerequisites' objects does drop
them."""

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
