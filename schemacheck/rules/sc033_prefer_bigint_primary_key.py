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
from schemacheck.rules._common import SCHEMA_ROLES, label
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

_SMALL = re.compile(r"^(int|integer|int2|int4|smallint|serial|serial2|serial4|smallserial)$")


@rule(
    "SC033",
    "prefer-bigint-primary-key",
    Severity.WARNING,
    "Use bigint (or bigint identity / bigserial) for integer primary keys.",
    roles=SCHEMA_ROLES,
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
        dtype = types.get(name, "")
        if _SMALL.match(dtype.replace(" ", "")):
            yield Hit(
                f"primary key column {name} is {dtype}: it runs out at 2^31 (or 2^15) rows",
                object=label("column", ObjectName(name), table),
            )
