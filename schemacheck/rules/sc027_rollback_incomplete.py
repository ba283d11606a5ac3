"""A rollback that does not undo everything its forward migration creates, a rollback with no
forward migration, or a migration with no rollback while other migrations have one.

The rollback of migration NNN is paired with it by version (`sql/rollbacks/NNN_*.rollback.sql`
or `NNN_*_down.sql`). Each table, index, function, trigger, type, sequence, view, policy,
column and constraint the migration creates must be dropped by the rollback, directly or with
its table (a dropped table takes its indexes, triggers, constraints, partitions and the
sequences it owns with it; a dropped view or materialized view its triggers and indexes), or
with its column (PostgreSQL drops an index or a table constraint with any column it uses: in
its keys, expressions, INCLUDE or WHERE; dropped by the rollback, or by the migration after
making it). Otherwise "up, down" does not give back the schema before the migration, and
"up" again fails or silently keeps stale objects. Extensions created `IF NOT EXISTS` are not
required back (they may have been there before); nor is an index, table, sequence,
materialized view or schema created `IF NOT EXISTS`, or a column added `IF NOT EXISTS`, that
the earlier files left and the migration did not drop before: it made nothing (a rollback
dropping it is SC028's concern). A function or procedure only the migration made that the
rollback creates again (`CREATE OR REPLACE`) instead of dropping it stays after 'down' and is
reported; one the earlier files had, given back its earlier body so, is right. A row the
migration inserts into the runner's bookkeeping table (`schema_migrations`,
`flyway_schema_history`, `alembic_version`) must be deleted too, or the database still claims
the migration is applied. The other way round, a table, index, column,
constraint, function, schema, trigger, view (materialized or not), sequence or type that
existed before the migration and that it drops must be created again by the rollback (CREATE
TABLE, CREATE INDEX, ADD COLUMN, ADD CONSTRAINT, CREATE FUNCTION, CREATE SCHEMA, CREATE
TRIGGER on its table, CREATE VIEW, CREATE SEQUENCE, CREATE TYPE of the same name; an index or
trigger of a table the rollback creates again too; the indexes and constraints that used a
column the migration drops, which PostgreSQL dropped with it, even when the rollback adds the
column back), and a column whose type it changes changed back (ALTER COLUMN ... TYPE). A
`DROP ... IF EXISTS` of something that was not there asks nothing.
A constraint that existed before and that the migration drops and adds again under the same
name (`DROP CONSTRAINT c, ADD CONSTRAINT c CHECK (a >= 0)` where it was `CHECK (a > 0)`) is
not the migration's to drop: the rollback must leave it with its earlier definition (DROP
CONSTRAINT, then ADD CONSTRAINT as it was; an ADD while it exists is refused). Definitions of
CHECK, UNIQUE, PRIMARY KEY and FOREIGN KEY constraints are compared normalized (`CHECK
((A>0))` is `CHECK (a > 0)`, a foreign key's referenced columns left out are its primary
key's); whether a CHECK is validated yet (NOT VALID) is not part of its definition. One
added again as it was asks nothing; one of unknown definition is only asked not to be dropped.
A function, procedure, view or trigger an earlier file made and the migration only replaces
(`CREATE OR REPLACE`, as sqitch's reworked changes do; a trigger by its name and table, `CREATE
OR REPLACE TRIGGER` on PostgreSQL 14+) is not the migration's to drop: the rollback must give
back the definition it had before (CREATE OR REPLACE with the earlier body); one that leaves
the new definition in place is reported (one that drops it, SC028).

A type that existed before and that the migration creates again under its name (the usual
enum swap: `ALTER TYPE role RENAME TO role_old`, `CREATE TYPE role AS ENUM (...)`, the columns
moved with `ALTER COLUMN ... TYPE role USING col::text::role`, `DROP TYPE role_old`) is not
the migration's to drop: the rollback must leave it with the values, in their order, it had
before (the mirror image of the swap, ADD VALUE, or the new values' pg_enum rows deleted). A
column that existed before and whose default (`ALTER COLUMN ... SET / DROP DEFAULT`) or
nullability (`SET / DROP NOT NULL`) the migration changes must have its earlier ones back
after the rollback, renames of the column and its table followed through both files;
defaults are compared normalized (`'member'::text` is `'member'`, `CURRENT_TIMESTAMP` is
`now()`). These findings are placed on the rollback's statement that leaves the wrong values
(its CREATE TYPE, its SET DEFAULT), or on the whole rollback when none of its statements
touches them.

A value the migration adds to an enum type it did not create (`ALTER TYPE mood ADD VALUE 'x'`)
must be gone after the rollback, or 'up' again fails (`enum label "x" already exists`; with IF
NOT EXISTS it silently keeps the stale value). PostgreSQL cannot drop an enum value: the
rollback creates the type again without it (move its columns to text, DROP TYPE, CREATE TYPE
with the earlier values, `ALTER COLUMN col TYPE mood USING col::mood`; or rename the old type
away, create the new one, move the columns, drop the old one), or deletes the value's pg_enum
row. A rollback that creates the type again with the value still listed is reported; one that
drops the type without creating it again is SC028's. An `ADD VALUE IF NOT EXISTS` of a value
the earlier files gave the type adds nothing and asks nothing. A value the migration renames
(`ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'`, followed through several renames) must have its
earlier name back after the rollback (`RENAME VALUE 'fine' TO 'ok'`, the type created again
listing 'ok' and not 'fine', or the value's pg_enum row updated), or 'up' again fails (`"ok" is
not an existing enum label`).

Functions and procedures are told apart as PostgreSQL does: by name and identity argument
types, the IN, INOUT and VARIADIC ones (`f(integer)` and `f(text)` are two functions; OUT
arguments, parameter names, defaults and type modifiers do not count, `int4` is `integer`).
Dropping `f(integer)` leaves `f(text)`. A `DROP FUNCTION f` without argument types drops the
only function of that name; when the name has several, PostgreSQL refuses it (`function name
"f" is not unique`, with IF EXISTS too) and drops none.
A `%TYPE` argument (`p users.id%TYPE`) has its column's type, not known statically: it
matches any type in its place. A type written with its schema (`app.mood`) is that schema's;
one without (`mood`) is looked up through the search path and may be any schema's of that
name. When a DROP may name several routines so, it is taken to drop them all (unless one has
exactly the types written: PostgreSQL drops that one).

A migration without a rollback is reported when other migrations of its project have one: the
project is the folder holding its `migrations` directory (or its own folder, without one), so
two projects linted together are judged each on its own. A migration without a version is asked
for its rollback only where rollbacks are paired by name (sqitch's `revert/x.sql` with
`deploy/x.sql`).

## Forward migration

```sql
CREATE TABLE IF NOT EXISTS oauth_connections (
    id uuid PRIMARY KEY,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_oauth_connections_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_oauth_connections_updated_at BEFORE UPDATE ON oauth_connections
    FOR EACH ROW EXECUTE FUNCTION update_oauth_connections_updated_at();
CREATE OR REPLACE FUNCTION count_old_oauth_tokens() RETURNS bigint
    LANGUAGE sql AS $$ SELECT count(*) FROM oauth_connections $$;
```

## Bad

```sql
-- 118_oauth_encrypted_tokens.sql creates oauth_connections, its trigger function and
-- count_old_oauth_tokens(); the rollback forgets the function
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```

## Good

```sql
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS count_old_oauth_tokens();
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, replace

from schemacheck.ddl.parse import display_name, in_sqitch_plan, pair_rollbacks, project_folder
from schemacheck.ddl.sections import marks_down
from schemacheck.ddl.statement import (
    AlterAction,
    ColumnFact,
    ConstraintFact,
    ObjectName,
    SqlFile,
    Statement,
)
from schemacheck.findings import Severity
from schemacheck.normalize import (
    data_type,
    default,
    expression,
    fk_action,
    identifier,
    quote_identifier,
)
from schemacheck.rules._common import (
    BOOKKEEPING_TABLES,
    ROUTINE_CREATES,
    ROUTINE_DROPS,
    NamesAtStart,
    Objects,
    Overload,
    constraints_added,
    created_index_key,
    created_overload,
    drop_tables,
    dropped_routines,
    implicit_constraint_names,
    index_key,
    left_by,
    made_by,
    objects_before,
    replaced_by,
    routines_dropped,
    same_types,
    stored,
    stored_key,
    stored_pair,
    written_constraint_names,
    written_names,
)
from schemacheck.rules.context import Context, Hit, qualified, schema_of
from schemacheck.rules.registry import rule


@dataclass
class Undone:
    """What a rollback file drops (qualified names, as PostgreSQL keeps them: 63 bytes at
    most), cascades included. Functions are followed apart, with their argument types
    (`RoutineState`)."""

    tables: set[str] = field(default_factory=set)
    indexes: set[str] = field(default_factory=set)
    cascaded_functions: set[str] = field(default_factory=set)
    triggers: set[tuple[str, str]] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    sequences: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)
    schemas: set[str] = field(default_factory=set)
    extensions: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    policies: set[tuple[str, str]] = field(default_factory=set)
    columns: set[tuple[str, str]] = field(default_factory=set)
    constraints: set[tuple[str, str]] = field(default_factory=set)
    renames: set[tuple[str, str]] = field(default_factory=set)


def undone_by(rollback: SqlFile) -> Undone:
    return undone_of(rollback.statements)


def undone_of(statements: Iterable[Statement]) -> Undone:
    """What `statements` drop (`Undone`). A table, view, sequence, index or type they rename
    and then drop is dropped under the name it had before them (unless they made it); their
    table renames are followed as `objects_left` follows them (a chain as one)."""
    u = Undone()
    names_at_start = NamesAtStart()
    for s in statements:
        f = s.facts
        names_at_start.follow(s)
        names = [names_at_start.of(stored_key(qualified(n))) for n in f.names]
        if s.kind == "drop_table":
            u.tables.update(names)
        elif s.kind == "drop_index":
            u.indexes.update(names_at_start.of(stored_key(index_key(n))) for n in f.names)
        elif s.kind in ROUTINE_DROPS:
            if f.cascade:
                u.cascaded_functions.update(names)
        elif s.kind == "drop_trigger" and f.table is not None:
            t = stored_key(qualified(f.table))
            u.triggers.update((t, stored(n.name)) for n in f.names)
        elif s.kind in ("drop_type", "drop_domain"):
            u.types.update(names)
        elif s.kind == "drop_sequence":
            u.sequences.update(names)
        elif s.kind in ("drop_view", "drop_materialized_view"):
            u.views.update(names)
        elif s.kind == "drop_schema":
            u.schemas.update(stored(n.name) for n in f.names)
        elif s.kind == "drop_extension":
            u.extensions.update(stored(n.name) for n in f.names)
        elif s.kind in ("drop_role", "drop_user", "drop_group"):
            u.roles.update(stored(n.name) for n in f.names)
        elif s.kind == "drop_policy" and f.table is not None:
            t = stored_key(qualified(f.table))
            u.policies.update((t, stored(n.name)) for n in f.names)
        elif s.kind == "alter_table" and f.table is not None:
            t = stored_key(qualified(f.table))
            for a in f.actions:
                if a.action == "drop_column" and a.column_name:
                    u.columns.add((t, stored(a.column_name)))
                elif a.action == "drop_constraint" and a.constraint_name:
                    u.constraints.add((t, stored(a.constraint_name)))
                elif a.action == "rename_table" and a.new_name:
                    _renamed(u.renames, t, stored_key(f"{schema_of(f.table)}.{a.new_name}"))
    return u


def _renamed(renames: set[tuple[str, str]], old: str, new: str) -> None:
    """Add the rename of `old` to `new`, a chain (a to b, then b to c) as one (a to c)."""
    for pair in list(renames):
        if pair[1] == old:
            renames.discard(pair)
            old = pair[0]
            break
    if old != new:
        renames.add((old, new))


# ---------------------------------------------------------------- functions and procedures


@dataclass(frozen=True)
class Routine:
    """A function or procedure as PostgreSQL tells it from the others of its name: by its
    identity argument types (`_common.overload`); `made` is None when its parameter list is
    not known (then the name decides)."""

    key: str  # qualified, as PostgreSQL keeps it
    made: Overload | None
    procedure: bool = False
    shown: str = ""  # `schema.name(type, ...)`, as reported

    @property
    def label(self) -> str:
        return f"{'procedure' if self.procedure else 'function'} {self.shown}"

    def same(self, other: Routine) -> bool:
        """The same routine, as far as it is known statically: a CREATE OR REPLACE of one
        replaces the other."""
        if self.key != other.key:
            return False
        return (
            self.made is None
            or other.made is None
            or same_types(self.made.identity, other.made.identity)
        )


@dataclass(frozen=True)
class RoutineDrop:
    """One routine a DROP FUNCTION / PROCEDURE / ROUTINE names, with its argument list
    (`arguments`) or without (None)."""

    key: str
    kind: str  # FUNCTION, PROCEDURE or ROUTINE
    arguments: str | None

    def may_drop(self, r: Routine) -> bool:
        """A routine of this name and kind (DROP FUNCTION drops no procedure)."""
        return r.key == self.key and (
            self.kind == "ROUTINE" or r.procedure == (self.kind == "PROCEDURE")
        )


def created_routine(s: Statement) -> Routine | None:
    f = s.facts
    if s.kind not in ROUTINE_CREATES or f.name is None:
        return None
    key = qualified(f.name)
    procedure = s.kind == "create_procedure"
    if f.arguments is None:
        return Routine(stored_key(key), None, procedure, key)
    made = created_overload(s)
    return Routine(stored_key(key), made, procedure, f"{key}({', '.join(made.shown)})")


def _dropped(s: Statement) -> list[RoutineDrop]:
    """The routines a DROP FUNCTION / PROCEDURE / ROUTINE names, each with its own argument
    list (`DROP FUNCTION f(integer), f(text)`)."""
    kind = ROUTINE_DROPS.get(s.kind, "").upper()
    return [
        RoutineDrop(stored_key(qualified(n)), kind, arguments)
        for n, arguments in dropped_routines(s)
    ]


@dataclass
class RoutineState:
    """The functions and procedures of a schema, by name, as statements create and drop them."""

    routines: dict[str, list[Routine]] = field(default_factory=dict)  # lists never changed

    def copy(self) -> RoutineState:
        """An independent state (the lists are shared: each change makes a new one)."""
        return RoutineState(dict(self.routines))

    def has(self, r: Routine) -> bool:
        return any(o.same(r) for o in self.routines.get(r.key, ()))

    def create(self, r: Routine) -> None:
        self.routines[r.key] = [o for o in self.routines.get(r.key, ()) if not o.same(r)] + [r]

    def candidates(self, d: RoutineDrop) -> list[Routine]:
        return [r for r in self.routines.get(d.key, ()) if d.may_drop(r)]

    def drop(self, d: RoutineDrop) -> list[Routine]:
        """What `d` drops: the routines its argument list names; without one, the only
        routine of its name (PostgreSQL refuses the DROP when there are several: `function
        name "f" is not unique`, IF EXISTS or not)."""
        if d.arguments is not None:
            found = self.candidates(d)
            known = [(r, r.made) for r in found if r.made is not None]
            gone = routines_dropped(d.arguments, d.kind, known)
            gone += [r for r in found if r.made is None]  # not known: the name decides
        else:
            found = self.candidates(d)
            gone = found if len(found) == 1 else []
        if gone:
            self.routines[d.key] = [r for r in self.routines[d.key] if r not in gone]
        return gone

    def drop_schema(self, schema: str) -> None:
        for key in [k for k in self.routines if _schema_of(k) == schema]:
            del self.routines[key]

    def apply(self, s: Statement) -> list[Routine]:
        """Follow one statement; what it drops."""
        if s.kind in ROUTINE_CREATES:
            r = created_routine(s)
            if r is not None:
                self.create(r)
        elif s.kind in ROUTINE_DROPS:
            return [r for d in _dropped(s) for r in self.drop(d)]
        elif s.kind == "drop_schema":
            for n in s.facts.names:
                self.drop_schema(stored(n.name))
        return []


_ROUTINE_ALTERS = {"alter_function": "FUNCTION", "alter_procedure": "PROCEDURE"}
_ROUTINE_ALTERS["alter_routine"] = "ROUTINE"


def _routine_renamed(state: RoutineState, s: Statement) -> list[tuple[Routine, Routine]]:
    """(the routine, it renamed) for the routine `s` renames (ALTER FUNCTION / PROCEDURE /
    ROUTINE ... RENAME TO or SET SCHEMA), moved in `state` to its new name."""
    f = s.facts
    kind = _ROUTINE_ALTERS.get(s.kind)
    if kind is None or f.name is None or len(f.actions) != 1:
        return []
    a = f.actions[0]
    if a.action not in ("rename", "set_schema") or not a.new_name:
        return []
    written = qualified(f.name)
    schema, _, name = written.partition(".")
    now = f"{a.new_name}.{name}" if a.action == "set_schema" else f"{schema}.{a.new_name}"
    out: list[tuple[Routine, Routine]] = []
    for was in state.drop(RoutineDrop(stored_key(written), kind, f.arguments)):
        args = was.shown[was.shown.find("(") :] if "(" in was.shown else ""
        moved = replace(was, key=stored_key(now), shown=now + args)
        state.create(moved)
        out.append((was, moved))
    return out


# ---------------------------------------------------------------- what existed before


def _table_constraints(name: ObjectName, s: Statement) -> set[str]:
    """The names of the constraints CREATE TABLE makes: those written (`CONSTRAINT x`,
    inline or not) and those PostgreSQL gives the unnamed ones (`t_pkey`, `t_a_fkey`)."""
    out = set(written_names(s.text))
    for con in s.facts.constraints:
        out.update(
            implicit_constraint_names(name, AlterAction("add_constraint", "", constraint=con))
        )
    for col in s.facts.columns:
        out.update(implicit_constraint_names(name, AlterAction("add_column", "", column=col)))
    return out


def _added_constraints(table: ObjectName, a: AlterAction) -> list[str]:
    return implicit_constraint_names(table, a) + written_constraint_names(a)


@dataclass(frozen=True)
class Definition:
    """What a constraint checks, normalized (`normalize.expression` for a CHECK, folded
    column names, the referenced table and actions of a foreign key), with the statement that
    gave it and the clause that writes it again (`shown`). A foreign key's referenced columns
    left out (the primary key) match any."""

    kind: str
    body: tuple[str, ...]
    ref_columns: tuple[str, ...]
    statement: Statement
    shown: str

    def same(self, other: Definition) -> bool:
        return (
            self.kind == other.kind
            and self.body == other.body
            and (
                not self.ref_columns
                or not other.ref_columns
                or self.ref_columns == other.ref_columns
            )
        )


_WRITTEN_NAME = re.compile(r'^\s*constraint\s+(?:"(?:[^"]|"")+"|\S+)\s+', re.I)


def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(identifier(n) for n in names)


def _definition(con: ConstraintFact, s: Statement, name: str) -> Definition | None:
    """A CHECK, UNIQUE, PRIMARY KEY or FOREIGN KEY constraint's definition; None for the
    others (EXCLUDE, NOT NULL) and for an index's (USING INDEX)."""
    shown = f"CONSTRAINT {quote_identifier(name)} {_WRITTEN_NAME.sub('', con.text)}"
    deferrable = "deferrable" if con.deferrable else ""
    if con.type == "check" and con.expression is not None:
        return Definition("check", (expression(con.expression),), (), s, shown)
    if con.type in ("unique", "primary_key") and con.using_index is None and con.columns:
        return Definition(con.type, (*_folded(con.columns), deferrable), (), s, shown)
    if con.type == "foreign_key" and con.references is not None and con.columns:
        actions = (fk_action(con.on_delete or "no action"), fk_action(con.on_update or "no action"))
        body = (*_folded(con.columns), qualified(con.references), *actions, deferrable)
        return Definition(con.type, body, _folded(con.ref_columns), s, shown)
    return None


