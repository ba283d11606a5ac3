"""`DELETE` or `UPDATE` that picks rows by a time window ending now:
`WHERE created_at > NOW() - INTERVAL '1 minute'` (also `>=`, `BETWEEN now() - ... AND now()`,
`now() - created_at < ...`, `age(created_at) < ...`, with `current_timestamp`,
`clock_timestamp()`, `statement_timestamp()`, `transaction_timestamp()`, `localtimestamp`,
`current_date`).

Meant as "clean up the test row I just inserted", it also deletes or changes every row real
users wrote in that window. Select the rows by something only your test data has (a known id,
a marker value), or run the test in a transaction and roll it back.

## Bad

```sql
DELETE FROM key_exchanges WHERE created_at > NOW() - INTERVAL '1 minute';
```

## Good

```sql
DELETE FROM key_exchanges WHERE id = '7d0c6f3e-0000-4000-8000-000000000001';
-- or
BEGIN;
INSERT INTO key_exchanges ...;
SELECT ...;
ROLLBACK;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules._common import label, recent_window, where_expression
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

_NOW_TEXT = re.compile(
    r"\b(now\s*\(|current_timestamp|current_date|localtimestamp|clock_timestamp\s*\(|"
    r"statement_timestamp\s*\(|transaction_timestamp\s*\()",
    re.I,
)
_RECENT_TEXT = re.compile(r">=?|\bbetween\b", re.I)


@rule(
    "SC004",
    "ban-time-window-delete",
    Severity.ERROR,
    "Select test rows by an identifying value, or roll the test back; never by a time window.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind not in ("delete", "update") or not s.facts.where:
        return
    cond = where_expression(s)
    if cond is not None:
        found = recent_window(cond)
        if found is None:
            return
        window = found.sql(dialect="postgres")
    else:
        text = s.facts.where
        if not (_NOW_TEXT.search(text) and _RECENT_TEXT.search(text)):
            return
        window = text
    verb = s.kind.upper()
    yield Hit(
        f"{verb} selects rows by a time window ({window}): it also hits every row real users "
        "wrote in that window",
        object=label("table", s.facts.table),
    )
