"""SC029's cases for what holds a column a rollback drops or changes, run on PostgreSQL: a view
of `*` reads the columns its table had at the view's statement (a column added after it, in
the same file, is not in it); a constant default keeps the type its column had when it was
set (an enum's `'member'` stays the enum's through a change to text); a view or materialized
view reading a column refuses its DROP COLUMN (2BP01) as it refuses its type change (0A000).

The case project `tests/rules/cases/SC029/column_dependents/` is applied to a new database
per rollback (prerequisites, then the migrations up to the rollback's version), then the
rollback runs statement by statement in autocommit, on every PostgreSQL major the machine
has: the lines PostgreSQL refuses are the lines the case expects SC029 on, which are the
lines SC029 reports, and on each SC029 names the dependent PostgreSQL names. Any other error
fails the test.
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
from schemacheck.lint import lint_files
from schemacheck.rules import get_rule

_cases = rulecases()
CASES: Path = _cases.CASES
PROJECT = CASES / "SC029" / "column_dependents"
ROLLBACKS = sorted((PROJECT / "rollbacks").glob("*.sql"))

# a default not cast (42804); a column a view reads changed (0A000) or dropped (2BP01)
_REFUSED = {"42804", "0A000", "2BP01"}
_PG_DEFAULT = re.compile(r'^default for column "(\w+)" cannot be cast automatically')
_PG_RULE = re.compile(r'^rule _RETURN on (?:materialized )?view (\w+) depends on column "(\w+)"$')
_PG_DROP = re.compile(r"^(?:materialized )?view (\w+) depends on column (\w+) of table (\w+)$")


def _refusals(dsn: str, path: Path) -> dict[int, str]:
    """Line -> the dependent PostgreSQL names (`default r`, `view ledger_owners`) for each
    statement of `path` it refuses because of what holds the column it changes or drops."""
    refused: dict[int, str] = {}
    statements = parse_bytes(path.read_bytes(), path.name).statements
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                assert exc.sqlstate in _REFUSED, f"line {s.line}: {exc.sqlstate} {exc}"
                refused[s.line] = _named(exc)
    return refused


def _named(exc: psycopg.Error) -> str:
    message = exc.diag.message_primary or ""
    detail = exc.diag.message_detail or ""
    if (m := _PG_DEFAULT.match(message)) is not None:
        return f"default {m.group(1)}"
    if (m := _PG_RULE.match(detail)) is not None or (m := _PG_DROP.match(detail)) is not None:
        return f"view {m.group(1)}"
    raise AssertionError(f"a refusal the cases do not expect: {message} / {detail}")


def _sc029_names(message: str) -> str:
    if (m := re.search(r" fails: the default of column (\w+) ", message)) is not None:
        return f"default {m.group(1)}"
    if (m := re.search(r" fails: (?:materialized )?view public\.(\w+) ", message)) is not None:
        return f"view {m.group(1)}"
    raise AssertionError(f"a message of another kind: {message}")


@pytest.mark.parametrize("rollback", ROLLBACKS, ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    refused, messages = refused_and_reported(pg_any, rollback, "SC029", _refusals)
    for line, dependent in refused.items():
        assert [_sc029_names(m) for m in messages[line]] == [dependent], f"line {line}"


def test_the_project_has_each_fix_both_ways() -> None:
    """Each of the three has a rollback SC029 reports and one it must not: a view of `*` made
    after the column (702) and before it (701), a default set as text (704) and kept as the
    enum's (703), a DROP COLUMN under a view (705) and with CASCADE (706)."""
    said = reported("SC029", PROJECT)
    assert sorted(said) == [
        "702_accounts_tagged.rollback.sql",
        "704_seats_text.rollback.sql",
        "705_ledger_views.rollback.sql",
    ]
    silent = [p.name for p in ROLLBACKS if "SC029" in _cases.read_case(p, PROJECT).absent]
    assert silent == [
        "701_accounts_all.rollback.sql",
        "703_memberships_text.rollback.sql",
        "706_ledger_owner_view.rollback.sql",
    ]


def _sc029(forward: str, rollback: str) -> list[str]:
    return rule_messages("SC029", forward, rollback)


def test_a_drop_column_under_a_view_names_the_view_and_when_it_goes() -> None:
    forward = (
        "CREATE TABLE t (id int, owner text, note text);\n"
        "CREATE VIEW v AS SELECT id, owner FROM t;\n"
    )
    rollback = "ALTER TABLE t DROP COLUMN owner, DROP COLUMN note;\nDROP VIEW v;\n"
    assert _sc029(forward, rollback) == [
        "ALTER TABLE public.t DROP COLUMN owner fails: view public.v (dropped later, line 2) "
        "still reads it"
    ]
    assert _sc029(forward, "DROP VIEW v;\nALTER TABLE t DROP COLUMN owner;\n") == []


