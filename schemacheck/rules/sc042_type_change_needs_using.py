"""`ALTER TABLE ... ALTER COLUMN ... TYPE` without `USING` that PostgreSQL refuses.

Without `USING`, PostgreSQL converts the column's values with an implicit or assignment cast
from the current type to the new one. When there is none it refuses the statement, on an empty
table too: `column "c" cannot be cast automatically to type uuid` (SQLSTATE 42804, with a hint
to add `USING`). The deploy fails on that line.

Reported only when the files say what the column is (created, added or last changed by an
earlier statement of the same file or an earlier file; for a rollback, by the files up to its
forward migration and its own earlier statements) and both types are ones whose casts are
known: the built-in string, number, boolean, date and time, `json`/`jsonb`, `uuid`, network
and `bytea` types, arrays of them, enums the files made, and domains the files made over any
of these (a domain converts as its base type does). The pairs come from PostgreSQL's
`pg_cast` (implicit and assignment casts; a conversion to a string type through text output
is an assignment cast too), the same on PostgreSQL 15 and 18:

- a string type (`text`, `varchar`, `char`, `name`, `citext`) to anything but a string type:
  `uuid`, numbers, `boolean`, dates and times, `json`, `inet`, an enum, an array;
- numbers and `boolean` either way, `uuid`, `bytea`, `macaddr`, `json` and network types to
  anything but a string type (or, among numbers, dates and times, network types and `json` /
  `jsonb`, the pairs `pg_cast` allows);
- an enum to another enum or to any type but a string type;
- an array to a type that is not an array (nor a string); arrays convert element by element.

Anything to a string type is fine (`uuid` to `text`, an enum to `text`, `integer` to `text`),
and so are `varchar` to `text`, `integer` to `bigint`, `bigint` to `numeric`, `timestamp` to
`timestamptz`. Columns and types the files did not make are never reported, nor a column
renamed or dropped before, of a renamed table, or named in a DO block that ran before.

## Bad

```sql
CREATE TABLE IF NOT EXISTS sessions (id bigint PRIMARY KEY, token text NOT NULL);
ALTER TABLE sessions ALTER COLUMN token TYPE uuid;
```

## Good

```sql
CREATE TABLE IF NOT EXISTS sessions (id bigint PRIMARY KEY, token text NOT NULL);
ALTER TABLE sessions ALTER COLUMN token TYPE uuid USING token::uuid;
```

A rollback that gives the column its `text` type back needs no `USING`: every type converts to
a string type by assignment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from schemacheck.ddl.statement import ObjectName, Statement
from schemacheck.findings import Severity
from schemacheck.normalize import data_type, quote_identifier
from schemacheck.rules._common import (
    SCHEMA_ROLES,
    column_type_before,
    earlier_objects,
    label,
    named_in_do,
    objects_before,
)
from schemacheck.rules.context import Context, History, Hit, qualified
from schemacheck.rules.registry import rule

# String types: every type converts to them by assignment (through its text output), and
# they convert to no other type without an explicit cast.
STRING_TYPES = frozenset({"text", "character varying", "character", "bpchar", "name", "citext"})

# The other built-in types followed, each with the types of this table it has an implicit or
# assignment cast to (`pg_cast`, castcontext 'i' or 'a'; identical on PostgreSQL 15 and 18).
ASSIGNMENT_CASTS: dict[str, frozenset[str]] = {
    "smallint": frozenset({"integer", "bigint", "numeric", "real", "double precision"}),
    "integer": frozenset({"smallint", "bigint", "numeric", "real", "double precision"}),
    "bigint": frozenset({"smallint", "integer", "numeric", "real", "double precision"}),
    "numeric": frozenset({"smallint", "integer", "bigint", "real", "double precision"}),
    "real": frozenset({"smallint", "integer", "bigint", "numeric", "double precision"}),
    "double precision": frozenset({"smallint", "integer", "bigint", "numeric", "real"}),
    "boolean": frozenset(),
    "date": frozenset({"timestamp without time zone", "timestamp with time zone"}),
    "time without time zone": frozenset({"time with time zone", "interval"}),
    "time with time zone": frozenset({"time without time zone"}),
    "timestamp without time zone": frozenset(
        {"date", "time without time zone", "timestamp with time zone"}
    ),
    "timestamp with time zone": frozenset(
        {"date", "time without time zone", "time with time zone", "timestamp without time zone"}
    ),
    "interval": frozenset({"time without time zone"}),
    "json": frozenset({"jsonb"}),
    "jsonb": frozenset({"json"}),
    "uuid": frozenset(),
    "inet": frozenset({"cidr"}),
    "cidr": frozenset({"inet"}),
    "macaddr": frozenset(),
    "bytea": frozenset(),
}

_ENUM = "enum "  # the kind of an enum the files made: "enum public.mood"
_ARRAY = "[]"
_MODIFIERS = re.compile(r"\([^()]*\)")
_NAME_PART = re.compile(r'"((?:[^"]|"")*)"|([^."]+)')
_IDENT = r'(?:"(?:[^"]|"")+"|[\w$]+)'
_DOMAIN = re.compile(
    rf"^\s*create\s+domain\s+{_IDENT}(?:\s*\.\s*{_IDENT})?\s+(?:as\s+)?(?P<type>.+?)"
    r"(?=\s+(?:collate|default|constraint|not\s+null|null|check)\b|\s*;?\s*$)",
    re.I | re.S,
)
_DEPTH = 8  # domains over domains followed at most this deep
_STREAM = ("prerequisite", "migration")
_LOSES = frozenset({"rename_column", "drop_column"})  # the column is no longer there


@rule(
    "SC042",
    "type-change-needs-using",
    Severity.ERROR,
    "Say how the values convert: ALTER COLUMN c TYPE new_type USING c::new_type (or an "
    "expression).",
    roles=SCHEMA_ROLES,
    kinds=("alter_table",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    table = s.facts.table
    if s.kind != "alter_table" or table is None:
        return
    changes = [
        a
        for a in s.facts.actions
        if a.action == "alter_column_type" and a.column_name and a.data_type
    ]
    if not changes:
        return
    twice = Counter(a.column_name for a in changes)  # refused for another reason
    t = qualified(table)
    for a in changes:
        column, new_text = a.column_name, a.data_type
        if a.using is not None or column is None or new_text is None or twice[column] > 1:
            continue
        new = type_kind(ctx, new_text)
        if new is None:
            continue
        old_text = _type_before(ctx, t, column)
        if old_text is None:
            continue
        old = type_kind(ctx, old_text)
        if old is None or not refused(old, new) or _renamed(ctx, t) or _changed_in_do(ctx, column):
            continue
        quoted = quote_identifier(column)
        was, becomes = _described(old_text, old), _described(new_text, new)
        yield Hit(
            f"{t}.{column} is {was}, and PostgreSQL has no implicit or assignment cast to "
            f"{becomes}: ALTER COLUMN {quoted} TYPE {new_text} without USING fails (42804, "
            f"cannot be cast automatically); add USING {quoted}::{new_text} or an expression "
            "that converts the values",
            object=label("column", ObjectName(column), table),
        )


def refused(old: str, new: str) -> bool:
    """PostgreSQL refuses to change a column of kind `old` to kind `new` without USING (kinds
    as `type_kind` gives them)."""
    if old == new or new in STRING_TYPES:
        return False
    old_array, new_array = old.endswith(_ARRAY), new.endswith(_ARRAY)
    if old_array and new_array:
        return refused(old[: -len(_ARRAY)], new[: -len(_ARRAY)])
    if old_array or new_array or old in STRING_TYPES:
        return True
    if old.startswith(_ENUM) or new.startswith(_ENUM):
        return True
    return new not in ASSIGNMENT_CASTS[old]


def type_kind(ctx: Context, text: str, depth: int = 0) -> str | None:
    """What a type is for its casts: a built-in type of `STRING_TYPES` or `ASSIGNMENT_CASTS`
    (without modifiers), `enum <qualified name>` for an enum the files made, the kind of its
    base type for a domain the files made, with `[]` for an array; None when not known."""
    name = data_type(text)
    if name.endswith(_ARRAY):
        element = type_kind(ctx, name[: -len(_ARRAY)], depth)
        return None if element is None else element + _ARRAY
    base = " ".join(_MODIFIERS.sub("", name).split())
    if base.startswith("interval "):  # interval day to second
        base = "interval"
    if base in STRING_TYPES or base in ASSIGNMENT_CASTS:
        return base
    made = _made_type(ctx, name)
    if made is None:
        return None
    key, s = made
    if s.kind == "create_type":
        return _ENUM + key if s.facts.labels else None
    m = _DOMAIN.match(s.text)
    if m is None or depth >= _DEPTH:
        return None
    return type_kind(ctx, m.group("type"), depth + 1)


def _made_type(ctx: Context, name: str) -> tuple[str, Statement] | None:
    """The enum or domain of (normalized) type name `name` the files made before this
    statement, with its qualified name: the only one of that name when `name` has no schema."""
    parts = [q.replace('""', '"') if q else bare for q, bare in _NAME_PART.findall(name)]
    if not parts or len(parts) > 2:
        return None
    made = {**objects_before(ctx).types, **earlier_objects(ctx).types}
    if len(parts) == 2:
        key = ".".join(parts)
        found = made.get(key)
        return (key, found) if found is not None else None
    public = f"public.{parts[0]}"
    if public in made:
        return public, made[public]
    named = [k for k in made if k.split(".", 1)[-1] == parts[0]]
    return (named[0], made[named[0]]) if len(named) == 1 else None


def _type_before(ctx: Context, table: str, column: str) -> str | None:
    """The column's type right before this statement, where the files say and still have the
    column under that name. A migration sees the files before it; a rollback, the state its
    forward migration leaves (the prerequisites and migrations up to it), then its own earlier
    statements; a loose file, the prerequisites, then its own earlier statements."""
    views = _views(ctx)
    if not views:
        return None
    statements = [s for v in views for s in v.history.table_statements(v, table)]
    if not _still_there(statements, column):
        return None
    for v in reversed(views):
        found = column_type_before(v, table, column)
        if found is not None:
            return found
    return None


def _views(ctx: Context) -> list[Context]:
    """The contexts whose earlier statements, in order, are what ran before this statement."""
    if ctx.file.role == "migration":
        return [ctx]
    upto = _prefix(ctx)
    if upto is None:
        return []
    # the statements of files[:upto] are those before the first statement of files[upto]
    return [replace(ctx, file=ctx.history.files[upto], statement=None), _own_file(ctx)]


def _prefix(ctx: Context) -> int | None:
    """How many of the run's files ran before this file: the files before a migration; the
    prerequisites and migrations up to a rollback's forward migration; the prerequisites
    before a loose file (None: not known)."""
    history = ctx.history
    files = history.files
    role = ctx.file.role
    if role == "migration":
        return history.position(ctx.file)
    if role == "rollback":
        fwd = ctx.forward
        if fwd is None or fwd.role not in _STREAM:
            return None
        upto = history.position(fwd) + 1
    else:
        upto = next((i for i, f in enumerate(files) if f.role != "prerequisite"), len(files))
    if upto >= len(files) or any(f.role not in _STREAM for f in files[:upto]):
        return None
    return upto


def _changed_in_do(ctx: Context, column: str) -> bool:
    """A DO block of this file or of a file that ran before it names the column: what it did
    to the column's type cannot be read."""
    upto = _prefix(ctx) or 0
    files = (*ctx.history.files[:upto], ctx.file)
    return any(named_in_do(ctx, f, column) for f in files)


