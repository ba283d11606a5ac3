"""SC027 on what PostgreSQL does with enum value renames, with constraints a migration drops
and adds again under the same name, with enum types it creates again under their name (the
rename-away swap) and with the defaults and NOT NULL of columns there before it: each
scenario is applied for real (prerequisites, the migration, its rollback, then the migration
again) and what SC027 reports is exactly what the catalog shows the rollback did not give
back, on the rollback statement the catalog shows last changed it. The same for the objects
a rollback leaves or loses (indexes and constraints going with their column, IF NOT EXISTS
creates of what was there, functions created again, triggers, views, sequences and types
dropped), on the case projects and the goose projects of `cases/SC027/`. And how its
messages name a migration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, reported, rulecases, scenario_findings

from schemacheck.ddl import parse_text
from schemacheck.embedded import SqlPart, apply_sql_files
from schemacheck.findings import Finding
from schemacheck.lint import lint_files
from schemacheck.normalize import default


@dataclass(frozen=True)
class Scenario:
    pre: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]


def _findings(sc: Scenario) -> list[Finding]:
    return scenario_findings("SC027", sc.pre, sc.up, sc.down)


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


# ------------------------------------------------- steps: what each rollback statement did


def _steps(dsn: str, sc: Scenario, catalog: str) -> list[dict[str, str]]:
    """The catalog rows before the migration, after it, then after each rollback statement."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in sc.pre:
            conn.execute(s)
        seen = [{k: v for k, v in conn.execute(catalog)}]
        for s in sc.up:
            conn.execute(s)
        seen.append({k: v for k, v in conn.execute(catalog)})
        for s in sc.down:
            conn.execute(s)
            seen.append({k: v for k, v in conn.execute(catalog)})
    return seen


def _last_change(seen: list[dict[str, str]], key: str) -> int:
    """The line of the rollback statement after which `key`'s row last changed (each statement
    is on a line of its own), 0 when none changed it."""
    line = 0
    for i in range(2, len(seen)):
        if seen[i].get(key) != seen[i - 1].get(key):
            line = i - 1
    return line


# ------------------------------------------------ enum types created again under their name

_ROLES = (
    "CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin')",
    "CREATE TABLE members (id bigint PRIMARY KEY, role team_role NOT NULL DEFAULT 'member')",
    "INSERT INTO members VALUES (1, 'owner'), (2, 'member'), (3, 'admin')",
)
_SWAP = (
    "ALTER TABLE members ALTER COLUMN role DROP DEFAULT",
    "ALTER TYPE team_role RENAME TO team_role_old",
    "CREATE TYPE team_role AS ENUM ('manager', 'member')",
    "ALTER TABLE members ALTER COLUMN role TYPE team_role "
    "USING (CASE WHEN role::text = 'member' THEN 'member' ELSE 'manager' END)::team_role",
    "ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member'",
    "DROP TYPE team_role_old",
)


def _swap_back(*labels: str) -> tuple[str, ...]:
    values = ", ".join(f"'{v}'" for v in labels)
    return (
        "ALTER TABLE members ALTER COLUMN role DROP DEFAULT",
        "ALTER TYPE team_role RENAME TO team_role_old",
        f"CREATE TYPE team_role AS ENUM ({values})",
        "ALTER TABLE members ALTER COLUMN role TYPE team_role "
        "USING (CASE WHEN role::text = 'manager' THEN 'owner' ELSE role::text END)::team_role",
        "ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member'",
        "DROP TYPE team_role_old",
    )


_SWAPS = {
    "the mirror image": Scenario(_ROLES, _SWAP, _swap_back("owner", "member", "admin")),
    "the mirror image, a value missing": Scenario(_ROLES, _SWAP, _swap_back("owner", "member")),
    "the mirror image, values in another order": Scenario(
        _ROLES, _SWAP, _swap_back("member", "owner", "admin")
    ),
    "dropped and created again": Scenario(
        _ROLES,
        _SWAP,
        (
            "ALTER TABLE members ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE text",
            "DROP TYPE team_role",
            "CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin')",
            "UPDATE members SET role = 'owner' WHERE role = 'manager'",
            "ALTER TABLE members ALTER COLUMN role TYPE team_role USING role::team_role, "
            "ALTER COLUMN role SET DEFAULT 'member'",
        ),
    ),
    "the values added back": Scenario(
        _ROLES,
        (
            "ALTER TYPE team_role RENAME TO team_role_old",
            "CREATE TYPE team_role AS ENUM ('owner', 'member')",
            "ALTER TABLE members ALTER COLUMN role DROP DEFAULT",
            "DELETE FROM members WHERE role = 'admin'",
            "ALTER TABLE members ALTER COLUMN role TYPE team_role USING role::text::team_role",
            "ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member'",
            "DROP TYPE team_role_old",
        ),
        ("ALTER TYPE team_role ADD VALUE 'admin' AFTER 'member'",),
    ),
    "the type left as the migration made it": Scenario(
        _ROLES, _SWAP, ("UPDATE members SET role = 'member' WHERE role = 'manager'",)
    ),
}
_LEFT = re.compile(r"^rollback leaves type (\S+) with labels \((.*?)\) instead of \((.*?)\)")


