"""A statement PostgreSQL cannot run inside a transaction block (`CREATE INDEX CONCURRENTLY`,
`DROP INDEX CONCURRENTLY`, `REINDEX ... CONCURRENTLY`, `ALTER TABLE ... DETACH PARTITION
CONCURRENTLY`, `VACUUM`, `CREATE`/`DROP DATABASE`, `CREATE`/`DROP TABLESPACE`, `ALTER
SYSTEM`, `DISCARD ALL`, `REINDEX SCHEMA`/`DATABASE`/`SYSTEM`, `CLUSTER` of every table) inside
one: an explicit `BEGIN` ... `COMMIT`, or the transaction the migration tool opens around the
file.

PostgreSQL refuses: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block"
(SQLSTATE 25001). The migration fails at that statement. Run the statement in a file (or a
migration step) of its own, without `BEGIN`/`COMMIT`, and tell the migration tool not to open a
transaction around it:

- goose runs each file's Up part, and its Down part, in a transaction unless the file says
  `-- +goose NO TRANSACTION`;
- dbmate runs each section in a transaction unless its marker says
  `-- migrate:up transaction:false` (`-- migrate:down transaction:false`), and then sends the
  section to PostgreSQL as one query: PostgreSQL runs a query holding several statements as
  one implicit transaction block, so the statement needs a migration file of its own;
- golang-migrate (files `NNN_x.up.sql` / `NNN_x.down.sql`) sends the whole file as one query:
  a file holding the statement and any other runs as one implicit transaction block; move the
  statement to a migration file of its own (sqlx, which names its files alike, runs a file in
  a transaction unless it starts with `-- no-transaction`);
- Flyway runs each migration in a transaction unless it holds a statement Flyway knows cannot
  run in one (CREATE/DROP INDEX CONCURRENTLY, VACUUM, CREATE/DROP DATABASE, ...), and refuses a
  migration mixing such a statement with others (with `mixed=true` it runs all of it outside a
  transaction): give the statement a migration of its own. Flyway does not know
  `REINDEX ... CONCURRENTLY`, `DETACH PARTITION CONCURRENTLY` or `CLUSTER`: a migration holding
  one needs a script config file `V..__x.sql.conf` saying `executeInTransaction=false`, which
  lint does not read (suppress the finding there);
- Diesel (`<version>_x/up.sql`, `down.sql`) sends the whole file as one query, inside a
  transaction of its own unless the `metadata.toml` in the migration's folder says
  `run_in_transaction = false`: the statement needs that and a migration of its own;
- Prisma (`<timestamp>_x/migration.sql`) sends each statement of a migration as a query of
  its own, outside any transaction, since prisma-engines 5767 (Prisma 7.4), unless its
  statement splitter fails on one (`DROP INDEX CONCURRENTLY`, a psql meta-command): then it
  sends the whole migration as one query, and the statement needs a migration of its own.

## Bad

```sql
BEGIN;
CREATE INDEX CONCURRENTLY idx_messages_encryption_version ON messages (encryption_version);
COMMIT;
```

## Good

```sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version
    ON messages (encryption_version);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.sections import (
    TOOL_NAMES,
    flyway_autocommit,
    one_query_transaction,
    opt_out,
    prisma_sends_whole,
    refused_in_transaction,
    tool_of,
)
from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC007",
    "ban-concurrently-in-transaction",
    Severity.ERROR,
    "Run statements that cannot run in a transaction block (CONCURRENTLY, VACUUM, ...) outside "
    "BEGIN/COMMIT and outside the migration tool's transaction, in a step of their own.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    what = refused_in_transaction(s)
    if what is not None and s.in_transaction:
        yield Hit(_message(ctx.file, s, what), object=_object(s))
    elif what is not None and _one_query(ctx.file):
        name = TOOL_NAMES.get(ctx.file.tool, ctx.file.tool)
        why = (
            " (its statement splitter does not parse DROP INDEX CONCURRENTLY or a psql "
            "meta-command, and then Prisma sends the script whole)"
            if ctx.file.tool == "prisma"
            else ""
        )
        yield Hit(
            f"{what} cannot run in a query string of several statements, and {name} sends "
            f"this file to PostgreSQL as one query{why} (its own BEGIN and COMMIT do not "
            "change that): PostgreSQL rejects it; move it to a migration file of its own",
            object=_object(s),
        )
    elif ctx.file.tool == "flyway" and flyway_autocommit(s.text) and _mixed(ctx.file):
        head = what or " ".join(s.text.split()[:2]).upper()
        yield Hit(
            f"Flyway runs a migration holding {head} outside a transaction, and refuses one "
            "that also holds other statements (with mixed=true it runs them all outside a "
            "transaction, and a failure leaves the migration half applied): move it to a "
            "migration of its own",
            object=_object(s),
        )


def _message(f: SqlFile, s: Statement, what: str) -> str:
    tool = s.transaction_tool
    if not tool:
        return (
            f"{what} cannot run inside a transaction block (BEGIN is open): PostgreSQL rejects it"
        )
    if tool_of(tool)[1]:
        return (
            f"{what} cannot run inside a transaction block, and "
            f"{one_query_transaction(tool, f.section)}: PostgreSQL rejects it; "
            f"{opt_out(tool, f.section)}"
        )
    name = TOOL_NAMES.get(tool, tool)
    part = {
        "goose": "Down part" if f.section == "down" else "Up part",
        "dbmate": f"migrate:{f.section or 'up'} section",
    }.get(tool, "file")
    if tool == "flyway":
        return (
            f"{what} cannot run inside a transaction block, and Flyway, not knowing it, runs "
            "this migration in one: PostgreSQL rejects it; move it to a migration of its own "
            f"with a script config file {f.name}.conf saying executeInTransaction=false"
        )
    return (
        f"{what} cannot run inside a transaction block, and {name} runs this {part} in one: "
        f"PostgreSQL rejects it; {opt_out(tool, f.section)}"
    )


def _one_query(f: SqlFile) -> bool:
    """golang-migrate and Diesel send the whole file, dbmate each section, Prisma a migration
    its splitter fails on, as one query: several statements make a query PostgreSQL refuses
    CONCURRENTLY and the like in, whatever transaction control it holds."""
    if len(f.statements) < 2:
        return False
    if f.tool == "prisma":
        metas = any(p.kind == "meta_command" for p in f.problems)
        return prisma_sends_whole([s.text for s in f.statements], has_meta_command=metas)
    return f.tool in ("golang-migrate", "dbmate", "diesel")


def _mixed(f: SqlFile) -> bool:
    """A Flyway migration holding statements Flyway runs outside a transaction and others."""
    outside = [flyway_autocommit(s.text) for s in f.statements]
    return any(outside) and not all(outside)


def _object(s: Statement) -> str:
    f = s.facts
    if s.kind in ("create_index", "drop_index"):
        return label("index", f.name)
    if s.kind == "alter_table":
        return label("table", f.table)
    if f.name is not None:
        return label(f.object_type or "index", f.name)
    return label("table", f.table) if f.table is not None else ""
