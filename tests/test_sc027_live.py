"""SC027 on what PostgreSQL does with enum value renames and with constraints a migration
drops and adds again under the same name: each scenario is applied for real (prerequisites,
the migration, its rollback, then the migration again) and what SC027 reports is exactly what
the catalog shows the rollback did not give back."""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
import pytest

from schemacheck.ddl import parse_text
from schemacheck.findings import Finding
from schemacheck.lint import lint_files


@dataclass(frozen=True)
class Scenario:
    pre: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]


def _sql(statements: tuple[str, ...]) -> str:
    return "".join(f"{s};\n" for s in statements) or "SELECT 1;\n"


def _findings(sc: Scenario) -> list[Finding]:
    files = [
        parse_text(_sql(sc.pre), "prerequisites/001_base.sql"),
        parse_text(_sql(sc.up), "migrations/300_change.sql"),
        parse_text(_sql(sc.down), "rollbacks/300_change.rollback.sql"),
    ]
    return [f for f in lint_files(files).findings if f.code == "SC027"]


def _run(dsn: str, sc: Scenario, catalog: str) -> tuple[dict[str, str], dict[str, str], bool]:
    """The catalog rows before the migration and after its rollback, and whether the
    migration applies again after the rollback."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in sc.pre:
            conn.execute(s)
        before = {k: v for k, v in conn.execute(catalog)}
        for s in (*sc.up, *sc.down):
            conn.execute(s)
        after = {k: v for k, v in conn.execute(catalog)}
        again = True
        try:
            with conn.transaction():
                for s in sc.up:
                    conn.execute(s)
        except psycopg.Error:
            again = False
    return before, after, again


# ---------------------------------------------------------------- enum value renames

_MOOD = (
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE TABLE diary (id bigint PRIMARY KEY, mood mood)",
    "INSERT INTO diary VALUES (1, 'ok'), (2, 'sad')",
)
_RENAMES = {
    "renamed back": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",),
        ("ALTER TYPE mood RENAME VALUE 'fine' TO 'ok'",),
    ),
    "left renamed": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",),
        ("UPDATE diary SET mood = 'sad' WHERE mood = 'fine'",),
    ),
    "two renames undone by one": Scenario(
        _MOOD,
        (
            "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad'",
            "ALTER TYPE mood RENAME VALUE 'glad' TO 'joyful'",
        ),
        ("ALTER TYPE mood RENAME VALUE 'joyful' TO 'happy'",),
    ),
    "renamed on, not back": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'happy' TO 'glad'",),
        ("ALTER TYPE mood RENAME VALUE 'glad' TO 'joyful'",),
    ),
    "type created again with the new name": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'",),
        (
            "ALTER TABLE diary ALTER COLUMN mood TYPE text",
            "DROP TYPE mood",
            "CREATE TYPE mood AS ENUM ('blue', 'ok', 'happy')",
            "ALTER TABLE diary ALTER COLUMN mood TYPE mood USING mood::mood",
        ),
    ),
    "type created again with the earlier name": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'",),
        (
            "ALTER TYPE mood RENAME TO mood_old",
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "ALTER TABLE diary ALTER COLUMN mood TYPE mood "
            "USING replace(mood::text, 'blue', 'sad')::mood",
            "DROP TYPE mood_old",
        ),
    ),
    "the catalog row renamed back": Scenario(
        _MOOD,
        ("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",),
        (
            "UPDATE pg_enum SET enumlabel = 'ok' "
            "WHERE enumlabel = 'fine' AND enumtypid = 'mood'::regtype",
        ),
    ),
}
_LABELS = """
SELECT t.typname::text, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
  FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname
"""
_RENAMED = re.compile(r"^rollback does not undo the rename of enum value '(.+?)' of type (\S+) ")


@pytest.mark.parametrize("name", list(_RENAMES))
def test_sc027_reports_the_enum_renames_postgresql_keeps(fresh_db_any: str, name: str) -> None:
    sc = _RENAMES[name]
    before, after, again = _run(fresh_db_any, sc, _LABELS)
    lost = {
        (label, f"public.{t}")
        for t, labels in before.items()
        for label in labels.split(",")
        if label not in after.get(t, "").split(",")
    }
    reported = {(m.group(1), m.group(2)) for f in _findings(sc) if (m := _RENAMED.match(f.message))}
    assert reported == lost
    assert again == (not lost)  # the RENAME VALUE of a value no longer there fails


def test_the_rename_scenarios_are_not_all_clean() -> None:
    reported = {name: bool(_findings(sc)) for name, sc in _RENAMES.items()}
    assert reported == {
        "renamed back": False,
        "left renamed": True,
        "two renames undone by one": False,
        "renamed on, not back": True,
        "type created again with the new name": True,
        "type created again with the earlier name": False,
        "the catalog row renamed back": False,
    }