@pytest.mark.parametrize("name", list(_SWAPS))
def test_sc027_reports_the_enum_values_a_swap_does_not_give_back(
    fresh_db_any: str, name: str
) -> None:
    sc = _SWAPS[name]
    seen = _steps(fresh_db_any, sc, _LABELS)
    before, after = seen[0], seen[-1]
    differ = {
        (f"public.{t}", after[t], before[t]) for t in before if t in after and after[t] != before[t]
    }
    findings = _findings(sc)
    reported = {
        (m.group(1), m.group(2).replace(" ", ""), m.group(3).replace(" ", ""))
        for f in findings
        if (m := _LEFT.match(f.message))
    }
    assert reported == differ
    # the type existed before the migration: the rollback is not asked to drop it
    assert not [f for f in findings if "does not undo type" in f.message]
    for f in findings:
        assert f.location.line == _last_change(seen, "team_role")


def test_the_swap_scenarios_are_not_all_clean() -> None:
    reported = {name: bool(_findings(sc)) for name, sc in _SWAPS.items()}
    assert reported == {
        "the mirror image": False,
        "the mirror image, a value missing": True,
        "the mirror image, values in another order": True,
        "dropped and created again": False,
        "the values added back": False,
        "the type left as the migration made it": True,
    }


# ------------------------------------------- defaults and NOT NULL of columns there before

_MEMBERS = (
    "CREATE TABLE members (id bigint, role text NOT NULL DEFAULT 'member', "
    "plan text DEFAULT 'free', created timestamptz DEFAULT CURRENT_TIMESTAMP, "
    "score int DEFAULT 0, username text NOT NULL, nick text, title text DEFAULT 'none', "
    "code text NOT NULL)",
)
_COLUMNS = {
    "the migration's default set again": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN role SET DEFAULT 'querier'",),
        ("ALTER TABLE members ALTER COLUMN role SET DEFAULT 'querier'",),
    ),
    "the default given back, written otherwise": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN plan SET DEFAULT 'trial'",),
        ("ALTER TABLE members ALTER COLUMN plan SET DEFAULT ('free'::text)",),
    ),
    "CURRENT_TIMESTAMP given back as now()": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN created DROP DEFAULT",),
        ("ALTER TABLE members ALTER COLUMN created SET DEFAULT now()",),
    ),
    "the default dropped, not given back": Scenario(
        _MEMBERS, ("ALTER TABLE members ALTER COLUMN created DROP DEFAULT",), ()
    ),
    "the last default set decides": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN score SET DEFAULT 1",),
        (
            "ALTER TABLE members ALTER COLUMN score SET DEFAULT 0",
            "ALTER TABLE members ALTER COLUMN score SET DEFAULT 2",
        ),
    ),
    "NOT NULL dropped, the column renamed back only": Scenario(
        _MEMBERS,
        (
            "ALTER TABLE members ALTER COLUMN username DROP NOT NULL",
            "ALTER TABLE members RENAME COLUMN username TO source_username",
        ),
        ("ALTER TABLE members RENAME COLUMN source_username TO username",),
    ),
    "NOT NULL set again under the new name": Scenario(
        _MEMBERS,
        (
            "ALTER TABLE members ALTER COLUMN username DROP NOT NULL",
            "ALTER TABLE members RENAME COLUMN username TO source_username",
        ),
        (
            "ALTER TABLE members ALTER COLUMN source_username SET NOT NULL",
            "ALTER TABLE members RENAME COLUMN source_username TO username",
        ),
    ),
    "NOT NULL set, left": Scenario(
        _MEMBERS, ("ALTER TABLE members ALTER COLUMN nick SET NOT NULL",), ()
    ),
    "NOT NULL given back by a primary key": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN code DROP NOT NULL",),
        ("ALTER TABLE members ADD PRIMARY KEY (code)",),
    ),
    "NOT NULL the column had set again, dropped by the rollback": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN username SET NOT NULL",),
        ("ALTER TABLE members ALTER COLUMN username DROP NOT NULL",),
    ),
    "NOT NULL the column lacked dropped again, set by the rollback": Scenario(
        _MEMBERS,
        ("ALTER TABLE members ALTER COLUMN nick DROP NOT NULL",),
        ("ALTER TABLE members ALTER COLUMN nick SET NOT NULL",),
    ),
    "the table renamed back, not the default": Scenario(
        _MEMBERS,
        (
            "ALTER TABLE members RENAME TO people",
            "ALTER TABLE people ALTER COLUMN title SET DEFAULT 'mx'",
        ),
        ("ALTER TABLE people RENAME TO members",),
    ),
}
# by attribute number, which renames keep: the default and its pg_attrdef row (a new one at
# each SET DEFAULT), and attnotnull
_COLUMN_STATES = """
SELECT a.attnum::text, a.attname || '|' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
       || '|' || coalesce(d.oid::text, '') || '|' || a.attnotnull::text
  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid IN (SELECT oid FROM pg_class WHERE relname IN ('members', 'people'))
   AND a.attnum > 0 AND NOT a.attisdropped
"""
_COLUMN_FINDING = re.compile(
    r"^rollback (?:does not (?:give back the default of|set NOT NULL again on|drop the NOT NULL "
    r"that \S+ sets on)|drops the NOT NULL of|sets NOT NULL on) column public\.members\.(\w+)"
)


