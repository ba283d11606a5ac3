"""A rollback that drops objects in an order PostgreSQL refuses.

Without CASCADE, PostgreSQL will not drop an object something else still depends on:

- a trigger function while a trigger still uses it ("cannot drop function ... because other
  objects depend on it") — drop the table (or the trigger) first;
- a table another table still references with a foreign key — drop the referencing table, its
  foreign key or the key's column first;
- a type still used by a column — drop the column's table, the column, or change its type
  first;
- a table or view a view still selects from — drop the view first;
- a type or domain a function's argument or result still uses, a table or view a function's
  SQL-standard body (`BEGIN ATOMIC ... END`, `RETURN ...`) still reads — drop the function
  first (a body in a string is not a dependency).

A dropped table takes its triggers, indexes and constraints with it, a dropped view or
materialized view its triggers (and indexes).

The rollback then stops half-way. Dependencies are taken from the forward migration and every
file before it.

## Forward migration

```sql
CREATE TABLE IF NOT EXISTS device_keys (
    id uuid PRIMARY KEY,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_device_keys_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_device_keys_updated_at BEFORE UPDATE ON device_keys
    FOR EACH ROW EXECUTE FUNCTION update_device_keys_updated_at();
CREATE TABLE IF NOT EXISTS key_exchanges (
    id uuid PRIMARY KEY,
    device_key_id uuid NOT NULL REFERENCES device_keys (id)
);
```

## Bad

```sql
DROP FUNCTION IF EXISTS update_device_keys_updated_at();  -- trigger on device_keys uses it
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
```

## Good

```sql
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
DROP FUNCTION IF EXISTS update_device_keys_updated_at();
```
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from sqlglot import exp

from schemacheck.ddl.params import read_param
from schemacheck.ddl.statement import ObjectName, SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.normalize import split_top_level
from schemacheck.quiet import quiet
from schemacheck.rules._common import (
    ForeignKey,
    Objects,
    created_objects,
    label,
    made_by,
)
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_RELATION_DROPS = {
    "drop_table": "TABLE",
    "drop_view": "VIEW",
    "drop_materialized_view": "MATERIALIZED VIEW",
}


@functools.lru_cache(maxsize=4096)
def _type_key(type_name: str) -> str:
    """`public.mood(1)` -> `mood`, `mood[]` -> `mood`: a column type as a DROP TYPE name is
    compared with it."""
    return type_name.split("(")[0].split("[")[0].strip().split(".")[-1]


def _folded(ident: exp.Expr | str | None) -> str | None:
    if isinstance(ident, exp.Identifier):
        return ident.name if ident.quoted else ident.name.lower()
    if isinstance(ident, str):
        return ident.lower() or None
    return None


def view_sources(s: Statement) -> frozenset[str]:
    """The tables and views (qualified) the query of a CREATE [MATERIALIZED] VIEW reads, from
    sqlglot's tree of it (none when sqlglot cannot read the query)."""
    tree = s.tree
    query = tree.expression if isinstance(tree, exp.Create) else None
    if not isinstance(query, exp.Query):
        return frozenset()
    return _tables_read(query, s.facts.name.implied if s.facts.name is not None else None)


_ATOMIC = re.compile(r"\bBEGIN\s+ATOMIC\b", re.I)
_STRING_BODY = re.compile(r"\bAS\s*(?:\$[A-Za-z_0-9]*\$|')", re.I)  # AS $$ ... $$, AS '...'


def function_sources(s: Statement) -> frozenset[str]:
    """The tables and views (qualified) a SQL-standard function body reads or writes
    (`BEGIN ATOMIC ... END`, `RETURN expr`): PostgreSQL records them as the function's
    dependencies. From sqlglot's tree of the body; none when sqlglot cannot read all of it, or
    for a body in a string (PostgreSQL records nothing for one)."""
    if _STRING_BODY.search(s.text) is not None and _ATOMIC.search(s.text) is None:
        return frozenset()  # most functions: not parsed for nothing
    tree = s.tree
    implied = s.facts.name.implied if s.facts.name is not None else None
    if isinstance(tree, exp.Create) and isinstance(tree.expression, exp.Return):
        return _tables_read(tree.expression, implied)
    body = s.facts.body
    if not body or _ATOMIC.search(s.text) is None:
        return frozenset()
    return _atomic_sources(body, implied)


@functools.lru_cache(maxsize=1024)
def _atomic_sources(body: str, implied: str | None) -> frozenset[str]:
    import sqlglot  # only for the rare SQL-standard body

    try:
        with quiet():
            trees = sqlglot.parse(body, read="postgres")
    except Exception:  # a body sqlglot cannot read: no dependency known
        return frozenset()
    out: set[str] = set()
    for tree in trees:
        if tree is None:
            continue
        if isinstance(tree, exp.Command):
            return frozenset()  # a statement read only as text: its tables are not known
        out |= _tables_read(tree, implied)
    return frozenset(out)


