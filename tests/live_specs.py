"""What the live snapshot and audit tests share: a schema applied from a migration file, a
`schemacheck snapshot` of it, a `schemacheck audit` against a spec (as JSON), and statements
run on the database between them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import psycopg

from schemacheck.cli import run
from schemacheck.embedded import apply_sql_files


def apply_migration(dsn: str, path: Path, sql: str) -> Path:
    """`sql` written to the migration file `path` (its folder made) and applied; `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sql, "utf-8")
    apply_sql_files(dsn, [path])
    return path


def snapshot(dsn: str, path: Path) -> dict[str, Any]:
    """`schemacheck snapshot` of the database into `path`, and what it wrote."""
    out, err = io.StringIO(), io.StringIO()
    assert run(["snapshot", "--dsn", dsn, "-o", str(path)], out, err) == 0, err.getvalue()
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return doc


def audit(dsn: str, spec: Path) -> tuple[int, list[dict[str, Any]]]:
    """`schemacheck audit` of the database against `spec`: its exit code and findings."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["audit", "--dsn", dsn, "--spec", str(spec), "--format", "json"], out, err)
    assert out.getvalue(), err.getvalue()
    findings: list[dict[str, Any]] = json.loads(out.getvalue())["findings"]
    return code, findings


def execute(dsn: str, *statements: str) -> None:
    """Run each statement on the database, autocommit."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def assert_one_mismatch(
    dsn: str, spec: Path, change: str, obj: str, attribute: str, expected: str, actual: str
) -> None:
    """After `change`, an audit against `spec` gives exactly one finding: SC902 on `obj`,
    saying its `attribute` is `actual` where `expected` was expected."""
    execute(dsn, change)
    code, findings = audit(dsn, spec)
    assert [(f["code"], f["object"]) for f in findings] == [("SC902", obj)]
    assert code == 1
    kind, qualified = obj.split(" ", 1)
    assert findings[0]["message"] == (
        f"{kind} {qualified}: {attribute} is {actual}, expected {expected}"
    )
