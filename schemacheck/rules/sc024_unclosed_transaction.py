"""`BEGIN` (or `START TRANSACTION`) that is never committed or rolled back before the end of
the file.

`psql -f` ends the session at the end of the file and the open transaction is rolled back:
every statement after the BEGIN is silently undone, while the run looks successful. Migration
tools that run files one by one behave the same way or leave the connection in a broken
state.

## Bad

```sql
BEGIN;
CREATE TABLE device_keys (id uuid PRIMARY KEY);
```

## Good

```sql
BEGIN;
CREATE TABLE device_keys (id uuid PRIMARY KEY);
COMMIT;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC024",
    "unclosed-transaction",
    Severity.ERROR,
    "End every BEGIN with COMMIT (or ROLLBACK) in the same file.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    for p in ctx.file.problems:
        if p.kind == "unclosed_transaction":
            yield Hit(
                "this transaction is never committed: at the end of the file everything after "
                "it is rolled back",
                line=p.line,
                column=p.column,
            )
