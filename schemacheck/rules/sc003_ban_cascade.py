"""`CASCADE` on DROP (TABLE, SCHEMA, FUNCTION, TYPE, ...), `ALTER TABLE ... DROP ... CASCADE`
or `TRUNCATE ... CASCADE`.

CASCADE silently drops (or empties) every object that depends on the target: views, foreign
keys of other tables, triggers, functions — including ones the migration never created and
nobody reviewed. In a rollback this is worst: `DROP TABLE oauth_connections CASCADE` also
removes whatever was built on the table since the migration ran. Drop the dependents you know
about explicitly, in dependency order, and let PostgreSQL refuse if anything unknown still
depends on the object.

## Bad

```sql
DROP TABLE IF EXISTS oauth_connections CASCADE;
```

## Good

```sql
DROP TRIGGER IF EXISTS trigger_oauth_connections_updated_at ON oauth_connections;
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC003",
    "ban-cascade",
    Severity.ERROR,
    "Drop dependents explicitly in dependency order instead of CASCADE.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.kind.startswith("drop_") and f.cascade:
        what = f.object_type or "object"
        names = ", ".join(n.qualified for n in f.names) or what
        extra = (
            " — in a rollback it removes dependents the migration never created"
            if ctx.file.role == "rollback"
            else ""
        )
        yield Hit(
            f"DROP {what.upper()} {names} CASCADE silently drops every dependent object{extra}",
            object=label(what, f.name),
        )
    elif s.kind == "truncate" and f.cascade:
        yield Hit(
            "TRUNCATE ... CASCADE also empties every table with a foreign key to "
            + ", ".join(n.qualified for n in f.names),
            object=label("table", f.name),
        )
    elif s.kind == "alter_table":
        for a in f.actions:
            if a.cascade:
                target = a.column_name or a.constraint_name or ""
                yield Hit(
                    f"{a.action.replace('_', ' ')} {target} CASCADE silently drops dependent "
                    "objects (views, constraints, indexes)",
                    object=label("table", f.table),
                )
