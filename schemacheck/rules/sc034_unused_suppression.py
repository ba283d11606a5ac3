"""A `-- schemacheck: ignore ...` comment that hides nothing, names an unknown rule, or names
no rule at all.

Suppressions outlive the problem they hid: when the statement is fixed or moved, a stale
ignore stays behind and would silently hide the next, unrelated problem. Remove it, or move it
to the line just before the statement it is meant for.

Syntax: `-- schemacheck: ignore CODE-or-slug[, CODE-or-slug...] [reason]` on the line(s) just
before a statement or at its end on the same line applies to that statement;
`-- schemacheck: ignore-file CODE-or-slug[, ...] [reason]` anywhere in a file applies to the
whole file. `all` matches every rule. Codes may also be separated by spaces (`ignore SC001
SC002 reason`); after the first one, only words shaped like a code (`SC` and digits) are read
as codes, so the reason's words never are.

## Bad

```sql
-- schemacheck: ignore SC001 small table
CREATE INDEX CONCURRENTLY idx_device_keys_user_id ON device_keys (user_id);
```

## Good

```sql
CREATE INDEX CONCURRENTLY idx_device_keys_user_id ON device_keys (user_id);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule


@rule(
    "SC034",
    "unused-suppression",
    Severity.WARNING,
    "Remove the stale ignore comment, or put it just before the statement it is for.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    """Computed by the engine (`schemacheck.lint`), which alone knows what each suppression
    hid; nothing to do per file."""
    return iter(())
