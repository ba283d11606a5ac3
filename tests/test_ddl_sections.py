"""dbmate's and goose's migration files hold their own rollback after a down marker: those
statements are judged as the rollback of the ones before it, not as more forward changes."""

from __future__ import annotations

from pathlib import Path

from schemacheck.ddl import parse_text
from schemacheck.lint import lint_files, lint_paths

DBMATE = """-- migrate:up
CREATE TABLE IF NOT EXISTS widgets (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN IF NOT EXISTS nick text;

-- migrate:down
ALTER TABLE users DROP COLUMN IF EXISTS nick;
"""

GOOSE = """-- +goose Up
-- +goose StatementBegin
CREATE TABLE IF NOT EXISTS gadgets (id bigint PRIMARY KEY);
-- +goose StatementEnd

-- +goose Down
DROP TABLE IF EXISTS gadgets;
"""


def test_dbmate_sections() -> None:
    f = parse_text(DBMATE, "db/migrations/20220217160257_add_nick.sql")
    assert (f.role, f.version, f.section) == ("migration", 20220217160257, "")
    assert [(s.line, s.kind, s.index) for s in f.statements] == [
        (2, "create_table", 0),
        (3, "alter_table", 1),
    ]
    down = f.down
    assert down is not None
    assert (down.role, down.version, down.section, down.path) == (
        "rollback",
        20220217160257,
        "down",
        f.path,
    )
    assert [(s.line, s.kind, s.index) for s in down.statements] == [(6, "alter_table", 0)]


def test_goose_sections_any_case() -> None:
    f = parse_text(GOOSE.replace("+goose Down", "+goose DOWN"), "migrations/00002_gadgets.sql")
    assert [s.kind for s in f.statements] == ["create_table"]
    assert f.down is not None and [s.kind for s in f.down.statements] == ["drop_table"]


def test_no_sections_without_both_markers_or_with_an_empty_down() -> None:
    only_down = "CREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n"
    assert parse_text(only_down, "1_a.sql").down is None
    empty_down = "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n"
    f = parse_text(empty_down, "1_a.sql")
    assert f.down is None and len(f.statements) == 1


def test_the_down_section_is_judged_as_the_rollback_of_its_file() -> None:
    f = parse_text(DBMATE, "db/migrations/20220217160257_add_nick.sql")
    report = lint_files([f])
    found = {(x.code, x.location.line if x.location else 0) for x in report.findings}
    assert ("SC016", 6) not in found  # a rollback's DROP COLUMN is not a forward data loss
    assert ("SC030", 6) in found  # but the rows written since are lost: the rollback rule
    # the rollback forgets the table the up section created
    assert any(x.code == "SC027" and "widgets" in x.message for x in report.findings)
    assert dict(report.meta)["files"] == "1"
    assert dict(report.meta)["statements"] == "3"


def test_a_complete_down_section_passes(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "00002_gadgets.sql").write_text(GOOSE)
    report = lint_paths([tmp_path], select=["SC027", "SC028", "SC015", "SC016"])
    assert report.findings == ()


def test_the_down_marker_ends_a_statement_left_open() -> None:
    # dbmate splits the text at the marker, so an up section need not end with a `;`
    sql = (
        "-- migrate:up\n"
        "ALTER TABLE users_roles\n"
        "    ADD CONSTRAINT users_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)\n"
        "-- migrate:down\n"
        "ALTER TABLE users_roles DROP CONSTRAINT users_roles_user_id_fkey;\n"
    )
    f = parse_text(sql, "migrations/20220124171208_fk.sql")
    assert [(s.line, s.kind) for s in f.statements] == [(2, "alter_table")]
    assert f.down is not None and [(s.line, s.kind) for s in f.down.statements] == [
        (5, "alter_table")
    ]
    assert all(s.understood for s in (*f.statements, *f.down.statements))
    assert not {x.code for x in lint_files([f]).findings} & {"SC000", "SC027", "SC020"}


def test_section_text_keeps_lines_in_place() -> None:
    from schemacheck.ddl.sections import section_text

    up, down = section_text(DBMATE, "up"), section_text(DBMATE, "down")
    assert up.count("\n") == down.count("\n") == DBMATE.count("\n")
    assert "DROP COLUMN" not in up and "CREATE TABLE" in up
    assert "DROP COLUMN" in down and "CREATE TABLE" not in down
    assert down.splitlines()[5] == DBMATE.splitlines()[5]
    plain = "CREATE TABLE a (id int);\n"
    assert section_text(plain, "up") == plain and section_text(plain, "down") == ""


def test_a_marker_must_start_its_line() -> None:
    # dbmate reads `^--\\s*migrate:down`, goose its annotations without leading whitespace:
    # an indented marker is an ordinary comment, and dbmate refuses such a file
    sql = DBMATE.replace("-- migrate:down", "    -- migrate:down")
    f = parse_text(sql, "db/migrations/20220217160257_add_nick.sql")
    assert f.down is None and len(f.statements) == 3
    goose = GOOSE.replace("-- +goose Down", "x int; -- +goose Down")
    assert parse_text(goose, "migrations/00002_gadgets.sql").down is None


def test_a_migration_without_a_down_section_is_told_so() -> None:
    with_down = parse_text(
        "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n",
        "db/migrations/20240101000000_a.sql",
    )
    without = parse_text(
        "-- migrate:up\nCREATE TABLE b (id int);\n", "db/migrations/20240102000000_b.sql"
    )
    findings = [f for f in lint_files([with_down, without]).findings if f.code == "SC027"]
    assert [f.message for f in findings] == [
        "migration 20240102000000 has no down section, while other migrations have one"
    ]


def test_a_down_section_is_judged_on_its_own_statements_not_its_up_part() -> None:
    # the up part and its down section share a path: what each makes is its own
    f = parse_text(
        "-- migrate:up\nDROP TABLE IF EXISTS a;\n"
        "-- migrate:down\nCREATE TABLE IF NOT EXISTS a (id int);\n",
        "db/migrations/20240101000000_drop_a.sql",
    )
    base = parse_text("CREATE TABLE a (id int);\n", "db/prerequisites/001_a.sql")
    findings = [f for f in lint_files([base, f]).findings if f.code == "SC027"]
    assert findings == []
