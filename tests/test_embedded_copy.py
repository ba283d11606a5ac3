"""`COPY ... FROM STDIN` data in SQL files (pg_dump's format), applied on a real PostgreSQL the
way psql applies it: the lines after the statement, up to a line `\\.` or the end of the file,
are the COPY's data."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer, SqlPart, apply_sql_files, split_statements
from schemacheck.errors import InputError, SqlExecutionError

pytestmark = pytest.mark.db

# Text format: a tab separates columns, \N is NULL, a backslash escapes (\\ \t \n), and an
# apostrophe is an ordinary character. The statements after `\.` must run as SQL.
DUMP = (
    "CREATE TABLE people (id int PRIMARY KEY, name text, note text);\n"
    "COPY public.people (id, name, note) FROM stdin;\n"
    "1\talice\t\\N\n"
    "2\to'brien\tback\\\\slash\n"
    "3\ttab\\there\tline\\nbreak\n"
    "\\.\n"
    "INSERT INTO people VALUES (4, 'after', 'the block');\n"
    "CREATE TABLE later (x int);\n"
)
DUMP_ROWS = [
    (1, "alice", None),
    (2, "o'brien", "back\\slash"),
    (3, "tab\there", "line\nbreak"),
    (4, "after", "the block"),
]


def rows(dsn: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        return conn.execute(query).fetchall()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_copy_rows_arrive_as_postgresql_reads_them(tmp_path: Path, fresh_db_any: str) -> None:
    apply_sql_files(fresh_db_any, [write(tmp_path, "dump.sql", DUMP)])
    assert rows(fresh_db_any, "SELECT id, name, note FROM people ORDER BY id") == DUMP_ROWS
    assert rows(fresh_db_any, "SELECT to_regclass('later')::text") == [("later",)]


def test_copy_matches_psql(tmp_path: Path, fresh_db: str) -> None:
    psql = shutil.which("psql")
    if psql is None:
        pytest.skip("psql is not installed: nothing to compare with")
    path = write(tmp_path, "dump.sql", DUMP)
    done = subprocess.run(
        [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", fresh_db, "-f", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    by_psql = rows(fresh_db, "SELECT id, name, note FROM people ORDER BY id")
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("DROP TABLE people, later")
    apply_sql_files(fresh_db, [path])
    assert rows(fresh_db, "SELECT id, name, note FROM people ORDER BY id") == by_psql


def test_splitter_keeps_the_data_with_its_statement() -> None:
    statements = split_statements(DUMP, "dump.sql")
    assert [s.line for s in statements] == [1, 2, 7, 8]
    copy = statements[1]
    assert copy.text == "COPY public.people (id, name, note) FROM stdin;"
    assert copy.data == "1\talice\t\\N\n2\to'brien\tback\\\\slash\n3\ttab\\there\tline\\nbreak\n"
    assert copy.data_line == 3
    assert [s.data for s in statements if s is not copy] == [None, None, None]


def test_copy_to_the_end_of_the_file_without_terminator(tmp_path: Path, fresh_db: str) -> None:
    text = (
        "CREATE TABLE t (id int, name text);\n"
        "copy t from STDIN;\n"
        "1\tone\n"
        "2\ttwo; DROP TABLE t;"  # data to the end, without a final newline: not SQL
    )
    apply_sql_files(fresh_db, [write(tmp_path, "tail.sql", text)])
    assert rows(fresh_db, "SELECT id, name FROM t ORDER BY id") == [
        (1, "one"),
        (2, "two; DROP TABLE t;"),
    ]


def test_copy_csv_with_quoted_comma(tmp_path: Path, fresh_db: str) -> None:
    text = (
        "CREATE TABLE t (id int, name text, note text);\n"
        "COPY t (id, name, note) FROM STDIN WITH (FORMAT csv);\n"
        '1,"smith, john",\n'
        '2,"say ""hi""",""\n'
        "\\.\n"
        "UPDATE t SET id = id * 10;\n"
    )
    apply_sql_files(fresh_db, [write(tmp_path, "csv.sql", text)])
    # csv: an unquoted empty field is NULL, a quoted one the empty string
    assert rows(fresh_db, "SELECT id, name, note FROM t ORDER BY id") == [
        (10, "smith, john", None),
        (20, 'say "hi"', ""),
    ]


def test_bad_row_names_the_file_and_the_copy_line(tmp_path: Path, fresh_db: str) -> None:
    text = (
        "CREATE TABLE t (id int, name text);\n"
        "\n"
        "COPY t (id, name) FROM stdin;\n"
        "1\tone\n"
        "x\ttwo\n"
        "\\.\n"
        "CREATE TABLE never (x int);\n"
    )
    path = write(tmp_path, "bad.sql", text)
    with pytest.raises(SqlExecutionError) as caught:
        apply_sql_files(fresh_db, [path])
    assert str(caught.value) == (
        f'{path}:3: invalid input syntax for type integer: "x" '
        "(COPY data row 2, line 5) (SQLSTATE 22P02)"
    )
    assert caught.value.line == 3
    assert rows(fresh_db, "SELECT count(*) FROM t") == [(0,)]
    assert rows(fresh_db, "SELECT to_regclass('never')") == [(None,)]


def test_wrong_column_count_is_one_line(tmp_path: Path, fresh_db: str) -> None:
    text = "CREATE TABLE t (id int, name text);\nCOPY t FROM stdin;\n1\tone\textra\n\\.\n"
    path = write(tmp_path, "extra.sql", text)
    with pytest.raises(SqlExecutionError) as caught:
        apply_sql_files(fresh_db, [path])
    message = str(caught.value)
    assert message.startswith(f"{path}:2: extra data after last expected column")
    assert "(COPY data row 1, line 3) (SQLSTATE 22P04)" in message
    assert "\n" not in message


