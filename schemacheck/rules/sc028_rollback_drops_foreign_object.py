"""A rollback that drops or changes something its forward migration did not create.

A rollback must give back the schema as it was before the migration, nothing more. Dropping a
table, column, index, function or constraint that existed before the migration (a
prerequisite's table, another migration's function) destroys data and breaks code that has
nothing to do with this change, and "up" again no longer restores it. An extension or schema
the migration created `IF NOT EXISTS` may well have been there before: dropping it in the
rollback is reported too. What a DO block of the migration does cannot be read statically: an
object whose name is a word of such a block is taken to be the migration's.

Functions and procedures are told apart as PostgreSQL does: by name and identity argument
types, the IN, INOUT and VARIADIC ones (OUT arguments, parameter names, defaults and type
modifiers do not count; `int4` is `integer`). A rollback dropping `f(text)`, made by an earlier
file, is reported even though the migration created `f(integer)`; the finding names the
signature (`function public.f(text)`) when the name has several overloads. A DROP without
argument types drops the only routine of its name; when there are several, PostgreSQL refuses
it (`function name "f" is not unique`, with IF EXISTS too) and drops none.
A `%TYPE` argument (`p users.id%TYPE`) has its column's type, not known statically: it
matches any type in its place. A type written with its schema (`app.mood`) is that schema's;
one without (`mood`) is looked up through the search path and may be any schema's of that
name. A DROP that may name a routine the migration made is taken for that one.

A function, procedure, view or trigger the migration only replaces (`CREATE OR REPLACE` of
one an earlier file made and no file dropped since, as sqitch's reworked changes do; a trigger
by its name and table, `CREATE OR REPLACE TRIGGER` on PostgreSQL 14+) is not the migration's:
dropping it in the rollback removes what the earlier migration made. The finding names it by
signature (`function public.f(integer)`); the rollback should give back the definition it had
before (CREATE OR REPLACE with the earlier body; a DROP followed by a CREATE of it does too). A
`CREATE OR REPLACE` of something no earlier file made is the migration's.

PostgreSQL cannot drop an enum value, so the rollback of `ALTER TYPE mood ADD VALUE 'x'`
creates the type again: its columns moved to text for the while (their default dropped), DROP
TYPE, CREATE TYPE with the earlier values, the columns moved back (`TYPE mood USING
col::mood`) and their default set again. A type the migration changed (ALTER TYPE) that the
rollback drops and creates again after the DROP is given back, not dropped; so is one renamed
away first (`ALTER TYPE mood RENAME TO mood_old`, CREATE TYPE mood, DROP TYPE mood_old). A
column's type or default the rollback changes and puts back as it was by its end (the same
type, the same default, a cast aside: `'ok'::mood` is `'ok'`) is not changed either; a default
the earlier files do not tell counts as put back when the rollback drops it and sets it again.
A type the migration never touched, or one the rollback does not create again, is reported.

What hangs on a table the migration created, when the rollback drops that table too (before or
after), is not foreign: a trigger (`DROP TRIGGER ... ON t`), a policy (`DROP POLICY ... ON t`),
a constraint (`ALTER TABLE t DROP CONSTRAINT`) or an index the files create on `t` (a later
migration's, say). Nothing on a new table existed before the migration, and whatever is there
DROP TABLE takes along anyway, so `DROP TRIGGER IF EXISTS perms_touch ON perms; DROP TABLE
perms;` drops nothing that was there before. Without IF EXISTS the DROP of a trigger, policy or
index the migration did not create is still reported, for another reason: right after the
migration it does not exist, so PostgreSQL refuses the DROP (`trigger "perms_touch" for table
"perms" does not exist`) and the rollback stops, unless something made after the migration
left it there. A DROP POLICY on a table the migration did not create is reported when the
migration neither creates nor alters that policy and the rollback does not create it again.

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

import re
from collections.abc import Iterator
from dataclasses import dataclass

from schemacheck.ddl.statement import ObjectName, SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    ANY_TYPE,
    ROUTINE_DROPS,
    NamesAtStart,
    Objects,
    RoutineKey,
    argument_key,
    closing_paren,
    created_overload,
    dropped_routines,
    implicit_constraint_names,
    index_key,
    label,
    left_by,
    made_by,
    named_in_do,
    objects_before,
    objects_of,
    overload,
    replaced_by,
    routine_key,
    same_type,
    same_types,
    shown_type,
    signature,
    stored,
    stored_key,
    stored_pair,
    written_constraint_names,
)
from schemacheck.rules.context import Context, Hit, qualified, schema_of
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
    functions: dict[str, str]  # routine names, stored -> as the migration writes them
    types: frozenset[str]
    sequences: frozenset[str]
    views: frozenset[str]
    indexes: frozenset[str]
    triggers: frozenset[tuple[str, str]]
    policies: frozenset[tuple[str, str]]  # created, altered or renamed to
    columns: frozenset[tuple[str, str]]
    constraints: frozenset[tuple[str, str]]
    renamed_to: frozenset[str]
    extensions: dict[str, Statement]
    schemas: dict[str, Statement]


def _mine(ctx: Context, forward: SqlFile) -> _Mine:
    """`left_by(forward)` (what it made, under the names it leaves them with) by stored
    names, once per run; `renamed_to` also holds the names a chain of renames goes through."""
    memo = ctx.history.memo
    key = ("sc028 mine", forward.ident)
    mine = memo.get(key)
    if isinstance(mine, _Mine):
        return mine
    made = left_by(ctx, forward)
    renamed_to = {new for _, new in (*made.renames, *made_by(ctx, forward).renames)}
    mine = memo[key] = _Mine(
        tables=frozenset(map(stored_key, made.tables)),
        functions={stored_key(n): n for n in made.overloads},
        types=frozenset(map(stored_key, made.types)),
        sequences=frozenset(map(stored_key, made.sequences)),
        views=frozenset(map(stored_key, made.views)),
        # a constraint's index has its name (a CHECK or foreign key has none: no such index)
        indexes=frozenset(
            [*map(stored_key, made.indexes)]
            + [stored_key(f"{t.rpartition('.')[0]}.{n}") for t, n in made.constraints]
        ),
        triggers=frozenset(map(stored_pair, made.triggers)),
        policies=frozenset(map(stored_pair, [*made.policies, *_policies_altered(forward)])),
        columns=frozenset(map(stored_pair, made.columns)),
        constraints=frozenset(map(stored_pair, made.constraints)),
        renamed_to=frozenset(map(stored_key, renamed_to)),
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
        "drop_type": ("type", made.types),
        "drop_domain": ("domain", made.types),
        "drop_sequence": ("sequence", made.sequences),
        "drop_view": ("view", made.views),
        "drop_materialized_view": ("materialized view", made.views),
    }
    if s.kind in ROUTINE_DROPS:
        yield from _routine_hits(ctx, s, made)
    elif s.kind in keyed:
        kind, mine = keyed[s.kind]
        for n in f.names:
            if s.kind == "drop_view" and stored_key(qualified(n)) in mine:
                view = _replaced_view_hit(ctx, s, n)
                if view is not None:
                    yield n.name, view
            elif s.kind in ("drop_type", "drop_domain") and _type_given_back(ctx, s, n):
                continue  # the type the migration changed, created again without the change
            elif s.kind == "drop_table" and ctx.is_new_table(n):
                continue  # the rollback's own table
            elif _at_start(ctx, s, stored_key(qualified(n))) not in mine:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops {kind} {qualified(n)}, which {fwd} does not create",
                        object=label(kind, n),
                    ),
                )
    elif s.kind == "drop_index":
        for n in f.names:
            key = _at_start(ctx, s, stored_key(index_key(n)))
            if key in made.indexes:
                continue
            tables = _index_tables(ctx).get(key)
            if tables and all(_taken_along(ctx, made, t) for t in tables):
                if not f.if_exists:
                    table = min(tables)
                    yield n.name, _refused("index", n.name, table, label("index", n), fwd)
                continue
            yield (
                n.name,
                Hit(
                    f"rollback drops index {qualified(n)}, which {fwd} does not create",
                    object=label("index", n),
                ),
            )
    elif s.kind == "drop_trigger" and f.table is not None:
        for n in f.names:
            if stored_pair((qualified(f.table), n.name)) in made.triggers:
                trigger = _replaced_trigger_hit(ctx, s, n, f.table)
                if trigger is not None:
                    yield n.name, trigger
            elif _taken_along(ctx, made, stored_key(qualified(f.table))):
                if not f.if_exists:
                    t = qualified(f.table)
                    yield n.name, _refused("trigger", n.name, t, label("trigger", n, f.table), fwd)
            else:
                yield (
                    n.name,
                    Hit(
                        f"rollback drops trigger {n.name} on {qualified(f.table)}, which {fwd} "
                        "does not create",
                        object=label("trigger", n, f.table),
                    ),
                )
    elif s.kind == "drop_policy" and f.table is not None:
        t = qualified(f.table)
        for n in f.names:
            pair = stored_pair((t, n.name))
            if pair in made.policies:
                continue
            if _taken_along(ctx, made, pair[0]):
                if not f.if_exists:
                    yield n.name, _refused("policy", n.name, t, label("policy", n, f.table), fwd)
            elif not _policy_created_after(ctx, s, pair):
                yield (
                    n.name,
                    Hit(
                        f"rollback drops policy {n.name} on {t}, which {fwd} does not create "
                        "or change",
                        object=label("policy", n, f.table),
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
        if key in made.tables or ctx.is_new_table(f.table):
            return  # the migration's table, or one the rollback makes itself
        touched = _touched_by_forward(ctx, key)
        put_back = _put_back(ctx, ctx.forward, ctx.file)
        for a in f.actions:
            if a.action not in _ALTERING:
                continue
            name = stored(a.column_name or a.constraint_name or "")
            if name in touched:
                continue
            if (key, name, _ASPECT.get(a.action, "")) in put_back:
                continue  # changed for a while and put back as it was by the end
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


def _at_start(ctx: Context, s: Statement, key: str) -> str:
    """The name (stored key) the table, view, sequence, index or type named `key` at `s` had
    when the rollback began: the rollback may rename what the migration made before dropping
    it (what the rollback makes itself keeps its own name)."""
    memo = ctx.history.memo
    memo_key = ("sc028 renames", ctx.file.ident)
    renames = memo.get(memo_key)
    if not isinstance(renames, bool):
        renames = memo[memo_key] = any(
            a.action in ("rename", "rename_table", "rename_type")
            for r in ctx.file.statements
            for a in r.facts.actions
        )
    if not renames:
        return key
    names = NamesAtStart()
    for r in ctx.file.statements[: s.index]:
        names.follow(r)
    return names.of(key)


def _refused(kind: str, name: str, table: str, obj: str, fwd: str) -> Hit:
    """A plain DROP of a `kind` the migration did not create on `table`, which it created and
    the rollback drops: it is not there after the migration, so PostgreSQL refuses the DROP."""
    return Hit(
        f"rollback drops {kind} {name} on {table}, which {fwd} does not create: right after "
        f"it the new table has no such {kind}, so the DROP fails (unless something made later "
        "left one there)",
        object=obj,
        help=f"Leave it to DROP TABLE {table}, which takes it along, or write DROP ... IF EXISTS.",
    )


def _taken_along(ctx: Context, made: _Mine, table: str) -> bool:
    """`table` (a stored key) is one the forward migration created and the rollback drops:
    nothing on it existed before the migration, and DROP TABLE takes what is on it along."""
    return table in made.tables and table in _rollback_drops(ctx, ctx.file)


def _rollback_drops(ctx: Context, rollback: SqlFile) -> frozenset[str]:
    """The tables `rollback` drops (DROP TABLE), by stored key; once per rollback."""
    memo = ctx.history.memo
    key = ("sc028 tables dropped", rollback.ident)
    found = memo.get(key)
    if isinstance(found, frozenset):
        return found
    found = memo[key] = frozenset(
        stored_key(qualified(n))
        for r in rollback.statements
        if r.kind == "drop_table"
        for n in r.facts.names
    )
    return found


def _index_tables(ctx: Context) -> dict[str, frozenset[str]]:
    """The tables (stored keys) the run's prerequisites, migrations and other files create
    each index on, by the index's stored key; once per run."""
    memo = ctx.history.memo
    found = memo.get("sc028 index tables")
    if isinstance(found, dict):
        return found
    tables: dict[str, set[str]] = {}
    for f in ctx.history.files:
        if f.role in ("rollback", "check"):
            continue
        for r in f.statements:
            if r.kind == "create_index" and r.facts.table is not None:
                made = objects_of([r])
                for index, table in made.index_table.items():
                    tables.setdefault(stored_key(index), set()).add(stored_key(table))
    found = memo["sc028 index tables"] = {k: frozenset(v) for k, v in tables.items()}
    return found


