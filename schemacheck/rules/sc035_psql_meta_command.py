"""A psql meta-command (`\\set`, `\\i`, `\\connect`, `\\gset`, ...) in a SQL file.

Meta-commands are instructions to the `psql` client, not SQL: schemacheck skips them, and so
does `check`'s own runner. A `\\i` includes a file that is not checked unless it is given too;
a `\\connect` switches databases under the rest of the file. In a file that goose, dbmate,
golang-migrate or Flyway runs, they are sent to PostgreSQL, which refuses them: SC045 reports
those instead.

## Bad

```sql
\\set ON_ERROR_STOP on
\\i 118_oauth_encrypted_tokens.sql
```

## Good

```sql
-- plain SQL only; run it with: psql -v ON_ERROR_STOP=1 -f 118_oauth_encrypted_tokens.sql
CREATE TABLE IF NOT EXISTS oauth_connections (id uuid PRIMARY KEY);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule
from schemacheck.rules.sc045_psql_only_text_in_tool_file import SENDING_TOOLS


@rule(
    "SC035",
    "psql-meta-command",
    Severity.INFO,
    "Keep migration files plain SQL; pass psql options on the command line.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    if ctx.file.tool in SENDING_TOOLS:
        return  # the tool sends them to PostgreSQL: SC045
    for p in ctx.file.problems:
        if p.kind == "meta_command":
            yield Hit(p.message, line=p.line, column=p.column)
