"""SC029's cases for functions using a table's row type, row-level security policies calling
a function (or casting to a type), and parameter defaults calling a function, run on
PostgreSQL: each rollback's statements are the ones PostgreSQL refuses after its forward
migration, and the objects SC029 names on each are the ones PostgreSQL names in its error's
detail.

The case project `tests/rules/cases/SC029/rowtypes_policies/` is applied to a new database
per rollback (prerequisites, then the migrations up to the rollback's version), then the
rollback runs statement by statement in autocommit, on every PostgreSQL major the machine
has.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import (
    assert_refusals_are_reported,
    reported,
    rule_messages,
    rulecases,
)

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_files

_cases = rulecases()
CASES: Path = _cases.CASES
PROJECT = CASES / "SC029" / "rowtypes_policies"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))

Dependent = tuple[str, ...]  # ("function", name) or ("policy", table, name)

# PostgreSQL's detail lines, and SC029's words, for the same dependent object
_PG_POLICY = re.compile(r"^policy (\S+) on table (\S+) depends on (?:function|type) \S+$")
_PG_FUNCTION = re.compile(r"^function (\w+)\(.*\) depends on (?:type|function) \S+$")
_SC029_POLICY = re.compile(r" fails: policy (\w+) on public\.(\w+) \(")
_SC029_FUNCTION = re.compile(
    r" fails: (?:a parameter default of )?function public\.(\w+)(?:\(.*\))? \("
)


def _pg_dependents(detail: str) -> list[Dependent]:
    out: list[Dependent] = []
    for line in detail.splitlines():
        if (m := _PG_POLICY.match(line)) is not None:
            out.append(("policy", m.group(2), m.group(1)))
        elif (m := _PG_FUNCTION.match(line)) is not None:
            out.append(("function", m.group(1)))
        else:
            raise AssertionError(f"a dependent the case does not expect: {line}")
    return sorted(out)


def _sc029_dependents(messages: list[str]) -> list[Dependent]:
    out: list[Dependent] = []
    for message in messages:
        if (m := _SC029_POLICY.search(message)) is not None:
            out.append(("policy", m.group(2), m.group(1)))
        elif (m := _SC029_FUNCTION.search(message)) is not None:
            out.append(("function", m.group(1)))
        else:
            raise AssertionError(f"a message of another kind: {message}")
    return sorted(out)


def _reported() -> dict[str, dict[int, list[str]]]:
    return reported("SC029", PROJECT)


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    assert_refusals_are_reported(pg_any, rollback, "SC029", _pg_dependents, _sc029_dependents)


def test_the_project_has_each_kind_refused_and_accepted() -> None:
    """Row types, policies and parameter defaults each have a refused line and a rollback
    SC029 must stay silent on."""
    words = " ".join(
        m for lines in _reported().values() for messages in lines.values() for m in messages
    )
    for said in ("still uses its row type", "policy ", "a parameter default of function"):
        assert said in words
    silent = [p for p in ROLLBACKS if (c := _cases.read_case(p, PROJECT)) and "SC029" in c.absent]
    assert len(silent) == 3


def _sc029(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC029", forward, rollback)


def test_an_undecided_overload_is_not_followed() -> None:
    """`tag('a')` may call `tag(integer)` or `tag(text)` as far as the files show: dropping
    either is not reported, in a policy as in a parameter default; `tag(1)` is decided."""
    forward = (
        "CREATE FUNCTION tag(v int) RETURNS text LANGUAGE sql AS 'SELECT ''i''';\n"
        "CREATE FUNCTION tag(v text) RETURNS text LANGUAGE sql AS 'SELECT v';\n"
        "CREATE TABLE t (id int, owner text);\n"
        "CREATE POLICY p ON t USING (owner = tag('a'));\n"
        "CREATE FUNCTION label(x text DEFAULT tag('a')) RETURNS text LANGUAGE sql AS 'SELECT x';\n"
        "CREATE FUNCTION mark(x text DEFAULT tag(1)) RETURNS text LANGUAGE sql AS 'SELECT x';\n"
    )
    assert _sc029(forward, "DROP FUNCTION tag(text);\nDROP FUNCTION tag(int);\n") == [
        "DROP FUNCTION public.tag(integer) fails: a parameter default of function public.mark "
        "(never dropped) still calls it"
    ]


def test_a_function_dropped_in_the_migration_leaves_nothing() -> None:
    """A parameter default and a policy the forward migration itself removed are not there
    when the rollback drops the function they called."""
    files = [
        parse_bytes(
            b"CREATE FUNCTION d() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
            b"CREATE FUNCTION g(a int DEFAULT d()) RETURNS int LANGUAGE sql AS 'SELECT a';\n"
            b"CREATE TABLE t (id int);\n"
            b"CREATE POLICY p ON t USING (id = d());\n",
            "sql/migrations/0001_x.sql",
        ),
        parse_bytes(b"DROP FUNCTION g(int);\nDROP POLICY p ON t;\n", "sql/migrations/0002_y.sql"),
        parse_bytes(b"DROP FUNCTION d();\n", "sql/rollbacks/0002_y.rollback.sql"),
    ]
    assert [f.message for f in lint_files(files).findings if f.code == "SC029"] == []


def test_a_function_using_a_type_is_named_once(fresh_db: str) -> None:
    """A routine whose argument is of the dropped type is named for its signature, not again
    for its parameter default casting to the type; one whose default alone casts to it is
    named for the default: as PostgreSQL names each function once in its detail."""
    forward = (
        "CREATE TYPE mood AS ENUM ('a');\n"
        "CREATE FUNCTION f(m mood DEFAULT 'a'::mood) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
        "CREATE FUNCTION h(x text DEFAULT 'a'::mood::text) RETURNS int LANGUAGE sql "
        "AS 'SELECT 1';\n"
    )
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute(forward.encode())
        with pytest.raises(psycopg.errors.DependentObjectsStillExist) as refused:
            conn.execute(b"DROP TYPE mood")
    pg = _pg_dependents(refused.value.diag.message_detail or "")
    messages = _sc029(forward, "DROP TYPE mood;\n")
    assert pg == [("function", "f"), ("function", "h")]
    assert _sc029_dependents(messages) == pg
    assert messages[1] == (
        "DROP TYPE public.mood fails: a parameter default of function public.h "
        "(never dropped) still uses it"
    )


# -- what a policy reads: the columns of its table, the tables and views its subqueries read;
# and a policy renamed by ALTER POLICY ... RENAME TO

READS = CASES / "SC029" / "policy_reads"
READS_ROLLBACKS = sorted((READS / "rollbacks").glob("*.sql"))

_PG_POLICY_READS = re.compile(
    r"^policy (\S+) on table (\S+) depends on "
    r"(?:column \S+ of table \S+|table \S+|view \S+|function \S+)$"
)
_SC029_POLICY_READS = re.compile(r" fails: policy (\w+) on public\.(\w+) \(")


def _pg_policies(detail: str) -> list[Dependent]:
    """The policies PostgreSQL's detail names (once each: a statement dropping two columns
    one policy reads is refused for the first)."""
    out: set[Dependent] = set()
    for line in detail.splitlines():
        m = _PG_POLICY_READS.match(line)
        if m is None:
            raise AssertionError(f"a dependent the case does not expect: {line}")
        out.add(("policy", m.group(2), m.group(1)))
    return sorted(out)


def _sc029_policies(messages: list[str]) -> list[Dependent]:
    out: set[Dependent] = set()
    for message in messages:
        m = _SC029_POLICY_READS.search(message)
        if m is None:
            raise AssertionError(f"a message of another kind: {message}")
        out.add(("policy", m.group(2), m.group(1)))
    return sorted(out)


@pytest.mark.parametrize("rollback", READS_ROLLBACKS, ids=lambda p: p.name)
def test_policy_reads_case_is_what_postgresql_refuses(
    pg_any: DatabaseServer, rollback: Path
) -> None:
    assert_refusals_are_reported(pg_any, rollback, "SC029", _pg_policies, _sc029_policies)


def test_a_dropped_column_names_each_column_a_policy_reads() -> None:
    """Each column of the statement a policy reads is said, with the policy and the line
    that drops it."""
    messages = reported("SC029", READS)["601_policy_columns.rollback.sql"]
    assert sorted(messages[8]) == [
        "ALTER TABLE public.cards DROP COLUMN holder fails: policy cards_holder on public.cards "
        "(dropped later, line 14) still reads it",
        "ALTER TABLE public.cards DROP COLUMN pin fails: policy cards_holder on public.cards "
        "(dropped later, line 14) still reads it",
    ]
    assert messages[6] == [
        "ALTER TABLE public.accounts DROP COLUMN region fails: policy accounts_region on "
        "public.accounts (dropped later, line 10) still reads it"
    ]


def test_a_column_read_only_in_a_subquery_or_by_another_policy_is_not_said() -> None:
    """A column of the same name read inside a policy's subquery may be another table's; a
    policy of another table does not hold this table's column; CURRENT_USER is no column."""
    forward = (
        "CREATE TABLE o (id int, k int);\n"
        "CREATE TABLE t (id int, k int, who text);\n"
        "CREATE POLICY p ON t USING (EXISTS (SELECT 1 FROM o WHERE o.k = 1 AND k > 0));\n"
        "CREATE POLICY q ON o USING (who_am_i() = CURRENT_USER);\n"
    )
    assert _sc029(forward, "ALTER TABLE t DROP COLUMN k, DROP COLUMN who;\n") == []
    assert _sc029(forward, "ALTER TABLE t DROP COLUMN id;\n") == []


