"""SC046 against PostgreSQL 15 and 18: for each rollback of the `cases/SC046` projects, the
tables SC046 reports are exactly those whose columns, after the migration and its rollback,
are the ones they had before in another order (`pg_attribute.attnum`), and the order each
message shows is the catalog's."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, reported, rulecases

from schemacheck.embedded import apply_sql_files

CASES = rulecases().CASES / "SC046"
_ROLLBACKS = sorted(CASES.glob("*/rollbacks/*.sql"))
_ORDER = """
SELECT n.nspname || '.' || c.relname, string_agg(a.attname, ', ' ORDER BY a.attnum)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 GROUP BY 1
"""
_SAID = re.compile(
    r"^after 'down', table (\S+) has its columns in another order: "
    r"\((.*?)\), was \((.*?)\) "
)


def _same_columns(a: str, b: str) -> bool:
    return sorted(a.split(", ")) == sorted(b.split(", "))


def _orders(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn) as conn:
        return {t: cols for t, cols in conn.execute(_ORDER)}


@pytest.mark.parametrize("rollback", _ROLLBACKS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_sc046_reports_exactly_the_tables_the_rollback_reorders(
    fresh_db_any: str, rollback: Path
) -> None:
    *earlier, migration = forward_files(rollback)
    apply_sql_files(fresh_db_any, earlier)
    before = _orders(fresh_db_any)
    apply_sql_files(fresh_db_any, [migration, rollback])
    after = _orders(fresh_db_any)
    reordered = {
        t: (after[t], cols)
        for t, cols in before.items()
        if t in after
        and after[t] != cols
        and sorted(after[t].split(", ")) == sorted(cols.split(", "))
    }
    messages = reported("SC046", rollback.parent.parent).get(rollback.name, {})
    said = {
        m.group(1): (m.group(2), m.group(3))
        for found in messages.values()
        for x in found
        if (m := _SAID.match(x))
    }
    assert said == reordered
    assert sum(map(len, messages.values())) == len(said)


def test_the_cases_hold_rollbacks_that_reorder_and_rollbacks_that_do_not() -> None:
    found = {p.name: bool(reported("SC046", p.parent.parent).get(p.name)) for p in _ROLLBACKS}
    assert any(found.values()) and not all(found.values())