def _tables_read(query: exp.Expr, implied: str | None) -> frozenset[str]:
    """The tables (qualified) named in `query`, common table expressions left out."""
    ctes = {c.alias_or_name for c in query.find_all(exp.CTE)}
    out: set[str] = set()
    for t in query.find_all(exp.Table):
        name = _folded(t.this)
        if not name:
            continue  # a function in FROM
        schema = _folded(t.args.get("db"))
        if schema is None and name in ctes:
            continue
        out.add(qualified(ObjectName(name, schema, implied=None if schema else implied)))
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _signature_types(arguments: str | None, returns: str | None) -> frozenset[str]:
    """The types (as `_type_key` reads them) of a function's arguments and result, which
    PostgreSQL records as its dependencies (`%TYPE` references left out)."""
    texts: list[str] = []
    for arg in split_top_level(arguments or ""):
        read = read_param(arg)
        if read is not None:
            texts.append(read[2])
    result = " ".join((returns or "").split())
    low = result.lower()
    if low.startswith("setof "):
        texts.append(result[6:])
    elif low.startswith("table") and "(" in result and result.endswith(")"):
        inner = result[result.index("(") + 1 : -1]
        for column in split_top_level(inner):
            read = read_param(column)
            if read is not None:
                texts.append(read[2])
    elif result:
        texts.append(result)
    return frozenset(
        _type_key(t).strip('"').lower() for t in texts if t and not t.lower().endswith("%type")
    )


class _Dependents:
    """Who depends on what in the files added so far: the tables whose foreign keys reference
    each table (and each foreign key, with its names and columns), the triggers (table, name)
    that were ever made to use each function (with the function each trigger uses now: a
    later CREATE TRIGGER of the same name replaces it), the tables with a column of each type
    (and each column's type now), and the views reading each table or view."""

    def __init__(self, files: Iterable[SqlFile] = ()) -> None:
        self.referenced_by: dict[str, set[str]] = {}
        self.fkeys_to: dict[str, list[ForeignKey]] = {}
        self.trigger_users: dict[str, set[tuple[str, str]]] = {}
        self.trigger_function: dict[tuple[str, str], str] = {}
        self.type_users: dict[str, set[str]] = {}
        self.column_type: dict[tuple[str, str], str] = {}
        self.typed_columns: dict[str, set[tuple[str, str]]] = {}
        self.view_reads: dict[str, frozenset[str]] = {}
        self.read_by: dict[str, set[str]] = {}
        self.function_types: dict[str, frozenset[str]] = {}
        self.typed_functions: dict[str, set[str]] = {}
        self.function_reads: dict[str, frozenset[str]] = {}
        self.read_by_function: dict[str, set[str]] = {}
        for f in files:
            self.add(created_objects([f]))

    def add(self, made: Objects) -> None:
        """What one file made (`created_objects`), after the files added before it."""
        for table, targets in made.foreign_keys.items():
            for target in targets:
                self.referenced_by.setdefault(target, set()).add(table)
        for fk in made.fkeys:
            self.fkeys_to.setdefault(fk.target, []).append(fk)
        for key, function in made.trigger_function.items():
            self.trigger_users.setdefault(function, set()).add(key)
            self.trigger_function[key] = function
        for table, types in made.column_types.items():
            for type_name in types:
                self.type_users.setdefault(_type_key(type_name), set()).add(table)
        for column, type_name in made.typed_columns.items():
            was = self.column_type.get(column)
            if was is not None:
                self.typed_columns[was].discard(column)
            now = self.column_type[column] = _type_key(type_name)
            self.typed_columns.setdefault(now, set()).add(column)
        for view, s in made.views.items():
            for source in self.view_reads.get(view, ()):
                self.read_by[source].discard(view)
            reads = self.view_reads[view] = view_sources(s)
            for source in reads:
                self.read_by.setdefault(source, set()).add(view)
        for fn, s in made.functions.items():
            for type_name in self.function_types.get(fn, ()):
                self.typed_functions[type_name].discard(fn)
            signature = _signature_types(s.facts.arguments, s.facts.returns)
            self.function_types[fn] = signature
            for type_name in signature:
                self.typed_functions.setdefault(type_name, set()).add(fn)
            for source in self.function_reads.get(fn, ()):
                self.read_by_function[source].discard(fn)
            reads = self.function_reads[fn] = function_sources(s)
            for source in reads:
                self.read_by_function.setdefault(source, set()).add(fn)