def _column_definitions(
    table: ObjectName, col: ColumnFact, s: Statement
) -> Iterator[tuple[str, Definition]]:
    """The definitions of a column's inline CHECK, UNIQUE and PRIMARY KEY, by the names
    PostgreSQL gives them (the caller makes sure none is named)."""
    # the static replay is imported only when a rule runs (not on a cached re-run)
    from schemacheck.replay.names import make_object_name

    c = quote_identifier(identifier(col.name))
    if col.check is not None:
        name = make_object_name(table.name, col.name, "check")
        con = ConstraintFact("check", expression=col.check, text=f"CHECK ({col.check})")
        found = _definition(con, s, name)
        if found is not None:
            yield name, found
    if col.unique:
        name = make_object_name(table.name, col.name, "key")
        con = ConstraintFact("unique", columns=(col.name,), text=f"UNIQUE ({c})")
        found = _definition(con, s, name)
        if found is not None:
            yield name, found
    if col.primary_key:
        name = make_object_name(table.name, None, "pkey")
        con = ConstraintFact("primary_key", columns=(col.name,), text=f"PRIMARY KEY ({c})")
        found = _definition(con, s, name)
        if found is not None:
            yield name, found


def _create_definitions(table: ObjectName, s: Statement) -> dict[str, Definition]:
    """The definitions of the constraints a CREATE TABLE makes, by name as PostgreSQL keeps
    it; its columns' inline constraints only when none of them is named (their names are not
    told apart from their columns)."""
    out: dict[str, Definition] = {}
    named = set()
    for con in s.facts.constraints:
        action = AlterAction("add_constraint", "", constraint=con)
        for name in implicit_constraint_names(table, action)[:1]:
            named.add(identifier(name))
            found = _definition(con, s, name)
            if found is not None:
                out[stored(name)] = found
    if set(written_names(s.text)) <= named:
        for col in s.facts.columns:
            for name, found in _column_definitions(table, col, s):
                out.setdefault(stored(name), found)
    return out


def action_definitions(
    table: ObjectName, a: AlterAction, s: Statement
) -> Iterator[tuple[str, Definition]]:
    """(name as PostgreSQL keeps it, definition) of the constraints an ALTER TABLE action
    adds: ADD CONSTRAINT, and the inline constraints of ADD COLUMN when none is named."""
    if a.action == "add_constraint" and a.constraint is not None:
        for name in implicit_constraint_names(table, a)[:1]:
            found = _definition(a.constraint, s, name)
            if found is not None:
                yield stored(name), found
    elif a.action == "add_column" and a.column is not None and not written_constraint_names(a):
        for name, found in _column_definitions(table, a.column, s):
            yield stored(name), found


@dataclass
class _TableConstraints:
    """A table's constraint names, as PostgreSQL keeps them, and the definitions known of
    them, worked out when first asked (most tables never are): its CREATE TABLE, then the
    constraints added and dropped."""

    table: ObjectName | None = None
    create: Statement | None = None
    known: set[str] = field(default_factory=set)
    defined: dict[str, Definition] = field(default_factory=dict)
    # str: a drop
    later: list[tuple[ObjectName, AlterAction, Statement] | str] = field(default_factory=list)

    def names(self) -> set[str]:
        if self.create is not None and self.table is not None:
            self.known = {stored(n) for n in _table_constraints(self.table, self.create)}
            self.defined = _create_definitions(self.table, self.create)
            self.create = None
        for item in self.later:
            if isinstance(item, str):
                self.known.discard(item)
                self.defined.pop(item, None)
            else:
                table, a, s = item
                self.known.update(stored(n) for n in _added_constraints(table, a))
                self.defined.update(action_definitions(table, a, s))
        self.later.clear()
        return self.known


