"""A foreign key added to an existing table without `NOT VALID`.

`ADD CONSTRAINT ... FOREIGN KEY` checks every existing row against the referenced table while
holding a SHARE ROW EXCLUSIVE lock on both tables: writes to both wait for the whole scan. Add
the foreign key `NOT VALID` (new rows are checked at once), then `VALIDATE CONSTRAINT` in a
later transaction, which only takes a SHARE UPDATE EXCLUSIVE lock.

Also reported for `ADD COLUMN ... REFERENCES ...` on an existing table (the column is new and
all NULL, so that one is cheap: reported only when the column has a non-null default).

## Bad

```sql
ALTER TABLE messages ADD CONSTRAINT messages_sender_fk
    FOREIGN KEY (sender_id) REFERENCES users (id);
```

## Good

```sql
ALTER TABLE messages ADD CONSTRAINT messages_sender_fk
    FOREIGN KEY (sender_id) REFERENCES users (id) NOT VALID;
-- in a separate transaction:
ALTER TABLE messages VALIDATE CONSTRAINT messages_sender_fk;
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
    "SC005",
    "foreign-key-missing-not-valid",
    Severity.ERROR,
    "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        con = a.constraint
        if a.action == "add_constraint" and con is not None and con.type == "foreign_key":
            if con.not_valid:
                continue
            yield Hit(
                f"foreign key {con.name or '(unnamed)'} on {qualified(table)} added without "
                f"NOT VALID: every row is checked against {qualified(con.references)} while "
                "writes to both tables wait",
                object=label("constraint", ObjectName(con.name or "(unnamed)"), table),
            )
        elif a.action == "add_column" and a.column is not None and a.column.references:
            default = (a.column.default or "").strip().lower()
            if default and default != "null":
                yield Hit(
                    f"column {a.column.name} added with a REFERENCES clause and a default: every "
                    f"row is checked against {qualified(a.column.references)}",
                    object=label("column", ObjectName(a.column.name), table),
                )
