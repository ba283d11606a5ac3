"""`ALTER TABLE ... DROP COLUMN` on an existing table.

The column's data is gone for good, and application instances still selecting or inserting it
(old and new code run side by side during a deploy) fail. Stop using the column first (and
remove it from ORMs' models), keep a copy if it matters, then drop it in a later release.
Rollback files are judged by the rollback rules instead.

## Bad

```sql
ALTER TABLE oauth_connections DROP COLUMN access_token_hash;
```

## Good

```sql
-- release N: the application stops reading and writing access_token_hash
-- release N+1, a reviewed decision:
-- schemacheck: ignore SC016 unused since release N, exported to the archive bucket
ALTER TABLE oauth_connections DROP COLUMN IF EXISTS access_token_hash;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import FORWARD_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC016",
    "ban-drop-column",
    Severity.WARNING,
    "Stop using the column in the application first; drop it in a later release.",
    roles=FORWARD_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    for a in s.facts.actions:
        if a.action == "drop_column" and a.column_name:
            yield Hit(
                f"DROP COLUMN {qualified(s.facts.table)}.{a.column_name} loses its data and "
                "breaks code still using it",
                object=label("column", ObjectName(a.column_name), s.facts.table),
            )