def test_a_policy_subquery_reads_the_table_of_its_schema() -> None:
    """`archive.m` in a policy's subquery is not `public.m`: dropping `m` is not refused for
    it, dropping `archive.m` is."""
    forward = (
        "CREATE SCHEMA archive;\n"
        "CREATE TABLE archive.m (id int);\n"
        "CREATE TABLE m (id int);\n"
        "CREATE TABLE t (id int);\n"
        "CREATE POLICY p ON t USING (id IN (SELECT id FROM archive.m));\n"
    )
    assert _sc029(forward, "DROP TABLE m;\n") == []
    assert _sc029(forward, "DROP TABLE archive.m;\n") == [
        "DROP TABLE archive.m fails: policy p on public.t (never dropped) still reads it"
    ]


def _renamed_earlier(rollback: bytes) -> list[str]:
    files = [
        parse_bytes(
            b"CREATE FUNCTION f() RETURNS boolean LANGUAGE sql AS 'SELECT true';\n"
            b"CREATE TABLE t (id int);\n"
            b"CREATE POLICY p ON t USING (f());\n",
            "sql/migrations/0001_x.sql",
        ),
        parse_bytes(b"ALTER POLICY p ON t RENAME TO q;\n", "sql/migrations/0002_y.sql"),
        parse_bytes(rollback, "sql/rollbacks/0002_y.rollback.sql"),
    ]
    return [f.message for f in lint_files(files).findings if f.code == "SC029"]


def test_a_policy_renamed_by_a_later_migration_is_known_by_its_new_name() -> None:
    """A policy an earlier file made and the forward migration renamed still calls the
    function, under its new name, until DROP POLICY names it so."""
    assert _renamed_earlier(b"DROP FUNCTION f();\n") == [
        "DROP FUNCTION public.f fails: policy q on public.t (never dropped) still calls it"
    ]
    assert _renamed_earlier(b"DROP POLICY p ON t;\nDROP FUNCTION f();\n") == [
        "DROP FUNCTION public.f fails: policy q on public.t (never dropped) still calls it"
    ]
    assert _renamed_earlier(b"DROP POLICY q ON t;\nDROP FUNCTION f();\n") == []
