"""SC029's cases for columns whose type is a table's, a view's or a materialized view's row
type (`CREATE TABLE shapes (origin points)`), run on PostgreSQL: each rollback's statements
are the ones PostgreSQL refuses after its forward migration, and the columns SC029 names on
each are the ones PostgreSQL names in its error's detail.

The case project `tests/rules/cases/SC029/column_rowtypes/` is applied to a new database per
rollback (prerequisites, then the migrations up to the rollback's version), then the rollback
runs statement by statement in autocommit, on every PostgreSQL major the machine has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from case_projects import assert_refusals_are_reported, reported, rule_messages, rulecases

from schemacheck.embedded import DatabaseServer

CASES: Path = rulecases().CASES
PROJECT = CASES / "SC029" / "column_rowtypes"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))

Dependent = tuple[str, str]  # (table, column)

_PG_COLUMN = re.compile(r"^column (\S+) of table (\S+) depends on type \S+$")
_SC029_COLUMN = re.compile(r" fails: column (\w+) of public\.(\w+) \(.*\) still uses its row type$")


def _pg_columns(detail: str) -> list[Dependent]:
    out: list[Dependent] = []
    for line in detail.splitlines():
        m = _PG_COLUMN.match(line)
        if m is None:
            raise AssertionError(f"a dependent the case does not expect: {line}")
        out.append((m.group(2), m.group(1)))
    return sorted(out)


def _sc029_columns(messages: list[str]) -> list[Dependent]:
    out: list[Dependent] = []
    for message in messages:
        m = _SC029_COLUMN.search(message)
        if m is None:
            raise AssertionError(f"a message of another kind: {message}")
        out.append((m.group(2), m.group(1)))
    return sorted(out)


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    assert_refusals_are_reported(pg_any, rollback, "SC029", _pg_columns, _sc029_columns)


def test_the_column_and_when_it_goes_are_said() -> None:
    messages = reported("SC029", PROJECT)["701_column_rowtypes.rollback.sql"]
    assert messages[5] == [
        "DROP TABLE public.points fails: column origin of public.shapes (changed later, line 15) "
        "still uses its row type",
        "DROP TABLE public.points fails: column path of public.shapes (dropped later, line 16) "
        "still uses its row type",
    ]


def test_a_qualified_row_type_is_its_schemas() -> None:
    """`app.acct` is not `public.acct`; a column of a type written with its schema holds that
    schema's table only."""
    forward = (
        "CREATE SCHEMA app;\n"
        "CREATE TABLE app.acct (id int);\n"
        "CREATE TABLE acct (id int);\n"
        "CREATE TABLE b (x app.acct);\n"
    )
    assert rule_messages("SC029", forward, "DROP TABLE acct;\n") == []
    assert rule_messages("SC029", forward, "DROP TABLE app.acct;\n") == [
        "DROP TABLE app.acct fails: column x of public.b (never dropped) still uses its row type"
    ]