class _Base:
    """The dependents of the prerequisites and of the migrations before a version, built up
    once per run as the rollbacks come in version order (rebuilt only if a lower version
    follows a higher one): each rollback used to collect every earlier file again, which on a
    project with a rollback per migration is quadratic."""

    def __init__(self, files: tuple[SqlFile, ...], collect: Callable[[SqlFile], Objects]) -> None:
        self.files = files
        self._collect = collect  # a migration's objects (`made_by`: once per run)
        # the migrations by version (the files are in that order already)
        self._migrations = [f for f in files if f.role == "migration" and f.version is not None]
        self._reset()

    def _reset(self) -> None:
        self.deps = _Dependents(f for f in self.files if f.role == "prerequisite")
        self.upto: int | None = None  # migrations with a version below this are added
        self._next = 0  # the first migration of `_migrations` not added yet

    def before(self, version: int) -> _Dependents:
        if self.upto is not None and version < self.upto:
            self._reset()
        migrations = self._migrations
        while self._next < len(migrations) and cast(int, migrations[self._next].version) < version:
            self.deps.add(self._collect(migrations[self._next]))
            self._next += 1
        self.upto = version
        return self.deps


def _dependents(ctx: Context) -> tuple[_Dependents, _Dependents]:
    """The dependents in the files before the forward migration, and in the forward itself
    (which comes after them: its triggers replace theirs)."""
    fwd = ctx.forward
    assert fwd is not None
    memo = ctx.history.memo
    base = memo.get("sc029 base")
    if not isinstance(base, _Base) or base.files is not ctx.files:
        base = memo["sc029 base"] = _Base(ctx.files, lambda f: made_by(ctx, f))
    limit = fwd.version if fwd.version is not None else -1
    forward = _Dependents()
    forward.add(made_by(ctx, fwd))  # collected once per run, shared with SC028 and SC030
    return base.before(limit), forward


def _later_line(
    stmts: tuple[Statement, ...], after: int, kinds: tuple[str, ...], key: str
) -> int | None:
    for s in stmts[after + 1 :]:
        if s.kind in kinds and any(qualified(n) == key for n in s.facts.names):
            return s.line
    return None


def _later_trigger_drop(
    stmts: tuple[Statement, ...], after: int, table: str, trigger: str
) -> int | None:
    """The line of a DROP TRIGGER of `trigger` on `table` after statement `after`."""
    for s in stmts[after + 1 :]:
        f = s.facts
        if (
            s.kind == "drop_trigger"
            and qualified(f.table) == table
            and any(n.name == trigger for n in f.names)
        ):
            return s.line
    return None


_FUNCTION_DROPS = ("drop_function", "drop_procedure", "drop_routine")


def _users(
    base: dict[str, set[str]], fwd: dict[str, set[str]], uses: dict[str, frozenset[str]], key: str
) -> set[str]:
    """The users of `key`: those of the earlier files the forward migration did not redefine
    (to use something else), and the forward migration's."""
    out = {u for u in base.get(key, ()) if key in uses.get(u, frozenset({key}))}
    return out | fwd.get(key, set())


def _functions(
    stmts: tuple[Statement, ...], i: int, what: str, users: set[str], verb: str, gone: _Undone
) -> Iterator[Hit]:
    """DROP `what` fails while a function of `users` not dropped yet still uses it."""
    s = stmts[i]
    for fn in sorted(users - gone.functions):
        later = _later_line(stmts, i, _FUNCTION_DROPS, fn)
        when = f"dropped later, line {later}" if later else "never dropped"
        yield Hit(
            f"DROP {what} fails: function {fn} ({when}) still {verb} it",
            object=what.lower(),
            statement=s,
        )


class _Undone:
    """What the rollback has dropped so far, statement by statement."""

    def __init__(self) -> None:
        self.relations: set[str] = set()  # tables, views, materialized views
        self.triggers: set[tuple[str, str]] = set()
        self.columns: set[tuple[str, str]] = set()  # dropped, or changed to another type
        self.constraints: set[tuple[str, str]] = set()
        self.functions: set[str] = set()

    def see(self, s: Statement) -> None:
        f = s.facts
        if s.kind in _FUNCTION_DROPS:
            self.functions.update(qualified(n) for n in f.names)
        elif s.kind == "drop_trigger" and f.table is not None:
            self.triggers.update((qualified(f.table), n.name) for n in f.names)
        elif s.kind == "alter_table" and f.table is not None:
            t = qualified(f.table)
            for a in f.actions:
                if a.action in ("drop_column", "alter_column_type") and a.column_name:
                    self.columns.add((t, a.column_name))
                elif a.action == "drop_constraint" and a.constraint_name:
                    self.constraints.add((t, a.constraint_name))
        elif s.kind in _RELATION_DROPS:
            self.relations.update(qualified(n) for n in f.names)

    def holds(self, fk: ForeignKey) -> bool:
        """The foreign key still stands: neither its table, a column of it nor it is gone."""
        return not (
            fk.table in self.relations
            or any((fk.table, n) in self.constraints for n in fk.names)
            or any((fk.table, c) in self.columns for c in fk.columns)
        )


