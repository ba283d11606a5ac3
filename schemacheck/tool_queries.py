"""Applying migration files as their tool sends them, for `schemacheck check`.

Some tools send a whole file or section to PostgreSQL as ONE query (the simple protocol, several
statements in one string): golang-migrate (`NNN_x.up.sql` / `.down.sql`) and dbmate's
`transaction:false` sections. PostgreSQL runs such a query as one implicit transaction block,
so a `CREATE INDEX CONCURRENTLY` among several statements fails with 25001, and a BEGIN/COMMIT
in the file changes where the block ends. `ToolPart.one_query` names the tool of such a part,
and `apply_parts` sends it as one query too, so what PostgreSQL answers is what check reports.

goose substitutes environment references in the lines between `-- +goose ENVSUB ON` and
`-- +goose ENVSUB OFF` before it sends them (with github.com/mfridman/interpolate, one line at
a time). `envsub` does the same from check's own environment: `$VAR`, `${VAR}`,
`${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:offset[:length]}`,
`${VAR?message}` (unset: goose fails), `$$` and `\\$` for a `$`. An unset `$VAR` or `${VAR}`
becomes an empty string, as goose makes it, and is named (`UnsetVariable`); what goose refuses
(an unset `${VAR?...}`, a `$` not followed by a name) raises `EnvSubstitutionError`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

from schemacheck.ddl.parse import parse_text
from schemacheck.ddl.sections import ONE_QUERY, TOOL_NAMES, refused_in_transaction, section_text
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import (
    SqlPart,
    SqlStatement,
    apply_sql_files,
    execute_statement,
    split_statements,
)
from schemacheck.errors import DatabaseError, InputError, SqlExecutionError

__all__ = [
    "EnvSubstitutionError",
    "ToolPart",
    "UnsetVariable",
    "apply_parts",
    "envsub",
    "one_query_tool",
]


class EnvSubstitutionError(InputError):
    """goose would refuse to substitute the environment into a line (exit code 2): an unset
    variable written `${VAR?message}`, or a `$` not followed by a variable's name."""


@dataclass(frozen=True)
class UnsetVariable:
    """A variable goose's ENVSUB substitutes with an empty string, being unset: where."""

    path: str
    line: int
    name: str


@dataclass(frozen=True)
class ToolPart(SqlPart):
    """A part (`SqlPart`) and, when its tool sends it to PostgreSQL as one query, that tool
    (`golang-migrate`, `dbmate`); empty when the tool sends it statement by statement."""

    one_query: str = ""


def one_query_tool(f: SqlFile) -> str:
    """The tool that sends the file or section `f` to PostgreSQL as one query: golang-migrate
    each of its files, dbmate a section whose marker says `transaction:false` (known from the
    parse: such a section is in no transaction of dbmate's own, or in PostgreSQL's implicit
    one); empty for every other part."""
    if f.tool == "golang-migrate":
        return f.tool
    if f.tool == "dbmate" and (
        not f.tool_transaction or any(s.transaction_tool.endswith(ONE_QUERY) for s in f.statements)
    ):
        return f.tool
    return ""


def apply_parts(
    dsn: str,
    parts: Iterable[Path | str | SqlPart],
    env: Mapping[str, str] | None = None,
    notes: list[UnsetVariable] | None = None,
) -> list[UnsetVariable]:
    """Apply each part as its tool does: a `ToolPart` with `one_query` as one query, a goose
    file with `ENVSUB ON` after substituting `env` (default: this process's environment),
    every other part as `schemacheck.embedded.apply_sql_files` does. Returns the variables
    substituted empty (appended to `notes` when given, so they outlive a failure). Raises
    SqlExecutionError for a part that fails on the server (file and line), and
    EnvSubstitutionError for a substitution goose refuses."""
    environment = os.environ if env is None else env
    notes = [] if notes is None else notes
    for item in parts:
        part = item if isinstance(item, SqlPart) else SqlPart(Path(item))
        tool = part.one_query if isinstance(part, ToolPart) else ""
        text = _read(part.path)
        substituted = bool(_GOOSE_ENVSUB.search(text) and _GOOSE_UP.search(text))
        if not tool and not substituted:
            apply_sql_files(dsn, [SqlPart(part.path, part.section, part.transaction)])
            continue
        if substituted:
            text = envsub(text, environment, str(part.path), notes)
        if part.section:
            text = section_text(text, part.section)
        if tool:
            send_one_query(dsn, part.path, text, _sender(tool, part.section))
        else:
            _apply_statements(dsn, part.path, text, part.transaction)
    return notes


