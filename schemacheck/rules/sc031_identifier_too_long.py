"""An identifier longer than 63 bytes (PostgreSQL's NAMEDATALEN - 1).

PostgreSQL silently truncates longer names (with only a NOTICE): two names that differ after
byte 63 collide, and tools or specs that use the full name never find the object. Counted in
UTF-8 bytes, so accented letters count double.

## Bad

```sql
CREATE INDEX idx_oauth_connections_provider_user_id_and_token_expiry_and_last_refresh
    ON oauth_connections (provider_user_id, token_expires_at, last_refresh_at);
```

## Good

```sql
CREATE INDEX idx_oauth_conn_provider_user_expiry_refresh
    ON oauth_connections (provider_user_id, token_expires_at, last_refresh_at);
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import SCHEMA_ROLES, stored
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

MAX_BYTES = 63


def _names(s: Statement) -> Iterator[tuple[str, str]]:
    f = s.facts
    if s.kind.startswith("create_") and f.name is not None:
        yield f.object_type or "object", f.name.name
        if f.name.schema:
            yield "schema", f.name.schema
    for c in f.columns:
        yield "column", c.name
    for con in f.constraints:
        if con.name:
            yield "constraint", con.name
    for a in f.actions:
        if a.new_name and a.action.startswith("rename"):
            yield "name", a.new_name


@rule(
    "SC031",
    "identifier-too-long",
    Severity.WARNING,
    "Keep identifiers within 63 bytes; PostgreSQL silently truncates longer ones.",
    roles=SCHEMA_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    seen: set[str] = set()
    for kind, name in _names(ctx.stmt):
        size = len(name.encode("utf-8"))
        if size > MAX_BYTES and name not in seen:
            seen.add(name)
            yield Hit(
                f"{kind} name {name} is {size} bytes long; PostgreSQL truncates it to "
                f"{stored(name)}",
                object=f"{kind} {name}",
            )
