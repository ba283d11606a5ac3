"""`ALTER TABLE ... DROP CONSTRAINT` on an existing table.

Dropping a CHECK, UNIQUE or foreign key constraint removes a guarantee the application (and
other constraints, and your data) rely on, and from then on bad rows can get in unnoticed;
dropping a primary key or unique constraint also drops its index. Not reported in a rollback
that drops a constraint its forward migration added, nor for tables created earlier in the
same file.

## Bad

```sql
ALTER TABLE messages DROP CONSTRAINT messages_conversation_fk;
```

## Good

```sql
-- keep the constraint; if it must change, add the new one NOT VALID and validate it,
-- then drop the old one
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, constraints_added, earlier_constraints, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC020",
    "ban-drop-constraint",
    Severity.WARNING,
    "Keep integrity constraints; replace one only with a validated successor.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    if not any(a.action == "drop_constraint" and a.constraint_name for a in s.facts.actions):
        return
    table = qualified(s.facts.table)
    mine = set(earlier_constraints(ctx))
    if ctx.forward is not None:
        mine |= constraints_added(ctx.forward.statements)
    for a in s.facts.actions:
        if a.action != "drop_constraint" or not a.constraint_name:
            continue
        if (table, a.constraint_name) in mine:
            continue
        yield Hit(
            f"DROP CONSTRAINT {a.constraint_name} on {table} removes a guarantee the data "
            "relies on",
            object=label("constraint", ObjectName(a.constraint_name), s.facts.table),
        )
