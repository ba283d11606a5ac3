"""`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY` or `REINDEX ... CONCURRENTLY` inside
an explicit transaction block (`BEGIN` ... `COMMIT`).

PostgreSQL refuses: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block". The
migration fails at that statement. Run the concurrent statement in a file (or a migration step)
of its own, without `BEGIN`/`COMMIT`, and mark the migration as non-transactional in your
migration tool.

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

from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

_WHAT = {
    "create_index": "CREATE INDEX CONCURRENTLY",
    "drop_index": "DROP INDEX CONCURRENTLY",
    "reindex": "REINDEX CONCURRENTLY",
    "alter_table": "ALTER TABLE ... DETACH PARTITION CONCURRENTLY",
}


@rule(
    "SC007",
    "ban-concurrently-in-transaction",
    Severity.ERROR,
    "Run CONCURRENTLY statements outside BEGIN/COMMIT, in a step of their own.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.in_transaction and s.facts.concurrently and s.kind in _WHAT:
        yield Hit(
            f"{_WHAT[s.kind]} cannot run inside a transaction block (BEGIN is open): "
            "PostgreSQL rejects it",
            object=(
                label("table", s.facts.table)
                if s.kind == "alter_table"
                else label("index", s.facts.name)
            ),
        )
