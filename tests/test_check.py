"""`schemacheck check` end to end on a real PostgreSQL: the Batch 3 tree, and small trees whose
rollbacks are wrong in one way each."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from schemacheck.cli import run
from schemacheck.embedded import DatabaseServer

pytestmark = pytest.mark.db

SPEC = {
    "spec_version": 1,
    "prerequisites": {"applied_versions": [2]},
    "schemas": {
        "public": {
            "tables": {
                "items": {"strict": True, "columns": {"id": {"type": "bigint", "nullable": False}}},
            },
        }
    },
}


def write_tree(root: Path, rollback: str) -> Path:
    files = {
        "prerequisites/001_base.sql": (
            "CREATE TABLE schema_migrations (version bigint PRIMARY KEY);\n"
            "CREATE TABLE users (id bigint PRIMARY KEY);\n"
            "INSERT INTO schema_migrations VALUES (1);\n"
        ),
        "migrations/002_items.sql": (
            "CREATE TABLE items (id bigint NOT NULL);\n"
            "CREATE FUNCTION items_count() RETURNS bigint LANGUAGE sql\n"
            "    AS 'SELECT count(*) FROM items';\n"
            "CREATE VIEW user_items AS SELECT u.id FROM users u JOIN items i ON i.id = u.id;\n"
            "INSERT INTO schema_migrations VALUES (2) ON CONFLICT DO NOTHING;\n"
        ),
        "rollbacks/002_items.rollback.sql": rollback,
    }
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "spec.json").write_text(json.dumps(SPEC))
    return root


def check(root: Path, server: DatabaseServer, *extra: str) -> tuple[int, dict[str, object]]:
    """`check` with only the database steps (lint's findings are tested apart)."""
    return check_with_lint(root, server, "--no-lint", *extra)


def check_with_lint(
    root: Path, server: DatabaseServer, *extra: str
) -> tuple[int, dict[str, object]]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--spec", str(root / "spec.json")]
    code = run([*argv, "--dsn", server.dsn(), "--format", "json", *extra], out, err)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def codes(report: dict[str, object]) -> list[tuple[str, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return sorted((f["code"], f["object"]) for f in findings)


def test_clean_rollback_gives_no_findings(tmp_path: Path, pg_server: DatabaseServer) -> None:
    root = write_tree(
        tmp_path,
        "DROP VIEW user_items;\nDROP FUNCTION items_count();\nDROP TABLE items;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    code, report = check(root, pg_server)
    assert codes(report) == []
    assert code == 0


def test_rollback_that_forgets_objects_and_version(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    root = write_tree(tmp_path, "DROP VIEW user_items;\nDROP TABLE items;\n")
    code, report = check(root, pg_server)
    assert codes(report) == [
        ("SC921", "function public.items_count()"),
        ("SC924", "table public.schema_migrations"),
        ("SC926", ""),  # re-applying then fails: the function is still there
    ]
    reapply = next(f for f in report["findings"] if f["code"] == "SC926")  # type: ignore[index]
    assert "items_count" in reapply["message"] and reapply["location"]["line"] == 2
    assert code == 1


def test_cascade_rollback_that_drops_a_prior_object(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    root = write_tree(
        tmp_path,
        "DROP FUNCTION items_count();\nDROP TABLE items;\nDROP TABLE users CASCADE;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    # DROP TABLE items fails first: the view still depends on it.
    _, report = check(root, pg_server)
    assert [c for c, _ in codes(report)] == ["SC925"]
    root = write_tree(
        tmp_path,
        "DROP FUNCTION items_count();\nDROP TABLE users CASCADE;\nDROP TABLE items;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    _, report = check(root, pg_server)
    # users (and its columns, reported once with the table) is gone; re-applying then fails
    # because the migration's view needs it.
    assert codes(report) == [("SC922", "table public.users"), ("SC926", "")]


def test_migration_failure_names_file_and_line(tmp_path: Path, pg_server: DatabaseServer) -> None:
    root = write_tree(tmp_path, "DROP TABLE items;\n")
    bad = root / "sql" / "migrations" / "003_bad.sql"
    bad.write_text("-- fine\nCREATE TABLE ok (id int);\nCREATE TABLE broken (id nosuchtype);\n")
    code, report = check(root, pg_server)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["SC920"]
    assert findings[0]["location"] == {"path": str(bad), "line": 3, "column": 0}
    assert "nosuchtype" in findings[0]["message"]
    assert code == 1


def test_batch3_tree_checks_with_only_the_known_findings(
    repo_root: Path, pg_server: DatabaseServer
) -> None:
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "check",
        "--sql",
        str(repo_root / "sql"),
        "--spec",
        str(repo_root / "expected/batch3.json"),
    ]
    code = run([*argv, "--dsn", pg_server.dsn(), "--format", "json", "--smoke"], out, err)
    report = json.loads(out.getvalue())
    db_codes = {f["code"] for f in report["findings"] if f["code"].startswith("SC9")}
    # The checklist's rollbacks leave their versions recorded; everything else holds.
    assert db_codes == {"SC924"}
    assert code == 1


def test_check_lints_every_file_too(tmp_path: Path, pg_server: DatabaseServer) -> None:
    root = write_tree(
        tmp_path,
        "DROP VIEW user_items;\nDROP FUNCTION items_count();\nDROP TABLE items CASCADE;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    code, report = check_with_lint(root, pg_server, "--fail-on", "error")
    findings = report["findings"]
    assert isinstance(findings, list)
    cascade = [f for f in findings if f["code"] == "SC003"]
    assert [(f["object"], f["location"]["line"]) for f in cascade] == [("table public.items", 3)]
    assert cascade[0]["location"]["path"].endswith("rollbacks/002_items.rollback.sql")
    assert not [f for f in findings if f["code"].startswith("SC9")]
    assert code == 1


def test_check_reads_rule_settings_from_pyproject(
    tmp_path: Path, pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(
        tmp_path,
        "DROP VIEW user_items;\nDROP FUNCTION items_count();\nDROP TABLE items CASCADE;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    (root / "pyproject.toml").write_text(
        '[tool.schemacheck]\nseverity = { ban-cascade = "off" }\nfail-on = "error"\n'
    )
    monkeypatch.chdir(root)
    code, report = check_with_lint(root, pg_server)
    findings = report["findings"]
    assert isinstance(findings, list)
    assert "SC003" not in {f["code"] for f in findings}
    assert not [f for f in findings if f["severity"] == "error"]
    assert code == 0


def test_a_wrong_sql_directory_is_named_even_without_a_spec(tmp_path: Path) -> None:
    """Run where neither exists: the directory the user typed is what the message names."""
    out, err = io.StringIO(), io.StringIO()
    missing = tmp_path / "no-such-sql"
    code = run(["check", "--sql", str(missing), "--spec", str(tmp_path / "none.json")], out, err)
    assert code == 2
    assert err.getvalue().count("\n") == 1
    assert str(missing) in err.getvalue() and "none.json" not in err.getvalue()


def write_sectioned_tree(root: Path, down: str) -> Path:
    """The tree of `write_tree` with the migration and its rollback in one dbmate file."""
    write_tree(root, "")
    (root / "sql" / "rollbacks" / "002_items.rollback.sql").unlink()
    (root / "sql" / "rollbacks").rmdir()
    migration = root / "sql" / "migrations" / "002_items.sql"
    migration.write_text("-- migrate:up\n" + migration.read_text() + "\n-- migrate:down\n" + down)
    return root


def test_a_file_holding_its_own_rollback_is_applied_up_then_down(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    clean = (
        "DROP VIEW user_items;\nDROP FUNCTION items_count();\nDROP TABLE items;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n"
    )
    code, report = check(write_sectioned_tree(tmp_path / "clean", clean), pg_server)
    assert codes(report) == []  # the down section did not run with the migration
    assert code == 0
    # a down section that forgets the function is caught like a rollback file that does
    code, report = check(
        write_sectioned_tree(tmp_path / "forgets", "DROP VIEW user_items;\nDROP TABLE items;\n"),
        pg_server,
    )
    assert ("SC921", "function public.items_count()") in codes(report)
    assert code == 1


def test_smoke_test_scripts_send_copy_data(tmp_path: Path, pg_server: DatabaseServer) -> None:
    root = write_tree(tmp_path, "DROP VIEW user_items;\nDROP FUNCTION items_count();\n")
    (root / "sql" / "checks").mkdir()
    (root / "sql" / "checks" / "items_smoke.sql").write_text(
        "CREATE TEMP TABLE seen (id bigint, note text);\n"
        "COPY seen (id, note) FROM STDIN;\n"
        "1\to'brien\n"
        "2\t\\N\n"
        "\\.\n"
        "DO $$ BEGIN\n"
        "  IF (SELECT count(*) FROM seen WHERE note = 'o''brien' OR note IS NULL) <> 2 THEN\n"
        "    RAISE EXCEPTION 'copy rows missing';\n"
        "  END IF;\n"
        "END $$;\n"
        "SELECT 1 / (SELECT count(*) - 2 FROM seen);\n"
    )
    code, report = check(root, pg_server, "--smoke")
    findings = report["findings"]
    assert isinstance(findings, list)
    smoke = [(f["code"], (f["location"] or {}).get("line"), f["message"]) for f in findings]
    # the rows arrive as PostgreSQL reads them: only the division by zero at line 11 fails
    assert [(c, line) for c, line, _ in smoke if c == "SC927"] == [("SC927", 11)]
    assert "division by zero" in next(m for c, _, m in smoke if c == "SC927")
    assert code == 1


def test_files_check_does_not_apply_are_listed_as_not_checked(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    root = write_tree(
        tmp_path,
        "DROP VIEW user_items;\nDROP FUNCTION items_count();\nDROP TABLE items;\n"
        "DELETE FROM schema_migrations WHERE version = 2;\n",
    )
    (root / "sql" / "dump.sql").write_text("CREATE TABLE from_a_dump (id int);\n")
    (root / "sql" / "migrations" / "003_x.mysql.sql").write_text("CREATE TABLE m (id int);\n")
    code, report = check(root, pg_server)
    notes = report["not_checked"]
    assert isinstance(notes, list)
    assert [n for n in notes if "dump.sql" in n] == [
        f"{root / 'sql' / 'dump.sql'}: not applied (its folder or name does not say it is a "
        "prerequisite, migration, rollback or check)"
    ]
    assert [n for n in notes if "mysql" in n] == [
        f"{root / 'sql' / 'migrations' / '003_x.mysql.sql'}: named for MySQL, not for PostgreSQL"
    ]
    assert code == 0


def _check_throwaway(root: Path, target: int) -> dict[str, Any]:
    """`check` on a throwaway server of its own, the project's target version `target`."""
    (root / "pyproject.toml").write_text(f"[tool.schemacheck]\ntarget-version = {target}\n")
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--spec", str(root / "spec.json"), "--no-lint"]
    code = run([*argv, "--config", str(root / "pyproject.toml"), "--format", "json"], out, err)
    assert code in (0, 1), err.getvalue()
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def test_check_starts_the_target_version_when_the_machine_has_it(tmp_path: Path) -> None:
    from schemacheck.embedded import available_binaries

    root = write_tree(tmp_path, "DROP VIEW user_items;\n")
    majors = [b.major for b in available_binaries()]
    newest = max(majors)
    report = _check_throwaway(root, newest)
    assert report["target"] == f"throwaway PostgreSQL {newest}"
    assert not [n for n in report["not_checked"] if "target version" in n]

    absent = next(m for m in range(10, 19) if m not in majors)
    report = _check_throwaway(root, absent)
    assert report["target"] in {f"throwaway PostgreSQL {m}" for m in majors}
    assert [n for n in report["not_checked"] if "target version" in n] == [
        f"PostgreSQL {absent} (the target version): its server binaries are not on this "
        f"machine (found: {', '.join(map(str, majors))}); the throwaway server is another major"
    ]


def test_without_a_spec_every_step_but_the_audit_runs(
    tmp_path: Path, pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project without `expected/batch3.json` (or any spec): the files are applied and the
    rollbacks proven; the audit is named as not checked. A spec the user names must exist."""
    write_tree(tmp_path, "DROP VIEW user_items;\nDROP TABLE items;\n")
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", "sql", "--no-lint", "--dsn", pg_server.dsn(), "--format", "json"]
    code = run(argv, out, err)
    assert err.getvalue() == ""
    report = json.loads(out.getvalue())
    assert code == 1
    assert ("SC921", "function public.items_count()") in codes(report)
    assert any(n.startswith("audit against a spec (no spec") for n in report["not_checked"])
    out, err = io.StringIO(), io.StringIO()
    assert run([*argv, "--spec", "missing.json"], out, err) == 2
    assert "missing.json: cannot read spec" in err.getvalue()


def test_files_run_in_the_transaction_their_tool_opens(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """goose runs a file's Up (and its Down) inside one transaction unless the file says
    `-- +goose NO TRANSACTION`; dbmate each section unless its marker says transaction:false.
    check applies them so: what PostgreSQL refuses in a transaction block fails there, as on
    deploy, and a failing statement leaves nothing of its section behind."""
    migrations = tmp_path / "sql" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "001_t.sql").write_text(
        "-- +goose Up\nCREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (v int, m mood);\n"
        "-- +goose Down\nDROP TABLE t;\nDROP TYPE mood;\n"
    )
    (migrations / "002_no_tx.sql").write_text(
        "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
        "-- +goose Down\nDROP INDEX CONCURRENTLY t_v_idx;\n"
    )
    (migrations / "003_dbmate.sql").write_text(
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_m_idx ON t (m);\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY t_m_idx;\n"
    )
    code, report = _check_no_spec(tmp_path, pg_server)
    assert [f["code"] for f in report["findings"]] == [] and code == 0
    (migrations / "004_tx.sql").write_text(
        "-- +goose Up\nALTER TYPE mood ADD VALUE 'sad';\n"
        "INSERT INTO t (m) VALUES ('sad');\n"  # 55P04: unsafe use of new value in its transaction
        "-- +goose Down\nDELETE FROM t;\n"
    )
    code, report = _check_no_spec(tmp_path, pg_server)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and failed["location"]["line"] == 3
    assert "55P04" in failed["message"] and code == 1
    (migrations / "004_tx.sql").write_text(
        "-- +goose Up\nCREATE TABLE u (v int);\nCREATE INDEX CONCURRENTLY u_v_idx ON u (v);\n"
        "-- +goose Down\nDROP TABLE u;\n"
    )
    code, report = _check_no_spec(tmp_path, pg_server)
    (failed,) = report["findings"]
    assert failed["code"] == "SC920" and failed["location"]["line"] == 3
    assert "25001" in failed["message"]


def _check_no_spec(root: Path, server: DatabaseServer) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--no-lint", "--dsn", server.dsn()]
    code = run([*argv, "--spec", str(_empty_spec(root)), "--format", "json"], out, err)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def _empty_spec(root: Path) -> Path:
    path = root / "empty.json"
    path.write_text('{"spec_version": 1, "schemas": {}}')
    return path