_TYPE_KINDS = frozenset({"create_type", "create_domain", "alter_type", "drop_type", "drop_domain"})
_ENUM = re.compile(r"\bAS\s+ENUM\b", re.I)
_POSITION = re.compile(r"\b(BEFORE|AFTER)\s+'((?:[^']|'')*)'\s*$", re.I)


def apply_type(
    types: dict[str, list[str] | None], s: Statement, by: dict[str, Statement] | None = None
) -> None:
    """Follow `s` on `types` (by name as PostgreSQL keeps it: the values of an enum type in
    their order, None for another type): CREATE TYPE / DOMAIN, DROP TYPE / DOMAIN, ALTER TYPE
    ... RENAME TO, ADD VALUE (BEFORE / AFTER a value, else last), RENAME VALUE. The lists are
    never changed in place (a change makes a new one). `by`: the statement that last set each
    enum type's values, followed through renames."""
    f = s.facts
    if s.kind in ("create_type", "create_domain") and f.name is not None:
        sk = stored_key(qualified(f.name))
        enum = s.kind == "create_type" and _ENUM.search(s.text) is not None
        types[sk] = list(f.labels) if enum else None
        if by is not None:
            by[sk] = s
    elif s.kind in ("drop_type", "drop_domain"):
        for n in f.names:
            types.pop(stored_key(qualified(n)), None)
    elif s.kind == "alter_type" and f.name is not None:
        sk = stored_key(qualified(f.name))
        for a in f.actions:
            if sk not in types:
                return
            labels = types[sk]
            if a.action == "rename_type" and a.new_name:
                new = stored_key(f"{schema_of(f.name)}.{a.new_name}")
                types[new] = types.pop(sk)
                if by is not None and sk in by:
                    by[new] = by.pop(sk)
                sk = new
                continue
            if labels is None:
                continue
            if a.action == "add_value" and a.label is not None and a.label not in labels:
                at = len(labels)
                m = _POSITION.search(a.text)
                if m is not None and m.group(2).replace("''", "'") in labels:
                    at = labels.index(m.group(2).replace("''", "'"))
                    at += m.group(1).upper() == "AFTER"
                labels = [*labels[:at], a.label, *labels[at:]]
            elif a.action == "rename_value" and a.label in labels and a.new_name:
                labels = [a.new_name if v == a.label else v for v in labels]
            else:
                continue
            types[sk] = labels
            if by is not None:
                by[sk] = s


@dataclass(frozen=True)
class _Column:
    """A column's default (as written, None: none) and nullability. `origin`: the column
    (table, name as PostgreSQL keeps them) it was before the migration, followed through
    renames (None: one the migration or its rollback adds); `changed_*`: the migration's
    statement that changes its default / nullability; `*_by`: the rollback's statement that
    last sets it."""

    default: str | None = None
    not_null: bool = False
    origin: tuple[str, str] | None = None
    changed_default: Statement | None = None
    changed_null: Statement | None = None
    default_by: Statement | None = None
    null_by: Statement | None = None


_COLUMN_KINDS = frozenset(
    {"create_table", "create_foreign_table", "drop_table", "alter_table", "drop_schema"}
)
_RELATION_KINDS = frozenset(
    {"create_index", "drop_index", "create_trigger", "drop_trigger", "create_view"}
    | {"create_materialized_view", "drop_view", "drop_materialized_view", "create_sequence"}
    | {"drop_sequence", "create_schema", "drop_schema", "drop_table", "alter_table"}
)
_SERIAL = frozenset({"serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"})


def _new_column(table: str, col: ColumnFact, origin: tuple[str, str] | None) -> _Column:
    """A column as its definition makes it: NOT NULL written, or implied by PRIMARY KEY, an
    identity or a serial type (which also gives it the default of its sequence)."""
    default = col.default
    not_null = col.not_null or col.primary_key or col.identity
    if col.data_type in _SERIAL:
        not_null = True
        seq = f"{table.split('.', 1)[1]}_{col.name}_seq"
        default = f"nextval('{seq}'::regclass)"
    return _Column(default, not_null, origin)


def apply_columns(tables: dict[str, dict[str, _Column]], s: Statement, phase: str) -> None:
    """Follow `s` on the columns of `tables` (table -> column -> `_Column`, names as
    PostgreSQL keeps them; a table's dict is never changed in place): CREATE TABLE, ADD /
    DROP / RENAME COLUMN, SET / DROP DEFAULT, SET / DROP NOT NULL, ADD PRIMARY KEY (its
    columns become NOT NULL), table renames, DROP TABLE, DROP SCHEMA. `phase`: `before`
    (the files before the migration: a column's origin is its name), `forward` (the
    migration: what it changes is marked) or `rollback` (what sets a column is marked)."""
    f = s.facts
    if s.kind in ("create_table", "create_foreign_table") and f.name is not None:
        t = stored_key(qualified(f.name))
        cols = {}
        for col in f.columns:
            c = stored(col.name)
            made = _new_column(t, col, (t, c) if phase == "before" else None)
            if phase == "rollback":
                made = replace(made, default_by=s, null_by=s)
            cols[c] = made
        for con in f.constraints:
            if con.type == "primary_key":
                for c in map(stored, con.columns):
                    if c in cols:
                        cols[c] = replace(cols[c], not_null=True)
        tables[t] = cols
    elif drop_tables(tables, s):
        return
    elif s.kind == "alter_table" and f.table is not None:
        t = stored_key(qualified(f.table))
        copied = False  # the table's dict copied for this statement
        for a in f.actions:
            if t not in tables:
                return
            if a.action == "rename_table" and a.new_name:
                new = stored_key(f"{schema_of(f.table)}.{a.new_name}")
                cols = tables.pop(t)
                if phase == "before":
                    cols = {c: replace(v, origin=(new, c)) for c, v in cols.items()}
                tables[new] = cols
                t = new
                continue
            if a.action not in _COLUMN_ACTIONS:
                continue
            if not copied:
                tables[t] = dict(tables[t])
                copied = True
            _apply_column_action(tables[t], t, a, s, phase)


_COLUMN_ACTIONS = frozenset(
    {"add_column", "drop_column", "rename_column", "set_default", "drop_default"}
    | {"set_not_null", "drop_not_null", "add_constraint"}
)


def _apply_column_action(
    cols: dict[str, _Column], t: str, a: AlterAction, s: Statement, phase: str
) -> None:
    """Follow one ALTER TABLE action (`_COLUMN_ACTIONS`) on the columns `cols` of table `t`
    (changed in place: the caller's copy)."""
    c = stored(a.column_name) if a.column_name else ""
    was = cols.get(c)
    if a.action == "add_column" and a.column is not None:
        c = stored(a.column.name)
        made = _new_column(t, a.column, (t, c) if phase == "before" else None)
        cols[c] = replace(made, default_by=s, null_by=s) if phase == "rollback" else made
    elif a.action == "drop_column" and was is not None:
        del cols[c]
    elif a.action == "rename_column" and was is not None and a.new_name:
        del cols[c]
        new = stored(a.new_name)
        cols[new] = replace(was, origin=(t, new)) if phase == "before" else was
    elif a.action in ("set_default", "drop_default") and was is not None:
        now = replace(was, default=a.default if a.action == "set_default" else None)
        if phase == "forward":
            now = replace(now, changed_default=was.changed_default or s)
        elif phase == "rollback":
            now = replace(now, default_by=s)
        cols[c] = now
    elif a.action in ("set_not_null", "drop_not_null") and was is not None:
        now = replace(was, not_null=a.action == "set_not_null")
        if phase == "forward":
            now = replace(now, changed_null=was.changed_null or s)
        elif phase == "rollback":
            now = replace(now, null_by=s)
        cols[c] = now
    elif (
        a.action == "add_constraint"
        and a.constraint is not None
        and a.constraint.type == "primary_key"
    ):
        for k in map(stored, a.constraint.columns):
            if k in cols and not cols[k].not_null:
                now = replace(cols[k], not_null=True)
                cols[k] = replace(now, null_by=s) if phase == "rollback" else now


@dataclass
class Existing:
    """What the files before a migration leave (rollbacks and checks aside), for the
    restore check and for the IF NOT EXISTS creates that make nothing: tables, constraints
    (table, name), functions, the values of enum types (`labels`, by type), indexes,
    triggers, views, sequences and schemas, as PostgreSQL keeps their names; what those
    files drop is gone."""

    tables: set[str] = field(default_factory=set)
    constraints: dict[str, _TableConstraints] = field(default_factory=dict)
    routines: RoutineState = field(default_factory=RoutineState)
    labels: dict[str, set[str]] = field(default_factory=dict)
    # types and domains by name: the values of an enum type in order, None for another type
    types: dict[str, list[str] | None] = field(default_factory=dict)
    # table -> column -> its default and nullability (`_Column`), renames followed
    columns: dict[str, dict[str, _Column]] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)  # index -> its table
    triggers: dict[str, set[str]] = field(default_factory=dict)  # table -> its triggers
    views: set[str] = field(default_factory=set)  # views and materialized views
    sequences: set[str] = field(default_factory=set)  # those CREATE SEQUENCE makes
    schemas: set[str] = field(default_factory=lambda: {"public"})

    def has_constraint(self, table: str, name: str) -> bool:
        found = self.constraints.get(table)
        return found is not None and name in found.names()

    def definition(self, table: str, name: str) -> Definition | None:
        """The definition of constraint `name` of `table`, when known."""
        found = self.constraints.get(table)
        if found is None or name not in found.names():
            return None
        return found.defined.get(name)

    def apply(self, s: Statement) -> None:
        f = s.facts
        if s.kind in ("create_table", "create_table_as", "create_foreign_table") and f.name:
            t = stored_key(qualified(f.name))
            self.tables.add(t)
            self.constraints[t] = _TableConstraints(f.name, s)
        elif s.kind == "drop_table":
            for n in f.names:
                self._drop_table(stored_key(qualified(n)))
        elif s.kind == "alter_table" and f.table is not None:
            t = stored_key(qualified(f.table))
            for a in f.actions:
                if a.action == "drop_constraint" and a.constraint_name:
                    if t in self.constraints:
                        self.constraints[t].later.append(stored(a.constraint_name))
                elif a.action == "rename_table" and a.new_name and t in self.tables:
                    new = stored_key(f"{schema_of(f.table)}.{a.new_name}")
                    kept = self.constraints.get(t)
                    self._drop_table(t)
                    self.tables.add(new)
                    if kept is not None:
                        self.constraints[new] = kept
                elif a.action in ("add_constraint", "add_column"):
                    self.constraints.setdefault(t, _TableConstraints()).later.append(
                        (f.table, a, s)
                    )
        elif s.kind == "drop_schema":
            for n in f.names:
                schema = stored(n.name)
                for t in [t for t in self.tables if _schema_of(t) == schema]:
                    self._drop_table(t)
        if s.kind in _RELATION_KINDS:
            self._relations(s)
        if s.kind in ("create_type", "alter_type", "drop_type"):
            self._enum_labels(s)
        if s.kind in _TYPE_KINDS:
            apply_type(self.types, s)
        elif s.kind in _COLUMN_KINDS:
            apply_columns(self.columns, s, "before")
        self.routines.apply(s)

    def _enum_labels(self, s: Statement) -> None:
        """The values a CREATE TYPE gives an enum type, those ALTER TYPE ... ADD VALUE adds
        (RENAME VALUE renames one); a DROP TYPE takes them away."""
        for n in s.facts.names:
            sk = stored_key(qualified(n))
            if s.kind == "drop_type":
                self.labels.pop(sk, None)
            elif s.kind == "create_type":
                self.labels[sk] = set(s.facts.labels)
            else:
                labels = self.labels.setdefault(sk, set())
                labels.update(s.facts.labels)
                for a in s.facts.actions:
                    if a.action == "rename_value" and a.label in labels and a.new_name:
                        labels.discard(a.label)
                        labels.add(a.new_name)

    def _relations(self, s: Statement) -> None:
        """Follow the indexes, triggers, views, sequences and schemas: CREATE and DROP of
        each, a table's dropped with it (its indexes and triggers) or renamed (moved along),
        a schema's dropped with it."""
        f = s.facts
        k = s.kind
        if k == "create_index" and f.table is not None:
            key = created_index_key(f.table, f.name, f.index_columns)
            self.indexes[stored_key(key)] = stored_key(qualified(f.table))
        elif k == "drop_index":
            for n in f.names:
                self.indexes.pop(stored_key(index_key(n)), None)
        elif k == "create_trigger" and f.name is not None and f.table is not None:
            t = stored_key(qualified(f.table))
            self.triggers[t] = self.triggers.get(t, set()) | {stored(f.name.name)}
        elif k == "drop_trigger" and f.table is not None:
            t = stored_key(qualified(f.table))
            self.triggers[t] = self.triggers.get(t, set()) - {stored(n.name) for n in f.names}
        elif k in ("create_view", "create_materialized_view") and f.name is not None:
            self.views.add(stored_key(qualified(f.name)))
        elif k in ("drop_view", "drop_materialized_view"):
            self.views.difference_update(stored_key(qualified(n)) for n in f.names)
        elif k == "create_sequence" and f.name is not None:
            self.sequences.add(stored_key(qualified(f.name)))
        elif k == "drop_sequence":
            self.sequences.difference_update(stored_key(qualified(n)) for n in f.names)
        elif k == "create_schema" and f.name is not None:
            self.schemas.add(stored(f.name.name))
        elif k == "drop_schema":
            for n in f.names:
                schema = stored(n.name)
                self.schemas.discard(schema)
                for kept in (self.indexes, self.triggers):
                    for key in [key for key in kept if _schema_of(key) == schema]:
                        del kept[key]
                self.views = {v for v in self.views if _schema_of(v) != schema}
                self.sequences = {q for q in self.sequences if _schema_of(q) != schema}
        elif k == "drop_table":
            for n in f.names:
                self._drop_relations(stored_key(qualified(n)))
        elif k == "alter_table" and f.table is not None:
            t = stored_key(qualified(f.table))
            for a in f.actions:
                if a.action == "rename_table" and a.new_name:
                    new = stored_key(f"{schema_of(f.table)}.{a.new_name}")
                    for i, table in self.indexes.items():
                        if table == t:
                            self.indexes[i] = new
                    if t in self.triggers:
                        self.triggers[new] = self.triggers.pop(t)
                    t = new

    def _drop_relations(self, t: str) -> None:
        """The indexes and triggers of table `t` go with it."""
        self.triggers.pop(t, None)
        if t in self.indexes.values():
            self.indexes = {i: table for i, table in self.indexes.items() if table != t}

    def has_trigger(self, table: str, name: str) -> bool:
        return name in self.triggers.get(table, ())

    def _drop_table(self, t: str) -> None:
        self.tables.discard(t)
        self.constraints.pop(t, None)