def _policies_altered(forward: SqlFile) -> Iterator[tuple[str, str]]:
    """(table, policy) for each policy `forward` alters (ALTER POLICY), by its name before and
    after a RENAME TO: what the rollback does to it gives back the migration's change."""
    for r in forward.statements:
        if r.kind != "alter_policy" or r.facts.table is None or not r.facts.names:
            continue
        t = qualified(r.facts.table)
        yield t, r.facts.names[0].name
        for a in r.facts.actions:
            if a.action == "rename" and a.new_name:
                yield t, a.new_name


def _policy_created_after(ctx: Context, s: Statement, pair: tuple[str, str]) -> bool:
    """The rollback creates policy `pair` (stored table key, name) again after `s`: it gives
    back the policy (the definition it had before the migration), not only drops it."""
    return any(
        later.kind == "create_policy"
        and later.facts.table is not None
        and later.facts.name is not None
        and stored_pair((qualified(later.facts.table), later.facts.name.name)) == pair
        for later in ctx.file.statements[s.index + 1 :]
    )


_ASPECT = {"alter_column_type": "type", "set_default": "default", "drop_default": "default"}


def _type_given_back(ctx: Context, s: Statement, n: ObjectName) -> bool:
    """`DROP TYPE n` drops a type the forward migration changed (ALTER TYPE ... ADD VALUE) and
    the rollback creates it again after the drop, as it was: PostgreSQL cannot remove an enum
    value, so a rollback re-creates the type. Also the type renamed away first (`ALTER TYPE
    mood RENAME TO mood_old`, CREATE TYPE mood, DROP TYPE mood_old)."""
    forward = ctx.forward
    assert forward is not None
    changed = {
        stored_key(qualified(x.facts.name))
        for x in forward.statements
        if x.kind == "alter_type" and x.facts.name is not None
    }
    if not changed:
        return False
    statements = ctx.file.statements
    key = stored_key(qualified(n))

    def created_after(index: int, type_key: str) -> bool:
        return any(
            later.kind == "create_type" and stored_key(qualified(later.facts.name)) == type_key
            for later in statements[index + 1 :]
        )

    if key in changed and created_after(s.index, key):
        return True
    for r in statements[: s.index]:
        if r.kind != "alter_type" or r.facts.name is None:
            continue
        original = stored_key(qualified(r.facts.name))
        for a in r.facts.actions:
            if a.action != "rename_type" or not a.new_name or original not in changed:
                continue
            if stored_key(f"{schema_of(r.facts.name)}.{a.new_name}") == key and created_after(
                r.index, original
            ):
                return True
    return False


