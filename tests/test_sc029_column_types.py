"""SC029's cases for a rollback's ALTER TABLE ... ALTER COLUMN ... TYPE, run on PostgreSQL: the
statements PostgreSQL refuses because of what still depends on the column (a default it
cannot cast, 42804; a policy, a view, a materialized view, a generated column or a trigger
reading the column, 0A000) are
the ones SC029 reports, and SC029 names the dependent PostgreSQL names.

The case project `tests/rules/cases/SC029/column_types/` is applied to a new database per
rollback (prerequisites, then the migrations up to the rollback's version), then the rollback
runs statement by statement in autocommit, on every PostgreSQL major the machine has. A DROP
refused only because an earlier statement of the rollback was (`DROP TYPE team_role_old`
after the type change failed) is the earlier one's consequence; any other error fails the
test.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from case_projects import (
    refused_and_reported,
    reported,
    rule_messages,
    rulecases,
)

from schemacheck.ddl import parse_bytes
from schemacheck.embedded import DatabaseServer

_cases = rulecases()
CASES: Path = _cases.CASES
PROJECT = CASES / "SC029" / "column_types"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))

_REFUSED = {"42804", "0A000"}  # a default not cast; a column a policy, view, trigger... uses
_PG_DEFAULT = re.compile(r'^default for column "(\w+)" cannot be cast automatically')
_PG_POLICY = re.compile(r'^policy (\w+) on table (\w+) depends on column "(\w+)"$')
_PG_VIEW = re.compile(r'^rule _RETURN on (?:materialized )?view (\w+) depends on column "(\w+)"$')
_PG_TRIGGER = re.compile(r'^trigger (\w+) on table (\w+) depends on column "(\w+)"$')
_PG_GENERATED = re.compile(r'^Column "(\w+)" is used by generated column "(\w+)"\.$')


def _refusals(dsn: str, path: Path) -> dict[int, str]:
    """Line -> what PostgreSQL names as the dependent (`default role`, `policy docs_own`,
    `view order_totals`) for each statement of `path` it refuses because of what depends on
    the column whose type it changes."""
    refused: dict[int, str] = {}
    statements = parse_bytes(path.read_bytes(), path.name).statements
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                state = exc.sqlstate
                if state == "2BP01" and refused:
                    continue  # left behind by a statement refused before
                assert state in _REFUSED, f"line {s.line}: {state} {exc}"
                refused[s.line] = _named(exc)
    return refused


def _named(exc: psycopg.Error) -> str:
    message = exc.diag.message_primary or ""
    detail = exc.diag.message_detail or ""
    if (m := _PG_DEFAULT.match(message)) is not None:
        return f"default {m.group(1)}"
    if (m := _PG_POLICY.match(detail)) is not None:
        return f"policy {m.group(1)}"
    if (m := _PG_VIEW.match(detail)) is not None:
        return f"view {m.group(1)}"
    if (m := _PG_TRIGGER.match(detail)) is not None:
        return f"trigger {m.group(1)}"
    if (m := _PG_GENERATED.match(detail)) is not None:
        return f"generated {m.group(2)}"
    raise AssertionError(f"a refusal the cases do not expect: {message} / {detail}")


def _sc029_names(message: str) -> str:
    if (m := re.search(r" fails: the default of column (\w+) ", message)) is not None:
        return f"default {m.group(1)}"
    if (m := re.search(r" fails: policy (\w+) on ", message)) is not None:
        return f"policy {m.group(1)}"
    if (m := re.search(r" fails: (?:materialized )?view public\.(\w+) ", message)) is not None:
        return f"view {m.group(1)}"
    if (m := re.search(r" fails: trigger (\w+) on ", message)) is not None:
        return f"trigger {m.group(1)}"
    if (m := re.search(r" fails: generated column public\.\w+\.(\w+) ", message)) is not None:
        return f"generated {m.group(1)}"
    raise AssertionError(f"a message of another kind: {message}")


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    refused, messages = refused_and_reported(pg_any, rollback, "SC029", _refusals)
    for line, dependent in refused.items():
        assert dependent in {_sc029_names(m) for m in messages[line]}, f"line {line}"


def test_the_project_has_each_kind_refused_and_accepted() -> None:
    """Defaults, policies, views, generated columns and triggers each have a refused line;
    the rollbacks SC029 must stay silent on include one where only rebuilt expressions (an
    index, a CHECK constraint) read the column."""
    said = {
        _sc029_names(m)
        for lines in reported("SC029", PROJECT).values()
        for messages in lines.values()
        for m in messages
    }
    assert {s.split()[0] for s in said} == {"default", "policy", "view", "generated", "trigger"}
    silent = [p.name for p in ROLLBACKS if "SC029" in _cases.read_case(p, PROJECT).absent]
    assert "608_item_expressions.rollback.sql" in silent
    assert len(silent) == 5


def _sc029(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC029", forward, rollback)


def test_the_enum_swap_names_the_type_renamed_away_and_what_to_do() -> None:
    forward = (
        "CREATE TYPE r AS ENUM ('a', 'b');\n"
        "CREATE TABLE m (id int, role r NOT NULL DEFAULT 'a'::r);\n"
    )
    rollback = (
        "ALTER TYPE r RENAME TO r_old;\n"
        "CREATE TYPE r AS ENUM ('a');\n"
        "ALTER TABLE m ALTER COLUMN role TYPE r USING role::text::r;\n"
    )
    assert _sc029(forward, rollback) == [
        "ALTER TABLE public.m ALTER COLUMN role TYPE r fails: the default of column role "
        "('a'::r, a constant of type r_old) cannot be cast to it: drop the default first "
        "(ALTER COLUMN role DROP DEFAULT) and set it again after"
    ]


def test_a_default_set_again_in_the_rollback_before_the_change_is_still_refused() -> None:
    forward = "CREATE TYPE r AS ENUM ('a');\nCREATE TABLE m (id int, role r);\n"
    set_first = (
        "ALTER TABLE m ALTER COLUMN role SET DEFAULT 'a';\n"
        "CREATE TYPE r2 AS ENUM ('a');\n"
        "ALTER TABLE m ALTER COLUMN role TYPE r2 USING role::text::r2;\n"
    )
    assert len(_sc029(forward, set_first)) == 1
    dropped_first = set_first.replace("SET DEFAULT 'a'", "DROP DEFAULT")
    assert _sc029(forward, dropped_first) == []


def test_an_enum_to_a_string_type_and_a_function_default_are_not_reported() -> None:
    forward = (
        "CREATE TYPE r AS ENUM ('a');\n"
        "CREATE TABLE m (id int, role r DEFAULT 'a', n int DEFAULT 0, s text DEFAULT now());\n"
    )
    rollback = (
        "ALTER TABLE m ALTER COLUMN role TYPE varchar(10);\n"
        "ALTER TABLE m ALTER COLUMN n TYPE bigint;\n"
        "ALTER TABLE m ALTER COLUMN s TYPE timestamptz USING s::timestamptz;\n"
    )
    assert _sc029(forward, rollback) == []


def test_a_table_the_rollback_made_again_is_not_the_files() -> None:
    forward = (
        "CREATE TABLE t (id int, owner text);\n"
        "CREATE VIEW v AS SELECT owner FROM t;\n"
        "CREATE POLICY p ON t USING (owner = current_user);\n"
    )
    rollback = (
        "DROP TABLE t CASCADE;\n"
        "CREATE TABLE t (id int, owner text);\n"
        "ALTER TABLE t ALTER COLUMN owner TYPE varchar(10);\n"
    )
    assert _sc029(forward, rollback) == []


def test_a_view_reading_another_column_or_another_table_s_column_is_not_reported() -> None:
    forward = (
        "CREATE TABLE t (id int, owner text);\n"
        "CREATE TABLE u (id int, owner text);\n"
        "CREATE VIEW v AS SELECT t.id, u.owner FROM t JOIN u ON u.id = t.id;\n"
        "CREATE VIEW w AS SELECT id, (SELECT max(owner) FROM u) AS o FROM t;\n"
    )
    assert _sc029(forward, "ALTER TABLE t ALTER COLUMN owner TYPE varchar(10);\n") == []
    messages = _sc029(forward, "ALTER TABLE t ALTER COLUMN id TYPE bigint;\n")
    assert [_sc029_names(m) for m in messages] == ["view v", "view w"]


def test_a_cte_of_the_table_s_name_a_domain_and_set_data_type() -> None:
    """A WITH query named like the table is not the table; a domain's casts are not known (not
    reported: PostgreSQL casts an enum's constant to a domain over text); SET DATA TYPE is the
    same change."""
    forward = (
        "CREATE TYPE r AS ENUM ('a');\n"
        "CREATE DOMAIN label AS text;\n"
        "CREATE TABLE t (id int, owner text, role r DEFAULT 'a', kind r DEFAULT 'a');\n"
        "CREATE TABLE u (id int, owner text);\n"
        "CREATE VIEW v AS WITH t AS (SELECT id, owner FROM u) SELECT owner FROM t;\n"
        "CREATE VIEW w AS SELECT t.id FROM t;\n"
    )
    rollback = (
        "ALTER TABLE t ALTER COLUMN owner TYPE varchar(10);\n"
        "ALTER TABLE t ALTER COLUMN role TYPE label;\n"
        "ALTER TABLE t ALTER COLUMN kind SET DATA TYPE integer USING 1;\n"
    )
    assert _sc029(forward, rollback) == [
        "ALTER TABLE public.t ALTER COLUMN kind TYPE integer fails: the default of column kind "
        "('a', a constant of type r) cannot be cast to it: drop the default first "
        "(ALTER COLUMN kind DROP DEFAULT) and set it again after"
    ]