def _own_file(ctx: Context) -> Context:
    """`ctx` seeing its file alone (its earlier statements), the file's index kept per run."""
    key = ("SC042 own file", ctx.file.ident)
    memo = ctx.history.memo
    history = memo.get(key)
    if history is None:
        history = memo[key] = History((ctx.file,))
    return replace(ctx, files=(ctx.file,), run=history)


def _still_there(statements: list[Statement], column: str) -> bool:
    """After `statements` (the CREATE and ALTER TABLE statements of one table, in order), the
    column is the one last created, added or changed under that name: not renamed (from or to
    that name), dropped, or left out of a later CREATE TABLE, nor made again where IF NOT
    EXISTS may have skipped it."""
    there: bool | None = None  # None: not made yet
    for s in statements:
        if s.kind == "create_table":
            names = {c.name for c in s.facts.columns}
            skipped = s.facts.if_not_exists and there is not None
            there = False if skipped else column in names
            continue
        for a in s.facts.actions:
            if a.column is not None and a.column.name == column:
                there = not (a.if_not_exists and there)
            elif a.action in _LOSES and column in (a.column_name, a.new_name):
                there = False
    return bool(there)


def _renamed(ctx: Context, table: str) -> bool:
    """The table was renamed (from or to that name) by a file: its columns are then not
    followed (the history knows tables by name)."""
    return any(
        table in pair for pair in (*objects_before(ctx).renames, *earlier_objects(ctx).renames)
    )


def _described(text: str, kind: str) -> str:
    """A type as written, with what it converts as when that is not its name (an enum, a
    domain's base type)."""
    if kind.startswith(_ENUM):
        return f"{text} (an enum)"
    written = " ".join(_MODIFIERS.sub("", data_type(text)).split())
    return text if written == kind else f"{text} (over {kind})"