_CAST = re.compile(r'\s*::\s*[\w."]+(?:\s*\([^()]*\))?(?:\s*\[\])*\s*$')


def _default_key(default: str | None) -> str | None:
    """A default expression as compared: whitespace collapsed, outer casts and parentheses
    off (`'VIEWER'::role_enum` is `'VIEWER'`)."""
    if default is None:
        return None
    text = " ".join(default.split())
    while True:
        stripped = _CAST.sub("", text)
        if stripped.startswith("(") and closing_paren(stripped, 0) == len(stripped) - 1:
            stripped = stripped[1:-1].strip()
        if stripped == text:
            return text
        text = stripped


_UNKNOWN = "?"


def _put_back(ctx: Context, forward: SqlFile, rollback: SqlFile) -> frozenset[tuple[str, str, str]]:
    """(table, column, `type` or `default`), by stored names, for each column of a table the
    forward migration did not create whose type or default `rollback` changes and puts back
    as it was by its end (a column moved off an enum to text while the type is re-created,
    then back; its default dropped for the while). Once per rollback."""
    memo = ctx.history.memo
    memo_key = ("sc028 put back", rollback.ident)
    found = memo.get(memo_key)
    if isinstance(found, frozenset):
        return found
    types: dict[tuple[str, str], str] = {}  # the last type set
    defaults: dict[tuple[str, str], list[str | None]] = {}  # each default set (None: dropped)
    created_types: set[str] = set()
    for r in rollback.statements:
        if r.kind == "create_type" and r.facts.name is not None:
            created_types.add(argument_key(qualified(r.facts.name)))
        if r.kind != "alter_table" or r.facts.table is None:
            continue
        t = qualified(r.facts.table)
        for a in r.facts.actions:
            if not a.column_name:
                continue
            if a.action == "alter_column_type" and a.data_type:
                types[(t, a.column_name)] = a.data_type
            elif a.action in ("set_default", "drop_default"):
                value = a.default if a.action == "set_default" else None
                defaults.setdefault((t, a.column_name), []).append(value)
    out: set[tuple[str, str, str]] = set()
    if types or defaults:
        before = objects_before(ctx, forward)
        for (t, c), last in types.items():
            was = before.typed_columns.get((t, c))
            now = argument_key(last)
            if (was is not None and same_type(argument_key(was), now)) or (
                was is None and (now in created_types or f"public.{now}" in created_types)
            ):
                out.add((stored_key(t), stored(c), "type"))
        for (t, c), states in defaults.items():
            known = before.column_defaults.get((t, c), _UNKNOWN)
            if known == _UNKNOWN:
                back = states[-1] is not None and None in states  # dropped, then set again
            else:
                back = _default_key(states[-1]) == _default_key(known)
            if back:
                out.add((stored_key(t), stored(c), "default"))
    found = memo[memo_key] = frozenset(out)
    return found


