"""Renaming an existing table or column (`ALTER TABLE ... RENAME TO` /
`RENAME COLUMN ... TO`).

While a deploy rolls out, old application instances still use the old name and fail the
moment the rename commits. Add the new name alongside (a new column kept in sync, or a view
with the new name), move the application over, then drop the old name in a later release. Not
reported for tables created earlier in the same file, nor in a rollback that renames back what
its forward migration renamed.

## Bad

```sql
ALTER TABLE oauth_connections RENAME COLUMN access_token_hash TO access_token_digest;
```

## Good

```sql
ALTER TABLE oauth_connections ADD COLUMN access_token_digest bytea;
-- backfill, switch the application, then drop access_token_hash in a later release
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC019",
    "ban-rename",
    Severity.WARNING,
    "Add the new name alongside the old one; drop the old name in a later release.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        if a.action == "rename_table" and a.new_name:
            if _undoes(ctx, table, None, a.new_name):
                continue
            yield Hit(
                f"renaming table {qualified(table)} to {a.new_name} breaks code using the old name",
                object=label("table", table),
            )
        elif a.action == "rename_column" and a.column_name and a.new_name:
            if _undoes(ctx, table, a.column_name, a.new_name):
                continue
            yield Hit(
                f"renaming column {qualified(table)}.{a.column_name} to {a.new_name} breaks code "
                "using the old name",
                object=label("column", ObjectName(a.column_name), table),
            )


def _undoes(ctx: Context, table: ObjectName | None, column: str | None, new: str) -> bool:
    """In a rollback: the forward migration renamed `new` to the current name."""
    if ctx.forward is None:
        return False
    forward: tuple[Statement, ...] = ctx.forward.statements
    for s in forward:
        if s.kind != "alter_table" or s.facts.table is None:
            continue
        for a in s.facts.actions:
            old_name = table.name if table else None
            if (
                column is None
                and a.action == "rename_table"
                and s.facts.table.name == new
                and a.new_name == old_name
            ):
                return True
            if column is not None and a.action == "rename_column":
                same_table = qualified(s.facts.table) == qualified(table)
                if same_table and a.column_name == new and a.new_name == column:
                    return True
    return False
