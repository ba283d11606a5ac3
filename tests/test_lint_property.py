"""Property: lint never crashes. Whatever bytes a SQL file holds (broken SQL, half statements,
stray quotes, psql meta-commands, bad UTF-8), parsing gives an `SqlFile`, linting gives a
`Report`, no rule fails on it, and the command line ends with exit code 0, 1 or 2 and a
message, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemacheck.cli import build_parser, run
from schemacheck.ddl import SqlFile, parse_bytes
from schemacheck.findings import Report, Severity
from schemacheck.lint import lint_files, lint_paths

_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

_KEYWORDS = [
    "CREATE",
    "ALTER",
    "DROP",
    "TABLE",
    "INDEX",
    "CONCURRENTLY",
    "UNIQUE",
    "IF",
    "NOT",
    "EXISTS",
    "ON",
    "FUNCTION",
    "RETURNS",
    "TRIGGER",
    "SETOF",
    "LANGUAGE",
    "plpgsql",
    "AS",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "END",
    "START",
    "TRANSACTION",
    "SAVEPOINT",
    "RELEASE",
    "TO",
    "DO",
    "EXTENSION",
    "POLICY",
    "TYPE",
    "ENUM",
    "ADD",
    "VALUE",
    "COLUMN",
    "CONSTRAINT",
    "VALIDATE",
    "CHECK",
    "FOREIGN",
    "KEY",
    "REFERENCES",
    "PRIMARY",
    "DEFAULT",
    "NULL",
    "VALID",
    "CASCADE",
    "SET",
    "DATA",
    "USING",
    "RENAME",
    "INSERT",
    "INTO",
    "VALUES",
    "UPDATE",
    "DELETE",
    "FROM",
    "WHERE",
    "SELECT",
    "WITH",
    "TRUNCATE",
    "VACUUM",
    "FULL",
    "CLUSTER",
    "LOCK",
    "GRANT",
    "COMMENT",
    "SECURITY",
    "DEFINER",
    "SCHEMA",
    "VIEW",
    "MATERIALIZED",
    "SEQUENCE",
    "ATOMIC",
    "EXECUTE",
    "FOR",
    "EACH",
    "ROW",
    "bigint",
    "uuid",
    "timestamp",
    "timestamptz",
    "varchar(255)",
    "now()",
]
_PIECES = [
    "(",
    ")",
    ",",
    ";",
    ";;",
    ".",
    "*",
    "=",
    "::",
    "'",
    "''",
    "'it''s; fine'",
    "E'\\'; x'",
    '"',
    '"Quoted Name"',
    "$$",
    "$body$",
    "$1",
    "$$ BEGIN RETURN NEW; END $$",
    "$a$ $b$ ; $b$ $a$",
    "-- schemacheck: ignore SC001 reason\n",
    "-- schemacheck: ignore-file all\n",
    "-- schemacheck: ignore\n",
    "-- comment ; with semicolon\n",
    "/*",
    "*/",
    "/* block ; comment */",
    "\\",
    "\\set x 1\n",
    "\\i other.sql\n",
    "\\gset\n",
    "\n",
    "\r\n",
    "\t",
    "é",
    "\u00a0",
    "\u2028",
    "😀",
    "\x00",
    "\ufeff",
    "[",
    "]",
    "{",
    "%",
    "?",
    "@",
    "#",
    "`",
]
_IDENT = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)
_TOKEN = st.one_of(
    st.sampled_from(_KEYWORDS),
    st.sampled_from(_PIECES),
    _IDENT,
    st.integers(-5, 10**12).map(str),
    st.text(max_size=6),
)
_SQL = st.lists(_TOKEN, max_size=60).flatmap(
    lambda toks: st.lists(
        st.sampled_from([" ", "", "\n"]), min_size=len(toks), max_size=len(toks)
    ).map(lambda seps: "".join(t + s for t, s in zip(toks, seps, strict=True)))
)
_REAL = Path(__file__).resolve().parent.parent / "sql" / "migrations"


def _statements_valid(f: SqlFile, data_len: int) -> None:
    lines = f.text.count("\n") + 1
    for s in f.statements:
        assert 1 <= s.line <= lines
        assert s.column >= 1
        assert s.end_line >= s.line
        assert s.kind
        assert s.text.strip()
    for p in f.problems:
        assert 1 <= p.line <= max(lines, 1)
        assert p.column >= 1
    assert data_len >= 0


def _lint_ok(f: SqlFile) -> Report:
    report = lint_files([f])
    assert isinstance(report, Report)
    assert report.command == "lint"
    failed = [n for n in report.not_checked if " failed: " in n]
    assert failed == [], failed
    for finding in report.findings:
        assert finding.code.startswith("SC")
        assert finding.location is not None
    return report


def _mangle(real: str, cut: int, insert: str) -> str:
    at = cut % (len(real) + 1)
    return real[:at] + insert + real[at:]


@_SETTINGS
@given(_SQL)
def test_grammar_fragments_parse_and_lint(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    f = parse_bytes(data, "sql/migrations/900_fuzz.sql")
    _statements_valid(f, len(data))
    _lint_ok(f)


@_SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_parse_and_lint(data: bytes) -> None:
    f = parse_bytes(data, "901_bytes.sql")
    _statements_valid(f, len(data))
    report = _lint_ok(f)
    try:
        data.decode("utf-8")
        valid = "\x00" not in data.decode("utf-8")
    except UnicodeDecodeError:
        valid = False
    if not valid:
        assert any(x.code == "SC036" for x in report.findings)


@_SETTINGS
@given(
    st.sampled_from(sorted(_REAL.glob("*.sql"))),
    st.integers(min_value=0),
    st.one_of(st.sampled_from(_PIECES), _SQL),
)
def test_real_migrations_mangled(path: Path, cut: int, insert: str) -> None:
    """A real migration with something spliced in anywhere: still a Report."""
    text = _mangle(path.read_text(encoding="utf-8"), cut, insert)
    f = parse_bytes(text.encode("utf-8", errors="surrogatepass"), f"sql/migrations/{path.name}")
    _statements_valid(f, len(text))
    _lint_ok(f)


def _has_lint_command() -> bool:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return "lint" in action.choices
    return False


_CLI_LINT = _has_lint_command()


@_SETTINGS
@given(data=st.one_of(_SQL.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()))
def test_lint_paths_and_cli_exit_codes(data: bytes) -> None:
    """Through the file system: `lint_paths`, and `schemacheck lint FILE` cold and then from
    the parse cache: exit 1 exactly when a finding is at least a warning (the default
    --fail-on), else 0; the same JSON report both times; never a traceback."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "120_fuzz.sql"
        path.write_bytes(data)
        config = Path(d) / "empty.toml"
        config.write_text("")
        report = lint_paths([str(path)])
        assert isinstance(report, Report)
        assert [n for n in report.not_checked if " failed: " in n] == []
        if not _CLI_LINT:
            return
        argv = ["lint", "--config", str(config), "--cache-dir", str(Path(d) / "cache")]
        argv += ["--format", "json", str(path)]
        outputs = []
        for _ in range(2):
            out, err = io.StringIO(), io.StringIO()
            code = run(argv, out, err)
            assert code in (0, 1, 2)
            assert "Traceback" not in err.getvalue()
            assert "internal error" not in err.getvalue()
            failing = any(f.severity >= Severity.WARNING for f in report.findings)
            assert code == (1 if failing else 0), err.getvalue()
            outputs.append(out.getvalue())
        assert outputs[0] == outputs[1]
        doc = json.loads(outputs[0])
        assert sorted(f["code"] for f in doc["findings"]) == sorted(f.code for f in report.findings)
