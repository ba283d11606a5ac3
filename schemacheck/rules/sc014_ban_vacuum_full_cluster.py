"""`VACUUM FULL` or `CLUSTER` in a migration.

Both rewrite the whole table under an ACCESS EXCLUSIVE lock: no reads or writes until the copy
is done, and they need room for a second copy of the table. Schedule them as maintenance (or use
an online tool such as pg_repack), not as a migration step.

## Bad

```sql
VACUUM FULL messages;
CLUSTER messages USING idx_messages_conversation_sequence;
```

## Good

```sql
VACUUM (ANALYZE) messages;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC014",
    "ban-vacuum-full-and-cluster",
    Severity.WARNING,
    "Run table rewrites as scheduled maintenance (or pg_repack), not in a migration.",
    roles=SCHEMA_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.kind == "vacuum" and "FULL" in f.options:
        what = ", ".join(n.qualified for n in f.names) or "every table of the database"
        yield Hit(
            f"VACUUM FULL rewrites {what} under an ACCESS EXCLUSIVE lock",
            object=label("table", f.name) if f.name else "",
        )
    elif s.kind == "cluster":
        what = f.table.qualified if f.table else "every previously clustered table"
        yield Hit(
            f"CLUSTER rewrites {what} under an ACCESS EXCLUSIVE lock",
            object=label("table", f.table) if f.table else "",
        )
