"""Projects that keep migrations for several databases side by side, in folders named for each
(Diesel's `migrations/{mysql,postgresql,sqlite}/...`, `mysql/migrations/...`): lint, lint with
a spec, and check read the PostgreSQL files only and list the others as not checked."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from schemacheck.check import discover_directory
from schemacheck.cli import run
from schemacheck.ddl.parse import sql_files
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_paths, lint_with_coverage

MYSQL = "CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;\n"
SQLITE = "CREATE TABLE t (id integer primary key autoincrement);\n"
POSTGRES = "CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY);\n"
DOWN = "DROP TABLE IF EXISTS t;\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def _left_out(root: Path) -> dict[str, str]:
    return {q.relative_to(root).as_posix(): why for q, why in sql_files([root])[1]}


def _linted(root: Path) -> set[str]:
    found = sql_files([root])[0]
    return {q.relative_to(root).as_posix() for q in found}


@pytest.mark.parametrize(
    ("files", "ours", "theirs"),
    [
        # Diesel's layout (vaultwarden, Plume): one folder per database under migrations/
        (
            {
                "migrations/postgresql/2020-01-01-000000_x/up.sql": POSTGRES,
                "migrations/postgresql/2020-01-01-000000_x/down.sql": DOWN,
                "migrations/mysql/2020-01-01-000000_x/up.sql": MYSQL,
                "migrations/mysql/2020-01-01-000000_x/down.sql": DOWN,
                "migrations/sqlite/2020-01-01-000000_x/up.sql": SQLITE,
                "migrations/sqlite/2020-01-01-000000_x/down.sql": DOWN,
            },
            {
                "migrations/postgresql/2020-01-01-000000_x/up.sql",
                "migrations/postgresql/2020-01-01-000000_x/down.sql",
            },
            {
                "migrations/mysql/2020-01-01-000000_x/up.sql": "migrations/mysql/ MySQL",
                "migrations/mysql/2020-01-01-000000_x/down.sql": "migrations/mysql/ MySQL",
                "migrations/sqlite/2020-01-01-000000_x/up.sql": "migrations/sqlite/ SQLite",
                "migrations/sqlite/2020-01-01-000000_x/down.sql": "migrations/sqlite/ SQLite",
            },
        ),
        # the database's folder above the role directory
        (
            {
                "mysql/migrations/001_x.sql": MYSQL,
                "postgres/migrations/001_x.sql": POSTGRES,
                "mariadb/migrations/001_x.sql": MYSQL,
            },
            {"postgres/migrations/001_x.sql"},
            {
                "mysql/migrations/001_x.sql": "mysql/ MySQL",
                "mariadb/migrations/001_x.sql": "mariadb/ MariaDB",
            },
        ),
        # a folder's name with dot-separated parts; words inside a part do not count
        (
            {
                "db.sqlite3/001_x.sql": SQLITE,
                "mysql_compat/migrations/001_x.sql": POSTGRES,
                "migrations/mssql-notes/002_y.sql": POSTGRES,
            },
            {"mysql_compat/migrations/001_x.sql", "migrations/mssql-notes/002_y.sql"},
            {"db.sqlite3/001_x.sql": "db.sqlite3/ SQLite"},
        ),
    ],
    ids=["diesel", "database-folder-above", "dotted-folder"],
)
def test_folders_of_other_databases_are_left_out(
    tmp_path: Path, files: dict[str, str], ours: set[str], theirs: dict[str, str]
) -> None:
    _write(tmp_path, files)
    assert _linted(tmp_path) == ours
    left_out = _left_out(tmp_path)
    assert set(left_out) == set(theirs)
    for rel, folder_and_database in theirs.items():
        folder, database = folder_and_database.split(" ")
        assert left_out[rel] == f"in {folder}, a folder for {database}, not for PostgreSQL"


def test_lint_of_a_diesel_project_sees_one_migration_and_lists_the_others(
    tmp_path: Path,
) -> None:
    _write(
        tmp_path,
        {
            "migrations/postgresql/2020-01-01-000000_x/up.sql": POSTGRES,
            "migrations/postgresql/2020-01-01-000000_x/down.sql": DOWN,
            "migrations/mysql/2020-01-01-000000_x/up.sql": MYSQL,
            "migrations/mysql/2020-01-01-000000_x/down.sql": DOWN,
            "migrations/sqlite/2020-01-01-000000_x/up.sql": SQLITE,
            "migrations/sqlite/2020-01-01-000000_x/down.sql": DOWN,
        },
    )
    report = lint_paths([tmp_path])
    found = {f.code for f in report.findings}
    assert "SC000" not in found  # MySQL's ENGINE= and SQLite's autoincrement never read
    assert "SC041" not in found  # one migration of that version, not three
    paths = {f.location.path for f in report.findings if f.location is not None}
    assert all("/postgresql/" in p for p in paths)
    assert sorted(report.not_checked) == sorted(
        f"{tmp_path / rel}: in migrations/{db.lower()}/, a folder for {db}, not for PostgreSQL"
        for db in ("MySQL", "SQLite")
        for rel in (
            f"migrations/{db.lower()}/2020-01-01-000000_x/down.sql",
            f"migrations/{db.lower()}/2020-01-01-000000_x/up.sql",
        )
    )


def test_the_directory_given_is_read_whatever_its_name(tmp_path: Path) -> None:
    """Only the folders below the directory given count: `lint mysql/` reads it, and a project
    kept under a folder named for a database (`/srv/oracle/app`) is not left out."""
    _write(tmp_path, {"oracle/app/migrations/001_x.sql": POSTGRES})
    assert _linted(tmp_path / "oracle" / "app") == {"migrations/001_x.sql"}
    assert _linted(tmp_path / "oracle" / "app" / "migrations") == {"001_x.sql"}
    assert _linted(tmp_path) == set()  # from above it, oracle/ is another database's folder


def test_lint_with_a_spec_covers_only_the_postgresql_files(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "migrations/postgresql/001_t.sql": POSTGRES,
            "migrations/mysql/001_t.sql": MYSQL,
            "migrations/mysql/002_u.sql": "CREATE TABLE u (id int) ENGINE=InnoDB;\n",
        },
    )
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "spec_version": 1,
                "schemas": {
                    "public": {
                        "tables": {
                            "t": {"columns": {"id": {"type": "integer", "nullable": False}}},
                            "u": {"columns": {"id": {"type": "integer"}}},
                        }
                    }
                },
            }
        )
    )
    report, coverage = lint_with_coverage([tmp_path / "migrations"], spec)
    assert coverage is not None
    missing = {f.object for f in coverage.findings if "u" in f.object.split(".")}
    assert missing  # u exists only in the MySQL folder: the spec's u is not created
    assert not [f for f in coverage.findings if f.object.endswith(".t")]
    assert len([n for n in report.not_checked if "a folder for MySQL" in n]) == 2


def test_discover_directory_leaves_out_the_other_databases_folders(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "migrations/postgresql/001_t.sql": POSTGRES,
            "migrations/mysql/001_t.sql": MYSQL,
        },
    )
    files, left_out = discover_directory(tmp_path)
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in files] == [
        "migrations/postgresql/001_t.sql"
    ]
    assert [(q.relative_to(tmp_path).as_posix(), why) for q, why in left_out] == [
        (
            "migrations/mysql/001_t.sql",
            "in migrations/mysql/, a folder for MySQL, not for PostgreSQL",
        )
    ]


def test_check_applies_only_the_postgresql_folder(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """MySQL's `ENGINE=InnoDB` sorts first by path and would stop check with 42601; it is
    never sent, the PostgreSQL migration and its rollback are, and the run is clean."""
    sql = tmp_path / "sql"
    _write(
        sql,
        {
            "migrations/mysql/2020-01-01-000000_t/up.sql": MYSQL,
            "migrations/mysql/2020-01-01-000000_t/down.sql": "DROP TABLE t;\n",
            "migrations/postgresql/2020-01-01-000000_t/up.sql": (
                "CREATE TABLE t (id int NOT NULL, note text NOT NULL);\n"
            ),
            "migrations/postgresql/2020-01-01-000000_t/down.sql": "DROP TABLE t;\n",
        },
    )
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "spec_version": 1,
                "schemas": {
                    "public": {
                        "tables": {
                            "t": {
                                "strict": True,
                                "columns": {
                                    "id": {"type": "integer", "nullable": False},
                                    "note": {"type": "text", "nullable": False},
                                },
                            }
                        }
                    }
                },
            }
        )
    )
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(sql), "--spec", str(spec), "--no-lint"]
    code = run([*argv, "--dsn", pg_server.dsn(), "--format", "json"], out, err)
    assert err.getvalue() == ""
    report: dict[str, Any] = json.loads(out.getvalue())
    assert report["findings"] == []
    assert code == 0
    mysql = sql / "migrations" / "mysql" / "2020-01-01-000000_t"
    assert sorted(n for n in report["not_checked"] if "MySQL" in n) == [
        f"{mysql / name}: in migrations/mysql/, a folder for MySQL, not for PostgreSQL"
        for name in ("down.sql", "up.sql")
    ]
