"""Roles and versions of the migration layouts of common tools, and rollbacks paired with the
migration they undo when several migrations share a version."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.ddl import classify_path, pair_rollbacks, parse_text
from schemacheck.ddl.parse import project_folder
from schemacheck.lint import lint_paths


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # Diesel: one folder per migration, the version in the folder's name
        ("migrations/2024-01-01-000000_add_nick/up.sql", ("migration", 20240101000000)),
        ("migrations/2024-01-01-000000_add_nick/down.sql", ("rollback", 20240101000000)),
        # Prisma
        ("prisma/migrations/20220305233635_rename/migration.sql", ("migration", 20220305233635)),
        # a folder per migration under a role directory
        ("db/migrations/0007_widgets/schema.sql", ("migration", 7)),
        # a step file in a versioned folder outside any role directory
        ("x/0007_widgets/down.sql", ("rollback", 7)),
        # folders that are not one migration's: no version from them
        ("migrations/2024/notes.sql", ("migration", None)),
        ("migrations/v2/notes.sql", ("migration", None)),
        ("db/2024_q1/notes.sql", ("other", None)),
        ("sql/checks/smoke.sql", ("check", None)),
        # the file's own version wins over its folder's
        ("migrations/0009_x/0010_y.sql", ("migration", 10)),
        ("sql/rollbacks/118_x.rollback.sql", ("rollback", 118)),
        # a date as the version: the whole date, not the year
        ("migrations/2025-06-13_add_a.sql", ("migration", 20250613)),
        ("rollbacks/2025-06-13_remove_a.sql", ("rollback", 20250613)),
        ("db/2024_01_15_123456_create_users.sql", ("migration", 20240115123456)),
        ("migrations/118_2_fix.sql", ("migration", 118)),  # not a date: the first number
        ("migrations/001_2fa.sql", ("migration", 1)),
        # sqitch
        ("db/deploy/widgets.sql", ("migration", None)),
        ("db/revert/widgets.sql", ("rollback", None)),
        ("db/verify/widgets.sql", ("check", None)),
        # numbered tests (pgTAP) are no migrations; a role directory still says what a file is
        ("supabase/tests/database/09-rls.sql", ("other", 9)),
        ("test/002_users_test.sql", ("other", 2)),
        ("supabase/migrations/20240101000000_init.sql", ("migration", 20240101000000)),
        ("tests/rules/cases/x/migrations/210_f.sql", ("migration", 210)),
        ("tests/rules/cases/x/rollbacks/210_f.rollback.sql", ("rollback", 210)),
    ],
)
def test_layouts(path: str, expected: tuple[str, int | None]) -> None:
    assert classify_path(path) == expected


def test_rollbacks_pair_with_the_migration_of_their_own_name() -> None:
    files = [
        parse_text("SELECT 1;", p)
        for p in (
            "m/0005_alpha.up.sql",
            "m/0005_beta.up.sql",
            "m/0005_alpha.down.sql",
            "m/0005_beta.down.sql",
        )
    ]
    pairs = {rb: fwd.path for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {
        "m/0005_alpha.down.sql": "m/0005_alpha.up.sql",
        "m/0005_beta.down.sql": "m/0005_beta.up.sql",
    }


def test_rollbacks_pair_within_their_folder() -> None:
    paths = (
        "migrations/2024-01-01-000000_a/up.sql",
        "other/migrations/2024-01-01-000000_b/up.sql",
        "other/migrations/2024-01-01-000000_b/down.sql",
    )
    files = [parse_text("SELECT 1;", p) for p in paths]
    pairs = {rb: fwd.path for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {paths[2]: paths[1]}


def test_one_migration_per_version_pairs_whatever_the_names() -> None:
    files = [parse_text("SELECT 1;", p) for p in ("sql/migrations/118_x.sql", "U118__undo.sql")]
    assert {rb: f.path for rb, f in pair_rollbacks(files).items()} == {
        "U118__undo.sql": "sql/migrations/118_x.sql"
    }


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_two_projects_linted_together_are_judged_each_on_its_own(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "a/sql/migrations/2024/0001_a.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "a/sql/rollbacks/2024/0001_a.rollback.sql": "DROP TABLE IF EXISTS a;\n",
            "a/sql/migrations/2025/0003_c.sql": "CREATE TABLE IF NOT EXISTS c (id int);\n",
            "b/migrations/20220305233635_b/migration.sql": "CREATE TABLE b (i int);\n",
        },
    )
    report = lint_paths([tmp_path / "a", tmp_path / "b"], select=["SC027"])
    found = {Path(f.location.path).name for f in report.findings if f.location is not None}
    # project a has rollbacks, so its migration without one is asked for it (in another
    # year's folder too); project b has none, so its migration is not
    assert found == {"0003_c.sql"}
    assert (
        project_folder(tmp_path / "a/sql/migrations/2025/0003_c.sql")
        == (tmp_path / "a/sql").as_posix()
    )


def test_dated_rollbacks_pair_with_their_own_day(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "migrations/2025-06-13_add_a.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "migrations/2025-07-15_add_b.sql": "CREATE TABLE IF NOT EXISTS b (id int);\n",
            "rollbacks/2025-06-13_remove_a.sql": "DROP TABLE IF EXISTS a;\n",
            "rollbacks/2025-07-15_remove_b.sql": "DROP TABLE IF EXISTS b;\n",
        },
    )
    assert lint_paths([tmp_path], select=["SC027", "SC028"]).findings == ()


def test_sqitch_reverts_pair_with_the_deploy_of_their_name() -> None:
    files = [
        parse_text("SELECT 1;", p)
        for p in ("p/deploy/a.sql", "p/deploy/b.sql", "p/revert/b.sql", "q/revert/a.sql")
    ]
    pairs = {rb: fwd.path for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {"p/revert/b.sql": "p/deploy/b.sql"}  # q is another project


def test_files_named_for_another_database_are_left_out_and_named(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "migrations/0001_a.postgres.up.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "migrations/0001_a.mysql.up.sql": "CREATE TABLE `a` (`id` int) ENGINE=InnoDB;\n",
            "migrations/0001_a.sqlite3.up.sql": "CREATE TABLE a (id INTEGER);\n",
            "migrations/0002_mysql_users.sql": "CREATE TABLE mysql_users (i int);\n",
        },
    )
    report = lint_paths([tmp_path])
    assert "SC000" not in {f.code for f in report.findings}  # MySQL's backticks never read
    assert sorted(report.not_checked) == [
        f"{tmp_path / 'migrations/0001_a.mysql.up.sql'}: named for MySQL, not for PostgreSQL",
        f"{tmp_path / 'migrations/0001_a.sqlite3.up.sql'}: named for SQLite, not for PostgreSQL",
    ]
    linted = {f.location.path for f in report.findings if f.location is not None}
    assert str(tmp_path / "migrations/0002_mysql_users.sql") in linted  # a word, not a part
    # a file named on its own is linted whatever its name says
    alone = lint_paths([tmp_path / "migrations/0001_a.mysql.up.sql"])
    assert "SC000" in {f.code for f in alone.findings} and alone.not_checked == ()


def test_flyway_dotted_versions_order_and_pair() -> None:
    names = [
        "V2__delta.sql",
        "V1.10__gamma.sql",
        "V1.2__beta.sql",
        "V1__init.sql",
        "V1_1__alpha.sql",  # Flyway reads 1_1 as 1.1
        "U1.2__beta.sql",
        "U1_1__alpha.sql",
    ]
    files = [parse_text("SELECT 1;", f"db/migration/{n}") for n in names]
    ordered = [f.name for f in sorted(files, key=lambda f: f.sort_key)]
    assert ordered == [
        "V1__init.sql",
        "V1_1__alpha.sql",
        "V1.2__beta.sql",
        "V1.10__gamma.sql",
        "V2__delta.sql",
        "U1_1__alpha.sql",
        "U1.2__beta.sql",
    ]
    assert {f.name: f.role for f in files}["U1.2__beta.sql"] == "rollback"
    pairs = {rb.rsplit("/", 1)[1]: fwd.name for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {"U1.2__beta.sql": "V1.2__beta.sql", "U1_1__alpha.sql": "V1_1__alpha.sql"}


def test_flyway_undo_pairs_by_the_whole_version_whatever_the_names() -> None:
    names = [
        "V1__create_a.sql",
        "V1.1__create_b.sql",
        "V1_2__create_c.sql",
        "V2.0__create_d.sql",
        "U1__drop_a.sql",
        "U1.1__drop_b.sql",
        "U1.2__drop_c.sql",  # Flyway reads 1_2 and 1.2 alike
        "U2__drop_d.sql",  # 2 is 2.0
    ]
    files = [parse_text("SELECT 1;", f"db/migration/{n}") for n in names]
    pairs = {rb.rsplit("/", 1)[1]: fwd.name for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {
        "U1__drop_a.sql": "V1__create_a.sql",
        "U1.1__drop_b.sql": "V1.1__create_b.sql",
        "U1.2__drop_c.sql": "V1_2__create_c.sql",
        "U2__drop_d.sql": "V2.0__create_d.sql",
    }


def test_postgrator_undo_files_undo_the_do_file_of_their_version() -> None:
    names = ["0001.do.init.sql", "0001.undo.init.sql", "0002.do.users.sql", "0002.undo.users.sql"]
    files = [parse_text("SELECT 1;", f"migrations/{n}") for n in names]
    assert [(f.name, f.role, f.version) for f in files] == [
        ("0001.do.init.sql", "migration", 1),
        ("0001.undo.init.sql", "rollback", 1),
        ("0002.do.users.sql", "migration", 2),
        ("0002.undo.users.sql", "rollback", 2),
    ]
    pairs = {rb.rsplit("/", 1)[1]: fwd.name for rb, fwd in pair_rollbacks(files).items()}
    assert pairs == {
        "0001.undo.init.sql": "0001.do.init.sql",
        "0002.undo.users.sql": "0002.do.users.sql",
    }


def test_flyway_repeatable_migrations_run_after_the_versioned_ones() -> None:
    names = ["R__views.sql", "V2__b.sql", "V1__a.sql", "afterMigrate__grants.sql"]
    files = [parse_text("SELECT 1;", n) for n in names]
    assert {f.name: (f.role, f.version) for f in files} == {
        "R__views.sql": ("migration", None),
        "V2__b.sql": ("migration", 2),
        "V1__a.sql": ("migration", 1),
        "afterMigrate__grants.sql": ("other", None),  # a callback: not a migration
    }
    migrations = sorted((f for f in files if f.role == "migration"), key=lambda f: f.sort_key)
    assert [f.name for f in migrations] == ["V1__a.sql", "V2__b.sql", "R__views.sql"]