def test_a_view_of_star_in_one_file_reads_the_columns_added_before_it_only() -> None:
    before = "ALTER TABLE t ADD COLUMN extra text;\nCREATE VIEW v AS SELECT * FROM t;\n"
    after = "CREATE VIEW v AS SELECT * FROM t;\nALTER TABLE t ADD COLUMN extra text;\n"
    table = "CREATE TABLE t (id int, owner text);\n"
    rollback = (
        "ALTER TABLE t DROP COLUMN extra;\nALTER TABLE t ALTER COLUMN owner TYPE varchar(9);\n"
    )
    assert [_sc029_names(m) for m in _sc029(table + before, rollback)] == ["view v", "view v"]
    assert [_sc029_names(m) for m in _sc029(table + after, rollback)] == ["view v"]


def test_a_default_set_after_a_change_to_text_is_text_and_named_so() -> None:
    forward = (
        "CREATE TYPE r AS ENUM ('a');\n"
        "CREATE TABLE m (id int, role r DEFAULT 'a');\n"
        "ALTER TABLE m ALTER COLUMN role TYPE text;\n"
    )
    back = "ALTER TABLE m ALTER COLUMN role TYPE r USING role::r;\n"
    assert _sc029(forward, back) == []
    set_again = forward + "ALTER TABLE m ALTER COLUMN role SET DEFAULT 'a';\n"
    assert _sc029(set_again, back) == [
        "ALTER TABLE public.m ALTER COLUMN role TYPE r fails: the default of column role "
        "('a', a constant of type text) cannot be cast to it: drop the default first "
        "(ALTER COLUMN role DROP DEFAULT) and set it again after"
    ]
    # set by the rollback itself while the column is text: text's too
    assert len(_sc029(forward, "ALTER TABLE m ALTER COLUMN role SET DEFAULT 'a';\n" + back)) == 1


# defaults a rollback sets, the column types they are set on and the types it changes to
_SET = ("0", "-1", "(2)", "1.5", "true", "0::bigint", "'7'", "'f'::boolean", "3000000000")
_ON = ("int", "text", "numeric", "boolean")
_TO = ("boolean", "integer", "bigint", "text", "uuid", "date", "numeric", "int[]")


def test_a_constant_the_rollback_sets_is_cast_as_postgresql_casts_it(
    pg_any: DatabaseServer,
) -> None:
    """A rollback sets each default (`SET DEFAULT`), then changes the column's type with
    USING: PostgreSQL refuses the change for the default (42804) exactly on the lines SC029
    reports, numbers and booleans keeping their own type whatever the column's, and it both
    refuses and runs such changes."""
    forward: list[str] = []
    rollback: list[str] = []
    dsn = pg_any.create_database("sc029_set_default_casts")
    refused: set[int] = set()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            for default in _SET:
                for old in _ON:
                    for new in _TO:
                        table = f"t{len(forward)}"
                        conn.execute(f"CREATE TABLE {table} (c {old})".encode())
                        setting = f"ALTER TABLE {table} ALTER c SET DEFAULT {default};"
                        try:
                            conn.execute(setting.encode())
                        except psycopg.Error:
                            conn.execute(f"DROP TABLE {table}".encode())
                            continue  # a default the column does not take: no case
                        forward.append(f"CREATE TABLE {table} (c {old});")
                        rollback.append(setting)
                        change = f"ALTER TABLE {table} ALTER c TYPE {new} USING NULL;"
                        rollback.append(change)
                        try:
                            conn.execute(change.encode())
                        except psycopg.Error as exc:
                            assert exc.sqlstate == "42804", change
                            assert _PG_DEFAULT.match(exc.diag.message_primary or ""), change
                            refused.add(len(rollback))
    finally:
        pg_any.drop_database("sc029_set_default_casts")
    said = {
        f.location.line
        for f in lint_files(
            [
                parse_bytes("\n".join(forward).encode(), "sql/migrations/0001_x.sql"),
                parse_bytes("\n".join(rollback).encode(), "sql/rollbacks/0001_x.rollback.sql"),
            ],
            rules=[get_rule("SC029")],
        ).findings
        if f.location is not None
    }
    assert said == refused
    assert 0 < len(refused) < len(forward)
