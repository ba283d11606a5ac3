"""`UPDATE` or `DELETE` without a `WHERE` clause on an existing table.

It changes or deletes every row. In a migration that is sometimes meant (a backfill), but then
it also locks every row in one long transaction; in a rollback or a check script it is almost
always a mistake that wipes real users' data. Not reported for a table created earlier in the
same file.

## Bad

```sql
DELETE FROM device_keys;
```

## Good

```sql
DELETE FROM device_keys WHERE device_id = 'test-device-001';
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC022",
    "require-where",
    Severity.WARNING,
    "Add a WHERE clause naming the rows to change; backfill large tables in batches.",
    kinds=("update", "delete"),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind not in ("update", "delete") or s.facts.where is not None:
        return
    if s.facts.table is None or ctx.is_new_table(s.facts.table):
        return
    verb = "changes" if s.kind == "update" else "deletes"
    yield Hit(
        f"{s.kind.upper()} without WHERE {verb} every row of {qualified(s.facts.table)}",
        object=label("table", s.facts.table),
    )
