"""psql-only text in a file a migration tool sends to PostgreSQL itself: a psql meta-command
(`\\set`, `\\i`, `\\connect`, pg_dump's `\\restrict`, ...), or `COPY ... FROM stdin` with its
rows inline.

goose, dbmate, golang-migrate (and sqlx, which names its files alike), Flyway, Prisma and
Diesel do not run files through psql: they send the file's text to PostgreSQL over their own
connection. A meta-command reaches the server as SQL, and PostgreSQL refuses it (42601,
syntax error at or near "\\"), so the migration fails. `COPY ... FROM stdin` waits for rows
the client streams: goose, dbmate, golang-migrate, Prisma and Diesel send the rows written
after it as SQL instead (42601 again).
Flyway does stream the rows of a `COPY ... FROM STDIN` written in its files, so only its
meta-commands are reported. Files of no known tool, and sqitch's (psql runs them), get
SC035's note instead.

A dump made with `pg_dump` 17.6 or later starts with `\\restrict KEY` and ends with
`\\unrestrict KEY`: used as a first migration it fails at the first line.

## Bad

```sql
-- file: db/migrations/000001_seed.up.sql
\\set ON_ERROR_STOP on
CREATE TABLE countries (code text PRIMARY KEY);
COPY countries (code) FROM stdin;
FR
DE
\\.
```

## Good

```sql
-- file: db/migrations/000001_seed.up.sql
CREATE TABLE countries (code text PRIMARY KEY);
INSERT INTO countries (code) VALUES ('FR'), ('DE');
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.sections import tool_name
from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

# the tools that send a file's text to PostgreSQL themselves (`SqlFile.tool`)
SENDING_TOOLS = frozenset({"goose", "dbmate", "golang-migrate", "flyway", "prisma", "diesel"})
# of those, the tools that stream the rows written after a COPY ... FROM STDIN
_STREAMING_COPY = frozenset({"flyway"})
_FROM_STDIN = re.compile(r"\bFROM\s+STDIN\b", re.I)


@rule(
    "SC045",
    "psql-only-text-in-tool-file",
    Severity.ERROR,
    "Remove psql meta-commands from the migration (pass psql settings on the command line); "
    "load inline rows with INSERT ... VALUES.",
    scope="file",
    roles=("migration", "rollback"),
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    if f.tool not in SENDING_TOOLS:
        return
    tool = tool_name(f.tool)
    for p in f.problems:
        if p.kind == "meta_command":
            command = p.text.split()[0] if p.text else "\\"
            yield Hit(
                f"{tool} sends psql meta-command {command} to PostgreSQL as SQL, which refuses "
                "it (42601, syntax error): only psql runs meta-commands",
                line=p.line,
                column=p.column,
            )
    if f.tool in _STREAMING_COPY:
        return
    for s in f.statements:
        if s.kind == "copy" and _FROM_STDIN.search(s.text):
            yield Hit(
                f"`COPY ... FROM stdin` waits for rows the client streams, which only psql "
                f"does with the rows written after it: {tool} sends those rows to PostgreSQL "
                "as SQL, which refuses them (42601, syntax error)",
                statement=s,
            )