def _routine_hits(ctx: Context, s: Statement, mine: _Mine) -> Iterator[tuple[str, Hit]]:
    """DROP FUNCTION / PROCEDURE / ROUTINE of a routine the forward migration did not create:
    routines are told apart by name and identity argument types, as PostgreSQL does, so
    dropping `f(text)` while the migration created only `f(integer)` is reported when an
    earlier file made `f(text)`. A DROP without argument types means the only routine of its
    name (PostgreSQL refuses it when there are several, and drops none)."""
    forward = ctx.forward
    assert forward is not None
    kind = ROUTINE_DROPS[s.kind]
    for n, arguments in dropped_routines(s):
        name = qualified(n)
        written = mine.functions.get(stored_key(name))
        if written is None:  # the migration makes no routine of that name
            shown = _shown(objects_before(ctx, forward), name, name, arguments, kind)
        elif (mine_key := left_by(ctx, forward).routine(written, arguments, kind)) or (
            arguments is None
        ):
            # the migration's (or none: the name is not unique), unless it only replaced it
            if mine_key is not None:
                replaced = _replaced_hit(ctx, s, mine_key, arguments, kind)
                if replaced is not None:
                    yield n.name, replaced
            continue
        else:
            found = objects_before(ctx, forward).routine(written, arguments, kind)
            if found is None:
                continue  # drops nothing the files made (SC027 reports what is left behind)
            shown = signature((name, _types(found, arguments)))  # the migration made another
        yield (
            n.name,
            Hit(
                f"rollback drops {kind} {shown}, which {forward.path} does not create",
                object=f"{kind} {shown}",
            ),
        )


