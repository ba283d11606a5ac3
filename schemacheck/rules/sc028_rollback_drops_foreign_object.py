"""A rollback that drops or changes something its forward migration did not create.

A rollback must give back the schema as it was before the migration, nothing more. Dropping a
table, column, index, function or constraint that existed before the migration (a
prerequisite's table, another migration's function) destroys data and breaks code that has
nothing to do with this change, and "up" again no longer restores it. An extension or schema
the migration created `IF NOT EXISTS` may well have been there before: dropping it in the
rollback is reported too. What a DO block of the migration does cannot be read statically: an
object whose name is a word of such a block is taken to be the migration's.

## Forward migration

```sql
ALTER TABLE messages ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2)) NOT VALID;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version
    ON messages (encryption_version);
CREATE OR REPLACE FUNCTION get_message_encryption_stats() RETURNS bigint
    LANGUAGE sql AS $$ SELECT count(*) FROM messages $$;
```

## Bad

```sql
-- 119_add_message_encryption.sql only added a constraint, an index and a function
ALTER TABLE messages DROP COLUMN encryption_version;
```

## Good

```sql
DROP INDEX IF EXISTS idx_messages_encryption_version;
DROP FUNCTION IF EXISTS get_message_encryption_stats();
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from schemacheck.ddl.statement import ObjectName, SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    implicit_constraint_names,
    index_key,
    label,
    made_by,
    named_in_do,
    stored,
    stored_key,
    stored_pair,
    written_constraint_names,
)
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_ALTERING = frozenset(
    {
        "drop_column",
        "drop_constraint",
        "alter_column_type",
        "set_not_null",
        "drop_not_null",
        "set_default",
        "drop_default",
        "rename_column",
        "rename_table",
        "rename_constraint",
    }
)


@rule(
    "SC028",
    "rollback-drops-foreign-object",
    Severity.ERROR,
    "Drop only what the forward migration created; leave everything else alone.",
    roles=("rollback",),
)
def check(ctx: Context) -> Iterator[Hit]:
    if ctx.forward is None:
        return
    forward = ctx.forward
    for name, hit in _hits(ctx):
        # what a DO block of the migration does cannot be read: it may have made `name`
        if not named_in_do(ctx, forward, name):
            yield hit


@dataclass(frozen=True)
class _Mine:
    """What the forward migration made, by the names PostgreSQL keeps (63 bytes at most)."""

    tables: frozenset[str]
    functions: frozenset[str]
    types: frozenset[str]
    sequences: frozenset[str]
    views: frozenset[str]
    indexes: frozenset[str]
    triggers: frozenset[tuple[str, str]]
    columns: frozenset[tuple[str, str]]
    constraints: frozenset[tuple[str, str]]
    renamed_to: frozenset[str]
    extensions: dict[str, Statement]
    schemas: dict[str, Statement]


def _mine(ctx: Context, forward: SqlFile) -> _Mine:
    """`made_by(forward)` by stored names, once per run."""
    memo = ctx.history.memo
    key = ("sc028 mine", forward.path)
    mine = memo.get(key)
    if isinstance(mine, _Mine):
        return mine
    made = made_by(ctx, forward)
    mine = memo[key] = _Mine(
        tables=frozenset(map(stored_key, made.tables)),
        functions=frozenset(map(stored_key, made.functions)),
        types=frozenset(map(stored_key, made.types)),
        sequences=frozenset(map(stored_key, made.sequences)),
        views=frozenset(map(stored_key, made.views)),
        indexes=frozenset(map(stored_key, made.indexes)),
        triggers=frozenset(map(stored_pair, made.triggers)),
        columns=frozenset(map(stored_pair, made.columns)),
        constraints=frozenset(map(stored_pair, made.constraints)),
        renamed_to=frozenset(stored_key(new) for _, new in made.renames),
        extensions={stored(n): st for n, st in made.extensions.items()},
        schemas={stored(n): st for n, st in made.schemas.items()},
    )
    return mine


def _hits(ctx: Context) -> Iterator[tuple[str, Hit]]:
    """(the name of the object touched, the hit) for each object the rollback drops or
    changes that the forward migration's statements did not create or change."""
    s = ctx.stmt
    if ctx.forward is None:
        return
    made = _mine(ctx, ctx.forward)
    f = s.facts
    fwd = ctx.forward.path
    keyed: dict[str, tuple[str, frozenset[str]]] = {
        "drop_table": ("table", made.tables),
        "drop_function": ("function", made.functions),
        "drop_procedure": ("procedure", made.functions),
        "drop_type": ("type", made.types),
        "drop_domain": ("domain", made.types),
        "drop_sequence": ("sequence", made.sequences),
        "drop_view": ("view", made.views),
        "drop_materialized_view": ("materialized view", made.views),
    }
    if s.kind in keyed:
        kind, mine = keyed[s.kind]
        for n in f.names:
            if stored_key(qualified(n)) not in mine:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops {kind} {qualified(n)}, which {fwd} does not create",
                        object=label(kind, n),
                    ),
                )
    elif s.kind == "drop_index":
        for n in f.names:
            if stored_key(index_key(n)) not in made.indexes:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops index {qualified(n)}, which {fwd} does not create",
                        object=label("index", n),
                    ),
                )
    elif s.kind == "drop_trigger" and f.table is not None:
        for n in f.names:
            if stored_pair((qualified(f.table), n.name)) not in made.triggers:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops trigger {n.name} on {qualified(f.table)}, which {fwd} "
                        "does not create",
                        object=label("trigger", n, f.table),
                    ),
                )
    elif s.kind in ("drop_extension", "drop_schema"):
        kind = s.kind.removeprefix("drop_")
        mine_ext = made.extensions if kind == "extension" else made.schemas
        for n in f.names:
            creator = mine_ext.get(stored(n.name))
            if creator is None:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops {kind} {n.name}, which {fwd} does not create",
                        object=f"{kind} {n.name}",
                    ),
                )
            elif creator.facts.if_not_exists:
                yield (
                    "",
                    Hit(
                        f"rollback drops {kind} {n.name}, which {fwd} creates IF NOT EXISTS: it "
                        "may have existed before, and other objects may use it",
                        object=f"{kind} {n.name}",
                    ),
                )
    elif s.kind == "alter_table" and f.table is not None:
        t = qualified(f.table)
        key = stored_key(t)
        if key in made.tables:
            return
        touched = _touched_by_forward(ctx, key)
        for a in f.actions:
            if a.action not in _ALTERING:
                continue
            name = stored(a.column_name or a.constraint_name or "")
            if name in touched:
                continue
            if a.action == "drop_column" and (key, name) in made.columns:
                continue
            if a.action == "drop_constraint" and (key, name) in made.constraints:
                continue
            if a.action.startswith("rename") and key in made.renamed_to:
                continue
            target = a.column_name or a.constraint_name or ""
            if a.action == "drop_column":
                obj = label("column", ObjectName(target), f.table)
            elif a.action == "drop_constraint":
                obj = label("constraint", ObjectName(target), f.table)
            else:
                obj = label("table", f.table)
            yield (
                target,
                Hit(
                    f"rollback does `{a.action.replace('_', ' ')}` {target} on {t}, which {fwd} "
                    "did not add or change",
                    object=obj,
                ),
            )


def _touched_by_forward(ctx: Context, table: str) -> set[str]:
    """Columns and constraints of `table` (a stored key) the forward migration adds, changes or
    renames, by stored name."""
    out: set[str] = set()
    if ctx.forward is None:
        return out
    for s in ctx.forward.statements:
        if s.kind != "alter_table" or stored_key(qualified(s.facts.table)) != table:
            continue
        for a in s.facts.actions:
            for name in (a.column_name, a.constraint_name, a.new_name):
                if name:
                    out.add(stored(name))
            out.update(map(stored, implicit_constraint_names(s.facts.table, a)))
            out.update(map(stored, written_constraint_names(a)))
    return out
