"""SC029's cases for sequences a rollback drops, run on PostgreSQL: a column default using a
sequence (`nextval('s')`, `::regclass`, qualified, quoted, upper case, `currval`, `setval`, a
serial column's) holds it, owned by the column or not (2BP01); `nextval('s'::text)`, a
PL/pgSQL body, a default dropped before and a DROP SEQUENCE ... CASCADE do not. With them,
the constants of a default that a type change cannot cast (42804): `0` is an integer, `true`
a boolean, whatever the column.

The case project `tests/rules/cases/SC029/sequences/` is applied to a new database per
rollback (the migrations up to the rollback's version), then the rollback runs statement by
statement in autocommit, on every PostgreSQL major the machine has: the lines PostgreSQL
refuses are the lines the case expects SC029 on, which are the lines SC029 reports, and on
each SC029 names the column PostgreSQL names. Any other error fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import refused_and_reported, reported, rulecases

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_files
from schemacheck.rules import get_rule

_cases = rulecases()
PROJECT: Path = _cases.CASES / "SC029" / "sequences"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))

_PG_SEQUENCE = re.compile(r"^default value for column (\w+) of table (\w+) depends on sequence ")
_PG_DEFAULT = re.compile(r'^default for column "(\w+)" cannot be cast automatically')


def _refusals(dsn: str, path: Path) -> dict[int, str]:
    """Line -> the column PostgreSQL names (`orders.id` whose default holds the sequence,
    `n` whose default it cannot cast), for each statement of `path` it refuses so."""
    refused: dict[int, str] = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in parse_bytes(path.read_bytes(), path.name).statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                detail = exc.diag.message_detail or ""
                message = exc.diag.message_primary or ""
                if exc.sqlstate == "2BP01" and (m := _PG_SEQUENCE.match(detail)) is not None:
                    refused[s.line] = f"{m.group(2)}.{m.group(1)}"
                elif exc.sqlstate == "42804" and (m := _PG_DEFAULT.match(message)) is not None:
                    refused[s.line] = m.group(1)
                else:
                    said = f"line {s.line}: {exc.sqlstate} {message} / {detail}"
                    raise AssertionError(said) from exc
    return refused


def _sc029_names(message: str) -> str:
    if (m := re.search(r" fails: default of column public\.(\w+\.\w+) ", message)) is not None:
        return m.group(1)
    if (m := re.search(r" fails: the default of column (\w+) ", message)) is not None:
        return m.group(1)
    raise AssertionError(f"a message of another kind: {message}")


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    refused, messages = refused_and_reported(pg_any, rollback, "SC029", _refusals)
    for line, column in refused.items():
        assert [_sc029_names(m) for m in messages[line]] == [column], f"line {line}"


def test_the_project_has_each_case_both_ways() -> None:
    """Rollbacks SC029 reports (a default's `nextval`, a serial, a default set by ALTER TABLE,
    constants not cast) and rollbacks it must not (the table first, the default dropped
    first, `::text`)."""
    said = reported("SC029", PROJECT)
    assert sorted(said) == [
        "801_orders.rollback.sql",
        "803_serials.rollback.sql",
        "805_counters.rollback.sql",
        "806_prefs.rollback.sql",
    ]
    silent = [p.name for p in ROLLBACKS if "SC029" in _cases.read_case(p, PROJECT).absent]
    assert silent == ["802_invoices.rollback.sql", "804_owned.rollback.sql"]


# the ways a default names a sequence (`{s}`: its name as the DROP SEQUENCE writes it, `{v}`
# as the default's string writes it)
FORMS = (
    ("s0", "nextval('{v}')", "s0"),
    ("s1", "nextval('{v}'::regclass)", "s1"),
    ("s2", "nextval('public.{v}')", "s2"),
    ("s3", "nextval('{v}')", "S3"),
    ('"S4"', "nextval('{v}')", '"S4"'),
    ('"S5"', "nextval('public.{v}'::regclass)", '"S5"'),
    ("s6", "nextval('{v}'::text)", "s6"),
    ("s7", "nextval(('{v}'::text)::regclass)", "s7"),
    ("s8", "currval('{v}')", "s8"),
    ("s9", "setval('{v}', 5)", "s9"),
    ("s10", "'x' || nextval('{v}')::text", "s10"),
    ("s11", "pg_catalog.nextval('{v}')", "s11"),
    ("s12", "nextval(  '{v}'  )", "s12"),
)


def test_each_way_of_naming_a_sequence_holds_it_as_postgresql_says(
    pg_any: DatabaseServer,
) -> None:
    """A rollback dropping each sequence while a default names it, one form per line: the
    lines PostgreSQL refuses are those SC029 reports, and both kinds are there."""
    forward = [f"CREATE SEQUENCE {s};" for s, _, _ in FORMS]
    forward += [
        f"CREATE TABLE t{i} (id text DEFAULT {form.format(v=v)});"
        for i, (_, form, v) in enumerate(FORMS)
    ]
    rollback = [f"DROP SEQUENCE {s};" for s, _, _ in FORMS]
    dsn = pg_any.create_database("sc029_sequence_forms")
    refused: set[int] = set()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            for statement in forward:
                conn.execute(statement.encode())
            for line, statement in enumerate(rollback, start=1):
                try:
                    conn.execute(statement.encode())
                except psycopg.errors.DependentObjectsStillExist:
                    refused.add(line)
    finally:
        pg_any.drop_database("sc029_sequence_forms")
    files = [
        parse_bytes("\n".join(forward).encode(), "sql/migrations/0001_x.sql"),
        parse_bytes("\n".join(rollback).encode(), "sql/rollbacks/0001_x.rollback.sql"),
    ]
    findings = lint_files(files, rules=[get_rule("SC029")]).findings
    said = {f.location.line for f in findings if f.location is not None}
    assert said == refused
    assert 0 < len(refused) < len(FORMS)
