"""`DROP INDEX` without `CONCURRENTLY`.

A plain `DROP INDEX` takes an ACCESS EXCLUSIVE lock on the index's table: while it waits for
running queries to finish, every new query on the table queues behind it. `DROP INDEX
CONCURRENTLY` waits without blocking others. Not reported for an index created (or on a table
created) earlier in the same file. `CONCURRENTLY` cannot run inside a transaction block (see
SC007): where the file runs in one (BEGIN, or its migration tool's: goose, dbmate, Flyway), the
finding also says how to leave it.

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
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, earlier_objects, index_key, label
from schemacheck.rules.context import Context, Hit
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
        if index_key(n) in here.indexes:
            continue
        yield Hit(
            f"DROP INDEX {n.qualified} without CONCURRENTLY locks its table against all reads "
            "and writes while it waits" + outside_transaction_advice(s, ctx.file.section),
            object=label("index", n),
        )
