"""`CREATE INDEX` without `CONCURRENTLY` on a table that already exists.

A plain `CREATE INDEX` takes a SHARE lock on the table for the whole build: every INSERT,
UPDATE and DELETE waits until the index is built, which on a large, live table (`messages`)
means minutes of blocked writes. `CREATE INDEX CONCURRENTLY` builds without blocking writes.

No warning for a table created earlier in the same file: it is new and empty, nobody else can
see it yet, and `CONCURRENTLY` would only forbid running the file in one transaction.
(squawk warns there too; schemacheck knows the table is new.)

`CONCURRENTLY` cannot run inside a transaction block (see SC007): put it in its own
migration file without `BEGIN`/`COMMIT`, and check for an INVALID index if it fails. Where
the migration tool runs the file in a transaction of its own (goose, dbmate, Flyway), the
finding also says how to opt out of it (`-- +goose NO TRANSACTION`,
`-- migrate:up transaction:false`, a Flyway migration of its own).

A partitioned table (created `PARTITION BY` earlier in the run) cannot be indexed
`CONCURRENTLY` at all: PostgreSQL refuses with "cannot create index on partitioned table
concurrently", and a plain `CREATE INDEX` on it blocks writes to every partition. The finding
gives the recipe instead: create the index `ON ONLY` the parent (it builds nothing and stays
invalid), build each partition's index `CONCURRENTLY`, then attach each one with
`ALTER INDEX parent_idx ATTACH PARTITION partition_idx` (the parent's index becomes valid when
every partition has one attached). `CREATE INDEX ... ON ONLY` is never reported.

## Bad

```sql
CREATE INDEX idx_messages_encryption_version ON messages (encryption_version);
```

## Good

```sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version
    ON messages (encryption_version);

-- or: the table is created in the same file
CREATE TABLE oauth_connections (id uuid PRIMARY KEY, user_id uuid NOT NULL);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);

-- or, on a partitioned table: the parent's index ON ONLY, each partition's CONCURRENTLY
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- next migration:
CREATE INDEX IF NOT EXISTS events_at ON ONLY events (at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2024_at ON events_2024 (at);
ALTER INDEX events_at ATTACH PARTITION events_2024_at;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from schemacheck.ddl.sections import outside_transaction_advice
from schemacheck.ddl.statement import Word
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC001",
    "require-concurrent-index-creation",
    Severity.ERROR,
    "Use CREATE INDEX CONCURRENTLY (outside a transaction block) on existing tables.",
    roles=SCHEMA_ROLES,
    kinds=("create_index",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.kind != "create_index" or f.concurrently or f.only or f.table is None:
        return
    if ctx.is_new_table(f.table):
        return
    table = qualified(f.table)
    index = f.name.name if f.name else ""
    obj = label("index", f.name, None) if f.name else label("table", f.table)
    if _partitioned(ctx, table):
        parent_idx = index or "parent_idx"
        yield Hit(
            f"CREATE INDEX {index} on partitioned table {table} blocks all writes to every "
            "partition while the indexes build (and cannot be made CONCURRENTLY)".replace(
                "  ", " "
            ),
            object=obj,
            help=(
                f"Create the index ON ONLY {table} (it builds nothing), build each partition's "
                "index with CREATE INDEX CONCURRENTLY, then attach each one with "
                f"ALTER INDEX {parent_idx} ATTACH PARTITION partition_idx."
            ),
        )
        return
    yield Hit(
        f"CREATE INDEX {index} without CONCURRENTLY on existing table "
        f"{table} blocks all writes to it while the index builds".replace("  ", " ")
        + outside_transaction_advice(s, ctx.file.section),
        object=obj,
    )


_PARTITION_BY = re.compile(r"\bpartition\s+by\b", re.I)  # a cheap look before the words


def _partitioned(ctx: Context, table: str) -> bool:
    """The last CREATE TABLE of `table` before this statement says PARTITION BY."""
    for prev in reversed(ctx.history.table_statements(ctx, table)):
        if prev.kind == "create_table":
            return _PARTITION_BY.search(prev.text) is not None and _says_partition_by(prev.words)
    return False


def _says_partition_by(words: tuple[Word, ...]) -> bool:
    """PARTITION BY outside parentheses (after the column list, or after a partition's
    bounds for a partition that is partitioned itself)."""
    depth = 0
    for w, nxt in pairwise(words):
        if w.kind == "punct":
            depth += w.value.count("(") - w.value.count(")")
        elif depth == 0 and w.upper == "PARTITION" and nxt.upper == "BY":
            return True
    return False