def _column(row: str) -> tuple[str, str, bool]:
    name, expr, _, notnull = row.split("|")
    return name, default(expr) if expr else "", notnull == "true"


@pytest.mark.parametrize("name", list(_COLUMNS))
def test_sc027_reports_the_defaults_and_not_null_not_given_back(
    fresh_db_any: str, name: str
) -> None:
    sc = _COLUMNS[name]
    seen = _steps(fresh_db_any, sc, _COLUMN_STATES)
    before, after = seen[0], seen[-1]
    lost: dict[tuple[str, str], str] = {}
    for attnum, row in before.items():
        was, now = _column(row), _column(after[attnum])
        assert now[0] == was[0]  # every rollback gives the column its name back
        if now[1] != was[1]:
            lost[(was[0], "default")] = attnum
        if now[2] != was[2]:
            lost[(was[0], "null")] = attnum
    findings = _findings(sc)
    reported = {
        (m.group(1), "default" if "default" in f.message else "null"): f
        for f in findings
        if (m := _COLUMN_FINDING.match(f.message))
    }
    assert set(reported) == set(lost)
    assert len(findings) == len(reported)
    for (column, what), f in reported.items():
        attnum = lost[(column, what)]
        # the default's text and pg_attrdef row, or attnotnull, after each step
        part = slice(1, 3) if what == "default" else slice(3, 4)
        rows = [{attnum: "|".join(s[attnum].split("|")[part])} for s in seen if attnum in s]
        assert f.location.line == _last_change(rows, attnum)


