"""`SET search_path` in a file: its unqualified names stand for the path's first schema in the
rules (`ObjectName.implied`), while what was written (`schema`) stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.ddl import parse_text
from schemacheck.ddl.search_path import first_schema, path_schemas
from schemacheck.lint import lint_files, lint_paths
from schemacheck.rules.context import qualified


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("app", "app"),
        ("app, public", "app"),
        ("'$user', public", None),
        ('"$user", app', "app"),
        ('"App", public', "App"),
        ("APP", "app"),
        ("'App'", "app"),
        ("'\"App\"'", "App"),
        ("public", None),
        ("DEFAULT", None),
        ("pg_catalog, app", "app"),
        ("", None),
    ],
)
def test_first_schema(value: str, expected: str | None) -> None:
    assert first_schema(value) == expected


def _tables(sql: str) -> list[str]:
    f = parse_text(sql, "0001_x.sql")
    return [qualified(s.facts.name) for s in f.statements if s.kind == "create_table"]


def test_names_follow_the_path_until_it_changes() -> None:
    sql = (
        "CREATE TABLE a (id int);\n"
        "SET search_path TO app, public;\n"
        "CREATE TABLE b (id int REFERENCES a);\n"
        "CREATE TABLE other.c (id int);\n"
        "BEGIN;\n"
        "SET LOCAL search_path = audit;\n"
        "CREATE TABLE d (id int);\n"
        "COMMIT;\n"
        "CREATE TABLE e (id int);\n"
        "SELECT pg_catalog.set_config('search_path', 'stage', false);\n"
        "CREATE TABLE f (id int);\n"
        "RESET search_path;\n"
        "CREATE TABLE g (id int);\n"
    )
    assert _tables(sql) == [
        "public.a",
        "app.b",
        "other.c",
        "audit.d",
        "app.e",  # SET LOCAL ended with its transaction
        "stage.f",
        "public.g",
    ]
    f = parse_text(sql, "0001_x.sql")
    b = f.statements[2].facts
    assert b.name is not None and b.name.schema is None  # as written, for the static replay
    assert qualified(b.columns[0].references) == "app.a"  # a lookup: the first schema, a guess


def test_a_file_starts_on_public() -> None:
    first = parse_text("SET search_path TO app;\n", "0001_a.sql")
    second = parse_text("CREATE TABLE t (id int);\n", "0002_b.sql")
    assert first.statements and _tables(second.text) == ["public.t"]


def test_rollback_of_a_migration_under_a_search_path(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "rollbacks").mkdir()
    (tmp_path / "migrations" / "0007_widgets.sql").write_text(
        "SET search_path TO app;\n"
        "CREATE TABLE IF NOT EXISTS widgets (id bigint PRIMARY KEY);\n"
        "CREATE INDEX IF NOT EXISTS widgets_id ON app.widgets (id);\n"
    )
    (tmp_path / "rollbacks" / "0007_widgets.rollback.sql").write_text(
        "DROP TABLE IF EXISTS app.widgets;\n"
    )
    codes = {f.code for f in lint_paths([tmp_path]).findings}
    # the table is app.widgets, created in the same file: no index lock on an existing table,
    # and the rollback drops exactly what the migration created
    assert not codes & {"SC001", "SC027", "SC028"}


def test_rules_name_the_schema_of_the_path() -> None:
    f = parse_text("SET search_path TO app;\nCREATE INDEX ON widgets (id);\n", "0001_x.sql")
    messages = [x.message for x in lint_files([f]).findings if x.code == "SC001"]
    assert len(messages) == 1 and "existing table app.widgets" in messages[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("app, public", ["app", "public"]),
        ("'$user', public", ["public"]),
        ("'\"App\"', pg_catalog, other", ["App", "other"]),
        ("DEFAULT", []),
    ],
)
def test_path_schemas(value: str, expected: list[str]) -> None:
    assert path_schemas(value) == expected