def _replaced_hit(
    ctx: Context, s: Statement, key: RoutineKey, arguments: str | None, kind: str
) -> Hit | None:
    """A DROP of a routine the forward migration made only by CREATE OR REPLACE of one an
    earlier file made (unless the rollback creates it again after the DROP)."""
    forward = ctx.forward
    assert forward is not None
    made = left_by(ctx, forward).routines[key]
    earlier = replaced_by(ctx, forward).get(made.index)
    if earlier is None:
        return None
    mine = created_overload(made).identity
    for later in ctx.file.statements[s.index + 1 :]:
        again = routine_key(later)
        if again is not None and again[0] == key[0] and same_types(again[1], mine):
            return None  # dropped and created again: a way to restore it
    shown = signature((key[0], _types(key, arguments or "")))
    return _replaced(f"{kind} {shown}", made, earlier, forward.path)


def _replaced_view_hit(ctx: Context, s: Statement, n: ObjectName) -> Hit | None:
    """DROP VIEW of a view the forward migration made only by CREATE OR REPLACE VIEW of one an
    earlier file made (unless the rollback creates it again after the DROP)."""
    forward = ctx.forward
    assert forward is not None
    name = qualified(n)
    made = left_by(ctx, forward).views.get(name)
    earlier = replaced_by(ctx, forward).get(made.index) if made is not None else None
    if made is None or earlier is None:
        return None
    for later in ctx.file.statements[s.index + 1 :]:
        if later.kind == "create_view" and qualified(later.facts.name) == name:
            return None  # dropped and created again: a way to restore it
    return _replaced(f"view {name}", made, earlier, forward.path)


