"""`TRUNCATE` of an existing table.

TRUNCATE empties the table at once (no WHERE, no undo after COMMIT) under an ACCESS EXCLUSIVE
lock, and with CASCADE every table referencing it too. In a migration, a rollback or a check
script it deletes real users' data. Not reported for a table created earlier in the same file.

## Bad

```sql
TRUNCATE key_exchanges;
```

## Good

```sql
DELETE FROM key_exchanges WHERE id = '7d0c6f3e-0000-4000-8000-000000000001';
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC018",
    "ban-truncate",
    Severity.ERROR,
    "Delete only the rows you mean to, by an identifying value.",
    kinds=("truncate",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "truncate":
        return
    for n in s.facts.names:
        if not ctx.is_new_table(n):
            yield Hit(f"TRUNCATE {qualified(n)} deletes every row of it", object=label("table", n))
