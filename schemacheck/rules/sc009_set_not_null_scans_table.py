"""`ALTER TABLE ... ALTER COLUMN ... SET NOT NULL` on an existing table.

PostgreSQL scans the whole table to prove no row is NULL, under an ACCESS EXCLUSIVE lock. On
PostgreSQL 12 and later the scan is skipped when a valid `CHECK (col IS NOT NULL)` constraint
already proves it: add that constraint `NOT VALID`, `VALIDATE` it in a separate transaction,
then `SET NOT NULL` (instant) and drop the CHECK. Not reported when such a validated CHECK was
added earlier (in this file or an earlier one) and the target is PostgreSQL 12+.

## Bad

```sql
ALTER TABLE messages ALTER COLUMN content_nonce SET NOT NULL;
```

## Good

```sql
ALTER TABLE messages ADD CONSTRAINT messages_nonce_not_null
    CHECK (content_nonce IS NOT NULL) NOT VALID;
-- next transaction:
ALTER TABLE messages VALIDATE CONSTRAINT messages_nonce_not_null;
ALTER TABLE messages ALTER COLUMN content_nonce SET NOT NULL;
ALTER TABLE messages DROP CONSTRAINT messages_nonce_not_null;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC009",
    "set-not-null-scans-table",
    Severity.WARNING,
    "Prove NOT NULL with a validated CHECK (col IS NOT NULL) first (PostgreSQL 12+).",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        if a.action != "set_not_null" or not a.column_name:
            continue
        if ctx.pg_at_least(12) and _proven(ctx, qualified(table), a.column_name):
            continue
        yield Hit(
            f"SET NOT NULL on {qualified(table)}.{a.column_name} scans the whole table under an "
            "ACCESS EXCLUSIVE lock",
            object=label("column", ObjectName(a.column_name), table),
        )


# `(col IS NOT NULL)`, the column quoted or not: one pattern for every column (a pattern per
# column compiled hundreds of patterns on a large project, more than `re` keeps)
_NOT_NULL_CHECK = re.compile(r'^\(?\s*"?(?P<column>[^"]+?)"?\s+IS\s+NOT\s+NULL\s*\)?$', re.I)


def _checks_not_null(expression: str | None, column: str) -> bool:
    m = _NOT_NULL_CHECK.match(expression or "")
    return m is not None and m.group("column").lower() == column.lower()


def _proven(ctx: Context, table: str, column: str) -> bool:
    """A CHECK (column IS NOT NULL) added valid, or added NOT VALID and validated, before."""
    pending: set[str] = set()
    valid = False
    for s in ctx.history.table_statements(ctx, table):
        if s.kind != "alter_table":
            continue
        for a in s.facts.actions:
            con = a.constraint
            if con is not None and con.type == "check" and _checks_not_null(con.expression, column):
                if con.not_valid:
                    pending.add(con.name or "")
                else:
                    valid = True
            elif a.action == "validate_constraint" and a.constraint_name in pending:
                valid = True
    return valid
