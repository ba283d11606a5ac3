"""`CASCADE` on DROP (TABLE, SCHEMA, FUNCTION, TYPE, ...), `ALTER TABLE ... DROP ... CASCADE`
or `TRUNCATE ... CASCADE`.

CASCADE silently drops (or empties) every object that depends on the target: views, foreign
keys of other tables, triggers, functions — including ones the migration never created and
nobody reviewed. In a rollback this is worst: `DROP TABLE oauth_connections CASCADE` also
removes whatever was built on the table since the migration ran. Drop the dependents you know
about explicitly, in dependency order, and let PostgreSQL refuse if anything unknown still
depends on the object.

## Bad

```sql
DROP TABLE IF EXISTS oauth_connections CASCADE;
```

## Good

```sql
DROP TRIGGER IF EXISTS trigger_oauth_connections_updated_at ON oauth_connections;
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import dropped_names, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


def _cascade_word(s: Statement) -> bool:
    """A CASCADE option word (not the `ON DELETE CASCADE` of a foreign key)."""
    words = s.words
    for i, w in enumerate(words):
        if w.upper == "CASCADE" and (i == 0 or words[i - 1].upper not in ("DELETE", "UPDATE")):
            return True
    return False


@rule(
    "SC003",
    "ban-cascade",
    Severity.ERROR,
    "Drop dependents explicitly in dependency order instead of CASCADE.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    rollback = ctx.file.role == "rollback"
    if s.kind.startswith("drop_") and f.cascade:
        what = f.object_type or s.kind.removeprefix("drop_").replace("_", " ")
        if s.kind == "drop_owned":
            what = "owned by"
        names = dropped_names(s)
        on = f" ON {f.table.qualified}" if f.table is not None and s.kind != "drop_table" else ""
        extra = (
            " — in a rollback, also the ones built on it after the migration ran"
            if rollback
            else ", including ones this migration never created"
        )
        yield Hit(
            f"DROP {what.upper()} {names}{on} CASCADE also drops every view, foreign key, "
            f"trigger and function that depends on it{extra}",
            object=label(what, f.name, None),
        )
    elif s.kind == "truncate" and f.cascade:
        names = ", ".join(n.qualified for n in f.names)
        yield Hit(
            f"TRUNCATE {names} CASCADE also empties every table with a foreign key to it, "
            "and the tables referencing those: production rows in tables never named here",
            object=label("table", f.name),
        )
    elif s.kind.startswith("alter_"):
        target = f.table or f.name
        what = s.kind.removeprefix("alter_").replace("_", " ")
        flagged = False
        for a in f.actions:
            if a.cascade:
                flagged = True
                part = a.column_name or a.constraint_name or ""
                action = a.action.replace("_", " ").upper()
                yield Hit(
                    f"ALTER {what.upper()} {qualified(target)} {action} {part} CASCADE also "
                    "drops every view, index and constraint that depends on it",
                    object=label(what, target),
                )
        plain = s.kind not in ("alter_table", "alter_foreign_table")
        if not flagged and plain and _cascade_word(s):
            yield Hit(
                f"ALTER {what.upper()} {qualified(target)} ... CASCADE also changes or drops "
                "the objects that depend on it (typed tables, columns, constraints)",
                object=label(what, target),
            )
