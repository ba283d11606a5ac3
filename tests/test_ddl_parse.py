"""`schemacheck.ddl`: splitting files into statements, where each starts, what kind it is, the
facts recovered even when sqlglot falls back to `exp.Command` or raises, transactions,
suppression comments, file roles, rollback pairing, and files that are not SQL at all.
No database: everything here is text in, model out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlglot import exp

from schemacheck.ddl import (
    ObjectName,
    SqlFile,
    Statement,
    classify_path,
    discover,
    pair_rollbacks,
    parse_bytes,
    parse_file,
    parse_text,
)
from schemacheck.errors import InputError
from schemacheck.lint import lint_files, lint_paths

MIGRATION = "sql/migrations/200_test.sql"


def stmts(text: str, path: str = MIGRATION) -> tuple[Statement, ...]:
    return parse_text(text, path).statements


def one(text: str) -> Statement:
    got = stmts(text)
    assert len(got) == 1, [s.text for s in got]
    return got[0]


def texts(text: str) -> list[str]:
    return [s.text for s in stmts(text)]


def problem_kinds(f: SqlFile) -> list[str]:
    return [p.kind for p in f.problems]


# ---------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]),
        ("SELECT 'it''s; fine'; SELECT 2;", ["SELECT 'it''s; fine'", "SELECT 2"]),
        ("SELECT E'it\\'s; fine'; SELECT 3", ["SELECT E'it\\'s; fine'", "SELECT 3"]),
        ("SELECT e'a\\\\\\'b;c'; SELECT 2", ["SELECT e'a\\\\\\'b;c'", "SELECT 2"]),
        ("SELECT E'\\\\'; SELECT 2", ["SELECT E'\\\\'", "SELECT 2"]),
        ("SELECT U&'d\\0061t; a'; SELECT 2", ["SELECT U&'d\\0061t; a'", "SELECT 2"]),
        ('SELECT 1 AS "a;b"; SELECT 2', ['SELECT 1 AS "a;b"', "SELECT 2"]),
        (
            "DO $$ BEGIN PERFORM 1; END $$;\nDO $x$ BEGIN RAISE NOTICE '$$;'; END $x$;",
            ["DO $$ BEGIN PERFORM 1; END $$", "DO $x$ BEGIN RAISE NOTICE '$$;'; END $x$"],
        ),
        (
            "CREATE FUNCTION f() RETURNS int AS $outer$ SELECT $inner$ ; $inner$::int $outer$ "
            "LANGUAGE sql; SELECT 2",
            [
                "CREATE FUNCTION f() RETURNS int AS $outer$ SELECT $inner$ ; $inner$::int "
                "$outer$ LANGUAGE sql",
                "SELECT 2",
            ],
        ),
        ("SELECT $a$ $b$ ; $b$ $a$; SELECT 2", ["SELECT $a$ $b$ ; $b$ $a$", "SELECT 2"]),
        # `a$b$c` is an identifier, `$1` a parameter: neither opens a dollar quote
        ("SELECT a$b$c FROM t; SELECT $1;", ["SELECT a$b$c FROM t", "SELECT $1"]),
        ("-- a ; b\nSELECT 1; /* c ; d */ SELECT 2;", ["SELECT 1", "SELECT 2"]),
        ("/* a /* nested ; */ still */ SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
        ("SELECT 1 /* ; */ ; -- ;\nSELECT 2", ["SELECT 1", "SELECT 2"]),
        ("SELECT 1", ["SELECT 1"]),
        ("SELECT 1\n\n", ["SELECT 1"]),
        ("SELECT 1;;; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        (";;;\n;", []),
        ("", []),
        ("   \n\n  -- only a comment\n", []),
        ("SELECT 'x'\n'y'; SELECT 2", ["SELECT 'x'\n'y'", "SELECT 2"]),
        # a `;` inside parentheses belongs to the statement...
        (
            "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO u VALUES (1); "
            "INSERT INTO v VALUES (2));\nSELECT 2;",
            [
                "CREATE RULE r AS ON INSERT TO t DO INSTEAD (INSERT INTO u VALUES (1); "
                "INSERT INTO v VALUES (2))",
                "SELECT 2",
            ],
        ),
        # ...but a stray `(` does not swallow the statements on the following lines
        (
            "SELECT 1;\nSELECT (1;\nCREATE TABLE t (a int);",
            ["SELECT 1", "SELECT (1", "CREATE TABLE t (a int)"],
        ),
        (
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;"
            "\nSELECT 3;",
            [
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
                "SELECT 3",
            ],
        ),
        # a string 'END' or a quoted "end" inside the body closes nothing
        (
            "CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'END';"
            ' SELECT "end" FROM t; END;\nSELECT 3;',
            [
                "CREATE FUNCTION f() RETURNS text LANGUAGE sql BEGIN ATOMIC SELECT 'END';"
                ' SELECT "end" FROM t; END',
                "SELECT 3",
            ],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_dollar_quoted_body_stays_whole_and_is_the_function_body() -> None:
    s = one(
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        "BEGIN\n  NEW.a := 1; -- ; in a comment\n  RETURN NEW;\nEND;\n$fn$;"
    )
    assert s.facts.body is not None
    assert "NEW.a := 1;" in s.facts.body
    assert s.facts.body.rstrip().endswith("END;")
    assert "$fn$" not in s.facts.body


# ---------------------------------------------------------------- locations


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("SELECT 1; SELECT 2;\n  SELECT 3;", [(1, 1), (1, 11), (2, 3)]),
        ("/* line1\nline2 ; */\n  SELECT 1;\n\n\tSELECT 2;", [(3, 3), (5, 2)]),
        ("SELECT 1;\r\n\tSELECT 2;\r\n/* x\r\ny */ SELECT 3;", [(1, 1), (2, 2), (4, 6)]),
        ("SELECT 1 -- trailing\n; SELECT 2", [(1, 1), (2, 3)]),
        ("\ufeffSELECT 1; SELECT 2", [(1, 1), (1, 11)]),
        ("SELECT 'é;ü'; SELECT 2", [(1, 1), (1, 15)]),
        ("DO $$\nBEGIN\nEND $$;\n\n-- c\nSELECT 1;", [(1, 1), (6, 1)]),
    ],
)
def test_statement_locations(text: str, where: list[tuple[int, int]]) -> None:
    got = stmts(text)
    assert [(s.line, s.column) for s in got] == where
    for s in got:
        assert s.location.line == s.line and s.location.column == s.column
        assert s.location.path == MIGRATION


def test_end_line_and_index() -> None:
    got = stmts("CREATE TABLE t (\n  a int,\n  b text\n);\nSELECT 1;")
    assert [(s.index, s.line, s.end_line) for s in got] == [(0, 1, 4), (1, 5, 5)]


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CREATE TABLE t (a int)", "create_table"),
        ("CREATE TEMP TABLE t (a int) ON COMMIT DROP", "create_table"),
        ("CREATE TABLE t2 AS SELECT * FROM t", "create_table_as"),
        ("CREATE UNIQUE INDEX i ON t (a)", "create_index"),
        (
            "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1'",
            "create_function",
        ),
        ("CREATE PROCEDURE p() LANGUAGE sql AS 'select 1'", "create_procedure"),
        (
            "CREATE TRIGGER tg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()",
            "create_trigger",
        ),
        ("CREATE MATERIALIZED VIEW mv AS SELECT 1", "create_materialized_view"),
        ("CREATE VIEW v AS SELECT 1", "create_view"),
        ("CREATE SEQUENCE s", "create_sequence"),
        ("CREATE SCHEMA app", "create_schema"),
        ("CREATE EXTENSION pgcrypto", "create_extension"),
        ("CREATE TYPE mood AS ENUM ('a')", "create_type"),
        ("CREATE DOMAIN posint AS int CHECK (VALUE > 0)", "create_domain"),
        ("CREATE POLICY p ON t USING (true)", "create_policy"),
        ("ALTER TABLE t ADD COLUMN a int", "alter_table"),
        ("ALTER INDEX i RENAME TO j", "alter_index"),
        ("ALTER TYPE mood ADD VALUE 'b'", "alter_type"),
        ("ALTER SEQUENCE s OWNED BY t.a", "alter_sequence"),
        ("DROP TABLE t", "drop_table"),
        ("DROP INDEX i", "drop_index"),
        ("DROP FUNCTION f()", "drop_function"),
        ("DROP MATERIALIZED VIEW mv", "drop_materialized_view"),
        ("DROP OWNED BY bob", "drop_owned"),
        ("SELECT 1", "select"),
        ("WITH x AS (SELECT 1) SELECT * FROM x", "select"),
        ("VALUES (1)", "values"),
        ("INSERT INTO t VALUES (1)", "insert"),
        ("UPDATE t SET a = 1", "update"),
        ("DELETE FROM t WHERE a = 1", "delete"),
        ("WITH x AS (SELECT 1) DELETE FROM t USING x WHERE t.a = x.a", "delete"),
        ("TRUNCATE t", "truncate"),
        ("SET lock_timeout = '5s'", "set"),
        ("RESET ALL", "reset"),
        ("DO $$ BEGIN END $$", "do"),
        ("VACUUM FULL t", "vacuum"),
        ("CLUSTER t USING i", "cluster"),
        ("REINDEX INDEX CONCURRENTLY i", "reindex"),
        ("REFRESH MATERIALIZED VIEW mv", "refresh_materialized_view"),
        ("LOCK TABLE t", "lock"),
        ("GRANT SELECT ON t TO bob", "grant"),
        ("REVOKE SELECT ON t FROM bob", "revoke"),
        ("COMMENT ON TABLE t IS 'x'", "comment"),
        ("ANALYZE t", "analyze"),
        ("CALL p()", "call"),
        ("BEGIN", "begin"),
        ("START TRANSACTION", "begin"),
        ("COMMIT", "commit"),
        ("END", "commit"),
        ("ROLLBACK", "rollback"),
        ("ABORT", "rollback"),
        ("SAVEPOINT a", "savepoint"),
        ("RELEASE SAVEPOINT a", "release_savepoint"),
        ("RELEASE a", "release_savepoint"),
        ("ROLLBACK TO SAVEPOINT a", "rollback_to_savepoint"),
        ("ROLLBACK TRANSACTION TO a", "rollback_to_savepoint"),
        ("PREPARE TRANSACTION 'x'", "prepare_transaction"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    s = one(text)
    assert s.kind == kind
    assert s.understood, s.parse_error


def test_raw_rests_after_command_keywords_read_as_words() -> None:
    s = one("EXPLAIN ANALYZE VACUUM FULL public.t")
    assert [(w.kind, w.value) for w in s.words] == [
        ("word", "EXPLAIN"),
        ("word", "ANALYZE"),
        ("word", "VACUUM"),
        ("word", "FULL"),
        ("word", "public"),
        ("punct", "."),
        ("word", "t"),
    ]
    text = "SELECT 1;\n  EXPLAIN VACUUM t"
    w = stmts(text)[1].words[-1]
    assert text[w.start : w.end] == "t"


@pytest.mark.parametrize(
    "text",
    [
        "SELEC 1",
        "CREATE TABLE t (a int",
        "CREATE",
        "DROP",
        "ALTER TYPE",
        "ALTER TABLE t ALTER COLUMN",
        "WITH",
        "(((",
        ")))",
        "DROP OWNED BY",
    ],
)
def test_not_understood(text: str) -> None:
    s = one(text)
    assert not s.understood
    assert s.line == 1 and s.column == 1


# ---------------------------------------------------------------- facts from Command fallbacks


def test_function_returns_trigger_is_a_command_fallback_with_facts() -> None:
    s = one(
        "CREATE OR REPLACE FUNCTION public.touch_updated_at()\nRETURNS TRIGGER\n"
        "LANGUAGE plpgsql\nAS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$"
    )
    assert isinstance(s.tree, exp.Command)
    assert s.is_command_fallback
    assert s.understood
    f = s.facts
    assert s.kind == "create_function"
    assert f.name == ObjectName("touch_updated_at", "public")
    assert f.or_replace
    assert f.arguments == ""
    assert f.returns == "trigger"
    assert f.language == "plpgsql"
    assert f.body is not None and "RETURN NEW" in f.body
    assert not f.security_definer


def test_function_returns_setof_with_security_definer() -> None:
    s = one(
        "CREATE FUNCTION s.recent(IN n int DEFAULT 10, OUT m text) RETURNS SETOF public.messages "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public "
        "AS $q$ SELECT * FROM messages LIMIT n $q$"
    )
    assert isinstance(s.tree, exp.Command)
    f = s.facts
    assert f.name == ObjectName("recent", "s")
    assert f.arguments == "IN n int DEFAULT 10, OUT m text"
    assert f.returns == "setof public.messages"
    assert f.language == "sql"
    assert f.volatility == "stable"
    assert f.security_definer
    assert f.body is not None and f.body.strip() == "SELECT * FROM messages LIMIT n"


@pytest.mark.parametrize(
    ("text", "definer"),
    [
        ("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql SECURITY INVOKER AS $$ $$", False),
        ("CREATE FUNCTION f() RETURNS trigger AS $$ $$ LANGUAGE 'plpgsql' SECURITY DEFINER", True),
        (
            "CREATE FUNCTION f() RETURNS trigger AS $$ $$ LANGUAGE sql EXTERNAL SECURITY DEFINER",
            True,
        ),
        ("create function f() returns setof record language sql as $$ select 1 $$", False),
    ],
)
def test_function_language_and_security(text: str, definer: bool) -> None:
    f = one(text).facts
    assert f.security_definer is definer
    assert f.language in ("plpgsql", "sql")
    assert f.returns in ("trigger", "setof record")


def test_function_returns_table() -> None:
    f = one(
        "CREATE FUNCTION stats() RETURNS TABLE (a int, b text) LANGUAGE sql AS $$ select 1,'' $$"
    ).facts
    assert f.returns == "table (a int, b text)"
    assert f.language == "sql"


def test_do_block() -> None:
    s = one("DO $body$\nDECLARE x int;\nBEGIN\n  x := 1;\nEND\n$body$")
    assert isinstance(s.tree, exp.Command)
    assert s.kind == "do"
    assert s.understood
    assert s.facts.language == "plpgsql"
    assert s.facts.body is not None and "x := 1;" in s.facts.body
    other = one("DO LANGUAGE plpython3u $$ pass $$")
    assert other.facts.language == "plpython3u"
    assert other.facts.body is not None and other.facts.body.strip() == "pass"


def test_create_extension() -> None:
    s = one("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA ext VERSION '1.1' CASCADE")
    assert isinstance(s.tree, exp.Command)
    f = s.facts
    assert s.kind == "create_extension"
    assert f.name == ObjectName("uuid-ossp")
    assert f.if_not_exists
    assert f.extension_schema == "ext"
    assert f.cascade
    plain = one("CREATE EXTENSION pgcrypto").facts
    assert plain.name == ObjectName("pgcrypto")
    assert not plain.if_not_exists and not plain.cascade and plain.extension_schema is None


def test_create_policy() -> None:
    s = one(
        'CREATE POLICY "Users see own" ON public.messages AS RESTRICTIVE FOR UPDATE TO app '
        "USING (sender_id = current_user_id()) WITH CHECK (true)"
    )
    assert isinstance(s.tree, exp.Command)
    assert s.kind == "create_policy"
    assert s.facts.name == ObjectName("Users see own")
    assert s.facts.table == ObjectName("messages", "public")


def test_alter_table_validate_constraint() -> None:
    s = one(
        "ALTER TABLE ONLY public.messages VALIDATE CONSTRAINT messages_fk, VALIDATE CONSTRAINT ck"
    )
    assert isinstance(s.tree, exp.Command)
    f = s.facts
    assert s.kind == "alter_table"
    assert f.table == ObjectName("messages", "public")
    assert f.only
    assert [(a.action, a.constraint_name) for a in f.actions] == [
        ("validate_constraint", "messages_fk"),
        ("validate_constraint", "ck"),
    ]


@pytest.mark.parametrize(
    ("text", "label", "ine"),
    [
        ("ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok'", "meh", False),
        ("ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'it''s' AFTER 'ok'", "it's", True),
    ],
)
def test_alter_type_add_value(text: str, label: str, ine: bool) -> None:
    s = one(text)
    assert isinstance(s.tree, exp.Command)
    f = s.facts
    assert s.kind == "alter_type"
    assert f.name == ObjectName("mood", "public")
    assert f.labels == (label,)
    (a,) = f.actions
    assert (a.action, a.label, a.if_not_exists) == ("add_value", label, ine)


def test_alter_type_rename_value() -> None:
    (a,) = one("ALTER TYPE status RENAME VALUE 'a' TO 'b'").facts.actions
    assert (a.action, a.label, a.new_name) == ("rename_value", "a", "b")


def test_unique_using_index_fallback() -> None:
    s = one("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix")
    (c,) = s.facts.constraints
    assert (c.type, c.name, c.using_index, c.columns) == ("unique", "u", "ix", ())


def test_raised_statements_keep_token_facts() -> None:
    # sqlglot raises on CLUSTER ... USING and RELEASE SAVEPOINT; the token reader does not
    s = one("CLUSTER public.t USING t_idx")
    assert s.tree is None and s.parse_error
    assert s.understood
    assert s.facts.table == ObjectName("t", "public")
    assert s.facts.options == ("t_idx",)


def test_drop_owned() -> None:
    s = one("DROP OWNED BY bob, CURRENT_USER CASCADE")
    assert s.understood
    assert s.facts.names == (ObjectName("bob"), ObjectName("current_user"))
    assert s.facts.name is None
    assert s.facts.cascade


# ---------------------------------------------------------------- facts of parsed statements


def test_create_table_facts() -> None:
    f = one(
        'CREATE TABLE IF NOT EXISTS "Weird"."T" (\n'
        "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "  n text NOT NULL DEFAULT 'x',\n"
        "  u uuid REFERENCES users(id) ON DELETE SET NULL,\n"
        "  at timestamp with time zone default now(),\n"
        '  g character varying(10) collate "C",\n'
        "  CONSTRAINT n_nonempty CHECK (n <> ''),\n"
        "  CONSTRAINT fk FOREIGN KEY (u, n) REFERENCES s.other (x, y) ON UPDATE CASCADE "
        "ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED\n)"
    ).facts
    assert f.name == ObjectName("T", "Weird")
    assert f.if_not_exists
    cols = {c.name: c for c in f.columns}
    assert list(cols) == ["id", "n", "u", "at", "g"]
    assert cols["id"].identity and cols["id"].primary_key and cols["id"].not_null
    assert cols["id"].data_type == "bigint"
    assert cols["n"].not_null and cols["n"].default == "'x'"
    assert cols["u"].references == ObjectName("users") and cols["u"].ref_columns == ("id",)
    assert cols["u"].on_delete == "set null" and not cols["u"].not_null
    assert cols["at"].data_type == "timestamp with time zone" and cols["at"].default == "now()"
    assert cols["g"].data_type == "character varying(10)" and cols["g"].collation == "C"
    ck, fk = f.constraints
    assert (ck.type, ck.name, ck.expression) == ("check", "n_nonempty", "n <> ''")
    assert (fk.type, fk.name, fk.columns) == ("foreign_key", "fk", ("u", "n"))
    assert fk.references == ObjectName("other", "s") and fk.ref_columns == ("x", "y")
    assert (fk.on_delete, fk.on_update, fk.deferrable) == ("restrict", "cascade", True)


def test_create_index_flags() -> None:
    f = one(
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY s.t USING btree (a, lower(b)) "
        "WHERE a > 0"
    ).facts
    assert f.name == ObjectName("ix")
    assert f.table == ObjectName("t", "s")
    assert f.unique and f.concurrently and f.if_not_exists and f.only
    assert f.index_method == "btree"
    assert f.index_columns == "a, lower(b)"
    assert f.index_where == "a > 0"
    plain = one("CREATE INDEX ON t (a)").facts
    assert plain.name is None and plain.table == ObjectName("t")
    assert not (plain.unique or plain.concurrently or plain.if_not_exists or plain.only)
    assert plain.index_where is None


@pytest.mark.parametrize(
    ("text", "names", "if_exists", "cascade", "concurrently"),
    [
        ("DROP INDEX CONCURRENTLY IF EXISTS ix, iy CASCADE", ["ix", "iy"], True, True, True),
        ("DROP TABLE IF EXISTS a, s.b CASCADE", ["a", "s.b"], True, True, False),
        ("DROP TABLE a RESTRICT", ["a"], False, False, False),
        ("DROP SCHEMA app CASCADE", ["app"], False, True, False),
        ("DROP EXTENSION IF EXISTS pgcrypto CASCADE", ["pgcrypto"], True, True, False),
        ("DROP FUNCTION IF EXISTS f(int, text) CASCADE", ["f"], True, True, False),
        ("DROP TYPE IF EXISTS mood", ["mood"], True, False, False),
    ],
)
def test_drop_flags(
    text: str, names: list[str], if_exists: bool, cascade: bool, concurrently: bool
) -> None:
    f = one(text).facts
    assert [n.qualified for n in f.names] == names
    assert (f.if_exists, f.cascade, f.concurrently) == (if_exists, cascade, concurrently)


def test_drop_on_table_and_arguments() -> None:
    trig = one("DROP TRIGGER IF EXISTS tg ON s.t").facts
    assert trig.name == ObjectName("tg") and trig.table == ObjectName("t", "s")
    fn = one("DROP FUNCTION f(int, text)").facts
    assert fn.arguments == "int, text"


def test_not_valid_and_alter_table_actions() -> None:
    fk = one(
        "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u(id) ON DELETE CASCADE "
        "NOT VALID"
    ).facts
    assert fk.not_valid
    (c,) = fk.constraints
    assert (c.type, c.not_valid, c.on_delete, c.references) == (
        "foreign_key",
        True,
        "cascade",
        ObjectName("u"),
    )
    ck = one("ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0)").facts
    assert not ck.not_valid and ck.constraints[0].expression == "a > 0"
    acts = one(
        "ALTER TABLE IF EXISTS t ALTER COLUMN c TYPE bigint USING c::bigint, "
        "ALTER COLUMN d SET NOT NULL, DROP COLUMN IF EXISTS e CASCADE, "
        "ADD COLUMN IF NOT EXISTS f timestamptz DEFAULT now(), RENAME COLUMN g TO h"
    ).facts
    assert acts.if_exists and acts.cascade
    summary = [(a.action, a.column_name) for a in acts.actions]
    assert summary == [
        ("alter_column_type", "c"),
        ("set_not_null", "d"),
        ("drop_column", "e"),
        ("add_column", "f"),
        ("rename_column", "g"),
    ]
    assert acts.actions[0].data_type == "bigint" and acts.actions[0].using == "c::bigint"
    assert acts.actions[2].if_exists and acts.actions[2].cascade
    assert acts.actions[3].if_not_exists and acts.actions[3].column is not None
    assert acts.actions[3].column.default == "now()"
    assert acts.actions[4].new_name == "h"
    drop_c = one("ALTER TABLE t DROP CONSTRAINT IF EXISTS c CASCADE").facts.actions[0]
    assert (drop_c.action, drop_c.constraint_name, drop_c.if_exists, drop_c.cascade) == (
        "drop_constraint",
        "c",
        True,
        True,
    )


def test_if_not_exists_and_or_replace() -> None:
    assert one("CREATE TABLE IF NOT EXISTS t (a int)").facts.if_not_exists
    assert not one("CREATE TABLE t (a int)").facts.if_not_exists
    assert one("CREATE SCHEMA IF NOT EXISTS app").facts.if_not_exists
    assert one("CREATE SEQUENCE IF NOT EXISTS s.q").facts.name == ObjectName("q", "s")
    assert one("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1").facts.if_not_exists
    assert one("CREATE OR REPLACE VIEW v AS SELECT 1").facts.or_replace
    assert not one("CREATE VIEW v AS SELECT 1").facts.or_replace
    assert one("ALTER INDEX IF EXISTS ix RENAME TO iy").facts.if_exists


def test_concurrently_elsewhere() -> None:
    assert one("REFRESH MATERIALIZED VIEW CONCURRENTLY mv").facts.concurrently
    assert not one("REFRESH MATERIALIZED VIEW mv").facts.concurrently
    assert one("REINDEX INDEX CONCURRENTLY ix").facts.concurrently


def test_trigger_facts() -> None:
    f = one(
        "CREATE TRIGGER tg AFTER INSERT OR UPDATE OF a, b ON s.t FOR EACH ROW "
        "WHEN (NEW.a IS NOT NULL) EXECUTE PROCEDURE s.fn()"
    ).facts
    assert f.name == ObjectName("tg") and f.table == ObjectName("t", "s")
    assert f.timing == "after" and f.events == ("insert", "update") and f.for_each_row
    assert f.function == ObjectName("fn", "s")
    stmt = one("CREATE TRIGGER tg BEFORE DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION f()")
    assert not stmt.facts.for_each_row and stmt.facts.timing == "before"


def test_dml_facts() -> None:
    d = one("DELETE FROM t WHERE created_at < now() - interval '1 day' RETURNING id").facts
    assert d.table == ObjectName("t") and d.where == "created_at < now() - interval '1 day'"
    assert one("DELETE FROM t").facts.where is None
    u = one("UPDATE t SET a = 1 FROM u WHERE t.id = u.id").facts
    assert u.from_select and u.where == "t.id = u.id"
    assert one("UPDATE t SET a = 1").facts.where is None
    assert one("INSERT INTO t (a) SELECT 1").facts.from_select
    assert not one("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING").facts.from_select
    tr = one("TRUNCATE ONLY a, b RESTART IDENTITY CASCADE").facts
    assert [n.name for n in tr.names] == ["a", "b"] and tr.only and tr.cascade


def test_set_and_lock_and_vacuum() -> None:
    s = one("SET LOCAL statement_timeout TO 1000").facts
    assert (s.setting, s.value, s.local) == ("statement_timeout", "1000", True)
    s = one("SET lock_timeout = '5s'").facts
    assert (s.setting, s.value, s.local) == ("lock_timeout", "5s", False)
    assert one("LOCK TABLE t IN SHARE MODE").facts.options == ("SHARE",)
    assert one("LOCK t").facts.options == ("ACCESS EXCLUSIVE",)
    assert one("VACUUM (FULL, ANALYZE) t").facts.options == ("FULL", "ANALYZE")
    assert one("VACUUM (FULL false) t").facts.options == ()


@pytest.mark.parametrize(
    ("text", "returns"),
    [
        ('CREATE FUNCTION f() RETURNS SETOF "Msg" LANGUAGE sql AS $$x$$', 'setof "Msg"'),
        (
            "CREATE FUNCTION f() RETURNS SETOF Public.Messages LANGUAGE sql AS $$x$$",
            "setof public.messages",
        ),
        (
            'CREATE FUNCTION f() RETURNS TABLE ("Receipt Id" INTEGER) LANGUAGE sql AS $$x$$',
            'table ("Receipt Id" integer)',
        ),
        ("CREATE FUNCTION f() RETURNS Double  Precision LANGUAGE sql AS $$x$$", "double precision"),
    ],
)
def test_types_fold_outside_quotes_only(text: str, returns: str) -> None:
    assert one(text).facts.returns == returns


def test_column_types_fold_outside_quotes_only() -> None:
    f = one('CREATE TABLE t (a "MyType", b TIMESTAMP WITH TIME ZONE, c "a""B"[])').facts
    assert [c.data_type for c in f.columns] == ['"MyType"', "timestamp with time zone", '"a""B"[]']
    (a,) = one('ALTER TABLE t ALTER a TYPE "MyType" USING a::"MyType"').facts.actions
    assert (a.data_type, a.using) == ('"MyType"', 'a::"MyType"')


def test_set_values_lose_their_quotes() -> None:
    assert one("SET TIME ZONE 'UTC'").facts.value == "UTC"
    assert one("SET application_name = 'it''s'").facts.value == "it's"
    assert one('SET search_path = "$user", public').facts.value == '"$user", public'


def test_detach_partition_concurrently() -> None:
    f = one("ALTER TABLE t DETACH PARTITION p CONCURRENTLY").facts
    assert f.concurrently and f.actions[0].concurrently
    assert f.actions[0].new_name == "p"
    assert not one("ALTER TABLE t DETACH PARTITION p").facts.concurrently


def test_enum_labels() -> None:
    f = one("CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s')").facts
    assert f.labels == ("sad", "ok", "it's")


# ---------------------------------------------------------------- transactions


def test_transaction_blocks() -> None:
    f = parse_text(
        "BEGIN;\nSELECT 1;\nSAVEPOINT a;\nROLLBACK TO SAVEPOINT a;\nRELEASE SAVEPOINT a;\n"
        "COMMIT;\nSELECT 2;\nSTART TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSELECT 3;\n"
        "ROLLBACK;\nBEGIN WORK;\nEND;",
        MIGRATION,
    )
    got = [(s.kind, s.in_transaction, s.transaction) for s in f.statements]
    assert got == [
        ("begin", False, None),
        ("select", True, 0),
        ("savepoint", True, 0),
        ("rollback_to_savepoint", True, 0),
        ("release_savepoint", True, 0),
        ("commit", True, 0),
        ("select", False, None),
        ("begin", False, None),
        ("select", True, 1),
        ("rollback", True, 1),
        ("begin", False, None),
        ("commit", True, 2),
    ]
    assert f.problems == ()


def test_transaction_mistakes() -> None:
    f = parse_text("BEGIN;\nBEGIN;\nCOMMIT;\nCOMMIT;\nABORT;\nBEGIN;\nSELECT 1;", MIGRATION)
    got = [(p.kind, p.line) for p in f.problems]
    assert got == [
        ("nested_transaction", 2),
        ("no_transaction", 4),
        ("no_transaction", 5),
        ("unclosed_transaction", 6),
    ]


# ---------------------------------------------------------------- suppressions


SUPPRESSED = (
    "-- schemacheck: ignore SC001 reviewed with the DBA\n"  # 1
    "CREATE INDEX i ON t (a);\n"  # 2
    "CREATE INDEX j ON t (b); -- schemacheck: ignore SC001, require-concurrent-index-creation "
    "-- small table\n"  # 3
    "-- schemacheck: ignore-file sc003: legacy rollback\n"  # 4
    "/* schemacheck: ignore all */\n"  # 5
    "SELECT 1;\n"  # 6
    "-- schemacheck: ignore\n"  # 7
    "SELECT 2;\n"  # 8
    "-- plain comment\n"  # 9
    "SELECT 3;\n"  # 10
    "-- schemacheck: ignore SC002 dangling\n"  # 11
)


def test_suppression_comments() -> None:
    f = parse_text(SUPPRESSED, MIGRATION)
    s = f.statements
    assert [len(x.suppressions) for x in s] == [1, 1, 1, 0, 0]
    a = s[0].suppressions[0]
    assert (a.codes, a.reason, a.line, a.column, a.file_wide) == (
        ("SC001",),
        "reviewed with the DBA",
        1,
        1,
        False,
    )
    assert a.matches("SC001", "whatever") and not a.matches("SC002", "other")
    b = s[1].suppressions[0]
    assert b.codes == ("SC001", "require-concurrent-index-creation")
    assert (b.line, b.column, b.reason) == (3, 26, "small table")
    c = s[2].suppressions[0]
    assert c.codes == ("ALL",) and c.matches("SC999", "anything")
    (fw,) = f.suppressions
    assert (fw.codes, fw.reason, fw.line, fw.file_wide) == (("SC003",), "legacy rollback", 4, True)
    assert s[4].comments == ("plain comment",)
    bad = [(p.kind, p.line) for p in f.problems]
    assert bad == [("bad_suppression", 7), ("bad_suppression", 11)]


@pytest.mark.parametrize(
    ("comment", "codes", "reason"),
    [
        ("ignore SC001 SC002 reviewed", ("SC001", "SC002"), "reviewed"),
        ("ignore SC001, SC002 SC003 why", ("SC001", "SC002", "SC003"), "why"),
        ("ignore ban-cascade SC002: checked", ("ban-cascade", "SC002"), "checked"),
        ("ignore SC001 SC002", ("SC001", "SC002"), ""),
        # only words shaped like a rule code join the list: a reason stays a reason
        ("ignore SC001 v2 migration", ("SC001",), "v2 migration"),
        ("ignore SC001 SCREAM test", ("SC001",), "SCREAM test"),
    ],
)
def test_suppression_codes_separated_by_spaces(
    comment: str, codes: tuple[str, ...], reason: str
) -> None:
    (s,) = parse_text(f"-- schemacheck: {comment}\nSELECT 1;", MIGRATION).statements
    assert (s.suppressions[0].codes, s.suppressions[0].reason) == (codes, reason)


def test_space_separated_codes_suppress_each_finding_in_lint() -> None:
    sql = (
        "-- schemacheck: ignore SC001 SC031 reviewed\n"
        "CREATE INDEX IF NOT EXISTS "
        "an_index_name_that_is_far_too_long_for_postgresql_to_keep_as_it_is_written "
        "ON existing (a);\n"
    )
    report = lint_files([parse_text(sql, MIGRATION)], target="x")
    hidden = sorted(x.finding.code for x in report.suppressed)
    assert hidden == ["SC001", "SC031"]
    assert not [x for x in report.findings if x.code in ("SC001", "SC031", "SC034")]


@pytest.mark.parametrize(
    ("text", "attached"),
    [
        # a trailing comment speaks of the last statement on its line
        ("SELECT 1; SELECT 2; -- schemacheck: ignore SC001 x\n", [0, 1]),
        ("SELECT 1; -- schemacheck: ignore SC001 x\nSELECT 2;", [1, 0]),
        # a comment inside a statement, or lines above it, belongs to it
        ("CREATE INDEX i\n  -- schemacheck: ignore SC001 x\n  ON t (a);\nSELECT 1;", [1, 0]),
        ("SELECT 1;\n\n-- schemacheck: ignore SC001 x\n\n-- other\nSELECT 2;", [0, 1]),
        ("-- SchemaCheck:IGNORE sc001,Ban-Cascade\nSELECT 1;\nSELECT 2;", [1, 0]),
    ],
)
def test_suppression_attachment(text: str, attached: list[int]) -> None:
    f = parse_text(text, MIGRATION)
    assert [len(s.suppressions) for s in f.statements] == attached
    assert f.problems == ()


def test_suppression_hides_a_finding_in_lint() -> None:
    sql = (
        "CREATE INDEX IF NOT EXISTS i ON existing (a); -- schemacheck: ignore SC001 small\n"
        "CREATE INDEX IF NOT EXISTS j ON existing (b);\n"
    )
    report = lint_files([parse_text(sql, MIGRATION)], target="x")
    sc001 = [x for x in report.findings if x.code == "SC001"]
    assert [x.location.line for x in sc001 if x.location] == [2]
    assert [x.finding.location.line for x in report.suppressed if x.finding.location] == [1]


# ---------------------------------------------------------------- roles, versions, rollbacks


@pytest.mark.parametrize(
    ("path", "role", "version"),
    [
        ("sql/prerequisites/001_create_users.sql", "prerequisite", 1),
        ("sql/migrations/118_oauth_encrypted_tokens.sql", "migration", 118),
        ("sql/rollbacks/118_oauth_encrypted_tokens.rollback.sql", "rollback", 118),
        ("sql/checks/smoke_1_oauth_connection.sql", "check", None),
        ("sql/checks/BATCH_3_VERIFICATION.sql", "check", None),
        ("db/migrations/120_x.down.sql", "rollback", 120),
        ("elsewhere/120_add_x.sql", "migration", 120),
        ("elsewhere/120_add_x_down.sql", "rollback", 120),
        ("elsewhere/120_add_x.rollback.sql", "rollback", 120),
        ("elsewhere/V7__init.sql", "migration", 7),
        ("elsewhere/U7__init.sql", "rollback", 7),
        ("elsewhere/notes.sql", "other", None),
        ("Migrations/0042-x.sql", "migration", 42),
        ("down/5_x.sql", "rollback", 5),
        ("db/rollbacks/2024/118_x.sql", "rollback", 118),
        # a far ancestor (where CI happened to clone the project) does not name the role
        ("/builds/check/project/tests/fixtures/every_kind.sql", "other", None),
        ("/srv/rollbacks/app/db/120_add_x.sql", "migration", 120),
    ],
)
def test_classify_path(path: str, role: str, version: int | None) -> None:
    assert classify_path(path) == (role, version)
    f = parse_text("SELECT 1", path)
    assert (f.role, f.version) == (role, version)


def test_pair_rollbacks() -> None:
    files = [
        parse_text("SELECT 1", "sql/rollbacks/118_x.rollback.sql"),
        parse_text("SELECT 1", "sql/migrations/118_x.sql"),
        parse_text("SELECT 1", "sql/migrations/119_y.sql"),
        parse_text("SELECT 1", "sql/rollbacks/120_orphan.rollback.sql"),
        parse_text("SELECT 1", "sql/checks/smoke.sql"),
    ]
    pairs = pair_rollbacks(files)
    assert {k: v.path for k, v in pairs.items()} == {
        "sql/rollbacks/118_x.rollback.sql": "sql/migrations/118_x.sql"
    }


def test_pair_rollbacks_of_the_real_tree(sql_dir: Path) -> None:
    pairs = pair_rollbacks(discover([sql_dir]))
    got = sorted((Path(k).name, Path(v.path).name) for k, v in pairs.items())
    assert got == [
        ("118_oauth_encrypted_tokens.rollback.sql", "118_oauth_encrypted_tokens.sql"),
        ("119_add_message_encryption.rollback.sql", "119_add_message_encryption.sql"),
        (
            "122_create_device_keys_and_key_exchanges.rollback.sql",
            "122_create_device_keys_and_key_exchanges.sql",
        ),
    ]


def test_discover_order_and_errors(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "rollbacks").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "migrations" / "10_b.sql").write_text("SELECT 1;")
    (tmp_path / "migrations" / "9_a.sql").write_text("SELECT 1;")
    (tmp_path / "rollbacks" / "9_a.rollback.sql").write_text("SELECT 1;")
    (tmp_path / ".hidden" / "1_x.sql").write_text("SELECT 1;")
    (tmp_path / "notes.txt").write_text("not sql")
    files = discover([tmp_path, tmp_path / "migrations" / "9_a.sql"])
    assert [Path(f.path).name for f in files] == ["9_a.sql", "10_b.sql", "9_a.rollback.sql"]
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing"])
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "missing.sql")
    with pytest.raises(InputError, match="is a directory"):
        parse_file(tmp_path)


# ---------------------------------------------------------------- bad input


def test_invalid_utf8_is_a_problem_and_sc036() -> None:
    data = b"SELECT 1;\nSELECT 'caf\xe9';\nSELECT \xff\xfe 3;"
    f = parse_bytes(data, MIGRATION)
    assert [s.line for s in f.statements] == [1, 2, 3]
    (p,) = f.problems
    assert (p.kind, p.line, p.column) == ("encoding", 2, 12)
    assert "byte 21" in p.message
    report = lint_files([f])
    sc036 = [x for x in report.findings if x.code == "SC036"]
    assert [(x.location.line, x.location.column) for x in sc036 if x.location] == [(2, 12)]


def test_nul_byte_is_an_encoding_problem() -> None:
    f = parse_bytes(b"SELECT 1;\nSELECT 2;\x00", MIGRATION)
    assert [(p.kind, p.line, p.column) for p in f.problems] == [("encoding", 2, 10)]
    assert any(x.code == "SC036" for x in lint_files([f]).findings)


def test_valid_utf8_has_no_encoding_problem() -> None:
    f = parse_bytes("SELECT 'café 😀';".encode(), MIGRATION)
    assert f.problems == ()
    assert f.statements[0].text == "SELECT 'café 😀'"


@pytest.mark.parametrize(
    ("text", "kept", "what", "line", "column"),
    [
        ("SELECT 1;\nSELECT 'abc;\nSELECT 2;", ["SELECT 1"], "string literal", 2, 1),
        ("SELECT 1; DO $$ BEGIN\nEND;", ["SELECT 1"], "dollar-quoted string $$", 1, 11),
        ("SELECT 1;\nDO $f$ BEGIN END $g$;", ["SELECT 1"], "dollar-quoted string $f$", 2, 1),
        ('SELECT 1;\nSELECT "abc;', ["SELECT 1"], "quoted identifier", 2, 1),
        ("SELECT 1; /* never closed", ["SELECT 1"], "block comment", 1, 11),
        ("'", [], "string literal", 1, 1),
    ],
)
def test_unterminated(text: str, kept: list[str], what: str, line: int, column: int) -> None:
    f = parse_text(text, MIGRATION)
    assert [s.text for s in f.statements] == kept
    (p,) = f.problems
    assert p.kind == "untokenizable"
    assert f"unterminated {what}" in p.message
    assert (p.line, p.column) == (line, column)
    report = lint_files([f])
    sc000 = [x for x in report.findings if x.code == "SC000"]
    assert [(x.location.line, x.location.column) for x in sc000 if x.location] == [(line, column)]
    assert any("was not checked" in n for n in report.not_checked)


def test_meta_commands_in_the_middle() -> None:
    text = (
        "\\set ON_ERROR_STOP on\n"
        "SELECT 1;\n"
        "\\i other.sql\n"
        "SELECT '\\i inside a string';  \\echo after\n"
        "\\c otherdb\n"
        "SELECT 2 \\gset\n"
        "CREATE FUNCTION f() RETURNS void AS $$ \\set in body $$ LANGUAGE sql;\n"
        "SELECT 3;"
    )
    f = parse_text(text, MIGRATION)
    assert [(s.line, s.text) for s in f.statements] == [
        (2, "SELECT 1"),
        (4, "SELECT '\\i inside a string'"),
        (6, "SELECT 2"),
        (7, "CREATE FUNCTION f() RETURNS void AS $$ \\set in body $$ LANGUAGE sql"),
        (8, "SELECT 3"),
    ]
    metas = [(p.line, p.column, p.text) for p in f.problems if p.kind == "meta_command"]
    assert metas == [
        (1, 1, "\\set ON_ERROR_STOP on"),
        (3, 1, "\\i other.sql"),
        (4, 31, "\\echo after"),
        (5, 1, "\\c otherdb"),
        (6, 10, "\\gset"),
    ]
    assert problem_kinds(f) == ["meta_command"] * 5
    report = lint_files([f])
    sc035 = sorted(x.location.line for x in report.findings if x.code == "SC035" and x.location)
    assert sc035 == [1, 3, 4, 5, 6]
    assert not [x for x in report.findings if x.code == "SC000"]


def test_broken_statement_is_sc000_and_the_rest_is_still_checked() -> None:
    text = (
        "CREATE TABLE IF NOT EXISTS t (a int;\n"
        "CREATE INDEX IF NOT EXISTS i ON existing (a);\n"
        "  SELEC 1;\n"
        "DROP TABLE IF EXISTS old_stuff;\n"
    )
    f = parse_text(text, MIGRATION)
    assert [s.understood for s in f.statements] == [False, True, False, True]
    report = lint_files([f])
    sc000 = sorted(
        (x.location.line, x.location.column)
        for x in report.findings
        if x.code == "SC000"
        if x.location
    )
    assert sc000 == [(1, 1), (3, 3)]
    codes = {x.code for x in report.findings}
    assert "SC001" in codes  # the index on an existing table, after the broken statement
    assert "SC015" in codes  # the DROP TABLE after the second broken statement


# ---------------------------------------------------------------- the Batch 3 files


def test_every_statement_of_sql_is_understood(sql_dir: Path) -> None:
    files = discover([sql_dir])
    assert len(files) == len(list(sql_dir.rglob("*.sql")))
    for f in files:
        assert f.problems == (), f.path
        for s in f.statements:
            assert s.understood, f"{f.path}:{s.line}: {s.parse_error}"
    report = lint_paths([sql_dir])
    assert [x for x in report.findings if x.code == "SC000"] == []
    assert [n for n in report.not_checked if "failed" in n] == []


def test_migration_118_statements(sql_dir: Path) -> None:
    f = parse_file(sql_dir / "migrations" / "118_oauth_encrypted_tokens.sql")
    assert (f.role, f.version) == ("migration", 118)
    assert [(s.line, s.kind) for s in f.statements] == [
        (8, "begin"),
        (10, "create_table"),
        (31, "create_index"),
        (32, "create_index"),
        (33, "create_index"),
        (36, "create_index"),
        (40, "create_index"),
        (42, "create_function"),
        (52, "create_trigger"),
        (59, "create_function"),
        (72, "insert"),
        (74, "commit"),
    ]
    s = f.statements
    assert all(x.in_transaction for x in s[1:]) and not s[0].in_transaction
    table = s[1].facts
    assert table.name == ObjectName("oauth_connections")
    assert len(table.columns) == 14
    assert [c.type for c in table.constraints] == ["foreign_key", "unique"]
    assert table.constraints[0].on_delete == "cascade"
    assert s[5].facts.index_where == "token_expires_at IS NOT NULL"
    trig_fn = s[7].facts
    assert isinstance(s[7].tree, exp.Command)
    assert (trig_fn.name, trig_fn.returns, trig_fn.language, trig_fn.or_replace) == (
        ObjectName("update_oauth_connections_updated_at"),
        "trigger",
        "plpgsql",
        True,
    )
    trig = s[8].facts
    assert trig.function == ObjectName("update_oauth_connections_updated_at")
    assert (trig.timing, trig.events, trig.for_each_row) == ("before", ("update",), True)
    stats = s[9].facts
    assert stats.returns is not None and stats.returns.startswith("table (provider varchar")
    assert (stats.language, stats.volatility) == ("sql", "stable")


# ---------------------------------------------------------------- operators, casts, transforms


@pytest.mark.parametrize(
    ("text", "kind", "names", "arguments", "if_exists", "cascade"),
    [
        (
            "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)",
            "create_operator",
            [ObjectName("===")],
            None,
            False,
            False,
        ),
        (
            "CREATE OPERATOR @@@ (LEFTARG = text, RIGHTARG = text, FUNCTION = texteq)",
            "create_operator",
            [ObjectName("@@@")],
            None,
            False,
            False,
        ),
        (
            "CREATE OPERATOR public.~~~ (LEFTARG = text, RIGHTARG = text, FUNCTION = texteq)",
            "create_operator",
            [ObjectName("~~~", "public")],
            None,
            False,
            False,
        ),
        (
            "DROP OPERATOR IF EXISTS ~~~ (text, text) CASCADE",
            "drop_operator",
            [ObjectName("~~~")],
            "text, text",
            True,
            True,
        ),
        (
            "DROP OPERATOR === (int, int), Public.*-* (NONE, text), @-@ (int, int) RESTRICT",
            "drop_operator",
            [ObjectName("==="), ObjectName("*-*", "public"), ObjectName("@-@")],
            "int, int",
            False,
            False,
        ),
        (
            "DROP OPERATOR CLASS IF EXISTS my_ops USING btree CASCADE",
            "drop_operator_class",
            [ObjectName("my_ops")],
            None,
            True,
            True,
        ),
        (
            "DROP OPERATOR FAMILY IF EXISTS my_fam USING btree CASCADE",
            "drop_operator_family",
            [ObjectName("my_fam")],
            None,
            True,
            True,
        ),
        (
            "DROP TRANSFORM IF EXISTS FOR int LANGUAGE sql CASCADE",
            "drop_transform",
            [],
            "int",
            True,
            True,
        ),
        (
            "DROP CAST IF EXISTS (text AS mood) CASCADE",
            "drop_cast",
            [],
            "text AS mood",
            True,
            True,
        ),
        ("CREATE CAST (text AS mood) WITH INOUT", "create_cast", [], "text AS mood", False, False),
    ],
)
def test_operator_cast_and_transform_statements_are_understood(
    text: str,
    kind: str,
    names: list[ObjectName],
    arguments: str | None,
    if_exists: bool,
    cascade: bool,
) -> None:
    s = one(text)
    assert (s.kind, s.understood) == (kind, True)
    f = s.facts
    assert list(f.names) == names
    assert f.name == (names[0] if names else None)
    assert (f.arguments, f.if_exists, f.cascade) == (arguments, if_exists, cascade)


@pytest.mark.parametrize(
    "text",
    [
        "DROP OPERATOR IF EXISTS ~~~",  # no argument types
        "DROP OPERATOR ~~~ (text, text), !==",
        "DROP OPERATOR CLASS IF EXISTS my_ops",  # no index method
        "DROP OPERATOR FAMILY my_fam USING",
        "DROP TRANSFORM IF EXISTS FOR int",  # no language
        "DROP CAST IF EXISTS CASCADE",  # no cast
        "CREATE OPERATOR ===",  # no definition
    ],
)
def test_incomplete_operator_statements_are_not_understood(text: str) -> None:
    assert not one(text).understood


def test_drop_transform_reads_its_language_and_type() -> None:
    f = one("DROP TRANSFORM FOR Double Precision LANGUAGE PLPython3u").facts
    assert (f.arguments, f.language, f.if_exists, f.cascade) == (
        "double precision",
        "plpython3u",
        False,
        False,
    )


def test_sc003_names_the_dropped_operator_cast_and_transform() -> None:
    sql = (
        "DROP OPERATOR IF EXISTS public.~~~ (text, text) CASCADE;\n"
        "DROP CAST IF EXISTS (text AS mood) CASCADE;\n"
        "DROP TRANSFORM IF EXISTS FOR int LANGUAGE sql CASCADE;\n"
    )
    report = lint_files([parse_text(sql, MIGRATION)])
    assert [x.code for x in report.findings if x.code in ("SC000", "SC003")] == ["SC003"] * 3
    messages = [x.message for x in report.findings if x.code == "SC003"]
    assert [m.split(" CASCADE ")[0] for m in messages] == [
        "DROP OPERATOR public.~~~",
        "DROP CAST (text AS mood)",
        "DROP TRANSFORM FOR int LANGUAGE sql",
    ]


def test_sc032_says_without_time_zone_once() -> None:
    sql = (
        "CREATE TABLE IF NOT EXISTS t (a timestamp without time zone, b timestamp(3), "
        'c "timestamp", d timestamptz);\n'
        "ALTER TABLE t ALTER COLUMN d TYPE TIMESTAMP WITHOUT TIME ZONE;\n"
    )
    report = lint_files([parse_text(sql, MIGRATION)])
    assert [x.message for x in report.findings if x.code == "SC032"] == [
        "column a is `timestamp without time zone`",
        "column b is `timestamp(3)` (without time zone)",
        'column c is `"timestamp"` (without time zone)',
        "column d is changed to `timestamp without time zone`",
    ]


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        (
            "CREATE FUNCTION f(\n  a boolean DEFAULT false, -- first\n  b int -- second\n) "
            "RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "a boolean DEFAULT false, b int",
        ),
        ("DROP FUNCTION h(int /* x */, /* y */ int)", "int , int"),
        (
            "CREATE FUNCTION k(a text DEFAULT '-- kept /* too */') RETURNS int LANGUAGE sql "
            "AS 'SELECT 1'",
            "a text DEFAULT '-- kept /* too */'",
        ),
        ("DROP FUNCTION n(int /* a /* nested */ b */)", "int"),
    ],
)
def test_a_parameter_list_is_read_without_its_comments(text: str, arguments: str) -> None:
    (s,) = parse_text(text + ";\n").statements
    assert s.facts.arguments == arguments
