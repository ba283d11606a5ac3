"""SC029's cases for views and function overloads, run on PostgreSQL: each rollback's
statements are the ones PostgreSQL refuses after its forward migration, and SC029 says why.

Each case project under `tests/rules/cases/SC029/` named here is applied to a new database
per rollback (prerequisites, then the migrations up to the rollback's version), then the
rollback runs statement by statement in autocommit: the lines PostgreSQL refuses with
"other objects depend on it" must be the lines the case expects SC029 on.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, rulecases, version

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.lint import lint_files

_cases = rulecases()
CASES: Path = _cases.CASES
files_of = _cases.files_of
read_case = _cases.read_case
PROJECTS = ("view_dependencies", "view_functions", "overloads")


def _rollbacks() -> list[Path]:
    return [
        p
        for name in PROJECTS
        for p in files_of(CASES / "SC029" / name)
        if p.parent.name == "rollbacks"
    ]


def _refused_lines(dsn: str, rollback: Path) -> list[int]:
    """The lines of the rollback's statements PostgreSQL refuses because something depends
    on what they drop (any other error fails the test: the case would be testing nothing)."""
    refused: list[int] = []
    statements = parse_bytes(rollback.read_bytes(), rollback.name).statements
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.errors.DependentObjectsStillExist:
                refused.append(s.line)
    return refused


@pytest.mark.parametrize("pg_any", [15], indirect=True)
@pytest.mark.parametrize("rollback", _rollbacks(), ids=lambda p: p.relative_to(CASES).as_posix())
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    case = read_case(rollback, rollback.parent.parent)
    assert case is not None and "SC029" in case.codes
    expected = sorted({line for code, line in case.raised if code == "SC029"})
    name = f"sc029_{rollback.parent.parent.name}_{version(rollback)}"
    dsn = pg_any.create_database(name)
    try:
        apply_sql_files(dsn, forward_files(rollback))
        assert _refused_lines(dsn, rollback) == expected
    finally:
        pg_any.drop_database(name)


def _sc029(forward: str, rollback: str) -> list[str]:
    files = [
        parse_bytes(forward.encode(), "sql/migrations/0001_x.sql"),
        parse_bytes(rollback.encode(), "sql/rollbacks/0001_x.rollback.sql"),
    ]
    return [f.message for f in lint_files(files).findings if f.code == "SC029"]


def test_a_materialized_view_reading_a_view_is_named_as_one() -> None:
    (message,) = _sc029(
        "CREATE TABLE IF NOT EXISTS t (id int);\n"
        "CREATE VIEW a AS SELECT id FROM t;\n"
        "CREATE MATERIALIZED VIEW m AS SELECT id FROM a;\n",
        "DROP VIEW a;\nDROP MATERIALIZED VIEW m;\n",
    )
    assert message == (
        "DROP VIEW public.a fails: materialized view public.m (dropped later, line 2) "
        "still reads it"
    )


def test_a_function_a_view_calls_names_the_view() -> None:
    (message,) = _sc029(
        "CREATE FUNCTION f(v int) RETURNS int LANGUAGE sql AS 'SELECT v';\n"
        "CREATE VIEW v AS SELECT f(1) AS x;\n",
        "DROP FUNCTION f(int);\n",
    )
    assert message == "DROP FUNCTION public.f fails: view public.v (never dropped) still calls it"


def test_overloads_are_named_with_their_argument_types() -> None:
    messages = _sc029(
        "CREATE TYPE mood AS ENUM ('a');\n"
        "CREATE FUNCTION f(v integer) RETURNS int LANGUAGE sql AS 'SELECT v';\n"
        "CREATE FUNCTION f(v mood) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE VIEW v AS SELECT f(1) AS x;\n",
        "DROP FUNCTION f(int4);\nDROP TYPE mood;\nDROP FUNCTION f(mood);\n",
    )
    assert messages == [
        "DROP FUNCTION public.f(integer) fails: view public.v (never dropped) still calls it",
        "DROP TYPE public.mood fails: function public.f(mood) (dropped later, line 3) still "
        "uses it",
    ]
