"""A function's settings (SET search_path = ...), strictness and parallel safety, and a trigger's
UPDATE OF columns, arguments and deferral: a snapshot records them, an audit against it finds
nothing, and each single change made afterwards gives exactly one SC902 naming the object, with
expected and actual (PostgreSQL 15 and 18). A spec that leaves them out asserts nothing about
them. The static replay of the migration that made the schema gives the values the live
catalog holds; where it cannot know one (SET ... FROM CURRENT) it leaves it unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_specs import apply_migration, assert_one_mismatch, audit, execute, snapshot

from schemacheck.coverage import coverage
from schemacheck.ddl import parse_text
from schemacheck.embedded import apply_sql_files
from schemacheck.errors import SpecError
from schemacheck.model import Catalog, Function, Kind, Trigger
from schemacheck.replay.engine import replay_statement
from schemacheck.replay.state import State
from schemacheck.spec import load_spec
from schemacheck.spec.load import parse_spec

MIGRATION = """
CREATE SCHEMA "Ops";
CREATE TABLE accounts (id integer PRIMARY KEY, name text, "Email" text, balance numeric);
CREATE FUNCTION accounts_touch() RETURNS trigger LANGUAGE plpgsql
    AS $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION accounts_check() RETURNS trigger LANGUAGE plpgsql
    AS $$BEGIN RETURN NULL; END$$;
CREATE FUNCTION grant_access(p_user integer) RETURNS boolean LANGUAGE sql SECURITY DEFINER
    SET search_path = public, pg_temp AS 'SELECT true';
