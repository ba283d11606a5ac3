"""`ALTER TABLE ... ALTER COLUMN ... TYPE` on an existing table.

Most type changes rewrite the whole table and every index on it under an ACCESS EXCLUSIVE
lock, and can break the application reading the column. Only a few are catalog-only
(binary-coercible): `varchar(n)` to a longer `varchar(m)` or to `varchar`/`text`, `text` to
`varchar`, `numeric(p, s)` to a larger precision with the same scale or to plain `numeric`.
Those are not reported when the old type is known from an earlier statement or file.

Safer: add a new column, backfill it in batches, switch the application, drop the old one.

## Bad

```sql
ALTER TABLE messages ALTER COLUMN sequence_number TYPE numeric;
```

## Good

```sql
-- a new column beside the old one; backfill it in batches, switch the application,
-- then drop sequence_number in a later release
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sequence_number_wide numeric;
```

Widening `users.display_name` from `varchar(100)` to `varchar(200)` is not reported either
when a file before it says the column was `varchar(100)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, column_type_before, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_VARCHAR = re.compile(r"^(?:varchar|character varying)(?:\((\d+)\))?$")
_NUMERIC = re.compile(r"^(?:numeric|decimal)(?:\((\d+)(?:,(\d+))?\))?$")


@rule(
    "SC011",
    "ban-column-type-change",
    Severity.WARNING,
    "Add a new column, backfill it, switch over, then drop the old column.",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "alter_table" or ctx.is_new_table(s.facts.table):
        return
    table = s.facts.table
    for a in s.facts.actions:
        if a.action != "alter_column_type" or not a.column_name or not a.data_type:
            continue
        old = column_type_before(ctx, qualified(table), a.column_name)
        if old is not None and a.using is None and binary_coercible(old, a.data_type):
            continue
        was = f" (was {old})" if old else ""
        yield Hit(
            f"changing the type of {qualified(table)}.{a.column_name} to {a.data_type}{was} "
            "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
            object=label("column", ObjectName(a.column_name), table),
        )


def _norm(t: str) -> str:
    return re.sub(r"\s*([(),])\s*", r"\1", " ".join(t.lower().split()))


def binary_coercible(old: str, new: str) -> bool:
    o, n = _norm(old), _norm(new)
    if o == n:
        return True
    ov, nv = _VARCHAR.match(o), _VARCHAR.match(n)
    if ov and (
        n == "text"
        or (
            nv
            and (
                nv.group(1) is None
                or (ov.group(1) is not None and int(nv.group(1)) >= int(ov.group(1)))
            )
        )
    ):
        return True
    if o == "text" and nv and nv.group(1) is None:
        return True
    on, nn = _NUMERIC.match(o), _NUMERIC.match(n)
    if on and nn:
        if nn.group(1) is None:
            return True
        if on.group(1) is None:
            return False
        return int(nn.group(1)) >= int(on.group(1)) and (on.group(2) or "0") == (nn.group(2) or "0")
    return o == "cidr" and n == "inet"
