"""The exact lint findings on the Batch 3 files, pinned.

`tests/golden/batch3_lint.json` holds every finding of `schemacheck lint sql --spec
expected/batch3.json` as (code, file, line, object). A change to a rule that moves these
shows up here as a diff to review; regenerate after review with
`SCHEMACHECK_UPDATE_GOLDEN=1 python3 -m pytest tests/test_lint_golden.py`.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from schemacheck.cli import run
from schemacheck.files import write_atomic

GOLDEN = Path(__file__).parent / "golden" / "batch3_lint.json"


@pytest.fixture(scope="module")
def batch3_report(repo_root: Path) -> tuple[int, dict[str, object]]:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(repo_root)
    try:
        code = run(
            ["lint", "sql", "--spec", "expected/batch3.json", "--no-cache", "--format", "json"],
            out,
            err,
        )
    finally:
        os.chdir(cwd)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def rows(report: dict[str, object]) -> list[list[object]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [
        [f["code"], f["location"]["path"], f["location"]["line"], f["object"]] for f in findings
    ]


def test_batch3_findings_match_the_golden_file(
    batch3_report: tuple[int, dict[str, object]],
) -> None:
    code, report = batch3_report
    actual = rows(report)
    if os.environ.get("SCHEMACHECK_UPDATE_GOLDEN"):
        write_atomic(str(GOLDEN), json.dumps(actual, indent=1) + "\n")
    expected = json.loads(GOLDEN.read_text())
    assert actual == expected
    # Statically, only what needs a database stays unchecked.
    not_checked = report["not_checked"]
    assert isinstance(not_checked, list) and len(not_checked) == 1
    assert not_checked[0].startswith("schema-version prerequisites")
    assert code == 1


@pytest.mark.parametrize(
    ("code", "path", "line", "obj"),
    [
        # the checklist's rollbacks drop with CASCADE
        (
            "SC003",
            "sql/rollbacks/118_oauth_encrypted_tokens.rollback.sql",
            4,
            "table public.oauth_connections",
        ),
        (
            "SC003",
            "sql/rollbacks/122_create_device_keys_and_key_exchanges.rollback.sql",
            4,
            "table public.key_exchanges",
        ),
        (
            "SC003",
            "sql/rollbacks/122_create_device_keys_and_key_exchanges.rollback.sql",
            5,
            "table public.device_keys",
        ),
        # the smoke tests clean up by time window
        (
            "SC004",
            "sql/checks/smoke_3_key_exchange_audit_trail.sql",
            32,
            "table public.key_exchanges",
        ),
        ("SC004", "sql/checks/smoke_4_e2ee_message.sql", 39, "table public.messages"),
        # migration 119 locks the live messages table
        (
            "SC001",
            "sql/migrations/119_add_message_encryption.sql",
            12,
            "index public.idx_messages_encryption_version",
        ),
        (
            "SC002",
            "sql/migrations/119_add_message_encryption.sql",
            8,
            "constraint public.messages.chk_messages_encryption_version_valid",
        ),
    ],
)
def test_the_checklist_hazards_are_among_them(
    batch3_report: tuple[int, dict[str, object]], code: str, path: str, line: int, obj: str
) -> None:
    _, report = batch3_report
    assert [code, path, line, obj] in rows(report)
