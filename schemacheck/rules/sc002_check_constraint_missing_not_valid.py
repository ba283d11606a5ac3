"""`ALTER TABLE ... ADD CONSTRAINT ... CHECK (...)` without `NOT VALID` on an existing table.

Adding a CHECK constraint scans every row to prove it holds, under an ACCESS EXCLUSIVE lock:
no reads or writes on the table until the scan ends. Add it `NOT VALID` (instant: only new
rows are checked), then `VALIDATE CONSTRAINT` in a later transaction, which scans with a lock
that lets reads and writes go on.

## Bad

```sql
ALTER TABLE messages
    ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2));
```

## Good

```sql
ALTER TABLE messages
    ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2)) NOT VALID;
-- in a separate transaction:
ALTER TABLE messages VALIDATE CONSTRAINT chk_messages_encryption_version_valid;
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
    "SC002",
    "check-constraint-missing-not-valid",
    Severity.ERROR,
    "Add the CHECK constraint NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    for a in s.facts.actions:
        con = a.constraint
        if a.action != "add_constraint" or con is None or con.type != "check":
            continue
        if con.not_valid:
            continue
        name = con.name or "(unnamed)"
        yield Hit(
            f"CHECK constraint {name} added without NOT VALID: every row of "
            f"{qualified(s.facts.table)} is scanned under an ACCESS EXCLUSIVE lock",
            object=label("constraint", ObjectName(name), s.facts.table),
        )