def existing_before(ctx: Context, forward: SqlFile) -> Existing:
    """`Existing` after the files before `forward`, built up once per run as the rollbacks
    come (shared: read it, do not change it)."""
    history = ctx.history
    before = history.position(forward)
    state = history.memo.get("rollback restore: existing before")
    if not isinstance(state, list) or state[0] > before:
        state = [0, Existing()]
        history.memo["rollback restore: existing before"] = state
    while state[0] < before:
        f = history.files[state[0]]
        if f.role not in ("rollback", "check"):
            for s in f.statements:
                state[1].apply(s)
        state[0] += 1
    existing: Existing = state[1]
    return existing


def _routines_left(
    forward: SqlFile, rollback: SqlFile, before: RoutineState, replaced: Container[int] = ()
) -> Iterator[tuple[Routine, Statement, str | None]]:
    """(routine, creating statement, help) for each function or procedure `forward` creates
    that `rollback` does not drop (by name and argument types); those it only replaces
    (`replaced`: statement indexes, `replaced_by`) are not its own. A rollback creating one
    again gives back its earlier body when it existed before `forward` (in `before`); one
    only `forward` made it leaves in place."""
    state = before.copy()
    made: list[tuple[Routine, Statement]] = []
    for s in forward.statements:
        r = created_routine(s)
        if r is not None:
            made = [m for m in made if not m[0].same(r)]
            if s.index not in replaced:
                made.append((r, s))
        for was, now in _routine_renamed(state, s):  # what it made keeps its new name
            made = [(now, m[1]) if m[0] == was else m for m in made]
        for gone in state.apply(s):
            made = [m for m in made if not m[0].same(gone)]
    left = list(made)
    refused: dict[str, str] = {}
    for s in rollback.statements:
        r = created_routine(s)
        if r is not None:
            # one there before the migration is given back its body; one only the
            # migration made stays, with a body again
            left = [m for m in left if not (m[0].same(r) and before.has(m[0]))]
            for m, _ in left:
                if m.same(r) and s.facts.or_replace:
                    refused.setdefault(
                        m.key,
                        f"The rollback creates it again ({rollback.path}:{s.line}, CREATE OR "
                        "REPLACE) instead of dropping it: it did not exist before the "
                        f"migration. Drop it: DROP {'PROCEDURE' if m.procedure else 'FUNCTION'} "
                        f"{m.shown}.",
                    )
        for d in _dropped(s):
            found = state.candidates(d)
            if d.arguments is None and len(found) > 1:
                shown = ", ".join(o.shown for o in found)
                refused.setdefault(
                    d.key,
                    f"PostgreSQL refuses DROP {d.kind} {d.key} without argument types while "
                    f"{len(found)} routines have that name (function name is not unique) and "
                    f"drops none: name each one, DROP {d.kind} {shown}.",
                )
        for gone in state.apply(s):
            left = [m for m in left if not m[0].same(gone)]
    for r, s in left:
        yield r, s, refused.get(r.key)


def _schema_of(key: str) -> str:
    return key.split(".", 1)[0]


def missing_undo(
    forward: SqlFile,
    made: Objects,
    rollback: SqlFile,
    before: RoutineState | None = None,
    replaced: Container[int] = (),
    kept: Container[tuple[str, str]] = (),
    kept_types: Container[str] = (),
    existing: Existing | None = None,
) -> Iterator[tuple[str, Statement, str | None]]:
    """(`kind name`, creating statement, help) for each object `forward` made (`made`: its
    `created_objects`) that `rollback` leaves behind; `before`: the functions and procedures
    there before `forward` (a DROP without argument types is refused when the name has
    several); `replaced`: the indexes of `forward`'s CREATE OR REPLACE statements of what
    existed before it (`replaced_by`), which it did not make; `kept`: the constraints
    (table, name as PostgreSQL keeps them) that existed before it and that it drops and adds
    again (`redefined_constraints`), which it did not make either; `kept_types`: the types
    (as PostgreSQL keeps their names) that existed before it and that it creates again under
    their name (renamed or dropped first: `missing_enum_labels`). Names are compared as
    PostgreSQL keeps them (63 bytes at most) and reported as the migration writes them;
    functions by name and identity argument types. An index or constraint on a column the
    migration drops after making it, or the rollback drops, went with the column. `existing`:
    what the files before `forward` left (`existing_before`): a CREATE ... IF NOT EXISTS (ADD
    COLUMN IF NOT EXISTS) of what was there, and not dropped by `forward` before it, made
    nothing."""
    u = undone_by(rollback)
    dropped_columns = _columns_dropped(forward)

    def with_column(table: str, columns: Iterable[str], s: Statement) -> bool:
        """One of `columns` of `table` goes after `s` (dropped by the rollback, or by the
        migration after `s`): what uses it goes with it."""
        t = stored_key(table)
        for c in map(stored, columns):
            if (t, c) in u.columns or dropped_columns.get((t, c), -1) > s.index:
                return True
        return False

    def made_nothing(s: Statement, kind: str, key: str) -> bool:
        return existing is not None and _made_nothing(existing, forward, s, kind, key)

    def gone(key: str) -> bool:
        return stored(_schema_of(key)) in u.schemas

    def table_gone(table: str) -> bool:
        return stored_key(table) in u.tables or gone(table) or _parent_gone(made, table, u.tables)

    def relation_gone(relation: str) -> bool:
        """A table or a (materialized) view: either takes its indexes and triggers along."""
        return table_gone(relation) or stored_key(relation) in u.views

    for t, s in made.tables.items():
        if not table_gone(t) and not made_nothing(s, "table", t):
            yield f"table {t}", s, None
    for i, s in made.indexes.items():
        table = made.index_table.get(i, "")
        if (
            stored_key(i) not in u.indexes
            and not relation_gone(table)
            and not gone(i)
            and not with_column(table, index_columns(s), s)
            and not made_nothing(s, "index", i)
        ):
            yield f"index {i}", s, None
    if made.functions:
        for r, s, why in _routines_left(forward, rollback, before or RoutineState(), replaced):
            if not gone(r.key):
                yield r.label, s, why
    for (t, name), s in made.triggers.items():
        if s.index in replaced:
            continue  # a trigger of an earlier file, replaced (`missing_previous`)
        fn = stored_key(made.trigger_function.get((t, name), ""))
        if stored_pair((t, name)) in u.triggers or relation_gone(t) or fn in u.cascaded_functions:
            continue
        yield f"trigger {name} on {t}", s, None
    for kind, objs, undone in (
        ("type", made.types, u.types),
        ("sequence", made.sequences, u.sequences),
        ("view", made.views, u.views),
    ):
        for key, s in objs.items():
            if kind == "view" and s.index in replaced:
                continue  # a view of an earlier file, replaced (`missing_previous`)
            if kind == "type" and stored_key(key) in kept_types:
                continue  # there before, created again (`missing_enum_labels`)
            if stored_key(key) not in undone and not gone(key):
                owner = made.sequence_owner.get(key) if kind == "sequence" else None
                if owner is not None and (table_gone(owner[0]) or stored_pair(owner) in u.columns):
                    continue  # an owned sequence goes with its column
                if made_nothing(s, kind, key):
                    continue
                yield f"{kind} {key}", s, None
    for name, s in made.schemas.items():
        if stored(name) not in u.schemas and not made_nothing(s, "schema", name):
            yield f"schema {name}", s, None
    for name, s in made.roles.items():  # a role belongs to the server: it outlives the schema
        if stored(name) not in u.roles:
            yield f"role {name}", s, None
    for (t, name), s in made.policies.items():
        if stored_pair((t, name)) not in u.policies and not table_gone(t):
            yield f"policy {name} on {t}", s, None
    for (t, col), s in made.columns.items():
        if (
            stored_pair((t, col)) not in u.columns
            and not table_gone(t)
            and not with_column(t, (col,), s)  # the migration drops it again itself
            and not made_nothing(s, "column", f"{t}.{col}")
        ):
            yield f"column {t}.{col}", s, None
    for (t, con), s in made.constraints.items():
        if stored_pair((t, con)) in kept:
            continue  # there before, dropped and added again (`missing_definitions`)
        if (
            stored_pair((t, con)) not in u.constraints
            and not table_gone(t)
            and not with_column(t, constraint_columns(s, con), s)
        ):
            yield f"constraint {con} on {t}", s, None
    for old, new in made.renames:
        if (stored_key(new), stored_key(old)) not in u.renames:
            by = made.renamed_by.get((old, new), forward.statements[0])
            yield f"rename of table {old} to {new}", by, None


