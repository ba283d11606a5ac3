"""SC027 on what PostgreSQL does with enum value renames and with constraints a migration
drops and adds again under the same name: each scenario is applied for real (prerequisites,
the migration, its rollback, then the migration again) and what SC027 reports is exactly what
the catalog shows the rollback did not give back. And how its messages name a migration."""

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


# ------------------------------------------ constraints dropped and added again, same name

_ACCOUNTS = (
    "CREATE TABLE teams (id bigint PRIMARY KEY)",
    "CREATE TABLE accounts (id bigint PRIMARY KEY, a int, c int CHECK (c > 0), "
    "email text, team_id bigint, CONSTRAINT a_pos CHECK (a > 0), "
    "CONSTRAINT accounts_team_fk FOREIGN KEY (team_id) REFERENCES teams (id))",
    "ALTER TABLE accounts ADD CONSTRAINT email_lower CHECK (email = lower(email))",
)
_A_WIDER = (
    "ALTER TABLE accounts DROP CONSTRAINT a_pos",
    "ALTER TABLE accounts ADD CONSTRAINT a_pos CHECK (a >= 0)",
)
_CONSTRAINTS = {
    "restored, written otherwise": Scenario(
        _ACCOUNTS,
        _A_WIDER,
        ("ALTER TABLE accounts DROP CONSTRAINT a_pos, ADD CONSTRAINT a_pos CHECK ((A>0))",),
    ),
    "left with the new definition": Scenario(_ACCOUNTS, _A_WIDER, ()),
    "dropped and not added again": Scenario(
        _ACCOUNTS,
        (
            "ALTER TABLE accounts DROP CONSTRAINT accounts_c_check, "
            "ADD CONSTRAINT accounts_c_check CHECK (c >= 10)",
        ),
        ("ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_c_check",),
    ),
    "added again with another definition": Scenario(
        _ACCOUNTS,
        _A_WIDER,
        ("ALTER TABLE accounts DROP CONSTRAINT a_pos", "ALTER TABLE accounts ADD CHECK (a > 5)"),
    ),
    "added again while it exists": Scenario(
        _ACCOUNTS, _A_WIDER, ("ALTER TABLE accounts ADD CONSTRAINT a_pos CHECK (a > 0)",)
    ),
    "the same definition added again": Scenario(
        _ACCOUNTS,
        (
            "ALTER TABLE accounts DROP CONSTRAINT email_lower",
            "ALTER TABLE accounts ADD CONSTRAINT email_lower CHECK (email = LOWER(email)) "
            "NOT VALID",
        ),
        (),
    ),
    "a foreign key given back its earlier actions": Scenario(
        _ACCOUNTS,
        (
            "ALTER TABLE accounts DROP CONSTRAINT accounts_team_fk",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_team_fk FOREIGN KEY (team_id) "
            "REFERENCES teams (id) ON DELETE CASCADE",
        ),
        (
            "ALTER TABLE accounts DROP CONSTRAINT accounts_team_fk",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_team_fk FOREIGN KEY (team_id) "
            "REFERENCES teams",
        ),
    ),
    "a foreign key left cascading": Scenario(
        _ACCOUNTS,
        (
            "ALTER TABLE accounts DROP CONSTRAINT accounts_team_fk",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_team_fk FOREIGN KEY (team_id) "
            "REFERENCES teams (id) ON DELETE CASCADE",
        ),
        (),
    ),
}
# the definitions as PostgreSQL shows them; whether a CHECK is validated yet (NOT VALID) is
# the state of the rows, not what the constraint checks
_DEFINITIONS = """
SELECT k.conname::text, replace(pg_get_constraintdef(k.oid), ' NOT VALID', '')
  FROM pg_constraint k WHERE k.conrelid = 'accounts'::regclass AND k.contype <> 'n'
"""
_REDEFINED = re.compile(
    r"^rollback does not restore (?:the definition \S+ gave )?constraint (\S+) "
)


def _run_down(dsn: str, sc: Scenario) -> tuple[dict[str, str], dict[str, str], list[str | None]]:
    """The definitions before the migration and after its rollback, and the SQLSTATE of each
    rollback statement PostgreSQL refuses."""
    refused: list[str | None] = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in sc.pre:
            conn.execute(s)
        before = {k: v for k, v in conn.execute(_DEFINITIONS)}
        for s in sc.up:
            conn.execute(s)
        for s in sc.down:
            try:
                conn.execute(s)
            except psycopg.Error as e:
                refused.append(e.sqlstate)
        after = {k: v for k, v in conn.execute(_DEFINITIONS)}
    return before, after, refused


@pytest.mark.parametrize("name", list(_CONSTRAINTS))
def test_sc027_reports_the_constraints_not_given_back(fresh_db_any: str, name: str) -> None:
    sc = _CONSTRAINTS[name]
    before, after, refused = _run_down(fresh_db_any, sc)
    changed = {k for k in before if after.get(k) != before[k]}
    findings = _findings(sc)
    reported = {m.group(1) for f in findings if (m := _REDEFINED.match(f.message))}
    assert reported == changed
    assert {f.object for f in findings} <= {f"constraint {k} on public.accounts" for k in changed}
    # 42710: duplicate_object ("constraint ... already exists")
    assert refused == (["42710"] if "while it exists" in name else [])
    assert any("already exists" in f.message for f in findings) == bool(refused)


def test_the_constraint_scenarios_are_not_all_clean() -> None:
    reported = {name: bool(_findings(sc)) for name, sc in _CONSTRAINTS.items()}
    assert reported == {
        "restored, written otherwise": False,
        "left with the new definition": True,
        "dropped and not added again": True,
        "added again with another definition": True,
        "added again while it exists": True,
        "the same definition added again": False,
        "a foreign key given back its earlier actions": False,
        "a foreign key left cascading": True,
    }


# ---------------------------------------------------------------- how a migration is named


def test_sc027_names_a_step_file_with_its_folder() -> None:
    """Every migration of a step layout is `up.sql`: the message names its folder too."""
    files = [
        parse_text("CREATE TABLE a (id int);\n", "p/migrations/add_a.sql"),
        parse_text("DROP TABLE a;\n", "p/rollbacks/add_a.rollback.sql"),
        parse_text("CREATE TABLE b (id int);\n", "p/migrations/add_b/up.sql"),
    ]
    found = [f for f in lint_files(files).findings if f.code == "SC027"]
    assert [(f.location.path, f.message.split(" has ")[0]) for f in found] == [
        ("p/migrations/add_b/up.sql", "migration add_b/up.sql")
    ]
