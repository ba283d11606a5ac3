"""A SQL file that is not valid UTF-8, or that contains NUL bytes.

The file was read with replacement characters, so string literals and identifiers near the bad
bytes may not be what PostgreSQL would see (with `client_encoding` UTF8 it rejects the file
outright). Save the file as UTF-8.

## Bad

```sql
INSERT INTO users (display_name) VALUES ('Ren<0xE9>');   -- <0xE9>: one Latin-1 byte
```

## Good

```sql
INSERT INTO users (display_name) VALUES ('René');         -- UTF-8
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC036",
    "invalid-encoding",
    Severity.ERROR,
    "Save the file as UTF-8 without NUL bytes.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    for p in ctx.file.problems:
        if p.kind == "encoding":
            yield Hit(p.message, line=p.line, column=p.column)