def test_the_column_scenarios_are_not_all_clean() -> None:
    reported = {name: bool(_findings(sc)) for name, sc in _COLUMNS.items()}
    assert reported == {
        "the migration's default set again": True,
        "the default given back, written otherwise": False,
        "CURRENT_TIMESTAMP given back as now()": False,
        "the default dropped, not given back": True,
        "the last default set decides": True,
        "NOT NULL dropped, the column renamed back only": True,
        "NOT NULL set again under the new name": False,
        "NOT NULL set, left": True,
        "NOT NULL given back by a primary key": False,
        "NOT NULL the column had set again, dropped by the rollback": True,
        "NOT NULL the column lacked dropped again, set by the rollback": True,
        "the table renamed back, not the default": True,
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


def test_sc027_names_a_flyway_migration_of_a_dotted_version_by_its_file() -> None:
    """`V0.0.1.2` is version 0.0.1.2, not 0: the message names the file."""
    files = [
        parse_text("CREATE TABLE a (id int);\n", "db/migration/V0.0.1.1__a.sql"),
        parse_text("DROP TABLE a;\n", "db/migration/U0.0.1.1__a.sql"),
        parse_text("CREATE TABLE b (id int);\n", "db/migration/V0.0.1.2__b.sql"),
        parse_text("CREATE TABLE c (id int);\n", "db/migration/V3__c.sql"),
    ]
    found = [f for f in lint_files(files).findings if f.code == "SC027"]
    assert sorted(f.message.split(" has ")[0] for f in found) == [
        "migration 3",
        "migration V0.0.1.2__b.sql",
    ]


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize("keeps", [True, False], ids=["keeps_one", "drops_both"])
def test_a_role_the_rollback_keeps_makes_up_again_fail(fresh_db_any: str, keeps: bool) -> None:
    """A role belongs to the server: the rollback that leaves one makes the migration fail
    when applied again (42710), which is what SC027 reports; dropping it lets it run."""
    up = ("CREATE ROLE sc027_live_reader", "CREATE ROLE sc027_live_app", "CREATE TABLE rt (id int)")
    down = ("DROP TABLE rt", "DROP ROLE sc027_live_reader")
    down += () if keeps else ("DROP ROLE sc027_live_app",)
    found = _findings(Scenario((), up, down))
    assert [f.message.split(",")[0] for f in found] == (
        ["rollback does not undo role sc027_live_app"] if keeps else []
    )
    failed = None
    try:
        with psycopg.connect(fresh_db_any, autocommit=True) as conn:
            for s in (*up, *down):
                conn.execute(s)
            try:
                for s in up:
                    conn.execute(s)
            except psycopg.Error as exc:
                failed = exc.sqlstate
    finally:
        with psycopg.connect(fresh_db_any, autocommit=True) as conn:
            conn.execute("DROP TABLE IF EXISTS rt")
            for role in ("sc027_live_reader", "sc027_live_app"):
                conn.execute(f"DROP ROLE IF EXISTS {role}")
    assert failed == ("42710" if keeps else None)


# ------------------------------------------- objects a rollback leaves behind or does not give back

# every object SC027 names, as it names it, with its definition (a changed definition is an
# object left as the migration made it) and the table it belongs to (what a table left
# behind holds is that table's); indexes of constraints are the constraints'
_OBJECTS = """
WITH rel AS (
  SELECT c.oid, c.relkind, n.nspname || '.' || c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
)
SELECT 'table ' || name, '', name FROM rel WHERE relkind IN ('r', 'p')
UNION ALL
SELECT 'view ' || name, pg_get_viewdef(oid), name FROM rel WHERE relkind IN ('v', 'm')
UNION ALL
SELECT 'sequence ' || name, '', name FROM rel WHERE relkind = 'S'
UNION ALL
SELECT 'index ' || r.name, pg_get_indexdef(r.oid), t.name
  FROM rel r JOIN pg_index i ON i.indexrelid = r.oid JOIN rel t ON t.oid = i.indrelid
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = r.oid)
UNION ALL
SELECT 'column ' || t.name || '.' || a.attname, format_type(a.atttypid, a.atttypmod), t.name
  FROM rel t JOIN pg_attribute a ON a.attrelid = t.oid
 WHERE t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint ' || k.conname || ' on ' || t.name, pg_get_constraintdef(k.oid), t.name
  FROM pg_constraint k JOIN rel t ON t.oid = k.conrelid WHERE k.contype <> 'n'
UNION ALL
SELECT 'trigger ' || g.tgname || ' on ' || t.name, pg_get_triggerdef(g.oid), t.name
  FROM pg_trigger g JOIN rel t ON t.oid = g.tgrelid WHERE NOT g.tgisinternal
UNION ALL
SELECT 'function ' || n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes)
       || ')', md5(p.prosrc), ''
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'type ' || n.nspname || '.' || t.typname, t.typtype::text, ''
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT 'schema ' || nspname, '', '' FROM pg_namespace
 WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
"""
_UNDO = re.compile(r"^rollback does not undo (.+?), created by ")
_RESTORE = re.compile(r"^rollback does not restore (.+?), which ")

Objects = dict[str, tuple[str, str]]


def _objects(dsn: str) -> Objects:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return {name: (definition, table) for name, definition, table in conn.execute(_OBJECTS)}


def _left_and_lost(before: Objects, after: Objects) -> tuple[set[str], set[str]]:
    """The objects after the rollback that were not there before the migration (or were,
    with another definition), and those there before and not after; what a table left
    behind or lost holds goes with it."""
    tables_before = {k.split(" ", 1)[1] for k in before if k.startswith("table ")}
    tables_after = {k.split(" ", 1)[1] for k in after if k.startswith("table ")}

    def held(k: str, table: str, tables: set[str]) -> bool:
        return table in tables and not k.startswith("table ")

    left = {
        k
        for k, (definition, table) in after.items()
        if before.get(k, (None,))[0] != definition
        and not held(k, table, tables_after - tables_before)
    }
    lost = {
        k
        for k, (_, table) in before.items()
        if k not in after and not held(k, table, tables_before - tables_after)
    }
    return left, lost


_MADE_AS = re.compile(r"^rollback does not restore constraint \S+ on (\S+), .* has it as (\S+) ")


def _said(messages: list[str]) -> tuple[set[str], set[str]]:
    """What SC027's messages say the rollback leaves and does not restore; a constraint the
    rollback gives another name (`has it as x`) is left under that name."""
    undo = {m.group(1) for x in messages if (m := _UNDO.match(x))}
    undo |= {f"constraint {m[2]} on {m[1]}" for x in messages if (m := _MADE_AS.match(x))}
    restore = {m.group(1) for x in messages if (m := _RESTORE.match(x))}
    return undo, restore


_PROJECTS = (
    "created_renamed",
    "gone_with_column",
    "if_not_exists_there",
    "lost_with_column",
    "recreated_function",
    "restore_kinds",
    "restored_by_rename",
)
_ROLLBACKS = sorted(
    p
    for project in _PROJECTS
    for p in (rulecases().CASES / "SC027" / project / "rollbacks").glob("*.sql")
)


@pytest.mark.parametrize("rollback", _ROLLBACKS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_sc027_reports_what_the_rollback_leaves_and_loses(
    fresh_db_any: str, rollback: Path
) -> None:
    """Up to the migration, then the migration and its rollback: SC027's 'does not undo' are
    the objects the catalog holds after 'down' and not before, its 'does not restore' those
    it held before and not after."""
    *earlier, migration = forward_files(rollback)
    apply_sql_files(fresh_db_any, earlier)
    before = _objects(fresh_db_any)
    apply_sql_files(fresh_db_any, [migration, rollback])
    after = _objects(fresh_db_any)
    messages = reported("SC027", rollback.parent.parent).get(rollback.name, {})
    said = [m for found in messages.values() for m in found]
    assert _said(said) == _left_and_lost(before, after)
    renamed = sum(bool(_MADE_AS.match(x)) for x in said)
    assert len(said) == sum(map(len, _said(said))) - renamed  # no other kind of finding


_GOOSE = sorted((rulecases().CASES / "SC027" / "goose_gone_with_column" / "migrations").glob("*"))


@pytest.mark.parametrize("migration", _GOOSE[1:], ids=lambda p: p.name)
def test_sc027_on_goose_down_sections(fresh_db_any: str, migration: Path) -> None:
    """goose: the Down section of a file is the rollback of its Up section."""
    earlier = [SqlPart(p, "up", True) for p in _GOOSE if p.name < migration.name]
    apply_sql_files(fresh_db_any, earlier)
    before = _objects(fresh_db_any)
    apply_sql_files(
        fresh_db_any, [SqlPart(migration, "up", True), SqlPart(migration, "down", True)]
    )
    after = _objects(fresh_db_any)
    messages = reported("SC027", migration.parent.parent).get(migration.name, {})
    said = [m for found in messages.values() for m in found]
    assert _said(said) == _left_and_lost(before, after)
    assert len(said) == sum(map(len, _said(said)))


def test_the_object_cases_are_not_all_clean() -> None:
    """Each way, for each kind of object: the cases report some rollbacks and not others."""
    found = {
        f"{p.parent.parent.name}/{p.name}": bool(reported("SC027", p.parent.parent).get(p.name))
        for p in [*_ROLLBACKS, *_GOOSE[1:]]
    }
    assert found == {
        "created_renamed/600_base.rollback.sql": False,
        "created_renamed/601_status_swap.rollback.sql": False,
        "created_renamed/602_audit.rollback.sql": False,
        "created_renamed/603_chains.rollback.sql": False,
        "created_renamed/604_logs.rollback.sql": True,
        "created_renamed/605_document.rollback.sql": False,
        "created_renamed/606_swap_back.rollback.sql": False,
        "gone_with_column/400_country.rollback.sql": False,
        "gone_with_column/401_region.rollback.sql": True,
        "gone_with_column/402_tmp.rollback.sql": True,
        "if_not_exists_there/410_again.rollback.sql": False,
        "if_not_exists_there/411_new.rollback.sql": True,
        "lost_with_column/500_nick.rollback.sql": True,
        "lost_with_column/501_email.rollback.sql": False,
        "lost_with_column/502_age.rollback.sql": True,
        "lost_with_column/503_nick_again.rollback.sql": False,
        "recreated_function/420_mig.rollback.sql": True,
        "recreated_function/421_mig_dropped.rollback.sql": False,
        "recreated_function/422_counts.rollback.sql": False,
        "restore_kinds/430_trigger.rollback.sql": True,
        "restore_kinds/431_trigger_back.rollback.sql": False,
        "restore_kinds/432_more.rollback.sql": True,
        "restore_kinds/433_sessions.rollback.sql": True,
        "restore_kinds/434_tokens.rollback.sql": True,
        "restored_by_rename/700_index.rollback.sql": False,
        "restored_by_rename/701_view.rollback.sql": False,
        "restored_by_rename/702_type.rollback.sql": False,
        "restored_by_rename/703_table.rollback.sql": True,
        "restored_by_rename/704_table_named.rollback.sql": False,
        "goose_gone_with_column/002_country.sql": False,
        "goose_gone_with_column/003_trigger.sql": True,
    }


# ------------------------------------------- renames of tables made before the migration

_TABLE_RENAMES = sorted(
    (rulecases().CASES / "SC027" / "renamed_existing" / "rollbacks").glob("*.sql")
)
_TABLE_RENAME = re.compile(
    r"^rollback does not undo rename of table (\S+) to (\S+), renamed by (\S+):(\d+): "
)


@pytest.mark.parametrize("rollback", _TABLE_RENAMES, ids=lambda p: p.name)
def test_sc027_reports_the_table_renames_the_rollback_does_not_undo(
    fresh_db_any: str, rollback: Path
) -> None:
    """A table of an earlier migration renamed (through several names, or back) and not
    renamed back by the rollback: SC027 names the table lost and the one left in its place
    as the catalog shows them after 'down', and the migration's statement giving it its
    last name."""
    *earlier, migration = forward_files(rollback)
    apply_sql_files(fresh_db_any, earlier)
    before = {k for k in _objects(fresh_db_any) if k.startswith("table ")}
    apply_sql_files(fresh_db_any, [migration, rollback])
    after = {k for k in _objects(fresh_db_any) if k.startswith("table ")}
    messages = reported("SC027", rollback.parent.parent).get(rollback.name, {})
    said = [m for found in messages.values() for m in found]
    renames = [m for x in said if (m := _TABLE_RENAME.match(x))]
    assert len(renames) == len(said)
    assert {f"table {m[1]}" for m in renames} == before - after
    assert {f"table {m[2]}" for m in renames} == after - before
    lines = migration.read_text().splitlines()
    for m in renames:
        assert m[3].endswith(migration.name)
        assert lines[int(m[4]) - 1].endswith(f"RENAME TO {m[2].split('.')[1]};")


def test_the_rename_cases_are_not_all_clean() -> None:
    found = {p.name: bool(reported("SC027", p.parent.parent).get(p.name)) for p in _TABLE_RENAMES}
    assert found == {
        "610_accounts.rollback.sql": False,
        "611_users.rollback.sql": True,
        "612_back.rollback.sql": False,
    }


# ------------------------------------------- a constraint's index dropped instead of it

_CONSTRAINT_INDEX = rulecases().CASES / "SC027" / "constraint_index" / "rollbacks"


@pytest.mark.parametrize("rollback", sorted(_CONSTRAINT_INDEX.glob("*.sql")), ids=lambda p: p.name)
def test_sc027_says_which_constraint_index_drop_postgresql_refuses(
    fresh_db_any: str, rollback: Path
) -> None:
    """A rollback dropping a constraint's index: PostgreSQL refuses it (2BP01) and keeps the
    constraint, exactly where SC027 says its DROP INDEX is refused."""
    *earlier, migration = forward_files(rollback)
    apply_sql_files(fresh_db_any, [*earlier, migration])
    refused: dict[int, str] = {}
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        for s in parse_text(rollback.read_text(), "rollbacks/x.sql").statements:
            try:
                conn.execute(s.text)
            except psycopg.Error as e:
                assert e.sqlstate == "2BP01"
                refused[s.line] = s.facts.names[0].name
        kept = {r[0] for r in conn.execute("SELECT conname FROM pg_constraint")}
    messages = reported("SC027", rollback.parent.parent).get(rollback.name, {})
    said = {line for line, found in messages.items() if any(_REFUSED_DROP in x for x in found)}
    assert said == set(refused)
    assert set(refused.values()) <= kept


_REFUSED_DROP = "is refused (2BP01)"
