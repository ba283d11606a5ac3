"""`DROP INDEX` without `CONCURRENTLY`.

A plain `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index's table: while it waits for
running queries to finish, every new query on the table queues behind it. `DROP INDEX
CONCURRENTLY` waits without blocking others. `CONCURRENTLY` cannot run inside a transaction
block (see SC007): where the file runs in one (BEGIN, or its migration tool's: goose, dbmate,
Flyway), the finding also says how to leave it.

Not reported for an index created earlier in the same file, nor for one whose table the files
tell (the CREATE INDEX that made it: earlier in the file, in the forward migration of a
rollback, or in a file before) when that table is

- created earlier in the same file (new and empty, nobody else sees it: SC001 leaves a CREATE
  INDEX on it alone for the same reason), or
- dropped later in the same file (or the same down section), or altered there by an
  `ALTER TABLE ... DROP COLUMN`: `DROP TABLE` and `DROP COLUMN` take the same ACCESS
  EXCLUSIVE lock right after, and `CONCURRENTLY` on the index would not spare the table's
  readers and writers anything. This is the usual shape of a down section or rollback:
  `DROP INDEX idx_sessions_env_id; DROP TABLE sessions;`, `DROP INDEX idx_x; ALTER TABLE t
  DROP COLUMN x;`.

An index whose table the files do not tell is reported.

## Bad

```sql
DROP INDEX IF EXISTS idx_messages_encryption_version;
```

## Good

```sql
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_encryption_version;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.sections import outside_transaction_advice
from schemacheck.ddl.statement import SqlFile
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    SCHEMA_ROLES,
    created_index_key,
    earlier_objects,
    index_key,
    label,
    made_by,
)
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC008",
    "require-concurrent-index-deletion",
    Severity.WARNING,
    "Use DROP INDEX CONCURRENTLY (outside a transaction block).",
    roles=SCHEMA_ROLES,
    kinds=("drop_index",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "drop_index" or s.facts.concurrently:
        return
    here = earlier_objects(ctx)
    for n in s.facts.names:
        key = index_key(n)
        if key in here.indexes:
            continue
        if _may_spare(ctx):
            table = _table_of(ctx, key)
            if table is not None and (table in ctx.new_tables or _dropped_after(ctx, table)):
                continue  # a new table, or one DROP TABLE locks the same way right after
        yield Hit(
            f"DROP INDEX {n.qualified} without CONCURRENTLY locks its table against all reads "
            "and writes while it waits" + outside_transaction_advice(s, ctx.file.section),
            object=label("index", n),
        )


def _table_of(ctx: Context, index: str) -> str | None:
    """The table (qualified) of index `index` (its qualified key) as the files before this
    file tell it: for a rollback its forward migration first, then the files before that; for
    another file the files before it. None when no file creates the index."""
    forward = ctx.forward
    if forward is not None:
        table = made_by(ctx, forward).index_table.get(index)
        if table is not None:
            return table
        return _index_tables_before(ctx, forward).get(index)
    return _index_tables_before(ctx, ctx.file).get(index)


def _index_tables_before(ctx: Context, f: SqlFile) -> dict[str, str]:
    """Index (qualified key) -> its table, from the CREATE INDEX statements of the files
    before `f`, built up once per run as the files come in order (`objects_before` reads
    every statement of them; only these are wanted here)."""
    history = ctx.history
    before = history.position(f)
    state = history.memo.get("sc008 index tables")
    if not isinstance(state, list) or state[0] > before:
        state = [0, {}]
        history.memo["sc008 index tables"] = state
    found: dict[str, str] = state[1]
    while state[0] < before:
        for s in history.files[state[0]].statements:
            table = s.facts.table
            if s.kind == "create_index" and table is not None:
                key = created_index_key(table, s.facts.name, s.facts.index_columns)
                found[key] = qualified(table)
        state[0] += 1
    return found


def _may_spare(ctx: Context) -> bool:
    """This file made a table earlier, or drops one (or a column) later: only then is the
    index's table looked up (the files before are read for it)."""
    if ctx.new_tables:
        return True
    return any(at > ctx.stmt.index for at in _last_drops(ctx, ctx.file).values())


def _dropped_after(ctx: Context, table: str) -> bool:
    """A DROP TABLE or an ALTER TABLE ... DROP COLUMN later in this file (or section) names
    `table` (qualified)."""
    return _last_drops(ctx, ctx.file).get(table, -1) > ctx.stmt.index


def _last_drops(ctx: Context, f: SqlFile) -> dict[str, int]:
    """The index of the last DROP TABLE, or ALTER TABLE dropping a column, of each table
    (qualified) in `f`, once per run."""
    memo = ctx.history.memo
    key = ("sc008 table drops", f.ident)
    found = memo.get(key)
    if isinstance(found, dict):
        return found
    found = {}
    for st in f.statements:
        if st.kind == "drop_table":
            for n in st.facts.names:
                found[qualified(n)] = st.index
        elif (
            st.kind == "alter_table"
            and st.facts.table is not None
            and any(a.action == "drop_column" for a in st.facts.actions)
        ):
            found[qualified(st.facts.table)] = st.index
    memo[key] = found
    return found