def _sender(tool: str, section: str) -> str:
    name = TOOL_NAMES.get(tool, tool)
    if tool == "dbmate":
        which = "down" if section == "down" else "up"
        return f"{name} sends this migrate:{which} section (transaction:false) as one query"
    return f"{name} sends this file as one query"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


# ------------------------------------------------------------------------- one query


def send_one_query(dsn: str, path: Path, text: str, sender: str) -> None:
    """Send `text` (a file, or one section with the rest blanked) as one query, autocommit,
    in a session of its own. A failure raises SqlExecutionError at the line PostgreSQL's
    error position gives, else at the statement that fails (found again statement by statement
    inside a transaction that is rolled back, when the text holds no transaction control of
    its own), else at its first statement; the message ends with `sender`."""
    statements = split_statements(text, str(path))
    if not statements:
        return
    with _connect(dsn) as conn:
        try:
            conn.execute(text, prepare=False)
        except psycopg.Error as exc:
            if exc.sqlstate is None or conn.broken:
                raise DatabaseError(
                    f"{path}:{statements[0].line}: lost the database: {_first_line(str(exc))}"
                ) from None
            line = _error_line(exc, text)
            if line is None:
                if conn.info.transaction_status != TransactionStatus.IDLE:
                    conn.execute("ROLLBACK")
                line = _failing_line(conn, statements, exc.sqlstate)
            raise SqlExecutionError(str(path), line, f"{_message(exc)}; {sender}") from None
        if conn.info.transaction_status == TransactionStatus.INTRANS:
            opened = next(
                (s.line for s in reversed(statements) if _BEGIN.match(s.text)),
                statements[0].line,
            )
            conn.execute("ROLLBACK")
            raise SqlExecutionError(
                str(path),
                opened,
                "transaction opened here is never committed (the file ends without COMMIT)",
            )


_BEGIN = re.compile(r"(?:BEGIN|START\s+TRANSACTION)\b", re.I)
_CONTROL = re.compile(
    r"(?:BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION"
    r"|SAVEPOINT|RELEASE)\b",
    re.I,
)


def _failing_line(
    conn: psycopg.Connection[Any], statements: Sequence[SqlStatement], sqlstate: str
) -> int:
    """The line of the statement that fails with `sqlstate` when `statements` run one by one
    inside a transaction that is then rolled back (PostgreSQL rolled the whole query back, so
    the database is as it was before it). A text with transaction control of its own may have
    committed part of itself: then, for 25001, the first statement PostgreSQL refuses inside
    a transaction block; else the first statement."""
    first = statements[0].line
    if any(_CONTROL.match(s.text) for s in statements):
        if sqlstate == "25001":
            refused = (s.line for s in statements if _refused_in_block(s.text))
            return next(refused, first)
        return first
    conn.execute("BEGIN")
    try:
        for s in statements:
            try:
                conn.execute("SAVEPOINT schemacheck_replay")
                execute_statement(conn, s)
                conn.execute("RELEASE SAVEPOINT schemacheck_replay")
            except psycopg.Error as exc:
                if exc.sqlstate == sqlstate:
                    return s.line
                conn.execute("ROLLBACK TO SAVEPOINT schemacheck_replay")
        return first
    finally:
        if not conn.broken:
            conn.execute("ROLLBACK")


# what PostgreSQL refuses to run inside a transaction block (25001), on the statement's words
def _refused_in_block(text: str) -> bool:
    """PostgreSQL refuses the statement `text` inside a transaction block (as lint reads it:
    `refused_in_transaction`)."""
    return any(refused_in_transaction(s) for s in parse_text(text).statements)