def _columns_dropped(forward: SqlFile) -> dict[tuple[str, str], int]:
    """(table, column) as PostgreSQL keeps them -> the index of the last statement of
    `forward` that drops the column."""
    out: dict[tuple[str, str], int] = {}
    for s in forward.statements:
        f = s.facts
        if s.kind == "alter_table" and f.table is not None:
            t = stored_key(qualified(f.table))
            for a in f.actions:
                if a.action == "drop_column" and a.column_name:
                    out[(t, stored(a.column_name))] = s.index
    return out


_LITERAL = re.compile(r"'(?:[^']|'')*'")
_CAST = re.compile(r"::\s*(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\w$.]*)")
_WORD = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][\w$]*)(\s*\()?')
_INCLUDE = re.compile(r"\bINCLUDE\s*\(([^)]*)\)", re.I)


def _words(text: str | None) -> set[str]:
    """The names an expression may use as columns, folded as PostgreSQL folds them: its
    words, leaving out string literals, the types of casts and the names of called
    functions (keywords and operator classes are in: no column is named so, in practice)."""
    if not text:
        return set()
    text = _CAST.sub(" ", _LITERAL.sub(" ", text))
    out: set[str] = set()
    for m in _WORD.finditer(text):
        if m.group(1) is not None:
            out.add(m.group(1).replace('""', '"'))
        elif m.group(3) is None:
            out.add(m.group(2).lower())
    return out


def index_columns(s: Statement) -> set[str]:
    """The columns a CREATE INDEX uses, as far as its text tells: its keys and their
    expressions, its INCLUDE columns and its WHERE predicate. PostgreSQL drops the index with
    any of them."""
    f = s.facts
    found = _words(f.index_columns) | _words(f.index_where)
    for m in _INCLUDE.finditer(s.text):
        found |= _words(m.group(1))
    return found


def constraint_columns(s: Statement, name: str) -> set[str]:
    """The columns of its table the constraint `name` that ALTER TABLE `s` adds uses (its
    columns, its CHECK or EXCLUDE expression): PostgreSQL drops it with any of them."""
    f = s.facts
    out: set[str] = set()
    for a in f.actions:
        con = a.constraint
        if a.action != "add_constraint" or con is None:
            continue
        if stored(name) not in map(stored, implicit_constraint_names(f.table, a)[:1]):
            continue
        out.update(identifier(c) for c in con.columns)
        out |= _words(con.expression)
    return out


def _made_nothing(existing: Existing, forward: SqlFile, s: Statement, kind: str, key: str) -> bool:
    """`s`, a CREATE ... IF NOT EXISTS (or ALTER TABLE ... ADD COLUMN IF NOT EXISTS) of the
    `kind` `key` (qualified; `table.column` for a column), makes nothing: the files before
    `forward` left one of that name, and `forward` did not drop it before `s`."""
    if kind == "column":
        t, _, c = key.rpartition(".")
        if not any(
            a.action == "add_column" and a.if_not_exists and a.column_name == c
            for a in s.facts.actions
        ):
            return False
        tk, ck = stored_key(t), stored(c)
        if ck not in existing.columns.get(tk, {}):
            return False
        u = undone_of(forward.statements[: s.index])
        return tk not in u.tables and (tk, ck) not in u.columns and _schema_of(tk) not in u.schemas
    if not s.facts.if_not_exists:
        return False
    sk = stored(key) if kind == "schema" else stored_key(key)
    there = {
        "table": existing.tables,
        "index": existing.indexes,
        "sequence": existing.sequences,
        "view": existing.views,
        "schema": existing.schemas,
    }.get(kind, ())
    if sk not in there:
        return False
    u = undone_of(forward.statements[: s.index])
    if kind == "schema":
        return sk not in u.schemas
    dropped = {"table": u.tables, "index": u.indexes, "sequence": u.sequences, "view": u.views}
    if sk in dropped[kind] or _schema_of(sk) in u.schemas:
        return False
    return kind != "index" or existing.indexes[sk] not in u.tables


def missing_restore(
    ctx: Context, forward: SqlFile, rollback: SqlFile
) -> Iterator[tuple[str, Statement, str, str]]:
    """(`kind name`, the forward statement, `restore` or `change back`, why when it is not
    the usual reason, else empty) for each table, index, column, constraint, function (by
    its argument types), schema, trigger, view
    (materialized or not), sequence or type that existed before `forward` and that it drops,
    and each such column whose type it changes, that `rollback` does not create again (change
    back): a CREATE TABLE, CREATE INDEX, ADD COLUMN (or its table created again), ADD
    CONSTRAINT, CREATE FUNCTION of the same argument types, CREATE TRIGGER on the same table,
    CREATE VIEW, CREATE SEQUENCE, CREATE TYPE, ALTER COLUMN TYPE, CREATE SCHEMA of the same
    name; and each index and constraint there before that used a column it drops
    (`_lost_with_column`). A DROP ... IF EXISTS of what did not exist asks nothing; an index
    or trigger whose table the rollback drops, or the migration drops and the rollback does
    not create again, goes (or is asked back) with it."""
    if not any(_may_remove(s) for s in forward.statements):
        return
    made = made_by(ctx, forward)
    earlier = objects_before(ctx, forward)  # what existed before the migration ran
    existing = existing_before(ctx, forward)
    back = left_by(ctx, rollback)  # under the names it leaves (made, then renamed into place)
    back_indexes = {stored_key(i) for i in back.indexes}
    back_columns = {stored_pair(c) for c in back.columns}
    back_tables = {stored_key(t) for t in back.tables}
    back_schemas = {stored(n) for n in back.schemas}
    back_constraints = {stored_pair(c) for c in constraints_added(rollback.statements)}
    back_routines = [r for r in map(created_routine, rollback.statements) if r is not None]
    made_tables = {stored_key(t) for t in made.tables}
    made_constraints = {stored_pair(c) for c in constraints_added(forward.statements)}
    made_routines = [r for r in map(created_routine, forward.statements) if r is not None]
    retyped = {
        (stored_key(qualified(s.facts.table)), stored(a.column_name))
        for s in rollback.statements
        if s.kind == "alter_table" and s.facts.table is not None
        for a in s.facts.actions
        if a.action == "alter_column_type" and a.column_name
    }
    dropped_tables = undone_by(forward).tables | undone_by(rollback).tables
    dropped_schemas = undone_by(forward).schemas | undone_by(rollback).schemas
    # tables whose indexes and triggers go with them: those the rollback drops, and those the
    # migration drops that the rollback does not create again (asked back themselves); a
    # table created again by the rollback is asked for its indexes and triggers too
    tables_gone = undone_by(rollback).tables | (undone_by(forward).tables - back_tables)
    made_triggers = {stored_pair(t) for t in made.triggers}
    back_triggers = {stored_pair(t) for t in back.triggers}
    routines = existing.routines.copy()
    seen: set[str] = set()
    notes: dict[str, str] = {}  # what -> why, where the reason is not the usual one
    back_names: dict[str, str] = {}
    for s in forward.statements:
        f = s.facts
        found: list[tuple[str, str]] = []
        for r in routines.apply(s):
            if (
                existing.routines.has(r)
                and not any(m.same(r) for m in made_routines)
                and not any(b.same(r) for b in back_routines)
            ):
                found.append((r.label, "restore"))
        if s.kind == "drop_index":
            for n in f.names:
                key = index_key(n)
                table = earlier.index_table.get(key, "")
                if (
                    key in earlier.indexes
                    and key not in made.indexes
                    and stored_key(key) not in back_indexes
                    and stored_key(table) not in tables_gone
                ):
                    found.append((f"index {key}", "restore"))
        elif s.kind == "drop_table":
            for n in f.names:
                key = qualified(n)
                sk = stored_key(key)
                if sk not in existing.tables or sk in made_tables:
                    continue
                if sk not in back_tables:
                    found.append((f"table {key}", "restore"))
                    continue
                not_again = _constraints_not_made_again(existing, sk, back, back_constraints)
                back_names[sk] = _made_under(back, sk)
                for name, made_as in not_again:
                    what = f"constraint {name} on {key}"
                    found.append((what, "restore"))
                    if made_as:
                        notes[what] = (
                            f"the table the rollback makes again has it as {made_as} (named "
                            f"after {back_names[sk]}, the name that table was made under: a "
                            "rename keeps constraint names)"
                        )
        elif s.kind == "drop_trigger" and f.table is not None:
            t = qualified(f.table)
            tk_ = stored_key(t)
            if tk_ in tables_gone or _schema_of(tk_) in dropped_schemas:
                continue  # the table goes (or is asked back) with its triggers
            for n in f.names:
                pair = (tk_, stored(n.name))
                if (
                    existing.has_trigger(*pair)
                    and pair not in made_triggers
                    and pair not in back_triggers
                ):
                    found.append((f"trigger {n.name} on {t}", "restore"))
        elif s.kind in _KIND_OF_DROP:
            kind = _KIND_OF_DROP[s.kind]
            there, made_again, back_again = {
                "view": (existing.views, made.views, back.views),
                "sequence": (existing.sequences, made.sequences, back.sequences),
                "type": (existing.types, made.types, back.types),
            }[kind]
            for n in f.names:
                key = qualified(n)
                sk = stored_key(key)
                if (
                    sk in there
                    and _schema_of(sk) not in dropped_schemas
                    and not any(stored_key(m) == sk for m in (*made_again, *back_again))
                ):
                    found.append((f"{kind} {key}", "restore"))
        elif s.kind == "drop_schema":
            for n in f.names:
                name = n.name
                if (
                    name in earlier.schemas
                    and name not in made.schemas
                    and stored(name) not in back_schemas
                ):
                    found.append((f"schema {name}", "restore"))
        elif s.kind == "alter_table" and f.table is not None:
            t = qualified(f.table)
            tk_ = stored_key(t)
            if t in made.tables or tk_ in back_tables or tk_ in dropped_tables:
                continue
            for a in f.actions:
                col = a.column_name
                if a.action == "drop_constraint" and a.constraint_name:
                    pair = (tk_, stored(a.constraint_name))
                    if (
                        existing.has_constraint(*pair)
                        and pair not in made_constraints
                        and pair not in back_constraints
                    ):
                        found.append((f"constraint {a.constraint_name} on {t}", "restore"))
                    continue
                if a.action not in ("drop_column", "alter_column_type") or not col:
                    continue
                if (t, col) not in earlier.typed_columns or (t, col) in made.columns:
                    continue
                pair = (tk_, stored(col))
                if a.action == "drop_column":
                    lost = _lost_with_column(earlier, existing, t, stored(col))
                    for what, kind, lost_key in lost:
                        rebuilt = back_indexes if kind == "index" else back_constraints
                        if lost_key not in rebuilt:
                            found.append((what, "restore"))
                if pair in back_columns:
                    continue
                if a.action == "drop_column":
                    found.append((f"column {t}.{col}", "restore"))
                elif pair not in retyped and not _same_type_after(earlier, made, t, col):
                    found.append((f"column {t}.{col} to its type before", "change back"))
        for what, undo in found:
            if what not in seen:
                seen.add(what)
                yield what, s, undo, notes.get(what, "")


def _lost_with_column(
    earlier: Objects, existing: Existing, t: str, column: str
) -> Iterator[tuple[str, str, str | tuple[str, str]]]:
    """(`kind name`, `index` or `constraint`, its key as the rollback's are kept) for each
    index and constraint that existed before the migration and uses `column` (as PostgreSQL
    keeps it) of table `t`: PostgreSQL drops them with the column, so a rollback that adds
    the column back must make them again."""
    table = stored_key(t)
    for key, index_table in earlier.index_table.items():
        sk = stored_key(key)
        if (
            stored_key(index_table) == table
            and existing.indexes.get(sk) == table
            and column in {stored(w) for w in index_columns(earlier.indexes[key])}
        ):
            yield f"index {key}", "index", sk
    kept = existing.constraints.get(table)
    if kept is None:
        return
    for name in sorted(kept.names()):
        found = kept.defined.get(name)
        if found is None:
            continue
        if found.kind == "check":
            uses = {stored(w) for w in _words(found.body[0])}
        else:  # the columns, then the referenced table and actions, then `deferrable`
            uses = set(found.body[: -4 if found.kind == "foreign_key" else -1])
        if column in uses:
            yield f"constraint {name} on {t}", "constraint", (table, name)


def _made_under(back: Objects, table: str) -> str:
    """The name the table `table` (as PostgreSQL keeps it) was created under by the rollback
    whose objects are `back`."""
    made = next((s for k, s in back.tables.items() if stored_key(k) == table), None)
    return qualified(made.facts.name) if made is not None else table


def _constraints_not_made_again(
    existing: Existing, table: str, back: Objects, back_constraints: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(name, the name the rollback gives it instead, or empty) for each constraint `table`
    (as PostgreSQL keeps its name) had before a migration that drops it, which the table its
    rollback makes again lacks by name: that table's CREATE TABLE names its constraints after
    the name it was made under (`t_old_pkey` for a table made as `t_old` and renamed into
    place), and a rename keeps them. Not-null constraints aside."""
    had = existing.constraints.get(table)
    made = next((s for k, s in back.tables.items() if stored_key(k) == table), None)
    if had is None or made is None or made.kind != "create_table" or made.facts.name is None:
        return []
    made_under = made.facts.name
    again = {stored(n) for n in _table_constraints(made_under, made)}
    again |= {name for t, name in back_constraints if t == table}
    prefix, prefix_then = f"{stored(table.rpartition('.')[2])}_", f"{stored(made_under.name)}_"
    out = []
    for n in sorted(had.names()):
        if n in again or n.endswith("_not_null"):
            continue
        instead = prefix_then + n.removeprefix(prefix) if n.startswith(prefix) else ""
        out.append((n, instead if instead in again else ""))
    return out


_KIND_OF_DROP = {
    "drop_view": "view",
    "drop_materialized_view": "view",
    "drop_sequence": "sequence",
    "drop_type": "type",
    "drop_domain": "type",
}


def _same_type_after(earlier: Objects, made: Objects, table: str, column: str) -> bool:
    """The column has a type of the same name at the end of the migration as before it (an
    enum type created again under its name, the column moved to it): nothing to change back."""
    now = made.typed_columns.get((table, column))
    was = earlier.typed_columns.get((table, column))
    return now is not None and was is not None and data_type(now) == data_type(was)


@dataclass(frozen=True)
class Redefined:
    """A constraint that existed before a migration, which the migration drops and adds again
    under its name (`pair`, as PostgreSQL keeps it); `before` and `after` its definitions
    before and after the migration (None when not known)."""

    table: str  # as the migration writes it, qualified
    name: str
    pair: tuple[str, str]
    before: Definition | None
    after: Definition | None
    statement: Statement  # the migration's last ADD of it


def redefined_constraints(ctx: Context, forward: SqlFile) -> dict[tuple[str, str], Redefined]:
    """The constraints the files before `forward` made that it drops and adds again under the
    same name, by (table, name) as PostgreSQL keeps them: not the migration's own (the rollback
    is not asked to drop them), but the rollback must give back their earlier definition."""
    memo = ctx.history.memo
    key = ("rollback: redefined constraints", forward.ident)
    found = memo.get(key)
    if isinstance(found, dict):
        return found
    found = {}
    if any(a.action == "drop_constraint" for s in forward.statements for a in s.facts.actions):
        existing = existing_before(ctx, forward)
        dropped: set[tuple[str, str]] = set()
        for s in forward.statements:
            f = s.facts
            if s.kind != "alter_table" or f.table is None:
                continue
            t = qualified(f.table)
            tk = stored_key(t)
            for a in f.actions:
                if a.action == "drop_constraint" and a.constraint_name:
                    pair = (tk, stored(a.constraint_name))
                    if existing.has_constraint(*pair):
                        dropped.add(pair)
                    continue
                defined = dict(action_definitions(f.table, a, s))
                for name in map(stored, _added_constraints(f.table, a)):
                    pair = (tk, name)
                    if pair in dropped:
                        before = existing.definition(*pair)
                        found[pair] = Redefined(t, name, pair, before, defined.get(name), s)
    memo[key] = found
    return found


def missing_definitions(
    ctx: Context, forward: SqlFile, rollback: SqlFile
) -> Iterator[tuple[Redefined, str, Statement | None]]:
    """(the constraint, what the rollback does) for each constraint that existed before
    `forward` and that it drops and adds again under the same name, which `rollback` drops
    without adding it again, or leaves (or adds again) with another definition than before
    (compared normalized; when a definition is not known, only the drop is). Followed through
    the rollback's DROP CONSTRAINT and ADD CONSTRAINT of its name (an ADD while it exists is
    refused: `constraint ... already exists`); a rollback dropping its table, or its schema,
    is not asked."""
    for r in redefined_constraints(ctx, forward).values():
        present = True
        now = r.after
        refused = gone = False
        by: Statement | None = None  # the rollback's last statement dropping or adding it
        for b in rollback.statements:
            f = b.facts
            if b.kind in ("drop_table", "drop_schema"):
                gone = gone or _drops_table(b, r.pair[0])
            if b.kind != "alter_table" or f.table is None:
                continue
            if stored_key(qualified(f.table)) != r.pair[0]:
                continue
            for a in f.actions:
                if a.action == "drop_constraint" and stored(a.constraint_name or "") == r.name:
                    present, now, by = False, None, b
                    continue
                if r.name not in map(stored, _added_constraints(f.table, a)):
                    continue
                by = b
                if present:
                    refused = True
                else:
                    present, now = True, dict(action_definitions(f.table, a, b)).get(r.name)
        if gone:
            continue
        if not present:
            yield r, "drops it and does not add it again", by
        elif r.before is None or now is None or now.same(r.before):
            continue
        elif refused:
            yield r, "adds it again while it exists (PostgreSQL refuses: it already exists)", by
        elif r.after is not None and now is r.after:
            yield r, "leaves the new definition in place", by
        else:
            yield r, "adds it again with another definition", by


def _drops_table(s: Statement, table: str) -> bool:
    """A DROP TABLE or DROP SCHEMA that takes `table` (as PostgreSQL keeps its name)."""
    if s.kind == "drop_schema":
        return any(stored(n.name) == _schema_of(table) for n in s.facts.names)
    return any(stored_key(qualified(n)) == table for n in s.facts.names)


def missing_previous(
    ctx: Context, forward: SqlFile, rollback: SqlFile
) -> Iterator[tuple[str, Statement, Statement]]:
    """(`kind name`, the forward statement, the earlier one) for each function, procedure or
    view an earlier file made that `forward` replaces (CREATE OR REPLACE) and that `rollback`
    neither creates again (its previous definition) nor drops (SC028 reports that DROP)."""
    replaced = replaced_by(ctx, forward)
    for index, earlier in replaced.items():
        s = forward.statements[index]
        r = created_routine(s)
        if r is not None:
            if not any(_restores_routine(b, r) for b in rollback.statements):
                yield r.label, s, earlier
            continue
        if s.kind == "create_trigger":
            pair = _trigger_of(s)
            if not any(
                b.kind in ("create_trigger", "drop_trigger") and _trigger_of(b) == pair
                for b in rollback.statements
            ):
                yield f"trigger {pair[1]} on {qualified(s.facts.table)}", s, earlier
            continue
        name = qualified(s.facts.name)
        if not any(
            b.kind in ("create_view", "drop_view") and name in _names_of(b)
            for b in rollback.statements
        ):
            yield f"view {name}", s, earlier


def _trigger_of(s: Statement) -> tuple[str, str]:
    """(table, trigger) a CREATE / DROP TRIGGER names, as PostgreSQL keeps them (the first,
    for a DROP of several)."""
    f = s.facts
    n = f.name or next(iter(f.names), None)
    return stored_pair((qualified(f.table), n.name if n is not None else ""))


def missing_enum_values(
    ctx: Context, forward: SqlFile, made: Objects, rollback: SqlFile
) -> Iterator[tuple[str, str, Statement, str | None, Statement | None]]:
    """(label, type, the forward statement, why, the rollback's CREATE TYPE listing it) for
    each value `forward` adds to an enum type it did not create (ALTER TYPE ... ADD VALUE)
    that `rollback` leaves in place: PostgreSQL cannot drop an enum value, so the rollback
    must create the type again without it (or drop it: SC028 reports that), or delete its
    row from pg_enum. An ADD VALUE IF NOT
    EXISTS of a label the earlier files gave the type adds nothing. `why` says the rollback
    creates the type again with the label."""
    made_types = {stored_key(t) for t in made.types}
    for s in forward.statements:
        f = s.facts
        if s.kind != "alter_type" or f.name is None:
            continue
        key = qualified(f.name)
        if stored_key(key) in made_types:
            continue  # the migration's own type: dropping it is asked for
        for a in f.actions:
            if a.action != "add_value" or a.label is None:
                continue
            if a.if_not_exists and a.label in _labels_before(ctx, forward, key):
                continue
            now = _renamed_to(forward, s.index, stored_key(key), a.label)
            undone, why, by = _value_removed(rollback, key, now)
            if not undone:
                yield a.label, key, s, why, by


def _renamed_to(forward: SqlFile, after: int, sk: str, label: str) -> str:
    """The name the enum value `label` of type `sk` has at the end of `forward`, followed
    through the RENAME VALUE statements after statement `after`."""
    for s in forward.statements[after + 1 :]:
        f = s.facts
        if s.kind == "alter_type" and f.name is not None and stored_key(qualified(f.name)) == sk:
            for a in f.actions:
                if a.action == "rename_value" and a.label == label and a.new_name:
                    label = a.new_name
    return label


def _value_removed(
    rollback: SqlFile, key: str, label: str
) -> tuple[bool, str | None, Statement | None]:
    """Whether `rollback` removes the enum value `label` of type `key`, and why not: the type
    created again (the last CREATE TYPE decides) without it, dropped and not created again
    (SC028 reports the DROP), or the value's pg_enum row deleted."""
    sk = stored_key(key)
    dropped = False
    labels: tuple[str, ...] | None = None  # those of the last CREATE TYPE of it
    created: Statement | None = None
    for b in rollback.statements:
        f = b.facts
        if b.kind == "drop_type" and any(stored_key(qualified(n)) == sk for n in f.names):
            dropped = True
        elif b.kind == "create_type" and f.name and stored_key(qualified(f.name)) == sk:
            labels, created = f.labels, b
        elif (
            b.kind == "delete"
            and f.table is not None
            and f.table.name == "pg_enum"
            and _quoted(label) in b.text
        ):
            return True, None, None
    if labels is not None and label in labels:
        why = (
            f"The rollback creates {key} again with the value '{label}': leave it out of the "
            "values listed."
        )
        return False, why, created
    return labels is not None or dropped, None, None


@dataclass(frozen=True)
class _Renamed:
    """An enum value a migration renames (RENAME VALUE, followed through several): its name
    before the migration and after it."""

    type_: str  # as the migration writes it, qualified
    before: str
    after: str
    statement: Statement  # the first RENAME VALUE of it


def missing_value_renames(
    forward: SqlFile, made: Objects, rollback: SqlFile
) -> Iterator[tuple[_Renamed, str | None, Statement | None]]:
    """(the rename, why) for each value of an enum type `forward` did not create that it
    renames (ALTER TYPE ... RENAME VALUE 'a' TO 'b') and that `rollback` does not give its
    name back (RENAME VALUE 'b' TO 'a', or the type created again with 'a' and without 'b',
    or the value's pg_enum row updated); a rollback dropping the type without creating it
    again is SC028's. A value the migration adds and then renames is its own: the ADD VALUE
    asks for it. `why` says what the rollback's CREATE TYPE lists instead."""
    made_types = {stored_key(t) for t in made.types}
    added: set[tuple[str, str]] = set()  # (type, value) the migration adds
    renamed: dict[tuple[str, str], _Renamed] = {}  # by (type, its name now)
    for s in forward.statements:
        f = s.facts
        if s.kind != "alter_type" or f.name is None:
            continue
        key = qualified(f.name)
        sk = stored_key(key)
        if sk in made_types:
            continue  # the migration's own type: dropping it is asked for
        for a in f.actions:
            if a.action == "add_value" and a.label is not None:
                added.add((sk, a.label))
            elif a.action == "rename_value" and a.label is not None and a.new_name is not None:
                if (sk, a.label) in added:
                    added.add((sk, a.new_name))
                    continue
                was = renamed.pop((sk, a.label), None) or _Renamed(key, a.label, a.label, s)
                renamed[(sk, a.new_name)] = _Renamed(
                    was.type_, was.before, a.new_name, was.statement
                )
    for r in renamed.values():
        if r.before == r.after:
            continue  # renamed back within the migration
        undone, why, by = _rename_undone(rollback, r)
        if not undone:
            yield r, why, by


def _rename_undone(rollback: SqlFile, r: _Renamed) -> tuple[bool, str | None, Statement | None]:
    """Whether `rollback` gives the renamed value its earlier name, and why not: followed
    through its RENAME VALUE statements, DROP TYPE, CREATE TYPE (the values it lists) and
    UPDATE of the value's pg_enum row; a type dropped (or renamed away) and not created again
    is SC028's."""
    sk = stored_key(r.type_)
    name: str | None = r.after  # the value's name as the rollback goes
    gone = False  # the type dropped or renamed away, not created again yet
    why: str | None = None
    by: Statement | None = None  # the rollback's last statement naming the value
    for b in rollback.statements:
        f = b.facts
        if b.kind == "drop_type" and any(stored_key(qualified(n)) == sk for n in f.names):
            name, gone, why = None, True, None
        elif b.kind == "create_type" and f.name and stored_key(qualified(f.name)) == sk:
            gone, why, by = False, None, b
            labels = f.labels
            name = r.before if r.before in labels and r.after not in labels else None
            if name is None and r.after in labels:
                why = (
                    f"The rollback creates {r.type_} again with the value '{r.after}': list "
                    f"'{r.before}' in its place."
                )
            elif name is None:
                why = (
                    f"The rollback creates {r.type_} again without the value '{r.before}': "
                    "list it again."
                )
        elif b.kind == "alter_type" and f.name and stored_key(qualified(f.name)) == sk:
            for a in f.actions:
                if a.action == "rename_value" and name is not None and a.label == name:
                    name, by = a.new_name, b
                elif a.action == "rename_type":
                    name, gone, why = None, True, None
        elif (
            b.kind == "update"
            and f.table is not None
            and f.table.name == "pg_enum"
            and _quoted(r.before) in b.text
            and _quoted(r.after) in b.text
        ):
            name, gone, why = r.before, False, None
    return name == r.before or gone, why, by


def _quoted(label: str) -> str:
    return "'" + label.replace("'", "''") + "'"


def _labels_before(ctx: Context, forward: SqlFile, key: str) -> set[str]:
    """The values the files before `forward` give the enum type `key` (rollbacks and checks
    aside): those of its CREATE TYPE and those added since (`Existing.labels`)."""
    return existing_before(ctx, forward).labels.get(stored_key(key), set())


def _restores_routine(s: Statement, r: Routine) -> bool:
    """`s` creates `r` again, or drops it."""
    again = created_routine(s)
    if again is not None:
        return again.same(r)
    for d in _dropped(s):
        if not d.may_drop(r):
            continue
        if d.arguments is None or r.made is None:
            return True
        if routines_dropped(d.arguments, d.kind, [(r.key, r.made)]):
            return True
    return False


def _names_of(s: Statement) -> set[str]:
    f = s.facts
    return {qualified(n) for n in (f.name, *f.names) if n is not None}


_RESTORED_DROPS = frozenset(
    {"drop_table", "drop_index", "drop_schema", "drop_trigger", "drop_view"}
    | {"drop_materialized_view", "drop_sequence", "drop_type", "drop_domain"}
)


def _may_remove(s: Statement) -> bool:
    """Drops a table, index, function, procedure, schema, trigger, view, sequence or type,
    or drops a constraint or a column, or retypes a column."""
    if s.kind in _RESTORED_DROPS or s.kind in ROUTINE_DROPS:
        return True
    return s.kind == "alter_table" and any(
        a.action in ("drop_column", "alter_column_type", "drop_constraint") for a in s.facts.actions
    )


def _parent_gone(made: Objects, table: str, dropped: set[str]) -> bool:
    """A partition the migration made goes with its partitioned table (or its parent's)."""
    seen: set[str] = set()
    while table in made.tables and table not in seen:
        seen.add(table)
        parent = made.tables[table].facts.partition_of
        if parent is None:
            return False
        table = qualified(parent)
        if stored_key(table) in dropped:
            return True
    return False


# the kinds `missing_undo` names -> the `Objects` field holding them
_FIELDS = {
    "table": "tables",
    "index": "indexes",
    "type": "types",
    "sequence": "sequences",
    "view": "views",
}


def _made_as(made: Objects, what: str) -> tuple[str, Statement] | None:
    """The name the object `what` (`kind name`, as `missing_undo` names it) was made under
    and the last statement renaming it, when it was renamed (`Objects.moved_from`)."""
    kind, _, key = what.partition(" ")
    if kind in ("function", "procedure"):
        name = stored_key(key.partition("(")[0])
        return next(
            (
                (origin.partition("(")[0], by)
                for (attr, now), (origin, by) in made.moved_from.items()
                if attr == "routines" and stored_key(now.partition("(")[0]) == name
            ),
            None,
        )
    return made.moved_from.get((_FIELDS.get(kind, ""), key))


def _index_drop_of_constraint(rollback: SqlFile, what: str) -> Statement | None:
    """The rollback's DROP INDEX (without CASCADE) of the index of constraint `what`
    (`constraint name on schema.table`): a unique, primary key or exclusion constraint's
    index has its name and schema."""
    if not what.startswith("constraint ") or " on " not in what:
        return None
    name, table = what.removeprefix("constraint ").split(" on ", 1)
    index = stored_key(f"{table.rpartition('.')[0]}.{name}")
    for s in rollback.statements:
        if (
            s.kind == "drop_index"
            and not s.facts.cascade
            and any(stored_key(index_key(n)) == index for n in s.facts.names)
        ):
            return s
    return None


@rule(
    "SC027",
    "rollback-incomplete",
    Severity.ERROR,
    "Make the rollback drop (or restore) everything its migration creates.",
    scope="file",
    roles=("rollback", "migration"),
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    if f.role == "migration":
        with_rollbacks, by_name = _projects_with_rollbacks(ctx)
        project = project_folder(f.path)
        # a migration without a version is paired by name (sqitch's revert/x.sql), when its
        # project pairs rollbacks so; otherwise it has no rollback to pair with
        asked = project in with_rollbacks and (f.version is not None or project in by_name)
        if ctx.rollback is None and asked and not _changes_nothing(f):
            which = _migration_name(f)
            if marks_down(f.text):  # the marker, and nothing after it
                message = f"migration {which} has an empty down section, while other "
                message += "migrations undo theirs"
            else:
                what = "down section" if project in _sectioned_projects(ctx) else "rollback file"
                message = f"migration {which} has no {what}, while other migrations have one"
            yield Hit(message, object=f"migration {which}")
        return
    if ctx.forward is None:
        if in_sqitch_plan(f.path):
            which = "the same name"
        elif f.version is not None:
            which = f"version {f.version}"
        else:
            which = "a version in its name"
        yield Hit(
            f"rollback has no forward migration with {which}: it cannot be checked against "
            "what it should undo",
        )
        return
    made = left_by(ctx, ctx.forward)
    before = existing_before(ctx, ctx.forward).routines if made.functions else None
    changed = made.functions or made.views or made.triggers
    replaced = replaced_by(ctx, ctx.forward) if changed else {}
    kept = redefined_constraints(ctx, ctx.forward) if made.constraints else {}
    kept_types = existing_before(ctx, ctx.forward).types if made.types else {}
    existing = existing_before(ctx, ctx.forward)
    for what, s, why in missing_undo(
        ctx.forward, made, f, before, replaced, kept, kept_types, existing
    ):
        holder = "server" if what.startswith("role ") else "schema"
        origin = _made_as(made, what)
        if what.startswith("rename of "):
            made_at = f"renamed by {ctx.forward.path}:{s.line}"
        elif origin is not None:
            made_at = f"created by {ctx.forward.path}:{s.line} as {origin[0]} and renamed by line "
            made_at += str(origin[1].line)
        else:
            made_at = f"created by {ctx.forward.path}:{s.line}"
        index_drop = _index_drop_of_constraint(f, what)
        if index_drop is not None:  # the rollback's way, which PostgreSQL refuses
            name, table = what.removeprefix("constraint ").split(" on ")
            yield Hit(
                f"rollback does not undo {what}, {made_at}: its DROP INDEX {name} is refused "
                "(2BP01), as the constraint requires its index",
                object=what.split(" on ")[0],
                statement=index_drop,
                help=f"Drop the constraint instead: ALTER TABLE {table} DROP CONSTRAINT {name} "
                "(its index goes with it).",
            )
            continue
        yield Hit(
            f"rollback does not undo {what}, {made_at}: after "
            f"'down' the {holder} still holds it, and 'up' again fails or keeps a stale one",
            object=what.split(" on ")[0],
            help=why,
        )
    for what, s, undo, note in missing_restore(ctx, ctx.forward, f):
        yield Hit(
            f"rollback does not {undo} {what}, which {ctx.forward.path}:{s.line} "
            f"{'drops' if undo == 'restore' else 'changes'}: "
            + (note or "after 'down' the schema differs from the one before the migration"),
            object=what.split(" to ")[0].split(" on ")[0],
        )
    for rd, done, by in missing_definitions(ctx, ctx.forward, f):
        what = f"constraint {rd.name} on {rd.table}"
        if rd.before is None:
            gave, again = "", "with its earlier definition."
        else:
            earlier = rd.before.statement
            gave = f"the definition {earlier.path}:{earlier.line} gave "
            again = f"as it was: ALTER TABLE {rd.table} ADD {rd.before.shown}."
        yield Hit(
            f"rollback does not restore {gave}{what}, which {ctx.forward.path}:"
            f"{rd.statement.line} drops and adds again: the rollback {done}, so after 'down' "
            "the table does not check what it checked before the migration",
            object=what,
            statement=by,
            help=f"Drop the constraint in the rollback and add it again {again}",
        )
    for what, s, earlier in missing_previous(ctx, ctx.forward, f):
        yield Hit(
            f"rollback does not restore the definition {earlier.path}:{earlier.line} gave "
            f"{what}, which {ctx.forward.path}:{s.line} replaces (CREATE OR REPLACE): after "
            "'down' the schema still holds the new one",
            object=what,
            help="Create it again in the rollback with the definition it had before the "
            "migration (CREATE OR REPLACE with the earlier body).",
        )
    for value, type_, s, why, by in missing_enum_values(ctx, ctx.forward, made, f):
        again = "keeps it" if s.facts.actions[0].if_not_exists else "fails (it exists)"
        yield Hit(
            f"rollback does not undo enum value '{value}' of type {type_}, which "
            f"{ctx.forward.path}:{s.line} adds: after 'down' the type still has it, and 'up' "
            f"again {again}",
            object=f"type {type_}",
            statement=by,
            help=why
            or "PostgreSQL cannot drop an enum value: create the type again without it in the "
            "rollback (move its columns to text, DROP TYPE, CREATE TYPE with the earlier "
            "values, ALTER COLUMN ... TYPE the_type USING column::the_type).",
        )
    for r, why, by in missing_value_renames(ctx.forward, made, f):
        yield Hit(
            f"rollback does not undo the rename of enum value '{r.before}' of type {r.type_} "
            f"to '{r.after}', which {ctx.forward.path}:{r.statement.line} does: after 'down' "
            f"the type has no value '{r.before}', and 'up' again fails",
            object=f"type {r.type_}",
            statement=by,
            help=why
            or f"Rename it back in the rollback: ALTER TYPE {r.type_} RENAME VALUE "
            f"{_quoted(r.after)} TO {_quoted(r.before)}.",
        )
    for key, s, was, now, by in missing_enum_labels(ctx, ctx.forward, made, f):
        yield Hit(
            f"rollback leaves type {key} with labels ({', '.join(now)}) instead of "
            f"({', '.join(was)}), the ones it had before {ctx.forward.path}:{s.line} creates "
            "it again: after 'down' the type differs from the one before the migration",
            object=f"type {key}",
            statement=by,
            help=f"Create it again in the rollback with its earlier values: CREATE TYPE {key} "
            f"AS ENUM ({', '.join(map(_quoted, was))}).",
        )
    for c in missing_column_states(ctx, ctx.forward, f):
        yield Hit(c.message, object=c.what, statement=c.by, help=c.help)
    for table, s in _bookkeeping_inserts(ctx.forward):
        if not any(
            r.kind in ("delete", "update", "truncate")
            and any(qualified(n) == table for n in (r.facts.table, *r.facts.names) if n)
            for r in f.statements
        ):
            yield Hit(
                f"rollback does not remove the {table} row that {ctx.forward.path}:{s.line} "
                "inserts: after the rollback the database still claims the migration is "
                "applied, so the runner will not apply it again",
                object=f"table {table}",
                help="Delete the migration's version row in the rollback "
                "(DELETE FROM schema_migrations WHERE version = ...).",
            )


def missing_enum_labels(
    ctx: Context, forward: SqlFile, made: Objects, rollback: SqlFile
) -> Iterator[tuple[str, Statement, list[str], list[str], Statement | None]]:
    """(type, the migration's CREATE TYPE, its values before the migration, those after the
    rollback, the rollback's statement that last set them) for each enum type that existed
    before `forward` and that it creates again under its name (renamed away or dropped
    first: the usual way to change an enum's values), which `rollback` does not leave with
    the values, in their order, it had before. Such a type is not the migration's to drop;
    a rollback that leaves no type of its name is SC028's. Followed through CREATE TYPE, DROP
    TYPE, ALTER TYPE ... RENAME TO, ADD VALUE, RENAME VALUE and a DELETE of values' pg_enum
    rows (an UPDATE of them is not followed: nothing is asked then)."""
    existing = existing_before(ctx, forward)
    again = [(k, s) for k, s in made.types.items() if existing.types.get(stored_key(k))]
    if not again:
        return
    state = dict(existing.types)
    for s in forward.statements:
        if s.kind in _TYPE_KINDS:
            apply_type(state, s)
    by: dict[str, Statement] = {}
    for b in rollback.statements:
        if b.kind in _TYPE_KINDS:
            apply_type(state, b, by)
        elif b.kind in ("delete", "update") and b.facts.table and b.facts.table.name == "pg_enum":
            if b.kind == "update":
                return  # a value renamed in the catalog: not followed
            for k, _ in again:  # a value's row deleted
                labels = state.get(sk := stored_key(k))
                if labels is not None and any(_quoted(v) in b.text for v in labels):
                    state[sk] = [v for v in labels if _quoted(v) not in b.text]
                    by[sk] = b
    for key, s in again:
        sk = stored_key(key)
        was, now = existing.types.get(sk), state.get(sk)
        if was is not None and now is not None and now != was:
            yield key, s, was, now, by.get(sk)


def _tables_named(*files: SqlFile) -> set[str] | None:
    """The tables (as PostgreSQL keeps their names) the column statements of `files` name,
    renames' new names included; None when one drops a schema."""
    out: set[str] = set()
    for f in files:
        for s in f.statements:
            if s.kind not in _COLUMN_KINDS:
                continue
            if s.kind == "drop_schema":
                return None
            x = s.facts
            for n in (x.name, x.table, *x.names):
                if n is not None:
                    out.add(stored_key(qualified(n)))
            if x.table is not None:
                for a in x.actions:
                    if a.action == "rename_table" and a.new_name:
                        out.add(stored_key(f"{schema_of(x.table)}.{a.new_name}"))
    return out


@dataclass(frozen=True)
class _ColumnMiss:
    """A column default or nullability a rollback does not give back, as reported."""

    what: str
    message: str
    help: str
    by: Statement | None


def _shown_default(text: str | None) -> str:
    return "no default" if text is None else f"DEFAULT {text}"


def _same_default(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or default(a) == default(b)


def missing_column_states(
    ctx: Context, forward: SqlFile, rollback: SqlFile
) -> Iterator[_ColumnMiss]:
    """The defaults and nullabilities of columns that existed before `forward` and that it
    changes (ALTER COLUMN ... SET / DROP DEFAULT, SET / DROP NOT NULL), which `rollback` does
    not give back: the column of that name after the rollback (renames of the column and of
    its table followed through both files) has another default (compared normalized:
    `'member'::text` is `'member'`) or nullability than before the migration. A column the
    rollback drops, or leaves under another name, is not asked here. Placed on the rollback's
    statement that last sets it, or on the whole file when none does."""
    changes = ("set_default", "drop_default", "set_not_null", "drop_not_null")
    if not any(
        a.action in changes
        for s in forward.statements
        if s.kind == "alter_table"
        for a in s.facts.actions
    ):
        return
    existing = existing_before(ctx, forward)
    named = _tables_named(forward, rollback)
    if named is None:  # a schema dropped: every table may go
        tables = dict(existing.columns)
    else:
        tables = {t: existing.columns[t] for t in named if t in existing.columns}
    for s in forward.statements:
        if s.kind in _COLUMN_KINDS:
            apply_columns(tables, s, "forward")
    changed: list[_Column] = [
        col
        for t, cols in tables.items()
        if cols is not existing.columns.get(t)
        for col in cols.values()
        if col.origin is not None and (col.changed_default or col.changed_null)
    ]
    if not changed:
        return
    for b in rollback.statements:
        if b.kind in _COLUMN_KINDS:
            apply_columns(tables, b, "rollback")
    for col in changed:
        if col.origin is None:
            continue
        t, c = col.origin
        was = existing.columns.get(t, {}).get(c)
        now = tables.get(t, {}).get(c)
        if was is None or now is None:
            continue
        what = f"column {t}.{c}"
        alter = f"ALTER TABLE {t} ALTER COLUMN {quote_identifier(c)}"
        by = col.changed_default
        if by is not None and not _same_default(now.default, was.default):
            yield _ColumnMiss(
                what,
                f"rollback does not give back the default of {what}, which "
                f"{forward.path}:{by.line} changes: after 'down' it has "
                f"{_shown_default(now.default)} instead of {_shown_default(was.default)}",
                "Give the column its earlier default in the rollback: "
                + (
                    f"{alter} SET DEFAULT {was.default}."
                    if was.default is not None
                    else f"{alter} DROP DEFAULT."
                ),
                now.default_by,
            )
        by = col.changed_null
        if by is not None and now.not_null != was.not_null:
            if col.not_null == was.not_null:  # the migration's change was none: the rollback's
                verb = "drops the NOT NULL of" if was.not_null else "sets NOT NULL on"
                had = "refused" if was.not_null else "accepted"
                yield _ColumnMiss(
                    what,
                    f"rollback {verb} {what}, which {had} NULL before the migration "
                    f"({forward.path}:{by.line} does not change that): after 'down' it "
                    f"{'accepts' if was.not_null else 'refuses'} NULL",
                    f"Leave NOT NULL of {what} as it is in the rollback: the migration did not "
                    "change it.",
                    now.null_by,
                )
                continue
            if was.not_null:
                message = (
                    f"rollback does not set NOT NULL again on {what}, which "
                    f"{forward.path}:{by.line} drops: after 'down' the column accepts NULL, "
                    "as it did not before the migration"
                )
            else:
                message = (
                    f"rollback does not drop the NOT NULL that {forward.path}:{by.line} sets "
                    f"on {what}: after 'down' the column refuses NULL, as it did not before "
                    "the migration"
                )
            yield _ColumnMiss(
                what,
                message,
                f"{alter} {'SET' if was.not_null else 'DROP'} NOT NULL in the rollback.",
                now.null_by,
            )


# statements that leave nothing a rollback could undo
_NOTHING_TO_UNDO = frozenset(
    {"select", "set", "reset", "begin", "commit", "rollback", "savepoint", "release_savepoint"}
    | {"analyze", "vacuum"}
)


def _changes_nothing(f: SqlFile) -> bool:
    """A migration with nothing to undo: no statement (goose's `-- +goose Up` alone), or only
    queries, settings and transaction control."""
    return all(s.kind in _NOTHING_TO_UNDO for s in f.statements)


def _projects_with_rollbacks(ctx: Context) -> tuple[set[str], set[str]]:
    """The projects with a rollback paired to a migration, and those among them pairing a
    rollback without a version with the migration of its name; once per run, not once per
    migration (1,000s of files)."""
    memo = ctx.history.memo
    found = memo.get("projects with rollbacks")
    if not isinstance(found, tuple):
        with_rollbacks: set[str] = set()
        by_name: set[str] = set()
        for rollback_path, m in pair_rollbacks(ctx.files).items():
            project = project_folder(m.path)
            with_rollbacks.add(project)
            if (m.version is None or in_sqitch_plan(m.path)) and project_folder(
                rollback_path
            ) == project:
                by_name.add(project)
        found = memo["projects with rollbacks"] = (with_rollbacks, by_name)
    return found


def _sectioned_projects(ctx: Context) -> set[str]:
    """The projects whose migrations hold their rollback as a down section (dbmate's
    `-- migrate:down`, goose's `-- +goose Down`); once per run."""
    memo = ctx.history.memo
    found = memo.get("projects with down sections")
    if not isinstance(found, set):
        found = memo["projects with down sections"] = {
            project_folder(f.path) for f in ctx.files if f.section == "down"
        }
    return found


def _migration_name(f: SqlFile) -> str:
    """How a message names a migration: its version, or its file name where the version is
    not in the name (no version, or a sqitch change's place in its plan) or has several parts
    (Flyway's `V1.1`), with its folder for the step files every migration of a layout names
    alike (`display_name`)."""
    full = f.full_version
    if full is None or len(full) > 1 or in_sqitch_plan(f.path):
        return display_name(f.path)  # a Flyway `V0.0.1.2` by its name: the version is not 0
    return str(f.version)


def _bookkeeping_inserts(forward: SqlFile) -> Iterator[tuple[str, Statement]]:
    seen: set[str] = set()
    for s in forward.statements:
        t = s.facts.table
        if s.kind == "insert" and t is not None and t.name in BOOKKEEPING_TABLES:
            key = qualified(t)
            if key not in seen:
                seen.add(key)
                yield key, s
