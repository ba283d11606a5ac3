"""`BEGIN` while a transaction is already open, or `COMMIT`/`ROLLBACK` with none open.

PostgreSQL does not nest transactions: a second `BEGIN` only prints a warning, and the first
`COMMIT` ends the whole transaction — everything after it runs outside any transaction, so a
later failure leaves the migration half-applied. A `COMMIT` with nothing open usually means a
BEGIN is missing, or a block was pasted twice. Use `SAVEPOINT` for nested units of work.

## Bad

```sql
BEGIN;
CREATE TABLE device_keys (id uuid PRIMARY KEY);
BEGIN;
CREATE TABLE key_exchanges (id uuid PRIMARY KEY);
COMMIT;
COMMIT;
```

## Good

```sql
BEGIN;
CREATE TABLE device_keys (id uuid PRIMARY KEY);
CREATE TABLE key_exchanges (id uuid PRIMARY KEY);
COMMIT;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC037",
    "transaction-mismatch",
    Severity.WARNING,
    "One BEGIN, one COMMIT; use SAVEPOINT for nested units of work.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    for p in ctx.file.problems:
        if p.kind in ("nested_transaction", "no_transaction"):
            yield Hit(p.message, line=p.line, column=p.column)
