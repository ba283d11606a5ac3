"""`CREATE` without `IF NOT EXISTS` (or `OR REPLACE`), so the file cannot be run twice.

A migration that stops half-way (a lock timeout, a lost connection, a failed statement outside
a transaction) must be re-run; a plain `CREATE TABLE` then fails on the objects the first run
already made. Covered: CREATE TABLE, INDEX, SCHEMA, SEQUENCE, EXTENSION (IF NOT EXISTS),
CREATE FUNCTION / PROCEDURE / VIEW (OR REPLACE), CREATE TRIGGER (OR REPLACE on PostgreSQL 14+,
or a DROP TRIGGER IF EXISTS just before), ALTER TABLE ... ADD COLUMN (IF NOT EXISTS).

Not reported inside `BEGIN` ... `COMMIT`: a run that fails there is rolled back whole, and
the file can be run again as it is.

## Bad

```sql
CREATE TABLE oauth_connections (id uuid PRIMARY KEY);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
```

## Good

```sql
CREATE TABLE IF NOT EXISTS oauth_connections (id uuid PRIMARY KEY);
CREATE INDEX IF NOT EXISTS idx_oauth_connections_user_id ON oauth_connections (user_id);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import FORWARD_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_IF_NOT_EXISTS = {
    "create_table": "table",
    "create_index": "index",
    "create_schema": "schema",
    "create_sequence": "sequence",
    "create_extension": "extension",
}
_OR_REPLACE = {
    "create_function": "function",
    "create_procedure": "procedure",
    "create_view": "view",
}


@rule(
    "SC025",
    "require-if-not-exists",
    Severity.INFO,
    "Write CREATE ... IF NOT EXISTS / CREATE OR REPLACE so a failed run can be re-run.",
    roles=FORWARD_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.in_transaction:
        return
    if s.kind in _IF_NOT_EXISTS and not f.if_not_exists and not f.temporary:
        kind = _IF_NOT_EXISTS[s.kind]
        yield Hit(
            f"CREATE {kind.upper()} {f.name.qualified if f.name else ''} without IF NOT EXISTS "
            "fails when the file is run again",
            object=label(kind, f.name),
        )
    elif s.kind in _OR_REPLACE and not f.or_replace:
        kind = _OR_REPLACE[s.kind]
        yield Hit(
            f"CREATE {kind.upper()} {f.name.qualified if f.name else ''} without OR REPLACE "
            "fails when the file is run again",
            object=label(kind, f.name),
        )
    elif s.kind == "create_trigger" and not f.or_replace and f.name is not None:
        for prev in reversed(ctx.earlier_statements):
            if (
                prev.kind == "drop_trigger"
                and prev.facts.if_exists
                and any(n.name == f.name.name for n in prev.facts.names)
            ):
                return
        yield Hit(
            f"CREATE TRIGGER {f.name.name} fails when the file is run again (use CREATE OR "
            "REPLACE TRIGGER on PostgreSQL 14+, or DROP TRIGGER IF EXISTS just before)",
            object=label("trigger", f.name, f.table),
        )
    elif s.kind == "alter_table":
        for a in f.actions:
            if a.action == "add_column" and not a.if_not_exists and a.column_name:
                yield Hit(
                    f"ADD COLUMN {a.column_name} to {qualified(f.table)} without IF NOT EXISTS "
                    "fails when the file is run again",
                    object=label("column", ObjectName(a.column_name), f.table),
                )
