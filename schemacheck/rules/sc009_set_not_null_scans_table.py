"""`ALTER TABLE ... ALTER COLUMN ... SET NOT NULL` on an existing table.

PostgreSQL scans the whole table to prove no row is NULL, under an ACCESS EXCLUSIVE lock. On
PostgreSQL 12 and later the scan is skipped when a valid `CHECK (col IS NOT NULL)` constraint
already proves it: add that constraint `NOT VALID`, `VALIDATE` it in a separate transaction,
then `SET NOT NULL` (instant) and drop the CHECK. Not reported when such a validated CHECK was
added earlier (in this file or an earlier one) and the target is PostgreSQL 12+, nor when the
column is NOT NULL already (made so by the statements before: PostgreSQL has nothing to check).

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
        if _already_not_null(ctx, qualified(table), a.column_name):
            continue  # PostgreSQL has nothing to prove: no scan
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


def _already_not_null(ctx: Context, table: str, column: str) -> bool:
    """The column is NOT NULL already, as the statements before tell (its CREATE TABLE or
    ADD COLUMN, a PRIMARY KEY over it, an earlier SET NOT NULL, and no DROP NOT NULL since):
    SET NOT NULL then changes nothing and reads no row. A rename to the column's name makes
    it unknown (reported)."""
    known = False
    for s in ctx.history.table_statements(ctx, table):
        f = s.facts
        if s.kind == "create_table":
            known = any(c.not_null for c in f.columns if c.name == column)
            known |= any(_keys(c.type, c.columns, column) for c in f.constraints)
            continue
        for a in f.actions:
            con = a.constraint
            if con is not None and _keys(con.type, con.columns, column):
                known = True
            elif a.action == "add_column" and a.column is not None and a.column.name == column:
                known = a.column.not_null
            elif a.action == "rename_column":
                known = known and column not in (a.column_name, a.new_name)
            elif a.column_name == column and a.action in _NOT_NULL_CHANGES:
                known = a.action == "set_not_null"
    return known


_NOT_NULL_CHANGES = frozenset({"drop_not_null", "drop_column", "set_not_null"})


def _keys(kind: str, columns: tuple[str, ...], column: str) -> bool:
    """A PRIMARY KEY over `column` (which makes it NOT NULL)."""
    return kind == "primary_key" and column in columns


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
