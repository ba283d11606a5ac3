"""SC029's cases for views and function overloads, run on PostgreSQL: each rollback's
statements are the ones PostgreSQL refuses after its forward migration, and SC029 says why.

Each case project under `tests/rules/cases/SC029/` named here is applied to a new database
per rollback (prerequisites, then the migrations up to the rollback's version), then the
rollback runs statement by statement in autocommit: the lines PostgreSQL refuses with
"other objects depend on it" must be the lines the case expects SC029 on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from case_projects import forward_files, refused_details, rule_messages, rulecases, version

from schemacheck.embedded import DatabaseServer, apply_sql_files

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
        assert sorted(refused_details(dsn, rollback)) == expected
    finally:
        pg_any.drop_database(name)


def _sc029(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC029", forward, rollback)


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
