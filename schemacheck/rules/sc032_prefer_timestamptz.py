"""A column of type `timestamp` (without time zone).

`timestamp without time zone` stores a wall-clock reading with no zone: the same instant is
stored differently by servers or sessions with different `TimeZone` settings, comparisons with
`now()` (a `timestamptz`) shift by the session's offset, and daylight-saving changes create
duplicates and gaps. `timestamptz` stores an instant and converts on display.

## Bad

```sql
CREATE TABLE key_exchanges (id uuid PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
```

## Good

```sql
CREATE TABLE key_exchanges (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
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

# `timestamp`, `timestamp(3)`, `timestamp without time zone`, arrays of them, and the type's
# catalog name written quoted or qualified as pg_dump does (`"timestamp"`,
# `pg_catalog."timestamp"`): keywords in any case, quoted names exactly (`"Timestamp"` is
# another type).
_NAIVE = re.compile(
    r'^(?:(?:pg_catalog|(?-i:"pg_catalog"))\s*\.\s*)?(?:timestamp|(?-i:"timestamp"))'
    r"\s*(\(\s*\d+\s*\))?(\s+without\s+time\s+zone)?(\s*\[\s*\d*\s*\])*$",
    re.IGNORECASE,
)
_WITHOUT_TIME_ZONE = re.compile(r"\bwithout\s+time\s+zone\b", re.IGNORECASE)


def naive_timestamp(data_type: str) -> bool:
    return bool(_NAIVE.match(data_type.strip()))


def _written(data_type: str) -> str:
    """The type as written, with "(without time zone)" when the text does not say it."""
    if _WITHOUT_TIME_ZONE.search(data_type):
        return f"`{data_type}`"
    return f"`{data_type}` (without time zone)"


@rule(
    "SC032",
    "prefer-timestamptz",
    Severity.WARNING,
    "Use timestamptz (timestamp with time zone).",
    roles=SCHEMA_ROLES,
    kinds=("create_table", "alter_table"),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    table = f.name if s.kind == "create_table" else f.table
    if s.kind not in ("create_table", "alter_table"):
        return
    for col in f.columns:
        if naive_timestamp(col.data_type):
            yield Hit(
                f"column {col.name} is {_written(col.data_type)}",
                object=label("column", ObjectName(col.name), table),
            )
    for a in f.actions:
        if a.action == "alter_column_type" and a.data_type and naive_timestamp(a.data_type):
            yield Hit(
                f"column {a.column_name} is changed to {_written(a.data_type)}",
                object=label("column", ObjectName(a.column_name or ""), table),
            )
