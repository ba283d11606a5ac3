"""`CREATE` without `IF NOT EXISTS` (or `OR REPLACE`), so the file cannot be run twice.

A migration that stops half-way (a lock timeout, a lost connection, a failed statement outside
a transaction) must be re-run; a plain `CREATE TABLE` then fails on the objects the first run
already made. Covered: CREATE TABLE, INDEX, SCHEMA, SEQUENCE, EXTENSION (IF NOT EXISTS),
CREATE FUNCTION / PROCEDURE / VIEW (OR REPLACE), CREATE TRIGGER (OR REPLACE on PostgreSQL 14+,
or a DROP TRIGGER IF EXISTS just before), ALTER TABLE ... ADD COLUMN (IF NOT EXISTS).

A `DROP <same kind> IF EXISTS <same name>` earlier in the same file makes the CREATE
re-runnable too. For a function or procedure (`DROP ROUTINE` too), the DROP must name that
overload as PostgreSQL tells them apart, when it writes argument types: the IN, INOUT and
VARIADIC types (`int4` is `integer`; names, defaults and type modifiers aside), a procedure's
OUT arguments listed or not, a `%TYPE` reference any type (its type is not known statically),
`app.mood` another type than `public.mood`.

An unnamed `CREATE INDEX ON t (...)` is not reported: it gets a fresh name on every run (and
IF NOT EXISTS needs a name). A `CREATE CONSTRAINT TRIGGER` cannot be written `OR REPLACE`
(PostgreSQL: "CREATE OR REPLACE CONSTRAINT TRIGGER is not supported"): drop it with
`DROP TRIGGER IF EXISTS` just before.

Not reported inside `BEGIN` ... `COMMIT`: a run that fails there is rolled back whole, and
the file can be run again as it is.

## Bad

```sql
CREATE TABLE oauth_connections (id uuid PRIMARY KEY);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
```

## Good

```sql
CREATE TABLE IF NOT EXISTS oauth_connections (id uuid PRIMARY KEY);
CREATE INDEX IF NOT EXISTS idx_oauth_connections_user_id ON oauth_connections (user_id);

-- or: dropped just before
DROP VIEW IF EXISTS active_connections;
CREATE VIEW active_connections AS SELECT id FROM oauth_connections;
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import ObjectName, Word
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    FORWARD_ROLES,
    ROUTINE_CREATES,
    ROUTINE_DROPS,
    created_overload,
    dropped_routines,
    index_key,
    label,
    routines_dropped,
)
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_IF_NOT_EXISTS = {
    "create_table": "table",
    "create_index": "index",
    "create_schema": "schema",
    "create_sequence": "sequence",
    "create_extension": "extension",
}
_OR_REPLACE = {
    "create_function": "function",
    "create_procedure": "procedure",
    "create_view": "view",
}
# objects named without a schema (a trigger's is its table's)
_UNQUALIFIED = frozenset({"create_schema", "create_extension", "create_trigger"})


@rule(
    "SC025",
    "require-if-not-exists",
    Severity.INFO,
    "Write CREATE ... IF NOT EXISTS / CREATE OR REPLACE so a failed run can be re-run.",
    roles=FORWARD_ROLES,
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    f = s.facts
    if s.in_transaction:
        return
    if s.kind in _IF_NOT_EXISTS and not f.if_not_exists and not f.temporary:
        if f.name is None or _dropped_before(ctx):
            return
        kind = _IF_NOT_EXISTS[s.kind]
        yield Hit(
            f"CREATE {kind.upper()} {f.name.qualified} without IF NOT EXISTS "
            "fails when the file is run again",
            object=label(kind, f.name),
        )
    elif s.kind in _OR_REPLACE and not f.or_replace:
        if f.name is None or _dropped_before(ctx):
            return
        kind = _OR_REPLACE[s.kind]
        yield Hit(
            f"CREATE {kind.upper()} {f.name.qualified} without OR REPLACE "
            "fails when the file is run again",
            object=label(kind, f.name),
        )
    elif s.kind == "create_trigger" and not f.or_replace and f.name is not None:
        if _dropped_before(ctx):
            return
        if _constraint_trigger(s.words):
            yield Hit(
                f"CREATE CONSTRAINT TRIGGER {f.name.name} fails when the file is run again "
                "(put DROP TRIGGER IF EXISTS just before it: a constraint trigger cannot be "
                "created OR REPLACE)",
                object=label("trigger", f.name, f.table),
            )
            return
        yield Hit(
            f"CREATE TRIGGER {f.name.name} fails when the file is run again (use CREATE OR "
            "REPLACE TRIGGER on PostgreSQL 14+, or DROP TRIGGER IF EXISTS just before)",
            object=label("trigger", f.name, f.table),
        )
    elif s.kind == "alter_table":
        for a in f.actions:
            if a.action == "add_column" and not a.if_not_exists and a.column_name:
                yield Hit(
                    f"ADD COLUMN {a.column_name} to {qualified(f.table)} without IF NOT EXISTS "
                    "fails when the file is run again",
                    object=label("column", ObjectName(a.column_name), f.table),
                )


def _dropped_before(ctx: Context) -> bool:
    """A DROP of the same kind, IF EXISTS, of the created object earlier in the file (for a
    function or procedure, a DROP that names it: `_drops_routine`)."""
    s = ctx.stmt
    f = s.facts
    if f.name is None:
        return False
    if s.kind in ROUTINE_CREATES:
        return _drops_routine(ctx)
    drop = "drop_" + s.kind.removeprefix("create_")
    if s.kind == "create_index":
        key = index_key(f.name, f.table)
    elif s.kind in _UNQUALIFIED:
        key = f.name.name
    else:
        key = qualified(f.name)
    for prev in ctx.earlier_statements:
        if prev.kind != drop or not prev.facts.if_exists:
            continue
        for n in prev.facts.names:
            name = n.name if s.kind in _UNQUALIFIED else qualified(n)
            if name == key:
                return True
    return False


def _drops_routine(ctx: Context) -> bool:
    """A `DROP FUNCTION` (for a procedure `DROP PROCEDURE`), or `DROP ROUTINE`, IF EXISTS
    earlier in the file names the routine created, as PostgreSQL tells routines apart
    (`routines_dropped`: the identity types, a `%TYPE` any type, `app.mood` not `public.mood`,
    a procedure's OUT arguments listed or not); without an argument list, the routine of that
    name."""
    s = ctx.stmt
    key = qualified(s.facts.name)
    made = created_overload(s)
    own = "procedure" if made.procedure else "function"
    for prev in ctx.earlier_statements:
        word = ROUTINE_DROPS.get(prev.kind)
        if word not in (own, "routine") or not prev.facts.if_exists:
            continue
        for n, arguments in dropped_routines(prev):
            if qualified(n) != key:
                continue
            if arguments is None or routines_dropped(arguments, word, [(key, made)]):
                return True
    return False


def _constraint_trigger(words: tuple[Word, ...]) -> bool:
    """CREATE [OR REPLACE] CONSTRAINT TRIGGER."""
    for w in words[1:5]:
        if w.upper == "CONSTRAINT":
            return True
        if w.upper == "TRIGGER":
            return False
    return False
