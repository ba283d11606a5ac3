"""`ALTER TABLE ... ADD COLUMN ... NOT NULL` without a `DEFAULT` on an existing table.

Every existing row would get NULL in the new column, so PostgreSQL rejects the statement as
soon as the table has a row: the migration works on an empty development database and fails
in production. Give the column a default (constant defaults are instant since PostgreSQL 11),
or add it nullable, backfill, then set NOT NULL (see SC009).

## Bad

```sql
ALTER TABLE messages ADD COLUMN encryption_version smallint NOT NULL;
```

## Good

```sql
ALTER TABLE messages ADD COLUMN encryption_version smallint NOT NULL DEFAULT 1;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC021",
    "add-not-null-column-without-default",
    Severity.ERROR,
    "Give the new NOT NULL column a DEFAULT, or add it nullable and backfill first.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    for a in s.facts.actions:
        col = a.column
        if a.action != "add_column" or col is None or not col.not_null:
            continue
        if col.identity or col.generated or "serial" in col.data_type:
            continue
        if col.default is not None and col.default.strip().lower() != "null":
            continue
        yield Hit(
            f"column {col.name} is added NOT NULL without a DEFAULT: the statement fails as soon "
            f"as {qualified(s.facts.table)} has a row",
            object=label("column", ObjectName(col.name), s.facts.table),
        )