def _foreign_keys(
    stmts: tuple[Statement, ...], i: int, t: str, deps: tuple[_Dependents, ...], gone: _Undone
) -> Iterator[Hit]:
    names = {qualified(n) for n in stmts[i].facts.names}
    holding = {
        fk.table
        for d in deps
        for fk in d.fkeys_to.get(t, ())
        if fk.table not in names and gone.holds(fk)
    }
    for ref_by in sorted(holding):
        later = _later_line(stmts, i, ("drop_table",), ref_by)
        when = f"dropped later, line {later}" if later else "never dropped"
        yield Hit(
            f"DROP TABLE {t} fails: {ref_by} ({when}) still references it with a foreign key",
            object=f"table {t}",
            statement=stmts[i],
        )


def _views(
    stmts: tuple[Statement, ...], i: int, t: str, base: _Dependents, fwd: _Dependents, gone: _Undone
) -> Iterator[Hit]:
    s = stmts[i]
    names = {qualified(n) for n in s.facts.names}
    readers = {v for v in base.read_by.get(t, ()) if v not in fwd.view_reads}
    readers |= fwd.read_by.get(t, set())
    what = _RELATION_DROPS[s.kind]
    for view in sorted(readers - names - gone.relations):
        later = _later_line(stmts, i, ("drop_view", "drop_materialized_view"), view)
        when = f"dropped later, line {later}" if later else "never dropped"
        yield Hit(
            f"DROP {what} {t} fails: view {view} ({when}) still reads it",
            object=f"{what.lower()} {t}",
            statement=s,
        )


@rule(
    "SC029",
    "rollback-wrong-drop-order",
    Severity.ERROR,
    "Drop dependents first: tables before their trigger functions, referencing tables first.",
    scope="file",
    roles=("rollback",),
)
def check(ctx: Context) -> Iterator[Hit]:
    if ctx.forward is None:
        return
    base, fwd = _dependents(ctx)
    stmts = ctx.file.statements
    gone = _Undone()
    for i, s in enumerate(stmts):
        f = s.facts
        if s.kind in _RELATION_DROPS and not f.cascade:
            for t in sorted({qualified(n) for n in f.names}):
                if s.kind == "drop_table":
                    yield from _foreign_keys(stmts, i, t, (base, fwd), gone)
                yield from _views(stmts, i, t, base, fwd, gone)
                readers = _users(base.read_by_function, fwd.read_by_function, fwd.function_reads, t)
                what = f"{_RELATION_DROPS[s.kind]} {t}"
                yield from _functions(stmts, i, what, readers, "reads", gone)
        elif s.kind in _FUNCTION_DROPS[:2] and not f.cascade:
            for n in f.names:
                fn = qualified(n)
                users = base.trigger_users.get(fn, set()) | fwd.trigger_users.get(fn, set())
                for table, trigger in sorted(users):
                    used = fwd.trigger_function.get((table, trigger))
                    if used is None:
                        used = base.trigger_function.get((table, trigger))
                    if used != fn or table in gone.relations or (table, trigger) in gone.triggers:
                        continue
                    later = _later_line(stmts, i, tuple(_RELATION_DROPS), table)
                    dropped = _later_trigger_drop(stmts, i, table, trigger)
                    if dropped is not None and (later is None or dropped < later):
                        later = dropped
                    when = f"dropped later, line {later}" if later else "not dropped"
                    yield Hit(
                        f"DROP FUNCTION {fn} fails: trigger {trigger} on {table} ({when}) still "
                        "uses it",
                        object=label("function", n),
                        statement=s,
                    )
        elif s.kind in ("drop_type", "drop_domain") and not f.cascade:
            for n in f.names:
                type_name = n.name.lower()
                columns = {
                    c
                    for c in base.typed_columns.get(type_name, ())
                    if fwd.column_type.get(c, type_name) == type_name
                }
                columns |= fwd.typed_columns.get(type_name, set())
                tables = {
                    t for t, c in columns if t not in gone.relations and (t, c) not in gone.columns
                }
                for table in sorted(tables):
                    yield Hit(
                        f"DROP TYPE {qualified(n)} fails: a column of {table} still uses it",
                        object=label("type", n),
                        statement=s,
                    )
                typed = _users(
                    base.typed_functions, fwd.typed_functions, fwd.function_types, type_name
                )
                what = f"{'DOMAIN' if s.kind == 'drop_domain' else 'TYPE'} {qualified(n)}"
                yield from _functions(stmts, i, what, typed, "uses", gone)
        gone.see(s)
