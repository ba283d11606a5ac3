"""SC042 against PostgreSQL 15 and 18: every type change it reports is one PostgreSQL refuses
without USING (42804, cannot be cast automatically), and every other change of a column between
the types it knows runs.

The pair test lints one migration that makes a table per (current type, new type) pair and
changes its column without USING, then runs that migration statement by statement: the lines
SC042 reports must be exactly the ALTERs PostgreSQL refuses with 42804, and any other error
fails the test. The case test runs `tests/rules/cases/SC042/` the same way: the lines a case
expects SC042 on are exactly those PostgreSQL refuses (a rollback after its forward files).
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from case_projects import forward_files, rulecases, version

from schemacheck.ddl import parse_bytes, parse_text
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_files

_cases = rulecases()
CASES: Path = _cases.CASES / "SC042"

# the types the rule knows, as migrations spell them (several spellings of some)
TYPES = (
    "text",
    "varchar(20)",
    "character varying",
    "char(12)",
    "bpchar",
    "name",
    "citext",
    "int2",
    "integer",
    "bigint",
    "numeric(12, 2)",
    "real",
    "double precision",
    "boolean",
    "date",
    "time",
    "timetz",
    "timestamp(3)",
    "timestamptz",
    "interval",
    "json",
    "jsonb",
    "uuid",
    "inet",
    "cidr",
    "macaddr",
    "bytea",
    "mood",
    "public.other_mood",
    "email_address",
    "public_key",
    "small_count",
    "text[]",
    "varchar(10)[]",
    "int[]",
    "uuid[]",
    "mood[]",
)
SETUP = (
    "CREATE EXTENSION IF NOT EXISTS citext;\n"
    "CREATE TYPE mood AS ENUM ('calm', 'tense');\n"
    "CREATE TYPE other_mood AS ENUM ('calm', 'tense');\n"
    "CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');\n"
    "CREATE DOMAIN public_key uuid NOT NULL;\n"
    "CREATE DOMAIN small_count AS int2 CHECK (VALUE >= 0);\n"
)
# what SC042 must report and must not, as the rule's page promises
MUST_REPORT = (
    ("text", "uuid"),
    ("varchar(20)", "integer"),
    ("text", "jsonb"),
    ("name", "timestamptz"),
    ("citext", "uuid"),
    ("text", "mood"),
    ("text", "int[]"),
    ("integer", "boolean"),
    ("bigint", "boolean"),
    ("boolean", "integer"),
    ("mood", "public.other_mood"),
    ("email_address", "public_key"),
    ("integer", "public_key"),
)
MUST_NOT_REPORT = (
    ("varchar(20)", "text"),
    ("integer", "bigint"),
    ("bigint", "numeric(12, 2)"),
    ("timestamp(3)", "timestamptz"),
    ("text", "varchar(20)"),
    ("mood", "text"),
    ("integer", "text"),
    ("uuid", "text"),
    ("uuid", "email_address"),
    ("int[]", "text[]"),
    ("uuid", "public_key"),
    ("small_count", "bigint"),
)


def _pairs_migration() -> tuple[str, dict[int, tuple[str, str]]]:
    """The migration text, and the ALTER of each pair by line."""
    lines = SETUP.splitlines()
    alters: dict[int, tuple[str, str]] = {}
    n = 0
    for old in TYPES:
        for new in TYPES:
            if old == new:
                continue
            n += 1
            lines.append(f"CREATE TABLE p{n} (id bigint, c {old});")
            lines.append(f"ALTER TABLE p{n} ALTER COLUMN c TYPE {new};")
            alters[len(lines)] = (old, new)
    return "\n".join(lines) + "\n", alters


def _refused_lines(dsn: str, statements: list[tuple[int, str]], *, strict: bool) -> list[int]:
    """The lines of the statements PostgreSQL refuses with 42804, each run in autocommit;
    with `strict`, any other error fails the test."""
    refused: list[int] = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for line, text in statements:
            try:
                conn.execute(text.encode())
            except psycopg.errors.DatatypeMismatch as e:
                assert "cannot be cast automatically" in str(e), (line, text, e)
                refused.append(line)
            except psycopg.Error as e:
                assert not strict, (line, text, e)
    return refused


def _sc042_lines(files: list[SqlFile], path: str) -> list[int]:
    report = lint_files(files)
    return sorted(
        f.location.line
        for f in report.findings
        if f.code == "SC042" and f.location is not None and f.location.path == path
    )


def test_the_pairs_reported_are_exactly_those_postgresql_refuses(fresh_db_any: str) -> None:
    text, alters = _pairs_migration()
    path = "migrations/100_pairs.sql"
    migration = parse_text(text, path)
    reported = _sc042_lines([migration], path)
    statements = [(s.line, s.text) for s in migration.statements]
    refused = _refused_lines(fresh_db_any, statements, strict=True)
    assert set(reported) <= set(alters)
    assert reported == refused
    claimed = {alters[line] for line in reported}
    assert set(MUST_REPORT) <= claimed
    assert not set(MUST_NOT_REPORT) & claimed
    assert set(MUST_NOT_REPORT) <= set(alters.values())
    # both outcomes are common: the matrix tests the table, not one side of it
    assert 200 < len(claimed) < len(alters) - 200


def _expected(path: Path) -> list[int]:
    case = _cases.read_case(path, CASES)
    if case is None:
        return []
    # a statement refused is one line, whatever the number of its changes SC042 reports
    return sorted({line for code, line in case.raised if code == "SC042"})


def _statements(path: Path) -> list[tuple[int, str]]:
    return [(s.line, s.text) for s in parse_bytes(path.read_bytes(), path.name).statements]


def _checked(path: Path) -> bool:
    """A case file whose SC042 lines are all PostgreSQL refuses (the files that show what the
    rule leaves alone on purpose, as not known, are not)."""
    case = _cases.read_case(path, CASES)
    return case is not None and "SC042" in case.codes and "not_followed" not in path.name


def test_forward_cases_are_what_postgresql_refuses(fresh_db_any: str) -> None:
    files = sorted((CASES / "prerequisites").glob("*.sql"))
    files += sorted((CASES / "migrations").glob("*.sql"), key=version)
    refused: dict[str, list[int]] = {}
    for p in files:
        lines = _refused_lines(fresh_db_any, _statements(p), strict=_checked(p))
        if _checked(p):
            refused[p.name] = lines
    expected = {p.name: _expected(p) for p in files if _checked(p)}
    assert refused == expected
    assert any(refused.values()) and len(refused) >= 2


def _rollbacks() -> list[Path]:
    return sorted((CASES / "rollbacks").glob("*.sql"))


@pytest.mark.parametrize("rollback", _rollbacks(), ids=lambda p: p.name)
def test_rollback_case_is_what_postgresql_refuses(pg_any: DatabaseServer, rollback: Path) -> None:
    assert _checked(rollback)
    name = f"sc042_rollback_{version(rollback)}"
    dsn = pg_any.create_database(name)
    try:
        for p in forward_files(rollback):  # refused forward statements change nothing
            _refused_lines(dsn, _statements(p), strict=False)
        refused = _refused_lines(dsn, _statements(rollback), strict=True)
    finally:
        pg_any.drop_database(name)
    assert refused == _expected(rollback)
    assert refused  # each rollback case holds a refused change