def test_copy_into_a_missing_table_points_at_the_statement(tmp_path: Path, fresh_db: str) -> None:
    text = "SELECT 1;\nCOPY nosuch (id) FROM stdin;\n1\n\\.\n"
    path = write(tmp_path, "missing.sql", text)
    with pytest.raises(SqlExecutionError) as caught:
        apply_sql_files(fresh_db, [path])
    assert str(caught.value) == (f'{path}:2: relation "nosuch" does not exist (SQLSTATE 42P01)')


def test_terminator_must_be_alone_on_its_line(tmp_path: Path, fresh_db: str) -> None:
    # `\\.` (an escaped backslash, then a dot) is data: the value `\.`
    text = "CREATE TABLE t (v text);\nCOPY t FROM stdin;\n\\\\.\n\\.\nINSERT INTO t VALUES ('c');\n"
    apply_sql_files(fresh_db, [write(tmp_path, "marker.sql", text)])
    assert rows(fresh_db, "SELECT v FROM t ORDER BY v") == [("\\.",), ("c",)]


def test_copy_inside_a_transaction(tmp_path: Path, fresh_db: str) -> None:
    text = "BEGIN;\nCREATE TABLE t (id int);\nCOPY t FROM stdin;\n1\n2\n\\.\nCOMMIT;\n"
    apply_sql_files(fresh_db, [write(tmp_path, "tx.sql", text)])
    assert rows(fresh_db, "SELECT sum(id) FROM t") == [(3,)]


def test_copy_to_stdout_is_read_and_the_file_goes_on(tmp_path: Path, fresh_db: str) -> None:
    text = (
        "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1), (2);\n"
        "COPY t TO STDOUT;\n"
        "COPY (SELECT id FROM t WHERE id > 1) TO stdout WITH (FORMAT csv);\n"
        "COPY t (id) FROM STDIN;\n3\n\\.\n"
        "INSERT INTO t VALUES (4);\n"
    )
    statements = split_statements(text, "out.sql")
    assert [s.to_stdout for s in statements] == [False, False, True, True, False, False]
    apply_sql_files(fresh_db, [write(tmp_path, "out.sql", text)])
    assert rows(fresh_db, "SELECT sum(id) FROM t") == [(10,)]


def test_text_after_copy_on_its_line_is_refused() -> None:
    with pytest.raises(InputError, match=r"^f\.sql:1: text after COPY \.\.\. FROM STDIN"):
        split_statements("COPY t FROM stdin; SELECT 1;\n1\n", "f.sql")


def test_copy_in_a_file_with_a_down_section(tmp_path: Path, fresh_db: str) -> None:
    text = (
        "-- migrate:up\n"
        "CREATE TABLE t (id int, name text);\n"
        "COPY t (id, name) FROM stdin;\n"
        "1\to'neil\n"
        "\\.\n"
        "\n"
        "-- migrate:down\n"
        "DROP TABLE t;\n"
    )
    path = write(tmp_path, "001_t.sql", text)
    apply_sql_files(fresh_db, [SqlPart(path, "up")])
    assert rows(fresh_db, "SELECT id, name FROM t") == [(1, "o'neil")]
    apply_sql_files(fresh_db, [SqlPart(path, "down")])
    assert rows(fresh_db, "SELECT to_regclass('t')") == [(None,)]


# --------------------------------------------------------------------------- through the CLI

MIGRATION = (
    "CREATE TABLE items (id bigint NOT NULL, name text);\n"
    "COPY public.items (id, name) FROM stdin;\n"
    "1\talice\n"
    "2\to'brien\n"
    "3\t\\N\n"
    "\\.\n"
    "DO $$ BEGIN\n"
    "    IF (SELECT count(*) FROM items WHERE name = 'o''brien' OR name IS NULL) <> 2 THEN\n"
    "        RAISE EXCEPTION 'COPY data missing';\n"
    "    END IF;\n"
    "END $$;\n"
)
SPEC = {
    "spec_version": 1,
    "schemas": {
        "public": {
            "tables": {
                "items": {
                    "strict": True,
                    "columns": {
                        "id": {"type": "bigint", "nullable": False},
                        "name": {"type": "text", "nullable": True},
                    },
                },
            },
        }
    },
}


def check_tree(root: Path, migration: str, server: DatabaseServer) -> tuple[int, dict[str, object]]:
    files = {
        "migrations/001_items.sql": migration,
        "rollbacks/001_items.rollback.sql": "DROP TABLE items;\n",
    }
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "spec.json").write_text(json.dumps(SPEC))
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--spec", str(root / "spec.json"), "--no-lint"]
    code = run([*argv, "--dsn", server.dsn(), "--format", "json"], out, err)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def test_check_applies_and_audits_a_migration_with_copy_data(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    code, report = check_tree(tmp_path, MIGRATION, pg_server)
    assert report["findings"] == []
    assert code == 0


def test_check_reports_a_bad_copy_row_as_a_migration_failure(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    code, report = check_tree(tmp_path, MIGRATION.replace("2\to'brien", "two\to'brien"), pg_server)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["SC920"]
    path = tmp_path / "sql" / "migrations" / "001_items.sql"
    assert findings[0]["location"] == {"path": str(path), "line": 2, "column": 0}
    assert '"two" (COPY data row 2, line 4)' in findings[0]["message"]
    assert code == 1
