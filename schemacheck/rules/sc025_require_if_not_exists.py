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
`app.mood` another type than `public.mood`. An unqualified type is looked up as the statement's
search path says (the file's `SET search_path`, else `public`): `mood` is `public.mood` on the
default path, so `DROP FUNCTION IF EXISTS f(app.mood)` does not make `CREATE FUNCTION f(m mood)`
re-runnable. Where the path holds several schemas, or is set in a way not read (a `DO` block),
the type may be any of them.

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

from schemacheck.ddl.search_path import new_path
from schemacheck.ddl.statement import ObjectName, Statement, Word
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    ANY_TYPE,
    FORWARD_ROLES,
    ROUTINE_CREATES,
    ROUTINE_DROPS,
    Overload,
    created_overload,
    dropped_routines,
    index_key,
    label,
    overload,
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
    earlier in the file may name the routine created, as PostgreSQL tells routines apart
    (`_may_name`: the identity types, a `%TYPE` any type, `app.mood` not `public.mood`, an
    unqualified type the search path's, a procedure's OUT arguments listed or not); without an
    argument list, the routine of that name."""
    s = ctx.stmt
    key = qualified(s.facts.name)
    made = created_overload(s)
    own = "procedure" if made.procedure else "function"
    statements = (*ctx.earlier_statements, s)
    for i, prev in enumerate(ctx.earlier_statements):
        word = ROUTINE_DROPS.get(prev.kind)
        if word not in (own, "routine") or not prev.facts.if_exists:
            continue
        for n, arguments in dropped_routines(prev):
            if qualified(n) != key:
                continue
            if arguments is None:
                return True
            paths = (_path_at(statements, i), _path_at(statements, len(statements) - 1))
            if _may_name(overload(arguments), word, made, paths):
                return True
    return False


# a search path: the schemas an unqualified type is looked up in after `pg_catalog` (None:
# not known, any schema)
_Path = tuple[str, ...] | None


def _path_at(statements: tuple[Statement, ...], index: int) -> _Path:
    """The search path `statements[index]` runs under: the file's last `SET search_path`
    (`SET LOCAL` until its transaction ends), else the default (`public`); None when a
    statement before it may set it in a way not read here (a `DO` block, a `set_config` of a
    value not written out)."""
    path: _Path = ("public",)
    local: list[_Path] = []  # the path a SET LOCAL set, until its transaction ends
    for prev in statements[:index]:
        if prev.kind in ("commit", "rollback", "prepare_transaction"):
            local = []
        change = new_path(prev.kind, prev.facts, prev.text)
        if change is None:
            if _may_set_path(prev):
                path, local = None, []
            continue
        schemas, is_local = change
        found = _schemas(schemas)
        if is_local:
            local = [found]
        else:
            path, local = found, []
    return local[0] if local else path


def _schemas(schemas: list[str]) -> _Path:
    """The path a SET names: the default (`public`) for none, only `pg_catalog` for
    `SET search_path = ''`."""
    if not schemas:
        return ("public",)
    return tuple(x for x in schemas if x)


def _may_set_path(s: Statement) -> bool:
    """A statement that may change the search path without `new_path` reading how."""
    if s.kind in ("set", "reset"):
        return (s.facts.setting or "").lower() == "search_path"
    if s.kind in ("select", "do"):
        return "search_path" in s.text.lower()
    return False


def _may_name(drop: Overload, kind: str, made: Overload, paths: tuple[_Path, _Path]) -> bool:
    """A DROP of `kind` (`function`, `procedure`, `routine`) with the parameter list `drop`,
    run under the search path `paths[0]`, may name the routine `made`, created under
    `paths[1]`: its types not marked OUT are the identity's, or (DROP PROCEDURE and ROUTINE of
    a procedure) every argument's, OUT ones included, each type maybe the same
    (`_same_type`)."""
    pairs = [(drop.identity, made.identity)]
    if made.procedure and kind.lower() != "function":
        pairs.append((drop.every, made.every))
    return any(
        len(a) == len(b)
        and all(_same_type(x, paths[0], y, paths[1]) for x, y in zip(a, b, strict=True))
        for a, b in pairs
    )


def _same_type(a: str, a_path: _Path, b: str, b_path: _Path) -> bool:
    """Two argument types, each looked up through its statement's search path, may be one:
    not known statically (`?`) or the same name in a schema both may stand for. A qualified
    type is its schema's; an unqualified one is `pg_catalog`'s or that of a schema of its path
    (which one holds it is not known here: any), any schema's when the path is not known.
    `mood` is `public.mood` on the default path, not `app.mood`."""
    if ANY_TYPE in (a, b):
        return True
    a_schemas, a_name = _schemas_of(a, a_path)
    b_schemas, b_name = _schemas_of(b, b_path)
    if a_name != b_name:
        return False
    return a_schemas is None or b_schemas is None or not a_schemas.isdisjoint(b_schemas)


def _schemas_of(key: str, path: _Path) -> tuple[frozenset[str] | None, str]:
    """The schemas the type `key` may be in (None: any) and its name."""
    schema, _, name = key.rpartition(".")
    if schema:
        return frozenset({schema}), name
    if path is None:
        return None, name
    return frozenset({"pg_catalog", *path}), name


def _constraint_trigger(words: tuple[Word, ...]) -> bool:
    """CREATE [OR REPLACE] CONSTRAINT TRIGGER."""
    for w in words[1:5]:
        if w.upper == "CONSTRAINT":
            return True
        if w.upper == "TRIGGER":
            return False
    return False
