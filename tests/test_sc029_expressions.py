"""SC029's cases for what expressions kept with a table depend on (column defaults, generated
columns, CHECK constraints, index expressions and predicates), run on PostgreSQL: each
rollback's statements are the ones PostgreSQL refuses after its forward migration, and the
objects SC029 names on each are the ones PostgreSQL names in its error's detail.

The case project `tests/rules/cases/SC029/expressions/` is applied to a new database per
rollback (prerequisites, then the migrations up to the rollback's version), then the rollback
runs statement by statement in autocommit, on every PostgreSQL major the machine has.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import (
    assert_refusals_are_reported,
    forward_files,
    reported,
    rule_messages,
    rulecases,
    version,
)

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.lint import lint_files

_cases = rulecases()
CASES: Path = _cases.CASES
PROJECT = CASES / "SC029" / "expressions"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))


# PostgreSQL's detail lines, and SC029's words, for the same dependent object
_PG_DEPENDENT = (
    (re.compile(r"^default value for column (\S+) of table (\S+) depends on"), "default"),
    (re.compile(r"^column (\S+) of table (\S+) depends on"), "generated"),
    (re.compile(r"^constraint (\S+) on table (\S+) depends on"), "check"),
    (re.compile(r"^index (\S+) depends on"), "index"),
)
_SC029_DEPENDENT = (
    (re.compile(r"fails: default of column public\.(\w+)\.(\w+) \("), "default"),
    (re.compile(r"fails: generated column public\.(\w+)\.(\w+) \("), "generated"),
    (re.compile(r"fails: constraint (\w+) on public\.(\w+) \("), "check"),
    (re.compile(r"fails: index public\.(\w+) \("), "index"),
)


def _pg_dependents(detail: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for line in detail.splitlines():
        for pattern, kind in _PG_DEPENDENT:
            m = pattern.match(line)
            if m is not None:
                # (kind, table, name): PostgreSQL names the column or constraint first
                parts = m.groups()
                out.append((kind, parts[1], parts[0]) if len(parts) == 2 else (kind, parts[0]))
                break
        else:
            raise AssertionError(f"a dependent the case does not expect: {line}")
    return sorted(out)


def _sc029_dependents(messages: list[str]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for message in messages:
        for pattern, kind in _SC029_DEPENDENT:
            m = pattern.search(message)
            if m is not None:
                parts = m.groups()
                if kind == "check":
                    out.append((kind, parts[1], parts[0]))
                else:
                    out.append((kind, *parts))
                break
        else:
            raise AssertionError(f"a message of another kind: {message}")
    return sorted(out)


def _reported() -> dict[str, dict[int, list[str]]]:
    return reported("SC029", PROJECT)


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    assert_refusals_are_reported(pg_any, rollback, "SC029", _pg_dependents, _sc029_dependents)


def test_the_project_has_refused_and_accepted_rollbacks_of_each_kind() -> None:
    """The cases cover each kind of dependent, on some line SC029 reports."""
    kinds = {
        d[0]
        for lines in _reported().values()
        for messages in lines.values()
        for d in _sc029_dependents(messages)
    }
    assert kinds == {"default", "generated", "check", "index"}
    silent = [p for p in ROLLBACKS if (c := _cases.read_case(p, PROJECT)) and "SC029" in c.absent]
    assert len(silent) >= 4


def _sc029(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC029", forward, rollback)


def test_messages_name_the_dependent_and_when_it_goes() -> None:
    messages = _sc029(
        "CREATE TYPE mood AS ENUM ('a');\n"
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE FUNCTION g(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v';\n"
        "CREATE FUNCTION g(v text) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 0';\n"
        "CREATE TABLE t (id int DEFAULT f(), m text DEFAULT 'a'::mood);\n"
        "CREATE INDEX t_g ON t (g(id));\n"
        "CREATE INDEX t_h ON t (g(1));\n",
        "DROP FUNCTION f();\nDROP FUNCTION g(integer);\nDROP TYPE mood;\nDROP TABLE t;\n",
    )
    # g(id) is left out: which overload it calls is not told without the catalog
    assert messages == [
        "DROP FUNCTION public.f fails: default of column public.t.id (dropped later, line 4) "
        "still calls it",
        "DROP FUNCTION public.g(integer) fails: index public.t_h (dropped later, line 4) "
        "still calls it",
        "DROP TYPE public.mood fails: default of column public.t.m (dropped later, line 4) "
        "still uses it",
    ]


def test_a_procedure_is_called_by_no_expression() -> None:
    assert (
        _sc029(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
            "CREATE TABLE t (id int DEFAULT f());\n",
            "DROP PROCEDURE IF EXISTS f();\n",
        )
        == []
    )


# -------------------------------------------------- the functions using a type, by schema

TYPES = CASES / "SC029" / "type_schemas"
_PG_FUNCTION = re.compile(r"^function (\S+?)\(.*\) depends on type (\S+)$")
_SC029_FUNCTION = re.compile(r"^DROP TYPE (\S+) fails: function (\S+) \(")


@pytest.mark.parametrize("pg_any", [15], indirect=True)
@pytest.mark.parametrize(
    "rollback", sorted((TYPES / "rollbacks").glob("*.sql")), ids=lambda p: p.name
)
def test_the_functions_using_a_type_are_those_of_its_schema(
    pg_any: DatabaseServer, rollback: Path
) -> None:
    """Each rollback of `SC029/type_schemas` runs statement by statement after its forward
    migration: the DROP TYPE statements PostgreSQL refuses, and the (function, type) pairs
    its error names, are SC029's, whose types of the same name in other schemas (`archive.mood`
    and `public.mood`) are not one."""
    earlier = forward_files(rollback)
    name = f"sc029_type_schemas_{version(rollback)}"
    dsn = pg_any.create_database(name)
    refused: set[tuple[int, str, str]] = set()
    try:
        apply_sql_files(dsn, earlier)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for s in parse_bytes(rollback.read_bytes(), rollback.name).statements:
                try:
                    conn.execute(s.text.encode())
                except psycopg.errors.DependentObjectsStillExist as exc:
                    for line in (exc.diag.message_detail or "").splitlines():
                        m = _PG_FUNCTION.match(line)
                        assert m is not None, line
                        refused.add((s.line, m.group(2), m.group(1)))
    finally:
        pg_any.drop_database(name)
    files = [parse_bytes(p.read_bytes(), p.relative_to(CASES).as_posix()) for p in earlier]
    files.append(parse_bytes(rollback.read_bytes(), rollback.relative_to(CASES).as_posix()))
    reported: set[tuple[int, str, str]] = set()
    for f in lint_files(files).findings:
        if f.code == "SC029" and f.location is not None:
            m = _SC029_FUNCTION.match(f.message)
            assert m is not None, f.message
            reported.add((f.location.line or 0, m.group(1), m.group(2)))
    assert reported == refused
    if version == 241:
        assert refused == {(5, "archive.shade", "archive.tint")}
