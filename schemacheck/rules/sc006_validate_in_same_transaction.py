"""`VALIDATE CONSTRAINT` in the same transaction as the `ADD CONSTRAINT ... NOT VALID` it
validates.

The point of `NOT VALID` is to take the ACCESS EXCLUSIVE lock of `ADD CONSTRAINT` only for an
instant, and scan later under a weaker lock. Validating in the same transaction keeps the
strong lock from the ADD until COMMIT, through the whole scan: no better than adding the
constraint valid.

## Bad

```sql
BEGIN;
ALTER TABLE messages ADD CONSTRAINT chk_version CHECK (encryption_version IN (1, 2)) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT chk_version;
COMMIT;
```

## Good

```sql
BEGIN;
ALTER TABLE messages ADD CONSTRAINT chk_version CHECK (encryption_version IN (1, 2)) NOT VALID;
COMMIT;
ALTER TABLE messages VALIDATE CONSTRAINT chk_version;
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
    "SC006",
    "validate-constraint-in-same-transaction",
    Severity.WARNING,
    "Commit the NOT VALID constraint first; VALIDATE CONSTRAINT in a later transaction.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or s.transaction is None:
        return
    table = qualified(s.facts.table)
    for a in s.facts.actions:
        if a.action != "validate_constraint" or not a.constraint_name:
            continue
        for prev in ctx.earlier_statements:
            if prev.transaction != s.transaction or prev.kind != "alter_table":
                continue
            if qualified(prev.facts.table) != table:
                continue
            for pa in prev.facts.actions:
                con = pa.constraint
                if con is not None and con.name == a.constraint_name and con.not_valid:
                    yield Hit(
                        f"constraint {a.constraint_name} is validated in the same transaction "
                        f"that added it NOT VALID (line {prev.line}): the ACCESS EXCLUSIVE "
                        "lock is held through the whole scan",
                        object=label("constraint", ObjectName(a.constraint_name), s.facts.table),
                    )
