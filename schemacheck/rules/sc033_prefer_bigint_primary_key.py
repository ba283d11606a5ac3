"""A primary key column of type `integer`, `smallint`, `serial` or `smallserial`.

An `integer` key runs out at 2,147,483,647; busy tables get there, and then every insert
fails until the key is migrated to `bigint` — a full rewrite of the table and of every table
referencing it. `bigint` (or `bigserial` / `bigint GENERATED ALWAYS AS IDENTITY`) costs four
bytes more per row. UUID keys are not reported.

## Bad

```sql
CREATE TABLE schema_migrations (version integer PRIMARY KEY);
CREATE TABLE audit_log (id serial PRIMARY KEY, event text);
```

## Good

```sql
CREATE TABLE schema_migrations (version bigint PRIMARY KEY);
CREATE TABLE audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event text);
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, column_type_before, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_TWO_BYTES = frozenset({"smallint", "int2", "smallserial", "serial2"})
_SMALL = re.compile(r"^(int|integer|int2|int4|smallint|serial|serial2|serial4|smallserial)$")


@rule(
    "SC033",
    "prefer-bigint-primary-key",
    Severity.WARNING,
    "Use bigint (or bigint identity / bigserial) for integer primary keys.",
    roles=SCHEMA_ROLES,
    kinds=("create_table", "alter_table"),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.kind not in ("create_table", "alter_table"):
        return
    table = f.name if s.kind == "create_table" else f.table
    types = {c.name: c.data_type for c in f.columns}
    pk_columns = [c.name for c in f.columns if c.primary_key]
    for con in f.constraints:
        if con.type == "primary_key":
            pk_columns.extend(con.columns)
    for name in pk_columns:
        dtype = types.get(name) or (
            column_type_before(ctx, qualified(table), name) if s.kind == "alter_table" else None
        )
        if dtype is None:
            continue
        compact = dtype.replace(" ", "")
        if _SMALL.match(compact):
            limit = "32,767" if compact in _TWO_BYTES else "2,147,483,647"
            yield Hit(
                f"primary key column {qualified(table)}.{name} is {dtype}: inserts fail once "
                f"the key passes {limit}, and widening it then rewrites the table",
                object=label("column", ObjectName(name), table),
            )
