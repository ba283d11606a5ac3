"""`CREATE INDEX` without `CONCURRENTLY` on a table that already exists.

A plain `CREATE INDEX` takes a SHARE lock on the table for the whole build: every INSERT,
UPDATE and DELETE waits until the index is built, which on a large, live table (`messages`)
means minutes of blocked writes. `CREATE INDEX CONCURRENTLY` builds without blocking writes.

No warning for a table created earlier in the same file: it is new and empty, nobody else can
see it yet, and `CONCURRENTLY` would only forbid running the file in one transaction.
(squawk warns there too; schemacheck knows the table is new.)

`CONCURRENTLY` cannot run inside a transaction block (see SC007): put it in its own
migration file without `BEGIN`/`COMMIT`, and check for an INVALID index if it fails.

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
```
"""

from __future__ import annotations

from collections.abc import Iterator

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
    if s.kind != "create_index" or f.concurrently or f.table is None:
        return
    if ctx.is_new_table(f.table):
        return
    yield Hit(
        f"CREATE INDEX {f.name.name if f.name else ''} without CONCURRENTLY on existing table "
        f"{qualified(f.table)} blocks all writes to it while the index builds".replace("  ", " "),
        object=label("index", f.name, None) if f.name else label("table", f.table),
    )
