"""Applying migration files as their tool sends them, for `schemacheck check`.

Some tools send a whole file or section to PostgreSQL as ONE query (the simple protocol, several
statements in one string): golang-migrate (`NNN_x.up.sql` / `.down.sql`) and dbmate's
`transaction:false` sections. PostgreSQL runs such a query as one implicit transaction block,
so a `CREATE INDEX CONCURRENTLY` among several statements fails with 25001, and a BEGIN/COMMIT
in the file changes where the block ends. `ToolPart.one_query` names the tool of such a part,
and `apply_parts` sends it as one query too, so what PostgreSQL answers is what check reports.
Diesel sends each `up.sql` / `down.sql` as one query (`batch_execute`), inside a transaction
of its own unless the migration's `metadata.toml` says `run_in_transaction = false`: inside
BEGIN ... COMMIT when `ToolPart.transaction`. Prisma (current releases, see
`schemacheck.ddl.sections`) sends each statement of a `migration.sql` as a query of its own,
autocommit, the rows written after a `COPY ... FROM stdin` with it, and the whole migration as
one query when its statement splitter fails on it (`sections.prisma_sends_whole`).

goose cuts a file into statements its own way (`schemacheck.goose_parse`: at every line ending
in `;` outside `-- +goose StatementBegin` ... `StatementEnd`), and refuses some files outright.
`apply_parts` sends a goose file's up or down section statement by statement as goose cuts it,
inside one transaction unless the file says `-- +goose NO TRANSACTION`, and a file goose
refuses fails at the line the refusal comes from, running nothing. goose's ENVSUB
substitution (`schemacheck.goose_envsub`) comes first, as goose substitutes each line before
it cuts.
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
from schemacheck.ddl.sections import (
    ONE_QUERY,
    TOOL_NAMES,
    prisma_migration,
    prisma_sends_whole,
    refused_in_transaction,
    section_text,
)
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import (
    SqlPart,
    SqlStatement,
    TransactionWatch,
    apply_sql_files,
    apply_sql_text,
    connect,
    execute_statement,
    read_sql,
    split_statements,
)
from schemacheck.errors import DatabaseError, InputError, SqlExecutionError
from schemacheck.flyway_placeholders import flyway_migration, substitute_migration
from schemacheck.goose_envsub import (
    GOOSE_ENVSUB,
    GOOSE_UP,
    UnsetVariable,
    envsub,
)
from schemacheck.goose_parse import Piece, goose_section

__all__ = ["ToolPart", "apply_parts", "one_query_tool"]


@dataclass(frozen=True)
class ToolPart(SqlPart):
    """A part (`SqlPart`) and, when its tool sends it to PostgreSQL as one query, that tool
    (`golang-migrate`, `dbmate`, `diesel`, `prisma`); empty when the tool sends it statement
    by statement."""

    one_query: str = ""


def one_query_tool(f: SqlFile) -> str:
    """The tool that sends the file or section `f` to PostgreSQL as one query: golang-migrate
    each of its files, dbmate a section whose marker says `transaction:false` (known from the
    parse: such a section is in no transaction of dbmate's own, or in PostgreSQL's implicit
    one), Diesel each of its files, Prisma a migration its statement splitter fails on; empty
    for every other part."""
    if f.tool in ("golang-migrate", "diesel"):
        return f.tool
    if f.tool == "prisma":
        metas = any(p.kind == "meta_command" for p in f.problems)
        sends_whole = prisma_sends_whole([s.text for s in f.statements], has_meta_command=metas)
        return f.tool if sends_whole else ""
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
    file (`-- +goose Up`) statement by statement as goose cuts its up or down section, in
    goose's transaction, after substituting `env` (default: this process's environment) where
    it says `ENVSUB ON`; every other part as `schemacheck.embedded.apply_sql_files` does.
    Returns the variables substituted empty (appended to `notes` when given, so they outlive a
    failure). Raises SqlExecutionError for a part that fails on the server (file and line),
    GooseRefused (a SqlExecutionError) for a goose file goose refuses to run,
    EnvSubstitutionError for a substitution goose refuses, and PlaceholderError for a Flyway
    placeholder with no value (a Flyway migration's placeholders are filled as Flyway fills
    them, `schemacheck.flyway_placeholders`)."""
    environment = os.environ if env is None else env
    notes = [] if notes is None else notes
    for item in parts:
        part = item if isinstance(item, SqlPart) else SqlPart(Path(item))
        tool = part.one_query if isinstance(part, ToolPart) else ""
        text = read_sql(part.path)
        goose = not tool and _GOOSE_FILE.search(text) is not None
        substituted = bool(GOOSE_ENVSUB.search(text) and GOOSE_UP.search(text))
        if not tool and not goose and prisma_migration(str(part.path)):
            _apply_prisma(dsn, part.path, text)
            continue
        flyway = not tool and not goose and flyway_migration(part.path)
        if flyway:  # its placeholders filled as Flyway fills them (PlaceholderError if not)
            replaced = substitute_migration(text, part.path, dsn, environment)
            flyway, text = replaced != text, replaced
        if not tool and not substituted and not goose and not flyway:
            apply_sql_files(dsn, [SqlPart(part.path, part.section, part.transaction)])
            continue
        if substituted:
            text = envsub(text, environment, str(part.path), notes)
        if goose:
            _apply_goose(dsn, part.path, text, up=part.section != "down")
            continue
        if part.section:
            text = section_text(text, part.section)
        if tool:
            sender = _sender(tool, part.section, part.transaction)
            send_one_query(dsn, part.path, text, sender, part.transaction)
        else:
            apply_sql_text(dsn, part.path, text, part.transaction)
    return notes