def _replaced_trigger_hit(
    ctx: Context, s: Statement, n: ObjectName, table: ObjectName
) -> Hit | None:
    """DROP TRIGGER of a trigger the forward migration made only by CREATE OR REPLACE TRIGGER
    of one an earlier file made on that table (unless the rollback creates it again after the
    DROP)."""
    forward = ctx.forward
    assert forward is not None
    pair = stored_pair((qualified(table), n.name))
    replaced = replaced_by(ctx, forward)
    for made in forward.statements:
        earlier = replaced.get(made.index)
        if made.kind != "create_trigger" or earlier is None:
            continue
        if (
            stored_pair(
                (qualified(made.facts.table), made.facts.name.name if made.facts.name else "")
            )
            != pair
        ):
            continue
        for later in ctx.file.statements[s.index + 1 :]:
            if (
                later.kind == "create_trigger"
                and later.facts.name is not None
                and stored_pair((qualified(later.facts.table), later.facts.name.name)) == pair
            ):
                return None  # dropped and created again: a way to restore it
        return _replaced(f"trigger {n.name} on {qualified(table)}", made, earlier, forward.path)
    return None


def _replaced(what: str, made: Statement, earlier: Statement, fwd: str) -> Hit:
    return Hit(
        f"rollback drops {what}, which {fwd} does not create: {earlier.path}:{earlier.line} "
        f"defined it before, {fwd}:{made.line} only replaces it (CREATE OR REPLACE)",
        object=what,
        help="Restore the definition it had before the migration (CREATE OR REPLACE with the "
        "earlier body) instead of dropping it: the DROP removes what the earlier migration "
        "made.",
    )


def _shown(known: Objects, name: str, written: str, arguments: str | None, kind: str) -> str:
    """`public.f`, or `public.f(text)` when the files made other overloads of it."""
    if arguments is None:
        return written
    found = known.routine(name, arguments, kind)
    if not any(k != found for k in known.routines_named(name)):
        return written
    return signature((written, _types(found, arguments)))


def _types(found: RoutineKey | None, arguments: str) -> tuple[str, ...]:
    """The identity types of the overload a DROP names, as PostgreSQL shows them: those of
    the routine made (the DROP's own when not known)."""
    if found is not None and ANY_TYPE not in found[1]:
        return tuple(map(shown_type, found[1]))
    return overload(arguments).shown


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
