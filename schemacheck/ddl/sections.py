"""Migration files that hold their own rollback: dbmate's `-- migrate:up` / `-- migrate:down`
and goose's `-- +goose Up` / `-- +goose Down` sections.

The statements after the down marker undo the ones before it: they are judged as a rollback
paired with the up section (`SqlFile.down`), not as more forward changes. Both sections keep
the file's path and line numbers; the down section has the role `rollback`, the version of the
file and its own statement indices (0, 1, ...).

The tools also decide which transaction a file's statements run in (`tool_transactions`):
goose runs the Up part and the Down part each in a transaction of its own unless the file says
`-- +goose NO TRANSACTION`; dbmate each section unless its marker says `transaction:false`;
Flyway each migration unless it holds a statement Flyway knows cannot run in a transaction
(`flyway_autocommit`). `schemacheck.ddl.parse` marks the statements inside such a transaction
as it marks those inside BEGIN ... COMMIT (`Statement.in_transaction`, `transaction`), with the
tool's name (`Statement.transaction_tool`), and each file or section with its tool
(`SqlFile.tool`, `SqlFile.tool_transaction`). `refused_in_transaction` names the statements
PostgreSQL refuses inside a transaction block.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemacheck.ddl.lexer import Comment, blank_out, lex
from schemacheck.ddl.statement import SqlFile, Statement

# the comment's text after `--`: `migrate:up [options]`, `+goose Up`
_UP = re.compile(r"^\s*(?:migrate:up|\+goose\s+up)\b", re.I)
_DOWN = re.compile(r"^\s*(?:migrate:down|\+goose\s+down)\b", re.I)


def down_marker(text: str, comments: Sequence[Comment]) -> int | None:
    """The offset of the down marker of a file with both markers, up first (`comments` are
    the file's comments as the lexer found them); None when it has no sections. A marker is a
    `--` comment at the start of its line, as both tools read them (dbmate's
    `^--\\s*migrate:down`, goose's annotations "on their own line, no leading whitespace").
    The marker also ends a statement: the tools split the text there before running it."""
    up_seen = False
    for c in comments:
        if not text.startswith("--", c.start) or (c.start and text[c.start - 1] != "\n"):
            continue
        if not up_seen:
            up_seen = _UP.match(c.text) is not None
        elif _DOWN.match(c.text):
            return c.start
    return None


def split(f: SqlFile, down_line: int, down_transaction: bool = False) -> SqlFile:
    """`f` with the statements after `down_line` moved to its down section, which its tool
    runs in a transaction of its own when `down_transaction`. An empty down section (a
    migration that is not to be undone) makes none: the file has no rollback."""
    up = tuple(s for s in f.statements if s.line < down_line)
    down = tuple(
        _renumbered(s, i) for i, s in enumerate(s for s in f.statements if s.line > down_line)
    )
    if not down:
        return f
    section = dataclasses.replace(
        f,
        role="rollback",
        statements=down,
        problems=(),
        section="down",
        down=None,
        tool_transaction=down_transaction,
    )
    return dataclasses.replace(f, statements=up, down=section)


def _renumbered(s: Statement, index: int) -> Statement:
    return dataclasses.replace(s, index=index, parsed=s.parsed)


def section_text(text: str, which: str) -> str:
    """The part of a file's `text` that is section `which` (`up` or `down`), the rest blanked
    with its newlines kept (lines stay where they are); the whole text for a file without
    sections, as the tools run such a file whole as its up part (and have no down part)."""
    lexed = lex(text)
    at = down_marker(text, lexed.comments)
    if at is None:
        return text if which == "up" else ""
    return blank_out(text, [(at, len(text))] if which == "up" else [(0, at)])


def with_sections(files: Sequence[SqlFile]) -> list[SqlFile]:
    """`files` with each down section after its file."""
    out: list[SqlFile] = []
    for f in files:
        out.append(f)
        if f.down is not None:
            out.append(f.down)
    return out


# ---------------------------------------------------------------- the tools' transactions

# goose: `-- +goose NO TRANSACTION` anywhere in the file, on its own line, turns off the
# transaction goose opens around the file's Up part and around its Down part
_GOOSE_UP = re.compile(r"^\s*\+goose\s+up\b", re.I)
_GOOSE_NO_TXN = re.compile(r"^\s*\+goose\s+no\s+transaction\s*$", re.I)
# dbmate: `-- migrate:up transaction:false` (and `-- migrate:down transaction:false`), per section
_DBMATE_UP = re.compile(r"^\s*migrate:up(?:\s|$)")
_DBMATE_DOWN = re.compile(r"^\s*migrate:down(?:\s|$)")
_NO_TXN_OPTION = re.compile(r"(?:^|\s)transaction:false(?:\s|$)")
# Flyway: versioned `V1__x.sql`, undo `U1__x.sql` and repeatable `R__x.sql` migrations
_FLYWAY_NAME = re.compile(r"^(?:[VvUu]\d+(?:[._]\d+)*|R)__.*\.sql$")

# What Flyway reads as a statement that cannot run in a transaction (its PostgreSQL parser's
# `detectCanExecuteInTransaction`, on the statement upper-cased with its spaces collapsed): a
# migration holding one runs without a transaction. `ALTER TYPE ... ADD VALUE` counts only on
# PostgreSQL 11 and older, which schemacheck does not target.
_FLYWAY_AUTOCOMMIT = re.compile(
    r"^(?:(?:CREATE|DROP) (?:DATABASE|TABLESPACE|SUBSCRIPTION)"
    r"|ALTER SYSTEM"
    r"|(?:CREATE|DROP)(?: UNIQUE)? INDEX CONCURRENTLY"
    r"|REINDEX(?: VERBOSE)? (?:SCHEMA|DATABASE|SYSTEM)"
    r"|VACUUM"
    r"|DISCARD ALL)(?:\b|$)"
)


# how messages name each tool
TOOL_NAMES = {"goose": "goose", "dbmate": "dbmate", "flyway": "Flyway"}


@dataclass(frozen=True)
class ToolTransactions:
    """How the migration tool a file is written for runs it: `tool` is `goose` (a
    `-- +goose Up` annotation), `dbmate` (a `-- migrate:up` marker), `flyway` (a `V1__x.sql`,
    `U1__x.sql` or `R__x.sql` name) or empty (no tool known: the file runs as written);
    `up` and `down` say whether the tool runs the up part (the whole file, without sections)
    and the down part each in a transaction it opens and commits itself."""

    tool: str = ""
    up: bool = False
    down: bool = False

    def section(self, which: str) -> bool:
        return self.down if which == "down" else self.up


def flyway_autocommit(text: str) -> bool:
    """Whether Flyway reads a statement's `text` as one that cannot run in a transaction
    (and so runs the migration holding it without one)."""
    return _FLYWAY_AUTOCOMMIT.match(" ".join(text.split()).upper()) is not None


def tool_transactions(
    path: str, text: str, comments: Sequence[Comment], statements: Iterable[str]
) -> ToolTransactions:
    """The `ToolTransactions` of a file, from its name, its annotations (`comments`, as the
    lexer found them; only `--` comments at the start of their line count, as for the
    section markers) and its statements' texts (Flyway decides from them; read only for a
    Flyway migration)."""
    markers = [
        c.text
        for c in comments
        if text.startswith("--", c.start) and (c.start == 0 or text[c.start - 1] == "\n")
    ]
    if any(_GOOSE_UP.match(m) for m in markers):
        in_txn = not any(_GOOSE_NO_TXN.match(m) for m in markers)
        return ToolTransactions("goose", in_txn, in_txn)
    up = next((m for m in markers if _DBMATE_UP.match(m)), None)
    if up is not None:
        down = next((m for m in markers if _DBMATE_DOWN.match(m)), "")
        return ToolTransactions(
            "dbmate", not _NO_TXN_OPTION.search(up), not _NO_TXN_OPTION.search(down)
        )
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if _FLYWAY_NAME.match(name):
        in_txn = not any(flyway_autocommit(s) for s in statements)
        return ToolTransactions("flyway", in_txn, False)
    return ToolTransactions()


# the statement kinds `refused_in_transaction` may refuse
_REFUSED_KINDS = frozenset(
    {"create_index", "drop_index", "reindex", "alter_table", "vacuum", "create_database"}
    | {"drop_database", "create_tablespace", "drop_tablespace", "alter_database"}
    | {"alter_system", "discard", "cluster"}
)


def refused_in_transaction(s: Statement) -> str | None:
    """What PostgreSQL calls a statement it refuses to run inside a transaction block
    ("CREATE INDEX CONCURRENTLY cannot run inside a transaction block", SQLSTATE 25001), or
    None for a statement it runs there."""
    f = s.facts
    if s.kind not in _REFUSED_KINDS:
        return None
    if s.kind == "create_index" and f.concurrently:
        return "CREATE INDEX CONCURRENTLY"
    if s.kind == "drop_index" and f.concurrently:
        return "DROP INDEX CONCURRENTLY"
    if s.kind in ("create_index", "drop_index"):
        return None
    if s.kind == "alter_table":
        return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY" if f.concurrently else None
    words = [w.upper for w in s.words if w.kind == "word"]  # the rare kinds below only
    if s.kind == "reindex":
        if f.concurrently or "CONCURRENTLY" in words:
            return "REINDEX CONCURRENTLY"
        if f.object_type in ("schema", "database", "system"):
            return f"REINDEX {f.object_type.upper()}"
        return None
    if s.kind == "vacuum":
        return "VACUUM"
    if s.kind in ("create_database", "drop_database", "create_tablespace", "drop_tablespace"):
        return s.kind.replace("_", " ").upper()
    if s.kind == "alter_database" and "TABLESPACE" in words[3:]:
        return "ALTER DATABASE ... SET TABLESPACE"
    if s.kind == "alter_system":
        return "ALTER SYSTEM"
    if s.kind == "discard" and words[1:2] == ["ALL"]:
        return "DISCARD ALL"
    if s.kind == "cluster" and not _cluster_names_table(s):
        return "CLUSTER"  # of every table clustered before
    return None


def _cluster_names_table(s: Statement) -> bool:
    """Whether `CLUSTER [VERBOSE] [(options)] [table [USING index]]` names a table."""
    depth = 0
    rest: list[str] = []
    for w in s.words[1:]:
        if w.kind == "punct":
            depth += w.value.count("(") - w.value.count(")")
        elif depth == 0:
            rest.append(w.upper or w.value)
    return bool(rest[1:] if rest[:1] == ["VERBOSE"] else rest)


def opt_out(tool: str, section: str) -> str:
    """How a file written for `tool` asks it not to open a transaction around the part
    `section` (`up`, `down` or empty for a whole file)."""
    if tool == "goose":
        return "add `-- +goose NO TRANSACTION` to the file"
    if tool == "dbmate":
        which = "down" if section == "down" else "up"
        return f"write its marker as `-- migrate:{which} transaction:false`"
    if tool == "flyway":
        return "move it to a migration of its own, which Flyway runs outside a transaction"
    return "run it outside a transaction"


def outside_transaction_advice(s: Statement, section: str) -> str:
    """For advice to write a statement `CONCURRENTLY`: what else it takes where `s` runs in a
    transaction (`section`: its file's, `up`/`down`/empty); empty outside any."""
    if not s.in_transaction:
        return ""
    if not s.transaction_tool:
        return "; CONCURRENTLY also needs it moved out of BEGIN/COMMIT"
    name = TOOL_NAMES.get(s.transaction_tool, s.transaction_tool)
    return (
        f"; CONCURRENTLY cannot run in the transaction {name} runs this in, so also "
        f"{opt_out(s.transaction_tool, section)}"
    )
