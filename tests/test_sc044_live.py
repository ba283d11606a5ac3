"""SC044's cases run on PostgreSQL: each case file (a migration after the files before it, or a
loose file on its own) runs statement by statement in autocommit, and the lines PostgreSQL
refuses because something depends on what they drop or change (2BP01, 0A000, 42804) are
exactly the lines the case expects SC044 on, which are the lines it reports; each dependent a
message names is one PostgreSQL names in its error. On every PostgreSQL major the machine has.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import psycopg
import pytest
from case_projects import reported, rulecases, version

from schemacheck.ddl import discover, parse_bytes
from schemacheck.ddl.statement import Statement
from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.lint import lint_files
from schemacheck.rules import _common, get_rule
from schemacheck.rules._common import Objects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "lint"))

from corpus import generate

_cases = rulecases()
RULE_DIR: Path = _cases.CASES / "SC044"
REFUSED = {"2BP01", "0A000", "42804"}


def _project(path: Path) -> Path:
    """The project a case file belongs to: its role directory's parent, or the rule
    directory for a loose file."""
    return path.parent.parent if path.parent.name in _cases.ROLE_DIRS else path.parent


def _case_files() -> list[Path]:
    out = []
    for path in sorted(RULE_DIR.rglob("*.sql")):
        case = _cases.read_case(path, _project(path))
        if case is not None and ("SC044" in case.codes or "SC044" in case.absent):
            out.append(path)
    return out


CASE_FILES = _case_files()


def _before(path: Path) -> list[Path]:
    """What runs before a case file: for a migration its project's prerequisites and earlier
    migrations, for a loose file nothing."""
    if path.parent.name != "migrations":
        return []
    root = path.parent.parent
    prerequisites = sorted((root / "prerequisites").glob("*.sql"))
    earlier = sorted(p for p in (root / "migrations").glob("*.sql") if version(p) < version(path))
    return [*prerequisites, *earlier]


def _refused(dsn: str, path: Path) -> dict[int, str]:
    """Line -> PostgreSQL's message and detail, for each statement of `path` refused for a
    dependent; any other error fails the test."""
    out: dict[int, str] = {}
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in parse_bytes(path.read_bytes(), path.name).statements:
            try:
                conn.execute(s.text.encode())
            except psycopg.Error as exc:
                if exc.sqlstate not in REFUSED:
                    raise
                out[s.line] = f"{exc.diag.message_primary}\n{exc.diag.message_detail or ''}"
    return out


# the dependent a message names: `view public.v (`, `policy p on public.t (`, `trigger t on
# public.t (`, `public.t (made at ...) still references it`, `column public.t.c`, `a column of
# public.t`
_NAMED = re.compile(
    r"fails: (?:(?:view|materialized view|policy|trigger) (?:public\.)?(?P<name>\w+)|"
    r"(?:default of column|"
    r"a column of) public\.(?P<table>\w+)|public\.(?P<referencing>\w+) \(made)"
)


def _named(message: str) -> str:
    m = _NAMED.search(message)
    if m is None:
        return ""
    return m.group("name") or m.group("table") or m.group("referencing")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.relative_to(RULE_DIR).as_posix())
def test_case_is_what_postgresql_refuses(pg_any: DatabaseServer, path: Path) -> None:
    project = _project(path)
    case = _cases.read_case(path, project)
    assert case is not None
    expected = sorted({line for code, line in case.raised if code == "SC044"})
    messages = reported("SC044", project).get(path.name, {})
    assert sorted(messages) == expected
    name = f"sc044_{project.name}_{path.stem}".lower()
    dsn = pg_any.create_database(name)
    try:
        apply_sql_files(dsn, _before(path))
        refused = _refused(dsn, path)
    finally:
        pg_any.drop_database(name)
    assert sorted(refused) == expected
    for line, said in messages.items():
        for message in said:
            named = _named(message)
            if named:  # the default that cannot be cast: PostgreSQL names only the column
                assert named in refused[line], f"line {line}: {message} / {refused[line]}"


def test_the_cases_refuse_and_run() -> None:
    """The cases have lines refused in an earlier file's and in the same file's name, and
    files SC044 must stay silent on."""
    said = " ".join(
        m
        for path in CASE_FILES
        for lines in reported("SC044", _project(path)).values()
        for messages in lines.values()
        for m in messages
    )
    assert "made at 100_make.sql:" in said
    assert "(made at line " in said
    silent = [p for p in CASE_FILES if "SC044" in (_cases.read_case(p, _project(p)).absent)]
    assert len(silent) >= 4


def test_each_statement_is_collected_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SC044 builds the dependents up once per run, in file order: each statement of the
    prerequisites and migrations is collected once, not again for every migration after it
    (nor for every statement checked)."""
    generate(tmp_path / "corpus", 3000, seed=5, rollbacks=True)
    files = discover([tmp_path / "corpus"])
    calls = 0
    collect = _common._collect

    def counting(out: Objects, s: Statement) -> None:
        nonlocal calls
        calls += 1
        collect(out, s)

    monkeypatch.setattr(_common, "_collect", counting)
    lint_files(files, rules=[get_rule("SC044")])
    applied = [f for f in files if f.role in ("prerequisite", "migration")]
    statements = sum(len(f.statements) for f in applied)
    checked = sum(
        1
        for f in applied
        for s in f.statements
        if s.kind in ("drop_table", "drop_view", "drop_function", "drop_type")
        or s.kind == "alter_table"
    )
    assert len(applied) > 40 and checked > 40  # migrations with statements SC044 looks at
    assert 0 < calls <= statements, (calls, statements)


