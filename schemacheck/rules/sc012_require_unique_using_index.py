"""`ADD CONSTRAINT ... UNIQUE (...)` or `PRIMARY KEY (...)` on an existing table, building its
index in place.

The index is built while an ACCESS EXCLUSIVE lock blocks every read and write. Build a unique
index `CONCURRENTLY` first, then attach it: `ADD CONSTRAINT ... UNIQUE USING INDEX` (or
`PRIMARY KEY USING INDEX`) only takes the lock for an instant.

## Bad

```sql
ALTER TABLE device_keys ADD CONSTRAINT device_keys_unique_device UNIQUE (user_id, device_id);
```

## Good

```sql
CREATE UNIQUE INDEX CONCURRENTLY device_keys_unique_device_idx
    ON device_keys (user_id, device_id);
ALTER TABLE device_keys ADD CONSTRAINT device_keys_unique_device
    UNIQUE USING INDEX device_keys_unique_device_idx;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC012",
    "require-unique-using-index",
    Severity.WARNING,
    "Build the unique index CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        con = a.constraint
        if con is None or con.type not in ("unique", "primary_key") or con.using_index:
            continue
        what = "PRIMARY KEY" if con.type == "primary_key" else "UNIQUE"
        yield Hit(
            f"{what} constraint {con.name or '(unnamed)'} builds its index on "
            f"{qualified(table)} while all reads and writes are blocked",
            object=label("constraint", ObjectName(con.name or "(unnamed)"), table),
        )
    for a in s.facts.actions:
        col = a.column
        if a.action == "add_column" and col is not None and (col.primary_key or col.unique):
            yield Hit(
                f"column {col.name} added with {'PRIMARY KEY' if col.primary_key else 'UNIQUE'}"
                f" builds an index on {qualified(table)} while all reads and writes are blocked",
                object=label("column", ObjectName(col.name), table),
            )
