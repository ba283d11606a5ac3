"""`DROP SCHEMA`.

A schema holds tables, functions, types and their data: dropping it (especially with CASCADE)
destroys everything in it, including objects no migration in this change created. Not
reported in a rollback that drops a schema its forward migration created, nor for a schema
created earlier in the same file.

## Bad

```sql
DROP SCHEMA app CASCADE;
```

## Good

```sql
-- drop the objects you created, one by one, and leave the schema
DROP TABLE IF EXISTS app.device_keys;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import earlier_objects, made_by
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC017",
    "ban-drop-schema",
    Severity.ERROR,
    "Drop the objects you created one by one; never the whole schema.",
    kinds=("drop_schema",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "drop_schema":
        return
    mine = set(earlier_objects(ctx).schemas)
    if ctx.forward is not None:
        mine |= set(made_by(ctx, ctx.forward).schemas)
    for n in s.facts.names:
        if n.name in mine:
            continue
        yield Hit(
            f"DROP SCHEMA {n.name} destroys every object and row in it",
            object=f"schema {n.name}",
        )
