"""The rule case projects under `tests/rules/cases/` applied to PostgreSQL: the case format
(`tests/rules/rulecases.py`, imported by its path) and the files that run before a rollback."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any


def rulecases() -> ModuleType:
    """tests/rules/rulecases.py (the case format), imported by its path once."""
    name = "rulecases"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).parent / "rules" / "rulecases.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def version(p: Path) -> int:
    """The version a case file's name starts with (`240_mood.sql` -> 240)."""
    return int(p.name.split("_", 1)[0])


def forward_files(rollback: Path) -> list[Path]:
    """What runs before a case rollback: its project's prerequisites, then its migrations up
    to the rollback's version."""
    root = rollback.parent.parent
    prerequisites = sorted((root / "prerequisites").glob("*.sql"))
    migrations = sorted(
        p for p in (root / "migrations").glob("*.sql") if version(p) <= version(rollback)
    )
    return [*prerequisites, *migrations]


def rule_messages(code: str, forward: str, rollback: str) -> list[str]:
    """The messages of rule `code` on a migration `forward` and its rollback, both as text."""
    from schemacheck.ddl import parse_bytes
    from schemacheck.lint import lint_files

    files = [
        parse_bytes(forward.encode(), "sql/migrations/0001_x.sql"),
        parse_bytes(rollback.encode(), "sql/rollbacks/0001_x.rollback.sql"),
    ]
    return [f.message for f in lint_files(files).findings if f.code == code]


def reported(code: str, project: Path) -> dict[str, dict[int, list[str]]]:
    """Rule `code`'s messages on a case project's files: file name -> line -> messages."""
    from schemacheck.ddl import parse_bytes
    from schemacheck.lint import lint_files

    cases = rulecases().CASES
    paths = sorted(project.rglob("*.sql"))
    files = [parse_bytes(p.read_bytes(), p.relative_to(cases).as_posix()) for p in paths]
    out: dict[str, dict[int, list[str]]] = {}
    for f in lint_files(files).findings:
        if f.code == code and f.location is not None:
            name = Path(f.location.path).name
            out.setdefault(name, {}).setdefault(f.location.line or 0, []).append(f.message)
    return out


def refused_details(dsn: str, path: Path) -> dict[int, str]:
    """Line -> PostgreSQL's detail, for each statement of `path` (run one by one, in autocommit)
    that PostgreSQL refuses because other objects depend on what it drops; any other error
    fails the test (the case would be testing nothing)."""
    import psycopg

    from schemacheck.ddl import parse_bytes

    refused: dict[int, str] = {}
    statements = parse_bytes(path.read_bytes(), path.name).statements
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.errors.DependentObjectsStillExist as exc:
                refused[s.line] = exc.diag.message_detail or ""
    return refused


def refused_and_reported(
    server: Any,
    rollback: Path,
    code: str,
    refusals: Callable[[str, Path], dict[int, Any]] | None = None,
) -> tuple[dict[int, Any], dict[int, list[str]]]:
    """Run a case rollback on a new database of `server` after its forward files, statement by
    statement: the lines PostgreSQL refuses (read by `refusals`, `refused_details` by default)
    are the lines the case expects rule `code` on, which are the lines it reports. Returns what
    `refusals` read and the rule's messages, by line."""
    from schemacheck.embedded import apply_sql_files

    project = rollback.parent.parent
    case = rulecases().read_case(rollback, project)
    assert case is not None and code in case.codes
    expected = sorted({line for c, line in case.raised if c == code})
    messages = reported(code, project).get(rollback.name, {})
    assert sorted(messages) == expected
    name = f"{code.lower()}_{project.name}_{version(rollback)}"
    dsn = server.create_database(name)
    try:
        apply_sql_files(dsn, forward_files(rollback))
        refused = (refusals or refused_details)(dsn, rollback)
    finally:
        server.drop_database(name)
    assert sorted(refused) == expected
    return refused, messages


def assert_refusals_are_reported(
    server: Any,
    rollback: Path,
    code: str,
    pg_dependents: Callable[[str], list[tuple[str, ...]]],
    rule_dependents: Callable[[list[str]], list[tuple[str, ...]]],
) -> None:
    """`refused_and_reported`, and on each refused line the dependents PostgreSQL names (read
    from its detail by `pg_dependents`) are the ones the rule's messages name (read by
    `rule_dependents`)."""
    refused, messages = refused_and_reported(server, rollback, code)
    for line, detail in refused.items():
        assert rule_dependents(messages[line]) == pg_dependents(detail), f"line {line}"


def scenario_sql(statements: tuple[str, ...]) -> str:
    """One file's text of `statements` (a `SELECT 1` for none)."""
    return "".join(f"{s};\n" for s in statements) or "SELECT 1;\n"


def scenario_findings(
    code: str, pre: tuple[str, ...], up: tuple[str, ...], down: tuple[str, ...]
) -> list[Any]:
    """Rule `code`'s findings on a prerequisite, a migration and its rollback, each given as
    statements."""
    from schemacheck.ddl import parse_text
    from schemacheck.lint import lint_files

    files = [
        parse_text(scenario_sql(pre), "prerequisites/001_base.sql"),
        parse_text(scenario_sql(up), "migrations/300_change.sql"),
        parse_text(scenario_sql(down), "rollbacks/300_change.rollback.sql"),
    ]
    return [f for f in lint_files(files).findings if f.code == code]
