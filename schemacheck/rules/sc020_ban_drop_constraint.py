"""`ALTER TABLE ... DROP CONSTRAINT` on an existing table.

Dropping a CHECK, UNIQUE or foreign key constraint removes a guarantee the application (and
other constraints, and your data) rely on, and from then on bad rows can get in unnoticed;
dropping a primary key or unique constraint also drops its index. Not reported in a rollback
that drops a constraint its forward migration added, nor for tables created earlier in the
same file, nor for a constraint added earlier in the same file.

Nor for the last step of SC009's recipe, in whatever file each step is: a `CHECK (col IS NOT
NULL)` dropped once `col` is `NOT NULL` (set earlier in the run, or earlier in the same
statement) guards nothing the column does not. A constraint added in an earlier migration
and dropped in a later one is reported: it has been in force in between.

## Bad

```sql
ALTER TABLE messages DROP CONSTRAINT messages_conversation_fk;
```

## Good

```sql
-- keep the constraint; if it must change, add the new one NOT VALID and validate it,
-- then drop the old one

-- or: a CHECK (col IS NOT NULL) that SET NOT NULL has made redundant (SC009's recipe,
-- each step in a file of its own or not)
ALTER TABLE messages ADD CONSTRAINT messages_nonce_not_null
    CHECK (content_nonce IS NOT NULL) NOT VALID;
-- next migration:
ALTER TABLE messages VALIDATE CONSTRAINT messages_nonce_not_null;
-- next migration:
ALTER TABLE messages ALTER COLUMN content_nonce SET NOT NULL;
ALTER TABLE messages DROP CONSTRAINT messages_nonce_not_null;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import AlterAction, ConstraintFact, ObjectName
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
    columns = _NotNull(ctx, table)
    for a in s.facts.actions:
        name = a.constraint_name
        if (
            a.action == "drop_constraint"
            and name
            and (table, name) not in mine
            and not columns.redundant(name)
        ):
            yield Hit(
                f"DROP CONSTRAINT {name} on {table} removes a guarantee the data relies on",
                object=label("constraint", ObjectName(name), s.facts.table),
            )
        columns.apply(a)  # SET NOT NULL, DROP CONSTRAINT a, DROP CONSTRAINT b


_IS_NOT_NULL = re.compile(
    r'^\(?\s*(?:"(?P<quoted>[^"]+)"|(?P<bare>[A-Za-z_][\w$]*))\s+IS\s+NOT\s+NULL\s*\)?$', re.I
)


class _NotNull:
    """What the statements on a table before this action say about its NOT NULL columns and
    its `CHECK (col IS NOT NULL)` constraints, in this file and the earlier ones."""

    def __init__(self, ctx: Context, table: str) -> None:
        self.not_null: set[str] = set()
        self.checks: dict[str, str] = {}  # constraint name -> the column it proves not null
        for prev in ctx.history.table_statements(ctx, table):
            if prev.kind == "create_table":
                self.not_null.clear()
                self.checks.clear()
                for col in prev.facts.columns:
                    if col.not_null or col.primary_key:
                        self.not_null.add(col.name)
                for con in prev.facts.constraints:
                    self._constraint(con)
            else:
                for a in prev.facts.actions:
                    self.apply(a)

    def apply(self, a: AlterAction) -> None:
        if a.action == "set_not_null" and a.column_name:
            self.not_null.add(a.column_name)
        elif a.action in ("drop_not_null", "drop_column") and a.column_name:
            self.not_null.discard(a.column_name)
        elif a.action == "add_column" and a.column is not None:
            if a.column.not_null or a.column.primary_key:
                self.not_null.add(a.column.name)
        elif a.action == "add_constraint" and a.constraint is not None:
            self._constraint(a.constraint)
        elif a.action == "drop_constraint" and a.constraint_name:
            self.checks.pop(a.constraint_name, None)

    def _constraint(self, con: ConstraintFact) -> None:
        if con.type == "primary_key":
            self.not_null.update(con.columns)
        elif con.type == "check" and con.name:
            m = _IS_NOT_NULL.match(con.expression or "")
            if m is not None:
                self.checks[con.name] = m.group("quoted") or m.group("bare").lower()

    def redundant(self, constraint: str) -> bool:
        """`constraint` is a CHECK (col IS NOT NULL) on a column that is NOT NULL."""
        column = self.checks.get(constraint)
        return column is not None and column in self.not_null
