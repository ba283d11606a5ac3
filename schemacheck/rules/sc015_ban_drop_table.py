"""`DROP TABLE` of a table that exists before this migration.

Dropping a table loses its data for good and breaks every application instance still reading
it (during a deploy, old and new code run side by side). Stop using the table in the
application first, keep a copy, then drop it in a later release. Not reported for a table
created earlier in the same file; rollback files are judged by the rollback rules (SC027 to
SC030) instead.

## Bad

```sql
DROP TABLE oauth_tokens_legacy;
```

## Good

```sql
ALTER TABLE oauth_tokens_legacy RENAME TO oauth_tokens_legacy_deprecated_2025_11;
-- drop it in a later release, after a backup, once nothing reads it
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import FORWARD_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC015",
    "ban-drop-table",
    Severity.WARNING,
    "Stop using the table first and keep a copy; drop it in a later release.",
    roles=FORWARD_ROLES,
    kinds=("drop_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "drop_table":
        return
    for n in s.facts.names:
        if ctx.is_new_table(n):
            continue
        yield Hit(
            f"DROP TABLE {qualified(n)} loses its data and breaks code still using it",
            object=label("table", n),
        )
