"""The command line: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from schemacheck import __version__
from schemacheck.cli import run


def call(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_version_and_help_exit_zero() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "schemacheck", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"schemacheck {__version__}"
    proc = subprocess.run(
        [sys.executable, "-m", "schemacheck", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert "Exit codes" in proc.stdout


def test_no_command_prints_help_and_exits_2() -> None:
    code, out, _ = call()
    assert code == 2
    assert "usage: schemacheck" in out


def test_unknown_flag_is_one_line_exit_2() -> None:
    code, _, err = call("--bogus")
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("schemacheck: error:") and "--bogus" in err


def test_a_command_usage_error_names_the_command_once() -> None:
    code, _, err = call("explain")
    assert code == 2
    assert err == "schemacheck: error: explain: the following arguments are required: RULE\n"
    code, _, err = call("check", "--format", "xml")
    assert code == 2 and err.startswith("schemacheck: error: check: argument --format")


def test_check_takes_the_target_version_as_lint_does(tmp_path: Path) -> None:
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "001_t.sql").write_text("CREATE TABLE t (id int);\n")
    for command in ("lint", "check"):
        where = [str(tmp_path)] if command == "lint" else ["--sql", str(tmp_path)]
        code, out, err = call(command, *where, "--target-version", "99")
        assert code == 2 and out == ""
        assert (
            err == "schemacheck: error: --target-version: PostgreSQL 99 is not supported (10..18)\n"
        )


def test_missing_spec_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    code, _, err = call("validate-spec", str(missing))
    assert code == 2
    assert str(missing) in err and err.count("\n") == 1


def test_invalid_spec_lists_json_path(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    spec = {"spec_version": 1, "schemas": {"public": {"tables": {"t": {"strict": "yes"}}}}}
    bad.write_text(json.dumps(spec))
    code, _, err = call("validate-spec", str(bad))
    assert code == 2
    assert "$.schemas.public.tables.t.strict" in err
    assert "Traceback" not in err
