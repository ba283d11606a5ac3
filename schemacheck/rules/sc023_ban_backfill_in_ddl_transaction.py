"""A data backfill (`UPDATE`, `DELETE`, `INSERT ... SELECT`, `MERGE`) on an existing table in
the same explicit transaction as DDL that locks an existing table.

DDL locks (ACCESS EXCLUSIVE for most ALTER TABLE forms) are held until COMMIT. A backfill in
the same transaction keeps them for as long as it runs over every row: reads and writes on the
altered table wait the whole time. Commit the DDL first, then backfill in batches, each in its
own short transaction. Writes to a table created in the same file, and the bookkeeping insert
into `schema_migrations`, are not backfills.

## Bad

```sql
BEGIN;
ALTER TABLE messages ADD COLUMN content_nonce bytea;
UPDATE messages SET content_nonce = gen_random_bytes(12);
COMMIT;
```

## Good

```sql
BEGIN;
ALTER TABLE messages ADD COLUMN content_nonce bytea;
COMMIT;
-- then, in batches:
UPDATE messages SET content_nonce = gen_random_bytes(12)
WHERE id IN (SELECT id FROM messages WHERE content_nonce IS NULL LIMIT 10000);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import BOOKKEEPING_TABLES, SCHEMA_ROLES, label, locked_table
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


def _is_backfill(ctx: Context, s: Statement) -> bool:
    t = s.facts.table
    if t is None or ctx.is_new_table(t) or t.name in BOOKKEEPING_TABLES:
        return False
    if s.kind in ("update", "delete", "merge"):
        return True
    return s.kind == "insert" and s.facts.from_select


@rule(
    "SC023",
    "ban-backfill-in-ddl-transaction",
    Severity.WARNING,
    "Commit the DDL first; backfill afterwards in batches of short transactions.",
    roles=SCHEMA_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.transaction is None or not _is_backfill(ctx, s):
        return
    same = [p for p in ctx.file.statements if p.transaction == s.transaction and p is not s]
    for other in same:
        locked = locked_table(other)
        if locked is None or ctx.is_new_table(locked) or other.kind.startswith("drop_"):
            continue
        yield Hit(
            f"{s.kind.upper()} on {qualified(s.facts.table)} runs in the same transaction as "
            f"`{other.snippet(40)}` (line {other.line}): the lock on {qualified(locked)} is held "
            "until the backfill ends",
            object=label("table", s.facts.table),
        )
        return
