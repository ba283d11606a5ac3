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
(`flyway_autocommit`). golang-migrate (files `NNN_x.up.sql` / `NNN_x.down.sql`; its PostgreSQL
drivers send a whole file as one query string without parameters) and dbmate with
`transaction:false` (one `Exec` of the section's text) send a file or section as ONE query:
PostgreSQL runs a query holding several statements as one implicit transaction block, so such
a part runs in a transaction when it holds more than one statement and no transaction control
of its own (`BEGIN`, `COMMIT`, ...: PostgreSQL's rules differ then, and the part is read as
written). sqlx names its files alike and runs each in a transaction unless it starts with
`-- no-transaction`: a file of several statements is in one under both tools; nothing is
claimed for a file of a single statement.

Diesel (`<version>_x/up.sql` and `down.sql`) runs a migration's file with one `batch_execute`
of its whole text (diesel_migrations' `run_sql_from_file`; PostgreSQL's simple query
protocol, so one query), inside a transaction of its own that also records the version
(`MigrationHarness::run_migration` / `revert_migration`: `conn.transaction(...)`) unless the
`metadata.toml` in the migration's folder says `run_in_transaction = false`
(`MigrationMetadata::run_in_transaction`, true by default; docs.diesel.rs, diesel 2.1 to
2.3). Without its transaction the file is one query again, in PostgreSQL's implicit
transaction when it holds several statements.

Prisma (`<timestamp>_x/migration.sql`) changed. Its schema engine used to send a
migration's script as ONE simple query (`apply_migration_script`: `client.simple_query(script)`
in prisma-engines' `sql-schema-connector/src/flavour/postgres`), so a CREATE INDEX
CONCURRENTLY among other statements failed with 25001 (prisma/prisma issue 14456, and 22922 on
the implicit transaction). Since prisma-engines pull request 5767 (merged February 2026,
"support CREATE INDEX CONCURRENTLY in migrations", reported as shipped in Prisma 7.4; 5799
did the same for the shadow database) it splits
the script into statements (`split_script_into_statements`, with sqlparser) and sends each as
a query of its own, autocommit: no transaction wraps the migration. When sqlparser fails on a
statement it falls back to sending the whole script as one query (prisma-engines pull request
5847, open: sqlparser 0.62 and older do not parse `DROP INDEX CONCURRENTLY`, so a migration
holding one and any other statement fails with 25001). schemacheck models current releases:
a Prisma migration runs statement by statement outside any transaction, unless it holds a
`DROP INDEX CONCURRENTLY` or a psql meta-command, which is no SQL (`prisma_sends_whole`), when
it is one query. Other statements sqlparser does not parse do the same, and are not known
here. Older Prisma releases (one query whatever the migration holds) are not modelled.

`schemacheck.ddl.parse` marks the statements inside such a transaction as it marks those inside
BEGIN ... COMMIT (`Statement.in_transaction`, `transaction`), with the tool's name
(`Statement.transaction_tool`, followed by `ONE_QUERY` for PostgreSQL's implicit transaction),
and each file or section with its tool (`SqlFile.tool`, `SqlFile.tool_transaction`).
`refused_in_transaction` names the statements PostgreSQL refuses inside a transaction block.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from schemacheck.ddl.lexer import Comment, blank_out, lex
from schemacheck.ddl.statement import SqlFile, Statement

# the comment's text after `--`: `migrate:up [options]`, `+goose Up`
_UP = re.compile(r"^\s*(?:migrate:up|\+goose\s+up)\b", re.I)
_DOWN = re.compile(r"^\s*(?:migrate:down|\+goose\s+down)\b", re.I)
# the same marker as a line of the file's text
_DOWN_LINE = re.compile(r"^--[ \t]*(?:migrate:down|\+goose[ \t]+down)\b", re.I | re.M)


def marks_down(text: str) -> bool:
    """A down marker (goose's, dbmate's) starts a line of `text`. A file without a down
    section that has one has an empty down section (`split` makes none)."""
    return _DOWN_LINE.search(text) is not None


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
# golang-migrate (and sqlx): `NNN_name.up.sql` and `NNN_name.down.sql`
_GOLANG_MIGRATE_NAME = re.compile(r"^\d+_.*\.(?:up|down)\.sql$", re.I)
# Prisma: `<timestamp>_<name>/migration.sql` (`0_init/migration.sql` for a baseline)
_PRISMA_FOLDER = re.compile(r"^\d+_")
# Diesel: `<version>_<name>/up.sql` and `down.sql`, the version digits and dashes
# (`2024-01-01-000000_x`, `00000000000000_diesel_initial_setup`)
_DIESEL_FOLDER = re.compile(r"^\d[\d-]*_")
# what Prisma's statement splitter (sqlparser) does not parse, so that Prisma sends the whole
# script as one query: DROP INDEX CONCURRENTLY (sqlparser 0.62 and older)
_PRISMA_UNSPLIT = re.compile(r"^DROP INDEX CONCURRENTLY\b")
# what ends, opens or nests a transaction: a part holding one is not read as one implicit block
_TRANSACTION_CONTROL = re.compile(
    r"^(?:BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK|END|ABORT|PREPARE\s+TRANSACTION"
    r"|SAVEPOINT|RELEASE)\b",
    re.I,
)

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
TOOL_NAMES = {
    "goose": "goose",
    "dbmate": "dbmate",
    "flyway": "Flyway",
    "golang-migrate": "golang-migrate",
    "prisma": "Prisma",
    "diesel": "Diesel",
}

# `Statement.transaction_tool` of a statement in the implicit transaction PostgreSQL opens
# around a query of several statements its tool sent as one (`golang-migrate` + this)
ONE_QUERY = ":one-query"


def tool_of(transaction_tool: str) -> tuple[str, bool]:
    """The tool a `Statement.transaction_tool` names, and whether the transaction is the
    implicit one PostgreSQL runs a query of several statements in (the tool sent the part as
    one query) rather than one the tool opened itself."""
    if transaction_tool.endswith(ONE_QUERY):
        return transaction_tool[: -len(ONE_QUERY)], True
    return transaction_tool, False


def tool_name(transaction_tool: str) -> str:
    """How messages name the tool of a `Statement.transaction_tool` (or of `SqlFile.tool`)."""
    tool = tool_of(transaction_tool)[0]
    return TOOL_NAMES.get(tool, tool)


@dataclass(frozen=True)
class ToolTransactions:
    """How the migration tool a file is written for runs it: `tool` is `goose` (a `-- +goose
    Up` annotation), `dbmate` (a `-- migrate:up` marker), `flyway` (a `V1__x.sql`,
    `U1__x.sql` or `R__x.sql` name), `golang-migrate` (a `NNN_x.up.sql` or
    `NNN_x.down.sql` name), `prisma` (`<timestamp>_x/migration.sql`), `diesel`
    (`<version>_x/up.sql`, `down.sql`) or empty (no tool known: the file runs as
    written); `up` and `down` say whether the up part (the whole file, without sections)
    and the down part each run in one transaction: one the tool opens and commits
    itself, or, when `up_query` / `down_query`, the implicit one PostgreSQL runs a query
    of several statements in (the tool sends the part as one query)."""

    tool: str = ""
    up: bool = False
    down: bool = False
    up_query: bool = False
    down_query: bool = False

    def section(self, which: str) -> bool:
        return self.down if which == "down" else self.up

    def transaction_tool(self, which: str) -> str:
        """`Statement.transaction_tool` of the statements of part `which` (`up`/`down`):
        the tool, with `ONE_QUERY` after it for PostgreSQL's implicit transaction; empty
        when the part runs in none."""
        if not self.section(which):
            return ""
        one_query = self.down_query if which == "down" else self.up_query
        return self.tool + ONE_QUERY if one_query else self.tool


def flyway_autocommit(text: str) -> bool:
    """Whether Flyway reads a statement's `text` as one that cannot run in a transaction
    (and so runs the migration holding it without one)."""
    return _FLYWAY_AUTOCOMMIT.match(" ".join(text.split()).upper()) is not None


def _parts(path: str) -> tuple[str, ...]:
    return PurePath(path.replace("\\", "/")).parts


def prisma_migration(path: str) -> bool:
    """Whether `path` is a Prisma migration: `migration.sql` in a folder named for one
    migration (`20220305233635_x`, a baseline's `0_init`), as `prisma migrate` lays them out
    under `prisma/migrations/`."""
    parts = _parts(path)
    return (
        len(parts) >= 2 and parts[-1] == "migration.sql" and bool(_PRISMA_FOLDER.match(parts[-2]))
    )


def diesel_migration(path: str) -> bool:
    """Whether `path` is a Diesel migration's `up.sql` or `down.sql`, in a folder named for
    one migration (`2024-01-01-000000_x`)."""
    parts = _parts(path)
    return (
        len(parts) >= 2
        and parts[-1] in ("up.sql", "down.sql")
        and bool(_DIESEL_FOLDER.match(parts[-2]))
    )


def diesel_metadata(path: str) -> bytes:
    """The bytes of the `metadata.toml` beside a Diesel migration's file (empty when there is
    none, or it cannot be read): they decide the transaction Diesel runs the file in, so a
    cache of parsed files keys on them too."""
    if not diesel_migration(path):
        return b""
    try:
        return Path(path).with_name("metadata.toml").read_bytes()
    except OSError:
        return b""


def diesel_runs_in_transaction(path: str) -> bool:
    """Whether Diesel runs the migration `path` belongs to in a transaction of its own: yes
    unless the `metadata.toml` in its folder says `run_in_transaction = false`
    (diesel_migrations' `TomlMetadata`, whose default is true). A file that is not valid TOML
    counts as saying nothing (Diesel refuses to load it)."""
    data = diesel_metadata(path)
    if not data:
        return True
    try:
        value = tomllib.loads(data.decode("utf-8")).get("run_in_transaction", True)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return True
    return value is not False


def prisma_sends_whole(statements: Sequence[str], has_meta_command: bool = False) -> bool:
    """Whether Prisma sends a migration holding `statements` (their texts) to PostgreSQL as
    one query rather than statement by statement: its splitter (sqlparser) fails on one of
    them, DROP INDEX CONCURRENTLY, or on a psql meta-command (`has_meta_command`), and then
    Prisma sends the whole script."""
    return has_meta_command or any(
        _PRISMA_UNSPLIT.match(" ".join(s.split()).upper()) for s in statements
    )


def one_implicit_transaction(statements: Sequence[str]) -> bool:
    """Whether PostgreSQL runs a query string holding `statements` (their texts) as one
    implicit transaction block: it holds more than one statement and none of them controls
    transactions itself (with a BEGIN or COMMIT in the string PostgreSQL's rules differ, and
    the part is read as written)."""
    return len(statements) > 1 and not any(_TRANSACTION_CONTROL.match(s) for s in statements)


def tool_transactions(
    path: str,
    text: str,
    comments: Sequence[Comment],
    statements: Iterable[tuple[int, str]],
    down_at: int | None = None,
) -> ToolTransactions:
    """The `ToolTransactions` of a file, from its name, its annotations (`comments`, as the
    lexer found them; only `--` comments at the start of their line count, as for the
    section markers) and its statements (offset in `text` and text: Flyway decides from
    them, and whether a part sent as one query holds several; read only for those tools);
    `down_at` is the offset of the down marker of a file with sections."""
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
        up_query, down_query = bool(_NO_TXN_OPTION.search(up)), bool(_NO_TXN_OPTION.search(down))
        up_implicit = down_implicit = False
        if up_query or down_query:  # dbmate sends such a section as one Exec
            texts = list(statements)
            ups = [s for at, s in texts if down_at is None or at < down_at]
            downs = [s for at, s in texts if down_at is not None and at > down_at]
            up_implicit = up_query and one_implicit_transaction(ups)
            down_implicit = down_query and one_implicit_transaction(downs)
        return ToolTransactions(
            "dbmate",
            not up_query or up_implicit,
            not down_query or down_implicit,
            up_implicit,
            down_implicit,
        )
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if prisma_migration(path):
        prisma_texts = [t for _, t in statements]
        if not prisma_sends_whole(prisma_texts, has_meta_command=bool(lex(text).metas)):
            return ToolTransactions("prisma")
        implicit = one_implicit_transaction(prisma_texts)
        return ToolTransactions("prisma", implicit, False, implicit)
    if diesel_migration(path):
        if diesel_runs_in_transaction(path):
            return ToolTransactions("diesel", True, False)
        implicit = one_implicit_transaction([s for _, s in statements])
        return ToolTransactions("diesel", implicit, False, implicit)
    if _FLYWAY_NAME.match(name):
        in_txn = not any(flyway_autocommit(s) for _, s in statements)
        return ToolTransactions("flyway", in_txn, False)
    if _GOLANG_MIGRATE_NAME.match(name):
        implicit = one_implicit_transaction([s for _, s in statements])
        return ToolTransactions("golang-migrate", implicit, False, implicit)
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
    """How a file written for `tool` (a `Statement.transaction_tool`) asks it not to open a
    transaction around the part `section` (`up`, `down` or empty for a whole file)."""
    tool, one_query = tool_of(tool)
    if one_query:  # a part of one statement runs outside any transaction
        if tool == "golang-migrate":
            return (
                "move it to a migration file of its own (for sqlx, which names its files "
                "alike, one starting with `-- no-transaction`)"
            )
        if tool == "diesel":
            return (
                "move it to a migration of its own (its metadata.toml saying "
                "`run_in_transaction = false`)"
            )
        if tool == "prisma":
            return (
                "move it to a migration of its own, which Prisma runs outside any transaction block"
            )
        which = "down" if section == "down" else "up"
        return (
            "move it to a migration file of its own "
            f"(its marker `-- migrate:{which} transaction:false`)"
        )
    if tool == "goose":
        return "add `-- +goose NO TRANSACTION` to the file"
    if tool == "dbmate":
        which = "down" if section == "down" else "up"
        return f"write its marker as `-- migrate:{which} transaction:false`"
    if tool == "flyway":
        return "move it to a migration of its own, which Flyway runs outside a transaction"
    if tool == "diesel":
        return (
            "give its migration a metadata.toml saying `run_in_transaction = false`, and keep "
            "it alone in its file (Diesel sends the file as one query)"
        )
    return "run it outside a transaction"


def one_query_transaction(tool: str, section: str) -> str:
    """What runs a part in PostgreSQL's implicit transaction: its tool (a
    `Statement.transaction_tool` with `ONE_QUERY`) sends it as one query holding several
    statements."""
    tool = tool_of(tool)[0]
    name = TOOL_NAMES.get(tool, tool)
    if tool == "dbmate":
        which = "down" if section == "down" else "up"
        part = f"this migrate:{which} section (transaction:false)"
    elif tool == "diesel":
        part = "this file (its metadata.toml says run_in_transaction = false)"
    elif tool == "prisma":
        part = (
            "this migration whole (its statement splitter does not parse DROP INDEX "
            "CONCURRENTLY or a psql meta-command)"
        )
    else:
        part = "this file"
    return (
        f"{name} sends {part} to PostgreSQL as one query, which PostgreSQL runs as one "
        "transaction block since it holds several statements"
    )


def outside_transaction_advice(s: Statement, section: str) -> str:
    """For advice to write a statement `CONCURRENTLY`: what else it takes where `s` runs in a
    transaction (`section`: its file's, `up`/`down`/empty); empty outside any."""
    if not s.in_transaction:
        return ""
    if not s.transaction_tool:
        return "; CONCURRENTLY also needs it moved out of BEGIN/COMMIT"
    if tool_of(s.transaction_tool)[1]:
        return (
            "; CONCURRENTLY cannot run in the transaction block PostgreSQL runs this in ("
            f"{one_query_transaction(s.transaction_tool, section)}), so also "
            f"{opt_out(s.transaction_tool, section)}"
        )
    name = tool_name(s.transaction_tool)
    return (
        f"; CONCURRENTLY cannot run in the transaction {name} runs this in, so also "
        f"{opt_out(s.transaction_tool, section)}"
    )
