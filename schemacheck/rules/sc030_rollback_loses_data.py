"""A rollback that throws away data written since the migration ran: dropping a table or
column the migration created, or restoring a full backup (`pg_restore`, `\\i dump.sql`).

After a migration is live, users write into its new tables and columns. Dropping them in a
rollback deletes those rows; a full restore (`pg_restore -c`) goes further and loses every
write to every table since the backup was taken. Often that is acceptable (the feature is
being abandoned) — but it should be a decision: export the new data first, or make the
rollback keep it (rename the table aside instead of dropping it).

## Forward migration

```sql
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL);
```

## Bad

```sql
DROP TABLE IF EXISTS device_keys;
-- or, worse, a full restore:
\\! pg_restore -h db.internal -d app -c backup_pre_batch3.dump
```

## Good

```sql
-- keep what users wrote; drop it for good in a later cleanup
ALTER TABLE device_keys RENAME TO device_keys_rolled_back_122;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import label, made_by
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_RESTORE = re.compile(r"\bpg_restore\b|^\\i\S*\s+\S*(dump|backup)", re.I)


@rule(
    "SC030",
    "rollback-loses-data",
    Severity.INFO,
    "Export or keep the rows users wrote since the migration before dropping them.",
    scope="file",
    roles=("rollback",),
)
def check(ctx: Context) -> Iterator[Hit]:
    for p in ctx.file.problems:
        if p.kind == "meta_command" and _RESTORE.search(p.text):
            yield Hit(
                f"`{p.text}` restores a backup: every write since the backup, to every table, "
                "is lost",
                line=p.line,
                column=p.column,
            )
    if ctx.forward is None:
        return
    made = made_by(ctx, ctx.forward)
    for s in ctx.file.statements:
        if s.kind == "drop_table":
            for n in s.facts.names:
                if qualified(n) in made.tables:
                    yield Hit(
                        f"dropping {qualified(n)} deletes every row users wrote to it since the "
                        "migration ran",
                        object=label("table", n),
                        statement=s,
                    )
        elif s.kind == "alter_table" and s.facts.table is not None:
            t = qualified(s.facts.table)
            for a in s.facts.actions:
                if a.action == "drop_column" and (t, a.column_name or "") in made.columns:
                    yield Hit(
                        f"dropping {t}.{a.column_name} deletes the values users wrote to it since "
                        "the migration ran",
                        object=label("column", ObjectName(a.column_name or ""), s.facts.table),
                        statement=s,
                    )
