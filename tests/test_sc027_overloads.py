"""SC027 says what PostgreSQL does: each scenario is applied for real (prerequisites, the
migration, then its rollback) and what the rollback leaves behind or does not give back,
read from the catalog, is exactly what SC027 reports. Functions are compared by name and
identity argument types, as PostgreSQL tells overloads apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

import psycopg
import pytest
from case_projects import scenario_findings

from schemacheck.findings import Finding


@dataclass(frozen=True)
class Scenario:
    pre: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]
    refused: int = 0  # rollback statements PostgreSQL refuses (name not unique)


def _fn(signature: str, body: str = "SELECT 1") -> str:
    return f"CREATE OR REPLACE FUNCTION {signature} RETURNS int LANGUAGE sql AS '{body}'"


SCENARIOS = {
    "one overload dropped, the other left": Scenario(
        pre=(),
        up=(_fn("lookup(id integer)"), _fn("lookup(email text)")),
        down=("DROP FUNCTION IF EXISTS lookup(integer)",),
    ),
    "identity types: OUT, names, defaults, modifiers, aliases": Scenario(
        pre=(),
        up=(
            "CREATE FUNCTION search(q int DEFAULT 0, OUT total bigint) LANGUAGE sql "
            "AS 'SELECT 1::bigint'",
            _fn("search(q varchar(20))"),
            _fn("search(VARIADIC ids int[])"),
            "CREATE PROCEDURE refresh_scores(IN since int, OUT n int) LANGUAGE sql AS 'SELECT 1'",
            _fn("backfill(batch integer)"),
            "SELECT backfill(10)",
            "DROP FUNCTION backfill(int4)",
        ),
        down=(
            "DROP FUNCTION IF EXISTS search(int4), search(character varying)",
            "DROP FUNCTION IF EXISTS search(VARIADIC integer[])",
            "DROP PROCEDURE IF EXISTS refresh_scores(int, int)",
        ),
    ),
    "a DROP without argument types is refused when the name has several": Scenario(
        pre=(_fn("account_score(integer)"),),
        up=(_fn("rank_of(integer)"), _fn("rank_of(text)"), _fn("account_score(text)")),
        down=("DROP FUNCTION IF EXISTS rank_of", "DROP FUNCTION IF EXISTS account_score"),
        refused=2,
    ),
    "a DROP without argument types takes the only one left": Scenario(
        pre=(),
        up=(_fn("touch(integer)"), _fn("touch(text)"), _fn("touch_all()")),
        down=("DROP FUNCTION touch(text)", "DROP FUNCTION touch", "DROP FUNCTION touch_all"),
    ),
    "a %TYPE argument is one argument, of its column's type": Scenario(
        pre=("CREATE TABLE accounts (id bigint PRIMARY KEY)",),
        up=(
            _fn("find(p accounts.id%TYPE)"),
            _fn("find(a bigint, b bigint)"),
            _fn("owner(p accounts.id%TYPE)"),
            _fn("owner(a text, b text)"),
        ),
        down=(
            "DROP FUNCTION find(bigint)",
            "DROP FUNCTION find(accounts.id%TYPE, accounts.id%TYPE)",
            "DROP FUNCTION IF EXISTS owner(text)",
            "DROP FUNCTION IF EXISTS owner(bigint)",
        ),
    ),
    "types of other schemas, and the search path": Scenario(
        pre=(
            "CREATE SCHEMA app",
            "CREATE SCHEMA archive",
            "CREATE TYPE mood AS ENUM ('calm')",
            "CREATE TYPE app.mood AS ENUM ('calm')",
            "CREATE TYPE archive.mood AS ENUM ('calm')",
        ),
        up=(
            _fn("shade(m app.mood)"),
            _fn("shade(m public.mood)"),
            _fn("tag(m app.mood)"),
            _fn("hue(m public.mood)"),
            _fn("flag(m app.mood)"),
        ),
        down=(
            "DROP FUNCTION shade(public.mood)",
            "DROP FUNCTION hue(mood)",
            "DROP FUNCTION IF EXISTS tag(archive.mood)",
            "SET search_path = app, public",
            "DROP FUNCTION public.flag(mood)",
            "RESET search_path",
        ),
    ),
    "tables, constraints and functions dropped and not all restored": Scenario(
        pre=(
            "CREATE TABLE accounts (id bigint PRIMARY KEY, "
            "email text CONSTRAINT accounts_email_key UNIQUE, age int, "
            "CONSTRAINT accounts_age_check CHECK (age >= 0))",
            "ALTER TABLE accounts ADD CHECK (email = lower(email))",
            "CREATE TABLE legacy_logs (id bigint, line text)",
            "CREATE TABLE old_audit (id bigint, note text)",
            _fn("score(integer)"),
            _fn("score(text)"),
            _fn("only_one(integer)"),
        ),
        up=(
            "DROP TABLE legacy_logs",
            "DROP TABLE old_audit",
            "DROP TABLE IF EXISTS never_there",
            "ALTER TABLE accounts DROP CONSTRAINT accounts_age_check",
            "ALTER TABLE accounts DROP CONSTRAINT accounts_email_key",
            "ALTER TABLE accounts DROP CONSTRAINT accounts_email_check",
            "ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_nope",
            "DROP FUNCTION score(text)",
            "DROP FUNCTION only_one",
            "DROP FUNCTION IF EXISTS score(bigint)",
        ),
        down=(
            "CREATE TABLE old_audit (id bigint, note text)",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)",
            "ALTER TABLE accounts ADD CHECK (email = lower(email))",
            _fn("only_one(int4)"),
        ),
    ),
}

_CATALOG = """
SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END
       || 'public.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')'
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
UNION ALL
SELECT 'table public.' || c.relname
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'constraint ' || k.conname || ' on public.' || c.relname
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
 WHERE c.relnamespace = 'public'::regnamespace AND k.contype <> 'n'