# a goose file: a `-- +goose Up` annotation at the start of a line (as `schemacheck.ddl.sections`
# tells a goose file; goose itself then refuses such a line with more after `Up`)
_GOOSE_FILE = re.compile(r"^--[ \t]*\+goose[ \t]+up\b", re.I | re.M)


def _sender(tool: str, section: str, transaction: bool = False) -> str:
    name = TOOL_NAMES.get(tool, tool)
    if tool == "dbmate":
        which = "down" if section == "down" else "up"
        return f"{name} sends this migrate:{which} section (transaction:false) as one query"
    if tool == "diesel" and transaction:
        return f"{name} sends this file as one query, inside a transaction of its own"
    if tool == "prisma":
        return (
            f"{name} sends this migration as one query (its statement splitter fails on "
            "DROP INDEX CONCURRENTLY and on psql meta-commands, and then it sends the script "
            "whole)"
        )
    return f"{name} sends this file as one query"


# ------------------------------------------------------------------------- one query


def send_one_query(dsn: str, path: Path, text: str, sender: str, transaction: bool = False) -> None:
    """Send `text` (a file, or one section with the rest blanked) as one query, autocommit,
    in a session of its own, or inside BEGIN ... COMMIT when `transaction` (the tool opens a
    transaction around the query: Diesel). A failure raises SqlExecutionError at the line
    PostgreSQL's error position gives, else at the statement that fails (found again
    statement by statement inside a transaction that is rolled back, when the text holds no
    transaction control of its own), else at its first statement; the message ends with
    `sender`. A psql meta-command in the text is sent too, as the tools send it (PostgreSQL
    refuses it)."""
    try:
        statements = split_statements(text, str(path))
    except InputError:  # a psql meta-command: the server answers for it
        statements = [SqlStatement(text, 0, _first_text_line(text))]
    if not statements:
        return
    with connect(dsn) as conn:
        try:
            if transaction:
                conn.execute("BEGIN")  # the tool's own
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
        if transaction and conn.info.transaction_status == TransactionStatus.INTRANS:
            conn.execute("COMMIT")  # the tool's own (the file's BEGIN only warned)
            return
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


def _first_text_line(text: str) -> int:
    stripped = text.lstrip()
    return text.count("\n", 0, len(text) - len(stripped)) + 1


# ------------------------------------------------------------------------- as Prisma sends it


def _apply_prisma(dsn: str, path: Path, text: str) -> None:
    """A Prisma migration as current Prisma sends it: each statement as a query of its own,
    autocommit, in one session (a BEGIN in the file opens a transaction the statements after
    it run in, as written). A `COPY ... FROM stdin` goes with the rows written after it, as
    SQL: PostgreSQL refuses them (42601). A failure raises SqlExecutionError at the line of
    PostgreSQL's error position, else at the statement's first line."""
    statements = split_statements(text, str(path))
    with connect(dsn) as conn:
        watch = TransactionWatch(conn, tool=False)
        for i, statement in enumerate(statements):
            if statement.data is None:
                query = statement.text
            else:  # the statement, its rows and the `\.` after them
                stop = statements[i + 1].offset if i + 1 < len(statements) else len(text)
                query = text[statement.offset : stop]
            try:
                conn.execute(query, prepare=False)
            except psycopg.Error as exc:
                if exc.sqlstate is None or conn.broken:
                    raise DatabaseError(
                        f"{path}:{statement.line}: lost the database: {_first_line(str(exc))}"
                    ) from None
                at = _error_line(exc, query)
                line = statement.line if at is None else statement.line + at - 1
                raise SqlExecutionError(
                    str(path),
                    line,
                    f"{_message(exc)}; Prisma sends each statement of this migration as a "
                    "query of its own",
                ) from None
            watch.ran(statement.line)
        watch.end(path)


# ------------------------------------------------------------------------- as goose cuts it


def _apply_goose(dsn: str, path: Path, text: str, up: bool) -> None:
    """The up (or down) section of goose file `text` as goose runs it: each statement goose
    cuts (`schemacheck.goose_parse`) sent as one query, inside BEGIN ... COMMIT unless the file
    says `-- +goose NO TRANSACTION` (a COMMIT among the statements ends it early, as it does
    goose's). A file goose refuses raises GooseRefused before anything runs; a statement
    PostgreSQL refuses, SqlExecutionError at the line of its error position, else at the
    statement's first line."""
    section = goose_section(text, up, str(path))
    pieces = [p for p in section.pieces if p.sql]
    with connect(dsn) as conn:
        watch = TransactionWatch(conn, section.transaction and bool(pieces))
        for piece in pieces:
            try:
                conn.execute(piece.sql, prepare=False)
            except psycopg.Error as exc:
                if conn.broken:
                    raise DatabaseError(
                        f"{path}:{piece.first}: lost the database: {_first_line(str(exc))}"
                    ) from None
                raise _goose_failure(path, piece, exc) from None
            watch.ran(piece.first)
        watch.end(path, "section")


def _goose_failure(path: Path, piece: Piece, exc: psycopg.Error) -> SqlExecutionError:
    at = _error_line(exc, piece.sql)
    line = piece.first if at is None else piece.first + at - 1
    lines = (
        f"line {piece.first}" if piece.last <= piece.first else f"lines {piece.first}-{piece.last}"
    )
    message = _message(exc) if exc.sqlstate else _first_line(str(exc))
    return SqlExecutionError(str(path), line, f"{message}; goose sends {lines} as one statement")
