"""`ALTER TABLE ... ADD COLUMN` with a default that forces a table rewrite.

Since PostgreSQL 11, adding a column with a constant or otherwise non-volatile default
(`0`, `'x'`, `now()`, `CURRENT_TIMESTAMP`) is instant: the value is stored once in the
catalog. A *volatile* default (`random()`, `gen_random_uuid()`, `uuid_generate_v4()`,
`clock_timestamp()`, `nextval(...)`, a `serial`/identity column, a stored generated column)
must be computed per row, so the whole table is rewritten under an ACCESS EXCLUSIVE lock.
Before PostgreSQL 11 (set the target major) every non-null default rewrites.

## Bad

```sql
ALTER TABLE messages ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
```

## Good

```sql
ALTER TABLE messages ADD COLUMN public_id uuid;
ALTER TABLE messages ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
-- backfill existing rows in batches, then add the NOT NULL (see SC009)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

VOLATILE_FUNCTIONS = frozenset(
    {
        "random",
        "gen_random_uuid",
        "uuid_generate_v1",
        "uuid_generate_v1mc",
        "uuid_generate_v4",
        "uuidv4",
        "uuidv7",
        "clock_timestamp",
        "timeofday",
        "nextval",
        "setseed",
        "txid_current",
        "pg_current_xact_id",
        "gen_random_bytes",
        "random_normal",
    }
)
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_SERIAL = re.compile(r"^(small|big)?serial[248]?$")


@rule(
    "SC010",
    "add-column-volatile-default",
    Severity.WARNING,
    "Add the column without the volatile default, set the default after, backfill in batches.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        col = a.column
        if a.action != "add_column" or col is None:
            continue
        why = _rewrite_reason(col.default, col.data_type, col.identity, col.generated, ctx)
        if why:
            yield Hit(
                f"adding column {col.name} to {qualified(table)} {why}: the whole table is "
                "rewritten under an ACCESS EXCLUSIVE lock",
                object=label("column", ObjectName(col.name), table),
            )


def _rewrite_reason(
    default: str | None, data_type: str, identity: bool, generated: bool, ctx: Context
) -> str:
    if _SERIAL.match(data_type.replace(" ", "")):
        return f"as {data_type} (a nextval() default per row)"
    if identity:
        return "as an identity column (a value per row)"
    if generated:
        return "as a stored generated column (computed per row)"
    if default is None or default.strip().lower() == "null":
        return ""
    volatile = sorted({m.group(1).lower() for m in _CALL.finditer(default)} & VOLATILE_FUNCTIONS)
    if volatile:
        return f"with the volatile default {default}"
    if not ctx.pg_at_least(11):
        return f"with a default ({default}) before PostgreSQL 11"
    return ""