"""

_WHAT = re.compile(r"^rollback does not (undo|restore) (.+?), (?:created by|which) ")


def _catalog(conn: psycopg.Connection) -> set[str]:
    return {row[0] for row in conn.execute(_CATALOG)}


def _findings(sc: Scenario) -> list[Finding]:
    return scenario_findings("SC027", sc.pre, sc.up, sc.down)


def _reported(findings: list[Finding]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"undo": set(), "restore": set()}
    for f in findings:
        m = _WHAT.match(f.message)
        assert m is not None, f.message
        out[m.group(1)].add(m.group(2))
    return out


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_sc027_reports_what_postgresql_leaves(fresh_db_any: str, name: str) -> None:
    sc = SCENARIOS[name]
    refused: list[str | None] = []
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        for s in sc.pre:
            conn.execute(s)
        before = _catalog(conn)
        for s in sc.up:
            conn.execute(s)
        for s in sc.down:
            try:
                conn.execute(s)
            except psycopg.Error as e:
                refused.append(e.sqlstate)
        after = _catalog(conn)
    # 42725: ambiguous function ("function name ... is not unique")
    assert refused == ["42725"] * sc.refused
    findings = _findings(sc)
    reported = _reported(findings)
    assert reported["undo"] == after - before
    assert reported["restore"] == before - after
    if sc.refused:
        helps = {f.help for f in findings if "rank_of" in f.message}
        assert len(helps) == 1 and "not unique" in (helps.pop() or "")


def test_the_scenarios_leave_something_behind_and_restore_something() -> None:
    """The scenarios above are not all clean: some rollbacks leave functions behind and some
    do not give back what their migration dropped."""
    reported = [_reported(_findings(sc)) for sc in SCENARIOS.values()]
    assert {"function public.lookup(text)"} in [r["undo"] for r in reported]
    assert {"function public.owner(text, text)"} in [r["undo"] for r in reported]
    assert {"function public.shade(app.mood)", "function public.tag(app.mood)"} in [
        r["undo"] for r in reported
    ]
    assert {
        "table public.legacy_logs",
        "constraint accounts_age_check on public.accounts",
        "function public.score(text)",
    } in [r["restore"] for r in reported]


# -------------------------------------------------- CREATE OR REPLACE of an earlier definition

_REPLACED_PRE = (
    "CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric NOT NULL)",
    _fn("order_rank(p_id bigint)", "SELECT 1"),
    "CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100",
)
_REPLACED_UP = (
    _fn("order_rank(p_id int8)", "SELECT 2"),
    "CREATE OR REPLACE VIEW big_orders AS SELECT id FROM orders WHERE amount > 500",
    _fn("order_rank(p_id text)", "SELECT 3"),  # an overload of its own
)
_REPLACED_DOWNS = {
    "leaves the new definitions": ("DROP FUNCTION order_rank(text)",),
    "gives the earlier ones back": (
        "DROP FUNCTION order_rank(text)",
        _fn("order_rank(p_id bigint)", "SELECT 1"),
        "CREATE OR REPLACE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100",
    ),
    "drops them (SC028's)": (
        "DROP FUNCTION order_rank(text)",
        "DROP FUNCTION order_rank(bigint)",
        "DROP VIEW big_orders",
    ),
    "leaves its own overload": (),
}
_DEFINED = """
SELECT 'function public.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')', p.prosrc
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
UNION ALL
SELECT 'view public.' || viewname, definition FROM pg_views WHERE schemaname = 'public'
"""
_PREVIOUS = re.compile(r"^rollback does not restore the definition \S+ gave (.+?), which ")


@pytest.mark.parametrize("pg_any", [15], indirect=True)
@pytest.mark.parametrize("down", list(_REPLACED_DOWNS))
def test_sc027_asks_back_the_definitions_a_migration_replaced(fresh_db_any: str, down: str) -> None:
    """A migration replacing (CREATE OR REPLACE) a function and a view an earlier file made:
    SC027 reports each one the rollback leaves with another definition than before (read from
    the catalog), never asks to drop them, and asks to drop the overload the migration made."""
    sc = Scenario(_REPLACED_PRE, _REPLACED_UP, _REPLACED_DOWNS[down])
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        for s in sc.pre:
            conn.execute(s)
        before = dict(conn.execute(_DEFINED).fetchall())
        for s in (*sc.up, *sc.down):
            conn.execute(s)
        after = dict(conn.execute(_DEFINED).fetchall())
    findings = _findings(sc)
    previous = {m.group(1) for f in findings if (m := _PREVIOUS.match(f.message)) is not None}
    undo = {f.object for f in findings if f.message.startswith("rollback does not undo ")}
    assert previous == {k for k in before.keys() & after.keys() if before[k] != after[k]}
    assert undo == set(after) - set(before)
    assert all(f.object in previous | undo for f in findings)
    if down == "leaves the new definitions":
        assert previous == {"function public.order_rank(bigint)", "view public.big_orders"}