def _error_line(exc: psycopg.Error, text: str) -> int | None:
    position = exc.diag.statement_position
    if position and position.isdigit():
        return text.count("\n", 0, int(position) - 1) + 1
    return None


def _message(exc: psycopg.Error) -> str:
    message = exc.diag.message_primary or _first_line(str(exc))
    return f"{' '.join(message.split())} (SQLSTATE {exc.sqlstate})"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _connect(dsn: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(dsn, autocommit=True)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to the database: {_first_line(str(exc))}") from None


# ------------------------------------------------------------------------- statement by statement


def _apply_statements(dsn: str, path: Path, text: str, transaction: bool) -> None:
    """`text` statement by statement as `schemacheck.embedded.apply_sql_files` runs a file:
    autocommit, or inside BEGIN ... COMMIT when its tool opens one (a COMMIT in the text ends
    it early)."""
    statements = split_statements(text, str(path))
    opened_at: int | None = None
    with _connect(dsn) as conn:
        if transaction and statements:
            conn.execute("BEGIN")
        for statement in statements:
            try:
                execute_statement(conn, statement)
            except psycopg.Error as exc:
                if exc.sqlstate is None or conn.broken:
                    raise DatabaseError(
                        f"{path}:{statement.line}: lost the database: {_first_line(str(exc))}"
                    ) from None
                at = _error_line(exc, text[statement.offset :])
                line = statement.line if at is None else statement.line + at - 1
                raise SqlExecutionError(str(path), line, _message(exc)) from None
            status = conn.info.transaction_status
            if status == TransactionStatus.IDLE:
                opened_at, transaction = None, False
            elif opened_at is None and not transaction:
                opened_at = statement.line
        if transaction and conn.info.transaction_status == TransactionStatus.INTRANS:
            conn.execute("COMMIT")
            opened_at = None
        if opened_at is not None:
            raise SqlExecutionError(
                str(path),
                opened_at,
                "transaction opened here is never committed (the file ends without COMMIT)",
            )


# ------------------------------------------------------------------------- goose ENVSUB

# goose's annotations: a line starting with `--` that holds `+goose` (goose reads the rest,
# case-insensitively, after removing the `--` and the `+goose`)
_GOOSE_ENVSUB = re.compile(r"^--[ \t]*\+goose[ \t]+envsub[ \t]+on[ \t]*\r?$", re.I | re.M)
_GOOSE_UP = re.compile(r"^--[ \t]*\+goose[ \t]+up[ \t]*\r?$", re.I | re.M)


def _annotation(line: str) -> str | None:
    """The annotation a goose line holds, lower-cased with its spaces kept (`envsub on`,
    `statementbegin`), or None for a line that holds none."""
    if not line.strip().startswith("--") or "+goose" not in line:
        return None
    return line.replace("--", "").replace("+goose", "", 1).strip().lower()


def envsub(text: str, env: Mapping[str, str], source: str, notes: list[UnsetVariable]) -> str:
    """`text` (a goose migration) with the environment substituted into the lines goose
    substitutes: those between `-- +goose ENVSUB ON` and `OFF` that it sends (not the
    annotations, nor the comments and blank lines before a statement, which goose drops).
    Appends to `notes` each variable substituted empty because it is unset; raises
    EnvSubstitutionError (`file:line: ...`) where goose fails."""
    out: list[str] = []
    on = in_block = started = False
    empty = True  # no statement begun: goose drops comments and blank lines
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        cmd = _annotation(body)
        if cmd is not None:
            if cmd in ("up", "down"):
                started, empty = True, True
            elif cmd == "statementbegin":
                in_block = True
            elif cmd == "statementend":
                in_block, empty = False, True
            elif cmd in ("envsub on", "envsub off"):
                on = cmd == "envsub on"
            out.append(line)
            continue
        if (not started and not body.strip()) or (
            empty and (body.strip().startswith("--") or body == "")
        ):
            out.append(line)
            continue
        if on:
            body = _Interpolation(body, env, (source, number), notes).expand()
        out.append(body + ending)
        empty = False
        if not in_block and _ends_statement(body):
            empty = True
    return "".join(out)


def _ends_statement(line: str) -> bool:
    """goose's test for a line that ends a statement: its last word before a `--` word ends
    with `;`."""
    last = ""
    for word in line.split():
        if word.startswith("--"):
            break
        last = word
    return last.endswith(";")


class _Interpolation:
    """One line expanded as github.com/mfridman/interpolate does (its grammar, one pass)."""

    def __init__(
        self,
        text: str,
        env: Mapping[str, str],
        where: tuple[str, int],
        notes: list[UnsetVariable],
    ) -> None:
        self.text, self.env, self.where, self.notes = text, env, where, notes
        self.pos = 0

    def expand(self) -> str:
        return self._expression("")

    def _fail(self, what: str) -> EnvSubstitutionError:
        return EnvSubstitutionError(
            f"{self.where[0]}:{self.where[1]}: goose ENVSUB: {what}; goose refuses this line, "
            "so check does too"
        )

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _expression(self, stop: str) -> str:
        text, out = self.text, []
        while self.pos < len(text) and not (stop and text[self.pos] in stop):
            rest = text[self.pos : self.pos + 2]
            if rest == "\\\\":
                out.append("\\\\")
                self.pos += 2
            elif rest in ("\\$", "$$"):
                out.append("$")
                self.pos += 2
            elif rest == "$(":
                out.append("$(")
                self.pos += 2
            elif text[self.pos] == "$" and self.pos < len(text) - 1:
                out.append(self._expansion())
            else:
                start = self.pos
                self.pos += 1
                while self.pos < len(text) and text[self.pos] not in "$\\" + stop:
                    self.pos += 1
                out.append(text[start : self.pos])
        return "".join(out)

    def _identifier(self) -> str:
        start = self.pos
        if not self._peek().isalpha():
            found = self._peek() or "the end of the line"
            raise self._fail(f"a variable's name must start with a letter, found {found!r}")
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] == "_"
        ):
            self.pos += 1
        return self.text[start : self.pos]

    def _value(self, name: str) -> str | None:
        return self.env.get(name)

    def _plain(self, name: str) -> str:
        value = self._value(name)
        if value is None:
            unset = UnsetVariable(*self.where, name)
            if unset not in self.notes:
                self.notes.append(unset)
            return ""
        return value

    def _expansion(self) -> str:
        self.pos += 1  # the `$`
        if self._peek() != "{":
            return self._plain(self._identifier())
        self.pos += 1
        name = self._identifier()
        op = self._peek()
        if op == "}":
            self.pos += 1
            return self._plain(name)
        self.pos += 1
        value = self._value(name)
        if op == ":" and self._peek() == "-":
            self.pos += 1
            word = self._expression("}")
            result = value or word
        elif op == "-":
            word = self._expression("}")
            result = word if value is None else value
        elif op == "?":
            message = self._expression("}")
            if value is None:
                raise self._fail(f"${name}: {message or 'not set'}")
            result = value
        elif op == ":":
            result = self._substring(name, value or "")
        else:
            raise self._fail(f"${{{name}{op}...}} is not an expansion goose knows")
        if self._peek() != "}":
            raise self._fail(f"${{{name}...}} is not closed with }}")
        self.pos += 1
        return result

    def _substring(self, name: str, value: str) -> str:
        def number(stops: str) -> int:
            start = self.pos
            while self.pos < len(self.text) and self.text[self.pos] not in stops:
                self.pos += 1
            try:
                return int(self.text[start : self.pos].strip())
            except ValueError:
                raise self._fail(
                    f"${{{name}:...}}: {self.text[start : self.pos]!r} is not a number "
                    "(goose does not support ${VAR:?message})"
                ) from None

        start = number(":}")
        start = max(0, start + len(value) if start < 0 else start)
        start = min(start, len(value))
        if self._peek() != ":":
            return value[start:]
        self.pos += 1
        length = number("}")
        end = start + length if length >= 0 else max(start, len(value) + length)
        return value[start : min(end, len(value))]
