"""SC039's cases run on PostgreSQL 15: the statements PostgreSQL refuses because what they drop
does not exist (or, for a function named without arguments, is not unique) are exactly the
lines SC039 is expected on.

Each rollback of `tests/rules/cases/SC039/rollbacks_project/` runs on a new database after its
forward files (prerequisites, then the migrations up to its version); the migrations of
`tests/rules/cases/SC039/forward/` run one after the other on one database. Every file runs
statement by statement in autocommit, so a refused statement changes nothing, as SC039 takes
it. A refusal because something still depends on what is dropped (SC029's) is allowed and
not counted; any other error fails the test (the case would be testing nothing).
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, rule_messages, rulecases, version

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.lint import lint_files

_cases = rulecases()
CASES: Path = _cases.CASES / "SC039"
files_of = _cases.files_of
read_case = _cases.read_case

# what PostgreSQL says when the object a DROP names is not there, or not one
GONE = (
    psycopg.errors.UndefinedTable,  # table, view, sequence, relation "t" does not exist
    psycopg.errors.UndefinedObject,  # index, constraint, trigger, type does not exist
    psycopg.errors.UndefinedColumn,
    psycopg.errors.UndefinedFunction,  # function f(integer) does not exist / named "f"
    psycopg.errors.AmbiguousFunction,  # function name "f" is not unique
    psycopg.errors.InvalidSchemaName,  # schema "archive" does not exist
)


def _refused_lines(dsn: str, path: Path) -> list[int]:
    refused: list[int] = []
    statements = parse_bytes(path.read_bytes(), path.name).statements
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in statements:
            try:
                conn.execute(s.text.encode())
            except GONE:
                refused.append(s.line)
            except psycopg.errors.DependentObjectsStillExist:
                pass
    return refused


def _expected(path: Path, root: Path) -> list[int]:
    case = read_case(path, root)
    assert case is not None and "SC039" in case.codes, f"{path}: no SC039 expectation"
    return sorted({line for code, line in case.raised if code == "SC039"})


def _rollbacks() -> list[Path]:
    return [p for p in files_of(CASES / "rollbacks_project") if p.parent.name == "rollbacks"]


@pytest.mark.parametrize("pg_any", [15], indirect=True)
@pytest.mark.parametrize("rollback", _rollbacks(), ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    expected = _expected(rollback, rollback.parent.parent)
    name = f"sc039_rollback_{version(rollback)}"
    dsn = pg_any.create_database(name)
    try:
        apply_sql_files(dsn, forward_files(rollback))
        assert _refused_lines(dsn, rollback) == expected
    finally:
        pg_any.drop_database(name)


@pytest.mark.parametrize("pg_any", [15], indirect=True)
def test_forward_migrations_are_what_postgresql_refuses(pg_any: DatabaseServer) -> None:
    root = CASES / "forward"
    migrations = sorted((root / "migrations").glob("*.sql"), key=version)
    assert len(migrations) >= 3
    dsn = pg_any.create_database("sc039_forward")
    try:
        refused = {p.name: _refused_lines(dsn, p) for p in migrations}
    finally:
        pg_any.drop_database("sc039_forward")
    expected = {
        p.name: _expected(p, root) if read_case(p, root) is not None else [] for p in migrations
    }
    assert refused == expected
    assert any(refused.values())


def _sc039(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC039", forward, rollback)


def test_messages_say_how_and_where_it_went() -> None:
    messages = _sc039(
        "CREATE TABLE subscriptions (id bigint, user_id bigint);\n"
        "CREATE INDEX subscriptions_user_id_index ON subscriptions (user_id);\n"
        "CREATE FUNCTION add_to_bag(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';\n"
        "CREATE FUNCTION add_to_bag(v text) RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE FUNCTION f(a integer, b text) RETURNS integer LANGUAGE sql AS 'SELECT a';\n",
        "DROP TABLE subscriptions;\n"
        "DROP INDEX subscriptions_user_id_index;\n"
        "DROP FUNCTION add_to_bag;\n"
        "DROP FUNCTION f(int4, varchar);\n",
    )
    assert messages == [
        "DROP INDEX public.subscriptions_user_id_index fails: it was dropped with table "
        "public.subscriptions at line 1",
        "DROP FUNCTION public.add_to_bag fails: the name is not unique (add_to_bag(integer), "
        "add_to_bag(text))",
        "DROP FUNCTION public.f(integer, character varying) fails: the files made no such "
        "overload (f(integer, text))",
    ]


def test_an_earlier_file_is_named_with_its_path() -> None:
    files = [
        parse_bytes(b"CREATE TABLE a (id int);\nCREATE INDEX a_idx ON a (id);\n", "m/001_a.sql"),
        parse_bytes(b"ALTER TABLE a RENAME TO b;\n", "m/002_b.sql"),
        parse_bytes(b"DROP TABLE a;\n", "m/003_c.sql"),
    ]
    messages = [f.message for f in lint_files(files).findings if f.code == "SC039"]
    assert messages == [
        "DROP TABLE public.a fails: it was renamed to public.b at line 1 of m/002_b.sql"
    ]


def test_names_are_written_as_postgresql_quotes_them() -> None:
    messages = _sc039(
        'CREATE TABLE "a.b" (id integer, "Owner" integer);\n'
        'CREATE INDEX "I.x" ON "a.b" (id);\n'
        'CREATE POLICY "p.1" ON "a.b" USING (true);\n'
        'CREATE POLICY p2 ON "a.b" USING ("Owner" > 0);\n'
        'ALTER POLICY p2 ON "a.b" RENAME TO "P2";\n',
        'DROP POLICY p2 ON "a.b";\n'
        'ALTER TABLE "a.b" DROP COLUMN "Owner" CASCADE;\n'
        'DROP POLICY "P2" ON "a.b";\n'
        'DROP TABLE "a.b";\n'
        'DROP INDEX "I.x";\n'
        'DROP POLICY "p.1" ON "a.b";\n'
        'DROP TABLE "a.b";\n',
    )
    assert messages == [
        'DROP POLICY p2 ON public."a.b" fails: it was renamed to "P2" at line 5 '
        "of sql/migrations/0001_x.sql",
        'DROP POLICY "P2" ON public."a.b" fails: it was dropped with column '
        'public."a.b"."Owner" at line 2',
        'DROP INDEX public."I.x" fails: it was dropped with table public."a.b" at line 4',
        'DROP POLICY "p.1" ON public."a.b" fails: table public."a.b" was dropped at line 4',
        'DROP TABLE public."a.b" fails: it was dropped at line 4',
    ]