# A default's constant is cast to the new type of its column by assignment, whatever USING
# says: the defaults (numbers, booleans, strings, constants cast to a type), the column types
# they are set on and the types the column is changed to, each tried on PostgreSQL
DEFAULTS = (
    "0",
    "-1",
    "(0)",
    "((-7))",
    "+1",
    "0::int",
    "0::bigint",
    "1.5",
    "-1.5",
    "1e3",
    "true",
    "FALSE",
    "2147483647",
    "-2147483648",
    "3000000000",
    "99999999999999999999",
    "'5'",
    "'t'::boolean",
    "'a'::text",
    "TRUE::int",
    "0::numeric(10,2)",
)
OLD_TYPES = ("int", "bigint", "numeric", "boolean", "text", "smallint", "varchar(10)")
NEW_TYPES = (
    "boolean",
    "integer",
    "bigint",
    "numeric",
    "real",
    "text",
    "uuid",
    "date",
    "jsonb",
    "time",
    "interval",
    "varchar(5)",
    "text[]",
    "int[]",
    "shade",
)


def test_default_constant_casts_are_what_postgresql_refuses(pg_any: DatabaseServer) -> None:
    """Each (default, old type, new type) PostgreSQL makes a table of: a later migration
    changing the column to the new type (with USING) is refused for the default (42804,
    `default for column "c" cannot be cast automatically`) exactly on the lines SC044
    reports, and it reports both refusals and changes that run, for numbers and booleans as
    for strings."""
    dsn = pg_any.create_database("sc044_default_casts")
    try:
        made = ["CREATE TYPE shade AS ENUM ('light');"]
        changes: list[tuple[str, str]] = []  # (the change, what the default is)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(made[0])
            for default in DEFAULTS:
                for old in OLD_TYPES:
                    for new in NEW_TYPES:
                        table = f"t{len(changes)}"
                        create = f"CREATE TABLE {table} (c {old} DEFAULT {default});"
                        try:
                            conn.execute(create)
                        except psycopg.Error:
                            continue  # a default the column does not take: no case
                        made.append(create)
                        changes.append(
                            (f"ALTER TABLE {table} ALTER COLUMN c TYPE {new} USING NULL;", default)
                        )
            refused: set[int] = set()
            for line, (change, _) in enumerate(changes, start=1):
                try:
                    conn.execute(change)
                except psycopg.Error as exc:
                    assert exc.sqlstate == "42804", change
                    assert "default for column" in str(exc), change
                    refused.add(line)
    finally:
        pg_any.drop_database("sc044_default_casts")
    files = [
        parse_bytes("\n".join(made).encode(), "sql/migrations/100_make.sql"),
        parse_bytes("\n".join(c for c, _ in changes).encode(), "sql/migrations/110_change.sql"),
    ]
    findings = lint_files(files, rules=[get_rule("SC044")]).findings
    said = {f.location.line for f in findings if f.location is not None}
    assert said == refused
    numbers = {line for line, (_, d) in enumerate(changes, start=1) if "'" not in d}
    assert refused & numbers and numbers - refused  # numbers refused and cast, both
    assert refused - numbers and set(range(1, len(changes) + 1)) - numbers - refused
