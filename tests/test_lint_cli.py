"""`schemacheck lint`, `rules` and `explain` through the command line: rule selection,
[tool.schemacheck] settings with flags on top, suppressions, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from schemacheck.cli import run
from schemacheck.rules import all_rules

MIGRATION = (
    "CREATE TABLE items (id bigint PRIMARY KEY, owner bigint);\n"
    "CREATE INDEX items_owner ON items (owner);\n"  # new table: no CONCURRENTLY needed
    "CREATE INDEX users_email ON users (email);\n"  # existing table: SC001
)
ROLLBACK = "DROP TABLE items CASCADE;\n"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test in its own directory, with the parse cache kept inside it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCHEMACHECK_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "sql" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "sql"


def lint(*argv: str) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["lint", *argv, "--format", "json"], out, err)
    text = out.getvalue()
    return code, (json.loads(text) if text else {}), err.getvalue()


def found(report: dict[str, Any]) -> list[tuple[str, str, int]]:
    return sorted(
        (f["code"], Path(f["location"]["path"]).name, f["location"]["line"])
        for f in report["findings"]
    )


def standard_tree(root: Path) -> Path:
    return tree(
        root,
        {
            "migrations/002_items.sql": MIGRATION,
            "rollbacks/002_items.rollback.sql": ROLLBACK,
        },
    )


def test_lint_reports_cascade_and_index_without_concurrently(isolated: Path) -> None:
    sql = standard_tree(isolated)
    code, report, err = lint(str(sql), "--select", "SC001,SC003")
    assert err == ""
    assert found(report) == [
        ("SC001", "002_items.sql", 3),
        ("SC003", "002_items.rollback.sql", 1),
    ]
    assert code == 1


def test_no_path_lints_the_sql_directory(isolated: Path) -> None:
    standard_tree(isolated)
    code, report, _ = lint("--select", "ban-cascade")
    assert found(report) == [("SC003", "002_items.rollback.sql", 1)]
    assert code == 1


def test_no_path_and_no_sql_directory_is_a_usage_error(isolated: Path) -> None:
    code, _, err = lint()
    assert code == 2
    assert err.count("\n") == 1 and "no PATH given" in err


def test_missing_path_names_it(isolated: Path) -> None:
    code, _, err = lint(str(isolated / "nope.sql"))
    assert code == 2
    assert "nope.sql" in err and err.count("\n") == 1


def test_unknown_rule_in_select_is_a_usage_error(isolated: Path) -> None:
    standard_tree(isolated)
    code, _, err = lint("--select", "SC999")
    assert code == 2
    assert "SC999" in err and err.count("\n") == 1


def test_ignore_flag_drops_rules(isolated: Path) -> None:
    sql = standard_tree(isolated)
    _, everything, _ = lint(str(sql))
    codes = {c for c, _, _ in found(everything)}
    assert {"SC001", "SC003"} <= codes
    _, report, _ = lint(str(sql), "--ignore", "SC001", "--ignore", "ban-cascade")
    left = {c for c, _, _ in found(report)}
    assert left == codes - {"SC001", "SC003"}


def test_fail_on_never_exits_zero_with_findings(isolated: Path) -> None:
    sql = standard_tree(isolated)
    code, report, _ = lint(str(sql), "--fail-on", "never")
    assert report["findings"] and code == 0


def test_pyproject_settings_apply_and_flags_win(isolated: Path) -> None:
    sql = standard_tree(isolated)
    (isolated / "pyproject.toml").write_text(
        "[tool.schemacheck]\n"
        'select = ["SC001", "SC003"]\n'
        'fail-on = "error"\n'
        'severity = { SC001 = "info", ban-cascade = "warning" }\n'
    )
    code, report, _ = lint(str(sql))
    severities = {f["code"]: f["severity"] for f in report["findings"]}
    assert severities == {"SC001": "info", "SC003": "warning"}
    assert code == 0  # nothing at error
    code, _, _ = lint(str(sql), "--fail-on", "warning")
    assert code == 1
    code, report, _ = lint(str(sql), "--select", "SC003")
    assert {f["code"] for f in report["findings"]} == {"SC003"}


def test_severity_off_turns_a_rule_off(isolated: Path) -> None:
    sql = standard_tree(isolated)
    (isolated / "pyproject.toml").write_text('[tool.schemacheck]\nseverity = { SC003 = "off" }\n')
    _, report, _ = lint(str(sql))
    assert "SC003" not in {f["code"] for f in report["findings"]}


def test_pyproject_paths_are_linted_when_no_path_given(isolated: Path) -> None:
    tree(isolated, {"migrations/002_items.sql": MIGRATION})
    other = isolated / "db"
    other.mkdir()
    (other / "rollback_003.rollback.sql").write_text(ROLLBACK)
    (isolated / "pyproject.toml").write_text('[tool.schemacheck]\npaths = ["db"]\n')
    _, report, _ = lint("--select", "SC001,SC003")
    assert {Path(f["location"]["path"]).parent.name for f in report["findings"]} == {"db"}


def test_bad_pyproject_key_is_one_line_naming_file_and_key(isolated: Path) -> None:
    standard_tree(isolated)
    (isolated / "pyproject.toml").write_text('[tool.schemacheck]\nfail_on = "error"\n')
    code, _, err = lint()
    assert code == 2
    assert err.count("\n") == 1
    assert "pyproject.toml" in err and "fail_on" in err and "fail-on" in err


def test_explicit_config_file(isolated: Path) -> None:
    sql = standard_tree(isolated)
    settings = isolated / "lint.toml"
    settings.write_text('[tool.schemacheck]\nselect = ["SC003"]\n')
    _, report, _ = lint(str(sql), "--config", str(settings))
    assert {f["code"] for f in report["findings"]} == {"SC003"}


def test_statement_suppression_hides_and_lists_the_finding(isolated: Path) -> None:
    sql = tree(
        isolated,
        {
            "migrations/002_items.sql": (
                "-- schemacheck: ignore SC001 users is tiny, built in a quiet hour\n"
                "CREATE INDEX users_email ON users (email);\n"
                "CREATE INDEX users_name ON users (name);\n"
            )
        },
    )
    _, report, _ = lint(str(sql), "--select", "SC001,SC034")
    assert found(report) == [("SC001", "002_items.sql", 3)]
    [hidden] = report["suppressed"]
    assert hidden["finding"]["code"] == "SC001"
    assert hidden["finding"]["location"]["line"] == 2
    assert "users is tiny" in hidden["reason"]


def test_unused_suppression_is_reported(isolated: Path) -> None:
    sql = tree(
        isolated,
        {
            "migrations/002_items.sql": (
                "-- schemacheck: ignore SC003\nCREATE INDEX users_email ON users (email);\n"
            )
        },
    )
    _, report, _ = lint(str(sql), "--select", "SC001,SC003,SC034")
    assert found(report) == [("SC001", "002_items.sql", 2), ("SC034", "002_items.sql", 1)]


def test_output_file_is_written_and_stdout_stays_empty(isolated: Path) -> None:
    sql = standard_tree(isolated)
    target = isolated / "report.sarif"
    out, err = io.StringIO(), io.StringIO()
    code = run(["lint", str(sql), "--format", "sarif", "-o", str(target)], out, err)
    assert code == 1 and out.getvalue() == "" and err.getvalue() == ""
    sarif = json.loads(target.read_text())
    results = sarif["runs"][0]["results"]
    assert "SC003" in {r["ruleId"] for r in results}


def test_bad_sql_in_one_statement_does_not_stop_the_others(isolated: Path) -> None:
    sql = tree(
        isolated,
        {
            "migrations/002_items.sql": (
                "CREATE TABLE ok (id bigint);\n"
                "CREATE TABLLE broken (;\n"
                "CREATE INDEX users_email ON users (email);\n"
            )
        },
    )
    code, report, err = lint(str(sql), "--select", "SC000,SC001")
    assert err == ""
    assert found(report) == [("SC000", "002_items.sql", 2), ("SC001", "002_items.sql", 3)]
    assert code == 1


def test_rules_lists_the_whole_catalogue() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["rules", "--format", "json"], out, err) == 0
    rows = json.loads(out.getvalue())
    assert [r["code"] for r in rows] == [r.code for r in all_rules()]
    assert len(rows) >= 30
    assert len({r["slug"] for r in rows}) == len(rows)
    assert all(r["help"] and r["applies_to"] for r in rows)
    out = io.StringIO()
    assert run(["rules"], out, err) == 0
    assert "ban-cascade" in out.getvalue()


def test_explain_prints_the_page_with_bad_and_good() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["explain", "ban-cascade"], out, err) == 0
    page = out.getvalue()
    assert page.startswith("# SC003 `ban-cascade`")
    assert "## Bad" in page and "## Good" in page


def test_explain_unknown_rule_exits_2() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["explain", "SC999"], out, err) == 2
    assert "SC999" in err.getvalue() and err.getvalue().count("\n") == 1


def test_a_directory_without_sql_files_is_an_input_error(isolated: Path) -> None:
    (isolated / "migrations").mkdir()
    (isolated / "migrations" / "README.md").write_text("not SQL\n")
    code, report, err = lint(str(isolated / "migrations"))
    assert code == 2 and report == {}
    assert err.count("\n") == 1 and "no .sql files" in err and "migrations" in err


def test_no_sqlglot_log_line_reaches_the_user(
    isolated: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """SQL that sqlglot reads only as a raw command (in parsing, in the static replay of
    `--spec`): what could not be read is reported in the report, never as sqlglot's own log
    lines about the placeholder statements the replay builds."""
    sql = tree(
        isolated,
        {
            "migrations/001_odd.sql": (
                "CREATE UNLOGGED TABLE su (id int) WITHOUT OIDS;\n"
                "CREATE TABLE k (id int) 32420VIEW junk;\n"
                "ALTER TABLE k ADD COLUMN c;\n"
            )
        },
    )
    (isolated / "spec.json").write_text('{"spec_version": 1, "schemas": {}}')
    caplog.set_level("DEBUG", logger="sqlglot")
    code, report, err = lint(str(sql), "--spec", "spec.json", "--no-cache")
    assert code == 1 and err == ""
    assert [r.getMessage() for r in caplog.records if r.name.startswith("sqlglot")] == []
    assert [n.split(": ", 1)[1].removeprefix(f"{isolated}/") for n in report["not_checked"]] == [
        "sql/migrations/001_odd.sql:2 create_table (clause not read: 32420VIEW junk)",
        "sql/migrations/001_odd.sql:3 alter_table (ADD COLUMN c)",
    ]
