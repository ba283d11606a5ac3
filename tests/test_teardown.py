"""The console entry point ends a lint without freeing what it parsed (`schemacheck.teardown`):
the report still reaches stdout whole, with the lint's exit code, and called as a library
nothing is kept alive."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from schemacheck import teardown
from schemacheck.cli import run


def _lint_json(tmp_path: Path, sql: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(
        ["lint", "--cache-dir", str(tmp_path / "in-process"), "--format", "json", str(sql)],
        out,
        err,
    )
    return code, out.getvalue()


def test_console_lint_exits_early_with_the_whole_report(tmp_path: Path, repo_root: Path) -> None:
    sql = repo_root / "sql"
    code, expected = _lint_json(tmp_path, sql)
    assert code == 1  # the Batch 3 files have findings: the code must survive the early exit
    argv = [sys.executable, "-m", "schemacheck", "lint", "--format", "json"]
    argv += ["--cache-dir", str(tmp_path / "cache"), str(sql)]
    for _ in ("cold", "cached"):
        proc = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == code
        assert proc.stderr == ""
        assert json.loads(proc.stdout) == json.loads(expected)


def test_console_lint_into_a_closed_pipe_ends_quietly(tmp_path: Path, repo_root: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "schemacheck", "lint", "--no-cache", str(repo_root / "sql")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `schemacheck lint | head -0` would
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""
    assert "Traceback" not in err


def test_library_calls_keep_nothing(tmp_path: Path, repo_root: Path) -> None:
    _lint_json(tmp_path, repo_root / "sql")
    run(["lint", "--no-cache", str(repo_root / "sql")], io.StringIO(), io.StringIO())
    assert not teardown.anything_kept()
