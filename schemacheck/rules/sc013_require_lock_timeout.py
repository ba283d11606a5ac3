"""A file that takes strong locks on existing tables without `SET lock_timeout` first.

DDL such as `ALTER TABLE`, `CREATE INDEX` (without CONCURRENTLY), `DROP TABLE` or
`CREATE TRIGGER` must wait for every running query on the table to finish; while it waits,
every new query on the table queues behind it. One long-running report can turn a migration
into an outage. `SET lock_timeout` makes the migration give up (and retry later) instead.
Reported once per file, at the first such statement.

## Bad

```sql
BEGIN;
ALTER TABLE messages ADD CONSTRAINT chk CHECK (encryption_version IN (1, 2)) NOT VALID;
COMMIT;
```

## Good

```sql
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages ADD CONSTRAINT chk CHECK (encryption_version IN (1, 2)) NOT VALID;
COMMIT;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label, locked_table, sets_lock_timeout
from schemacheck.rules.context import Context, Hit, qualified, schema_of
from schemacheck.rules.registry import rule


@rule(
    "SC013",
    "require-lock-timeout",
    Severity.WARNING,
    "SET lock_timeout (e.g. '5s') before DDL that locks existing tables.",
    scope="file",
    roles=SCHEMA_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    new_tables: set[str] = set()
    active = False  # a lock_timeout is in effect
    local_to: int | None = None  # set by SET LOCAL: only until that transaction ends
    for s in ctx.file.statements:
        f = s.facts
        if local_to is not None and s.transaction != local_to:
            active, local_to = False, None
        if s.kind == "set" and f.setting == "lock_timeout":
            if f.local and s.transaction is None:
                continue  # SET LOCAL outside a transaction block has no effect
            active = sets_lock_timeout(s)
            local_to = s.transaction if active and f.local else None
            continue
        if s.kind == "reset" and f.setting in ("lock_timeout", "all"):
            active, local_to = False, None
            continue
        if sets_lock_timeout(s):
            active, local_to = True, None
            continue
        if s.kind in ("create_table", "create_table_as", "create_materialized_view") and f.name:
            new_tables.add(qualified(f.name))
            continue
        table = locked_table(s)
        if table is not None and qualified(table) not in new_tables and not active:
            yield Hit(
                f"`{s.snippet(50)}` locks existing table {qualified(table)} with no "
                "lock_timeout in effect: while it waits for a running query, every query on "
                f"{qualified(table)} queues behind it",
                object=label("table", table),
                statement=s,
            )
            return
        if s.kind == "alter_table" and f.table is not None:
            for a in f.actions:
                if a.action == "rename_table" and a.new_name and qualified(f.table) in new_tables:
                    new_tables.add(f"{schema_of(f.table)}.{a.new_name}")
