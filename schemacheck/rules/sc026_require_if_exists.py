"""`DROP` without `IF EXISTS` (also `ALTER TABLE ... DROP COLUMN / DROP CONSTRAINT`).

Rollbacks are run exactly when things went wrong: after a migration that stopped half-way,
some of the objects it should have created do not exist, and a plain `DROP` fails there,
leaving the rollback half-done too. `IF EXISTS` makes the file safe to run again and after a
partial migration.

## Bad

```sql
DROP INDEX idx_messages_encryption_version;
ALTER TABLE messages DROP CONSTRAINT chk_messages_encryption_version_valid;
```

## Good

```sql
DROP INDEX IF EXISTS idx_messages_encryption_version;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, dropped_names, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC026",
    "require-if-exists",
    Severity.INFO,
    "Write DROP ... IF EXISTS so the file also works after a partial run.",
    roles=SCHEMA_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.kind.startswith("drop_") and s.kind not in ("drop_owned",) and not f.if_exists:
        kind = f.object_type or "object"
        yield Hit(
            f"DROP {kind.upper()} {dropped_names(s)} without IF EXISTS "
            "fails if the object is already gone",
            object=label(kind, f.name),
        )
    elif s.kind == "alter_table":
        for a in f.actions:
            if a.action == "drop_column" and not a.if_exists and a.column_name:
                name = a.column_name
                yield Hit(
                    f"DROP COLUMN {qualified(f.table)}.{name} without IF EXISTS fails if the "
                    "column is already gone",
                    object=label("column", ObjectName(name), f.table),
                )
            elif a.action == "drop_constraint" and not a.if_exists and a.constraint_name:
                name = a.constraint_name
                yield Hit(
                    f"DROP CONSTRAINT {name} on {qualified(f.table)} without IF EXISTS fails if "
                    "the constraint is already gone",
                    object=label("constraint", ObjectName(name), f.table),
                )