CREATE FUNCTION safe_sum(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE
    STRICT PARALLEL SAFE AS 'SELECT a + b';
CREATE FUNCTION ops_path() RETURNS integer LANGUAGE sql
    SET search_path = "$user", "Ops", 'Other', LOWER SET TimeZone = 'UTC' AS 'SELECT 1';
ALTER FUNCTION safe_sum(integer, integer) SET work_mem = '64MB';
ALTER FUNCTION ops_path() RETURNS NULL ON NULL INPUT PARALLEL RESTRICTED
    SET statement_timeout TO 0042 RESET TimeZone;
CREATE TRIGGER accounts_touch BEFORE UPDATE OF name, "Email" ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_touch('audit', 42, 1.50, Word);
CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT OR UPDATE ON accounts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION accounts_check();
"""

TOUCH = (
    "CREATE OR REPLACE TRIGGER accounts_touch BEFORE UPDATE OF {columns} ON accounts"
    " FOR EACH ROW EXECUTE FUNCTION accounts_touch({arguments})"
)

# (change, object, attribute, expected, actual): each change alone, after the snapshot
CHANGES = [
    (
        "ALTER FUNCTION grant_access(integer) RESET search_path",
        "function public.grant_access(integer)",
        "settings",
        "(search_path=public, pg_temp)",
        "()",
    ),
    (
        'ALTER FUNCTION grant_access(integer) SET search_path = "$user", public',
        "function public.grant_access(integer)",
        "settings",
        "(search_path=public, pg_temp)",
        '(search_path="$user", public)',
    ),
    (
        "ALTER FUNCTION safe_sum(integer, integer) RESET ALL",
        "function public.safe_sum(integer, integer)",
        "settings",
        "(work_mem=64MB)",
        "()",
    ),
    (
        "ALTER FUNCTION safe_sum(integer, integer) CALLED ON NULL INPUT",
        "function public.safe_sum(integer, integer)",
        "strict",
        "true",
        "false",
    ),
    (
        "ALTER FUNCTION ops_path() CALLED ON NULL INPUT",
        "function public.ops_path()",
        "strict",
        "true",
        "false",
    ),
    (
        "ALTER FUNCTION safe_sum(integer, integer) PARALLEL RESTRICTED",
        "function public.safe_sum(integer, integer)",
        "parallel",
        "safe",
        "restricted",
    ),
    (
        TOUCH.format(columns="name", arguments="'audit', 42, 1.50, Word"),
        "trigger public.accounts.accounts_touch",
        "columns",
        "(Email, name)",
        "(name)",
    ),
    (
        TOUCH.format(columns='name, balance, "Email"', arguments="'audit', 42, 1.50, Word"),
        "trigger public.accounts.accounts_touch",
        "columns",
        "(Email, name)",
        "(Email, balance, name)",
    ),
    (
        TOUCH.format(columns='"Email", name', arguments="'audit', 43, 1.50, Word"),
        "trigger public.accounts.accounts_touch",
        "arguments",
        "(audit, 42, 1.50, word)",
        "(audit, 43, 1.50, word)",
    ),
    (
        TOUCH.format(columns='"Email", name', arguments=""),
        "trigger public.accounts.accounts_touch",
        "arguments",
        "(audit, 42, 1.50, word)",
        "()",
    ),
    (
        "DROP TRIGGER accounts_check ON accounts;"
        " CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT OR UPDATE ON accounts"
        " DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION accounts_check()",
        "trigger public.accounts.accounts_check",
        "initially_deferred",
        "true",
        "false",
    ),
]


def build(dsn: str, folder: Path) -> Path:
    """The schema applied from a migration file; the migration's path."""
    return apply_migration(dsn, folder / "0001_schema.sql", MIGRATION)


def test_the_snapshot_records_them_and_audits_clean(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    public = doc["schemas"]["public"]
    functions = public["functions"]
    assert functions["grant_access(integer)"]["settings"] == {"search_path": "public, pg_temp"}
    assert functions["grant_access(integer)"]["security_definer"] is True
    safe_sum = functions["safe_sum(integer, integer)"]
    assert (safe_sum["strict"], safe_sum["parallel"]) == (True, "safe")
    assert safe_sum["settings"] == {"work_mem": "64MB"}
    ops_path = functions["ops_path()"]
    assert (ops_path["strict"], ops_path["parallel"]) == (True, "restricted")
    assert ops_path["settings"] == {
        "search_path": '"$user", "Ops", "Other", lower',
        "statement_timeout": "42",
    }
    assert functions["accounts_touch()"]["settings"] == {}
    assert functions["accounts_touch()"]["strict"] is False
    triggers = public["tables"]["accounts"]["triggers"]
    touch, check = triggers["accounts_touch"], triggers["accounts_check"]
    assert touch["columns"] == ['"Email"', "name"]
    assert touch["arguments"] == ["audit", "42", "1.50", "word"]
    assert (touch["deferrable"], touch["initially_deferred"]) == (False, False)
    assert (check["columns"], check["arguments"]) == ([], [])
    assert (check["deferrable"], check["initially_deferred"]) == (True, True)

    code, findings = audit(fresh_db_any, tmp_path / "snap.json")
    assert (findings, code) == ([], 0)


@pytest.mark.parametrize(
    ("change", "obj", "attribute", "expected", "actual"),
    CHANGES,
    ids=[f"{c[2]}-{i}" for i, c in enumerate(CHANGES)],
)
def test_each_change_gives_exactly_one_mismatch(
    change: str,
    obj: str,
    attribute: str,
    expected: str,
    actual: str,
    fresh_db_any: str,
    tmp_path: Path,
) -> None:
    build(fresh_db_any, tmp_path)
    snapshot(fresh_db_any, tmp_path / "snap.json")
    spec = tmp_path / "snap.json"
    assert_one_mismatch(fresh_db_any, spec, change, obj, attribute, expected, actual)


def test_a_spec_that_leaves_them_out_asserts_nothing(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    public = doc["schemas"]["public"]
    for body in public["functions"].values():
        for key in ("settings", "strict", "parallel"):
            del body[key]
    for body in public["tables"]["accounts"]["triggers"].values():
        for key in ("columns", "arguments", "deferrable", "initially_deferred"):
            del body[key]
    spec = tmp_path / "partial.json"
    spec.write_text(json.dumps(doc), "utf-8")
    for change, *_ in CHANGES[:6]:  # the functions' changes, all together
        execute(fresh_db_any, change)
    execute(fresh_db_any, CHANGES[-2][0])  # a trigger's arguments
    assert audit(fresh_db_any, spec) == (0, [])
    # the full snapshot sees them
    code, findings = audit(fresh_db_any, tmp_path / "snap.json")
    assert code == 1 and {f["object"] for f in findings} == {
        "function public.grant_access(integer)",
        "function public.safe_sum(integer, integer)",
        "function public.ops_path()",
        "trigger public.accounts.accounts_touch",
    }


def test_a_spec_can_require_them(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "spec_version": 1,
                "schemas": {
                    "public": {
                        "tables": {
                            "t": {
                                "triggers": {
                                    "g": {
                                        "columns": ["B", '"C"', "a"],
                                        "arguments": ["x", "1"],
                                        "deferrable": True,
                                        "initially_deferred": False,
                                    }
                                }
                            }
                        },
                        "functions": {
                            "f()": {
                                "strict": True,
                                "parallel": "safe",
                                "settings": {"Search_Path": 'Public,"$user" ', "TimeZone": "UTC"},
                            }
                        },
                    }
                },
            }
        ),
        "utf-8",
    )
    catalog = load_spec(spec)
    (fn,) = catalog.of_kind(Kind.FUNCTION)
    assert isinstance(fn, Function)
    assert (fn.strict, fn.parallel) == (True, "safe")
    assert fn.settings == ('search_path=public, "$user"', "timezone=UTC")
    (trigger,) = catalog.of_kind(Kind.TRIGGER)
    assert isinstance(trigger, Trigger)
    assert trigger.columns == ("C", "a", "b")  # folded like identifiers; a set
    assert trigger.arguments == ("x", "1")
    assert (trigger.deferrable, trigger.initially_deferred) == (True, False)
    bad = json.loads(spec.read_text("utf-8"))
    bad["schemas"]["public"]["functions"]["f()"]["parallel"] = "sometimes"
    bad["schemas"]["public"]["tables"]["t"]["triggers"]["g"]["arguments"] = [1]
    with pytest.raises(SpecError) as raised:
        parse_spec(bad)
    errors = raised.value.errors
    assert [e.split(":")[0] for e in errors] == [
        "$.schemas.public.functions['f()'].parallel",
        "$.schemas.public.tables.t.triggers.g.arguments[0]",
    ]


def _replayed(sql: str) -> Catalog:
    """The functions and triggers the static replay drafts from `sql`, as model objects with
    the attributes of this module (the rest left unknown)."""
    state = State()
    for statement in parse_text(sql, "migrations/0001_schema.sql").statements:
        replay_statement(state, statement)
    assert state.skipped == []
    objects: list[Function | Trigger] = [
        Function(
            schema=f'"{fn.schema}"',
            name=f'"{fn.name}"',
            arguments=fn.arguments,
            strict=fn.strict,
            parallel=fn.parallel,
            settings=fn.config,
        )
        for fn in state.functions.values()
    ]
    objects += [
        Trigger(
            schema=f'"{table.schema}"',
            table=f'"{table.name}"',
            name=f'"{trg.name}"',
            columns=tuple(f'"{c}"' for c in trg.columns),
            arguments=trg.arguments,
            deferrable=trg.deferrable,
            initially_deferred=trg.initially_deferred,
        )
        for table in state.tables.values()
        for trg in table.triggers.values()
    ]
    return Catalog.of(objects)


def test_the_migration_replays_to_the_snapshot(fresh_db_any: str, tmp_path: Path) -> None:
    migration = build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    result = coverage(spec, [parse_text(MIGRATION, str(migration))])
    assert result.findings == ()
    # what the replay drafts is what the live catalog holds, attribute by attribute
    live = load_spec(spec)
    static = _replayed(MIGRATION)
    assert len(static) == 7
    for obj in static:
        have = live.get(obj.ref)
        assert have is not None, obj.ref
        for name, value in obj.attributes().items():
            if value is not None:
                assert getattr(have, name) == value, (obj.ref, name)
    fn = static.get(Function(schema="public", name="ops_path").ref)
    assert isinstance(fn, Function) and fn.settings is not None and len(fn.settings) == 2


def test_what_the_replay_cannot_know_is_not_checked(fresh_db: str, tmp_path: Path) -> None:
    sql = (
        "CREATE FUNCTION current_path() RETURNS integer LANGUAGE sql"
        " SET search_path FROM CURRENT AS 'SELECT 1';\n"
        "CREATE FUNCTION reset_later() RETURNS integer LANGUAGE sql"
        " SET work_mem FROM CURRENT AS 'SELECT 1';\n"
        "ALTER FUNCTION reset_later() RESET ALL;\n"
    )
    migration = tmp_path / "0001_x.sql"
    migration.write_text(sql, "utf-8")
    apply_sql_files(fresh_db, [migration])
    spec = tmp_path / "snap.json"
    snapshot(fresh_db, spec)
    static = _replayed(sql)
    current = static.get(Function(schema="public", name="current_path").ref)
    reset = static.get(Function(schema="public", name="reset_later").ref)
    assert isinstance(current, Function) and isinstance(reset, Function)
    assert (current.settings, reset.settings) == (None, ())  # RESET ALL: known again
    result = coverage(spec, [parse_text(sql, "migrations/0001_x.sql")])
    assert result.findings == ()
    assert any(
        n.startswith("function public.current_path(): settings is not known")
        for n in result.not_checked
    )


def test_the_replay_follows_alter_function_and_trigger_clauses() -> None:
    static = _replayed(
        "CREATE TABLE t (a int, b int);\n"
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql STRICT PARALLEL SAFE"
        " SET search_path = 'My S', public SET work_mem = '64MB' AS 'SELECT 1';\n"
        "ALTER FUNCTION f() CALLED ON NULL INPUT SET work_mem TO DEFAULT"
        " SET statement_timeout = 1000 RESTRICT;\n"
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 'STRICT' $$"
        " COST 5 PARALLEL RESTRICTED;\n"
        "ALTER FUNCTION g() COST 10;\n"
        "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
        "CREATE TRIGGER tg AFTER UPDATE OF b, a ON t FOR EACH ROW WHEN (OLD.a <> NEW.a)"
        " EXECUTE PROCEDURE tf('x''y', 007, \"Q\");\n"
        "CREATE CONSTRAINT TRIGGER ct AFTER INSERT ON t INITIALLY DEFERRED"
        " FOR EACH ROW EXECUTE FUNCTION tf();\n"
    )
    f = static.get(Function(schema="public", name="f").ref)
    g = static.get(Function(schema="public", name="g").ref)
    assert isinstance(f, Function) and isinstance(g, Function)
    assert (f.strict, f.parallel) == (False, "safe")
    assert f.settings == ('search_path="My S", public', "statement_timeout=1000")
    assert (g.strict, g.parallel, g.settings) == (False, "restricted", ())
    tg = static.get(Trigger(schema="public", table="t", name="tg").ref)
    ct = static.get(Trigger(schema="public", table="t", name="ct").ref)
    assert isinstance(tg, Trigger) and isinstance(ct, Trigger)
    assert (tg.columns, tg.arguments) == (("a", "b"), ("x'y", "7", "Q"))
    assert (ct.deferrable, ct.initially_deferred) == (True, True)
