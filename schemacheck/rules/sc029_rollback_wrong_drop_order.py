"""A rollback that drops objects in an order PostgreSQL refuses.

Without CASCADE, PostgreSQL will not drop an object something else still depends on:

- a trigger function while a trigger still uses it ("cannot drop function ... because other
  objects depend on it") — drop the table (or the trigger) first;
- a table another table still references with a foreign key — drop the referencing table, its
  foreign key or the key's column first;
- a type still used by a column — drop the column's table, the column, or change its type
  first;
- a table, view or materialized view a view or materialized view still reads — drop the
  reader first;
- a function a view or materialized view still calls, anywhere in its query (select list,
  WHERE, FROM, ORDER BY, a subquery, a WITH query) — drop the view first (calls sqlglot reads
  as built-ins, such as `lower(x)` or `now()`, are not followed);
- a type or domain a function's argument or result still uses, a table or view a function's
  SQL-standard body (`BEGIN ATOMIC ... END`, `RETURN ...`) still reads — drop the function
  first (a body in a string is not a dependency). Its types are compared by qualified name:
  an argument of `archive.mood` does not use `public.mood`, and an unqualified `mood` is the
  one of the schema the file's search path creates unqualified names in (`public` by
  default; a column's type is still compared by name alone);
- a function a column default (`DEFAULT f()`, also set by `ADD COLUMN` or `SET DEFAULT`), a
  generated column (`GENERATED ALWAYS AS (f(x)) STORED`), a CHECK constraint, an index
  expression or a partial index's predicate still calls, a type or domain such an expression
  still casts to (`'a'::mood`) — drop the default (`DROP DEFAULT`, or `SET DEFAULT` to
  another), the expression (`DROP EXPRESSION`), the constraint, the index, the column or the
  table first. Dropping a column drops the CHECK constraints and indexes that read it. A
  string default of an enum column (`status mood DEFAULT 'new'`) is a constant of the enum:
  it still uses the enum after `ALTER COLUMN status TYPE text`, until the default is dropped;
- a table, view or materialized view whose row type a function's argument or result still
  uses (`RETURNS SETOF acct`, `RETURNS acct`, `a acct`, `a acct[]`, `TABLE (r acct)`, as
  PostgREST and Supabase projects write them) — drop the function first. The types are
  compared by qualified name, as above; an unqualified built-in type name (`date`, `name`)
  is pg_catalog's, not a table's of that name;
- a table, view or materialized view whose row type a column of another table still has
  (`CREATE TABLE shapes (origin points)`, `path points[]`) — drop the column, change its
  type, or drop its table first (or in the same `DROP TABLE`). A type written with its schema
  is that schema's; an unqualified one is taken as the table's of that name in `public` or
  in the column's table's schema;
- a function a row-level security policy's `USING` or `WITH CHECK` expression still calls, a
  type or domain it casts to — drop the policy (`DROP POLICY p ON t`) or its table first.
  `ALTER POLICY` replaces the expressions it gives and keeps the other; `ALTER POLICY p ON t
  RENAME TO q`, in the files or in the rollback, is followed: `DROP POLICY q ON t` then drops
  it (and a `DROP POLICY p` nothing), and the policy is named `q`;
- a column a row-level security policy's `USING` or `WITH CHECK` expression reads (`ALTER
  TABLE t DROP COLUMN owner` under `CREATE POLICY p ON t USING (owner = current_user)`):
  dropping the column does not drop the policy — drop the policy first, or the column with
  CASCADE. Only the columns read outside a subquery are followed (unqualified, or qualified
  by the policy's table name): a subquery's column may be another table's;
- a column a view or materialized view reads (`ALTER TABLE t DROP COLUMN c` under `CREATE
  VIEW v AS SELECT c FROM t`, or `SELECT *` made while the column was there) — drop the
  view first (and make it again after), or the column with CASCADE;
- a table, view or materialized view a policy of another table reads in a subquery (`USING
  (EXISTS (SELECT 1 FROM members m WHERE ...))`) — drop the policy or its table first, or
  both tables in one `DROP TABLE`;
- a function a routine's parameter default still calls (`g(a int DEFAULT d())`) — drop the
  routine first, or in the same `DROP FUNCTION g(int), d()`;
- a sequence a column default still uses (`DEFAULT nextval('s')`, also `nextval('s'::regclass)`,
  `nextval('public.s')`, `nextval('"S"')`, `currval` and `setval` alike, and the sequence of a
  `serial` column, `<table>_<column>_seq`) — drop the table, the column or the default first
  (`DROP DEFAULT`, or `SET DEFAULT` to another), or the sequence with CASCADE. A sequence
  owned by the column (`serial`, `ALTER SEQUENCE s OWNED BY t.c`) is refused all the same
  while the default uses it. `nextval('s'::text)` looks the sequence up at each call and
  does not hold it, nor does a function whose body is a string (`currval('s')` in PL/pgSQL);
  a view or a `BEGIN ATOMIC` body calling `nextval('s')`, an identity column's sequence and a
  `serial` name PostgreSQL changes (longer than 63 bytes, or taken by a sequence the files
  made before) are not followed.

A rollback's `ALTER TABLE t ALTER COLUMN c TYPE x` is refused as well while:

- a row-level security policy on t reads the column (in `USING` or `WITH CHECK`, outside a
  subquery), or a view or materialized view reads it (by name, or with `*` when the column
  was there when the view was made: a column added after the view's statement, even in the
  same file, is not in it) — drop the policy or the view first and make it again after;
- the column's default is a constant PostgreSQL cannot cast to the new type in an
  assignment (the cast it applies even with `USING`, which converts the values only): a
  constant of an enum to anything but a string type — in the usual enum swap (`ALTER TYPE
  team_role RENAME TO team_role_old; CREATE TYPE team_role ...`) the default `'member'` is
  still of `team_role_old` — or a string constant (`'open'` of a text column) to an enum or
  to a built-in type such as integer, or a number or boolean to a type it has no implicit or
  assignment cast to (`DEFAULT 0` to boolean, `DEFAULT true` to integer, `DEFAULT 0` to an
  enum, uuid or date) — `ALTER COLUMN c DROP DEFAULT` first and set it again after. The
  casts are SC042's (`type-change-needs-using`), from `pg_cast`. A string constant is of the
  type the column had when the default was set: an enum column's `'member'` is still the
  enum's after `ALTER COLUMN c TYPE text` (which only casts it), and goes back to the enum
  without a fault; `'5'` of an integer column is an integer. A number is of its own type
  whatever its column's: `0`, `-1`, `(0)` are integer (bigint past integer's range, numeric
  past bigint's), `1.5` and `1e3` numeric, `true` boolean, and a constant cast to a type
  (`0::bigint`, `'t'::boolean`) is of that type: `DEFAULT 0` of a text column goes to
  integer without a fault. A type the cast table does not hold (a domain, money, oid) is not
  followed.

An index expression, a partial index's predicate or a CHECK constraint reading the column is
rebuilt by PostgreSQL for the new type: it does not refuse the change. Only rollbacks are
checked.

DROP FUNCTION, DROP ROUTINE and DROP PROCEDURE are checked alike (a procedure is called by no
expression). Only functions and types the files made are followed; a name in a string
(`DEFAULT 'f()'`) is no call.

Functions are told apart by their argument types, as PostgreSQL does: `DROP FUNCTION
f(text)` is not refused for what only `f(integer)` is used by (a trigger runs `f()`, a view's
`f(1)` calls `f(integer)`). When the overload a call uses cannot be told without the catalog
(`f(some_column)`, or `f('x')` while `f(integer)` and `f(text)` both exist), the call is not
followed, in a view as in a default, a constraint, an index, a policy or a parameter
default.
A `%TYPE` argument (`p users.id%TYPE`) has its column's type, not known statically: it
matches any type in its place. A type written with its schema (`app.mood`) is that schema's;
one without (`mood`) is looked up through the search path and may be any schema's of that
name. When a DROP may name several routines so, it is taken to drop them all and nothing
is said of it (unless one has exactly the types written: PostgreSQL drops that one).

A dropped table takes its triggers, indexes, constraints and policies with it, a dropped
view or materialized view its triggers (and indexes).

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
CREATE OR REPLACE FUNCTION new_exchange_code() RETURNS text
    LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
ALTER TABLE key_exchanges ADD COLUMN code text NOT NULL DEFAULT new_exchange_code();
```

## Bad

```sql
DROP FUNCTION IF EXISTS update_device_keys_updated_at();  -- trigger on device_keys uses it
DROP FUNCTION IF EXISTS new_exchange_code();  -- default of key_exchanges.code calls it
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
```

## Good

```sql
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
DROP FUNCTION IF EXISTS update_device_keys_updated_at();
DROP FUNCTION IF EXISTS new_exchange_code();
```
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple, TypeVar, cast

from sqlglot import exp

from schemacheck.ddl.params import read_param
from schemacheck.ddl.statement import AlterAction, ColumnFact, ObjectName, SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.normalize import data_type, split_top_level
from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.quiet import quiet
from schemacheck.rules._common import (
    ANY_TYPE,
    ROUTINE_DROPS,
    ForeignKey,
    Objects,
    Overload,
    argument_key,
    closing_paren,
    created_index_key,
    created_objects,
    created_overload,
    dropped_routines,
    label,
    left_by,
    made_by,
    overload,
    routines_dropped,
    same_type,
    shown_type,
)
from schemacheck.rules.context import DEFAULT_SCHEMA, Context, Hit, qualified
from schemacheck.rules.registry import rule
from schemacheck.rules.sc042_type_change_needs_using import (
    ASSIGNMENT_CASTS,
    STRING_TYPES,
)
from schemacheck.rules.sc042_type_change_needs_using import refused as cast_refused

_K = TypeVar("_K")
_V = TypeVar("_V")

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


@functools.lru_cache(maxsize=4096)
def _qualified_type(type_name: str, implied: str | None) -> str:
    """`archive.mood[]` -> `archive.mood`, `mood(1)` -> `public.mood` (`app.mood` where the
    search path puts the statement's unqualified names in `app`: `implied`): a type as the
    qualified name of a DROP TYPE is compared with it (lower-case)."""
    schema, dot, name = type_name.split("(")[0].split("[")[0].strip().rpartition(".")
    schema = schema.strip().strip('"') if dot else implied or DEFAULT_SCHEMA
    return (schema + "." + name.strip().strip('"')).lower()


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
    if _STRING_BODY.search(s.text) is not None and not _atomic(s.text):
        return frozenset()  # most functions: not parsed for nothing
    tree = s.tree
    implied = s.facts.name.implied if s.facts.name is not None else None
    if isinstance(tree, exp.Create) and isinstance(tree.expression, exp.Return):
        return _tables_read(tree.expression, implied)
    body = s.facts.body
    if not body or not _atomic(s.text):
        return frozenset()
    return _atomic_sources(body, implied)


def _atomic(text: str) -> bool:
    """`BEGIN ATOMIC` is in the text (a plain search first: most bodies are strings)."""
    if text.isascii() and "atomic" not in text.lower():
        return False
    return _ATOMIC.search(text) is not None


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
def _signature_types(
    arguments: str | None, returns: str | None, implied: str | None
) -> frozenset[str]:
    """The types (qualified: `_qualified_type`, the unqualified ones in the schema `implied`
    or `public`) of a function's arguments and result, which PostgreSQL records as its
    dependencies (`%TYPE` references left out)."""
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
        _qualified_type(t, implied) for t in texts if t and not t.lower().endswith("%type")
    )


# Built-in type names (pg_catalog, searched first): an unqualified argument of one of them is
# not the row type of a table of that name (`public.date`, `public.name`).
_CATALOG_TYPES = frozenset(
    {
        "bool",
        "boolean",
        "int",
        "int2",
        "int4",
        "int8",
        "smallint",
        "integer",
        "bigint",
        "real",
        "float4",
        "float8",
        "numeric",
        "decimal",
        "text",
        "varchar",
        "char",
        "character",
        "name",
        "date",
        "time",
        "timestamp",
        "timestamptz",
        "timetz",
        "interval",
        "json",
        "jsonb",
        "uuid",
        "bytea",
        "money",
        "point",
        "line",
        "lseg",
        "box",
        "path",
        "polygon",
        "circle",
        "inet",
        "cidr",
        "macaddr",
        "macaddr8",
        "bit",
        "varbit",
        "tsvector",
        "tsquery",
        "xml",
        "oid",
        "regclass",
        "regtype",
        "regproc",
        "record",
        "void",
        "trigger",
        "event_trigger",
        "any",
        "anyelement",
        "anyarray",
        "anynonarray",
        "anyenum",
        "anyrange",
        "int4range",
        "int8range",
        "numrange",
        "tsrange",
        "tstzrange",
        "daterange",
        "pg_lsn",
        "refcursor",
    }
)

FnKey = tuple[str, tuple[str, ...]]  # a routine: qualified name, identity argument types


def _targets(
    kind: str, arguments: str | None, known: dict[tuple[str, ...], Overload]
) -> set[tuple[str, ...]]:
    """The overloads (their types) a DROP of `kind` of a routine with `arguments` written
    removes, of those the files made (`known`): those it names (`routines_dropped`); without
    an argument list the only one (none when there are several: PostgreSQL refuses the name
    as not unique)."""
    if arguments is None:
        if len(known) > 1:
            return set()
        return set(known) or {()}
    return set(routines_dropped(arguments, kind, known.items())) or {overload(arguments).identity}


# Implicit casts between built-in types a call's argument may take to its parameter's type.
_IMPLICIT = {
    "smallint": frozenset({"integer", "bigint", "numeric", "real", "double precision"}),
    "integer": frozenset({"bigint", "numeric", "real", "double precision"}),
    "bigint": frozenset({"numeric", "real", "double precision"}),
    "numeric": frozenset({"real", "double precision"}),
    "real": frozenset({"double precision"}),
    "text": frozenset({"character varying", "character"}),
    "character varying": frozenset({"text"}),
}
_BUILT_IN = frozenset(_IMPLICIT) | frozenset(
    {"double precision", "character", "boolean", "uuid", "date", "json", "jsonb", "bytea"}
)
_UNKNOWN = "unknown"  # a string literal or NULL: PostgreSQL fits it to the parameter


def _literal_type(arg: exp.Expr) -> str | None:
    """The type of a call's argument as far as it shows without the catalog: a number, a
    boolean, a cast; `unknown` for a string or NULL; None for anything else (a column...)."""
    while isinstance(arg, exp.Paren):
        arg = arg.this
    if isinstance(arg, exp.Cast):
        return argument_key(arg.to.sql(dialect="postgres"))
    if isinstance(arg, exp.Boolean):
        return "boolean"
    if isinstance(arg, exp.Null):
        return _UNKNOWN
    if isinstance(arg, exp.Literal):
        if arg.is_string:
            return _UNKNOWN
        text = arg.name
        if text.isdigit():
            n = int(text)
            return "integer" if n < 2**31 else "bigint" if n < 2**63 else "numeric"
        return "numeric"
    return None


class _Call(NamedTuple):
    """A call of a function in a view's query: its name (qualified as a table name is) and
    its arguments' types as `_literal_type` reads them (None: named arguments)."""

    name: str
    args: tuple[str | None, ...] | None


def view_calls(s: Statement) -> frozenset[_Call]:
    """The calls of functions sqlglot does not know as built-ins in the query of a CREATE
    [MATERIALIZED] VIEW, anywhere in it (select list, WHERE, FROM, ORDER BY, subqueries, WITH
    queries even unused): PostgreSQL records each function called as the view's dependency."""
    tree = s.tree
    query = tree.expression if isinstance(tree, exp.Create) else None
    if not isinstance(query, exp.Query):
        return frozenset()
    return _calls_in(query, s.facts.name.implied if s.facts.name is not None else None)


def _calls_in(tree: exp.Expr, implied: str | None) -> frozenset[_Call]:
    """The calls of functions sqlglot does not know as built-ins anywhere in `tree`."""
    out: set[_Call] = set()
    for call in tree.find_all(exp.Anonymous):
        name = _folded(call.this)
        if not name:
            continue
        schema: str | None = None
        parent = call.parent
        if isinstance(parent, exp.Dot) and parent.expression is call:
            if not isinstance(parent.this, exp.Identifier):
                continue  # database.schema.f(...)
            schema = _folded(parent.this)
        fn = qualified(ObjectName(name, schema, implied=None if schema else implied))
        if any(isinstance(a, (exp.Kwarg, exp.PropertyEQ)) for a in call.expressions):
            out.add(_Call(fn, None))
        else:
            out.add(_Call(fn, tuple(_literal_type(a) for a in call.expressions)))
    return frozenset(out)


def _param_at(r: Overload, i: int) -> str:
    if i < len(r.identity):
        return r.identity[i]
    return r.identity[-1].removesuffix("[]")  # a VARIADIC array's element


def _fits(arg: str | None, param: str) -> str | None:
    """How an argument fits a parameter: `exact`, `implicit`, `maybe` (not known without the
    catalog), or None (it does not: both are built-in types with no implicit cast)."""
    if arg is None or arg == _UNKNOWN or ANY_TYPE in (arg, param):
        return "maybe"
    if shown_type(arg) == shown_type(param):  # `mood` is `public.mood` on the default path
        return "exact"
    if same_type(arg, param):  # `mood` and `app.mood`: as the search path has it
        return "maybe"
    if param in _IMPLICIT.get(arg, ()):
        return "implicit"
    if arg in _BUILT_IN and param in _BUILT_IN:
        return None
    return "maybe"


def _resolve(call: _Call, known: dict[tuple[str, ...], Overload]) -> tuple[str, ...] | None:
    """The overload (its types) of those the files made that `call` uses, None when that is
    not told without the catalog: the only one whose arity and argument types fit, or among
    several the one every argument matches exactly."""
    if len(known) == 1 and call.args is None:
        return next(iter(known))
    if call.args is None:
        return None
    n = len(call.args)
    fitting: list[tuple[tuple[str, ...], list[str]]] = []
    for types, r in known.items():
        if n < r.required or (n > len(types) and not r.variadic):
            continue
        fits = [_fits(a, _param_at(r, i)) for i, a in enumerate(call.args)]
        if all(f is not None for f in fits):
            fitting.append((types, cast(list[str], fits)))
    if len(fitting) == 1:
        return fitting[0][0]
    exact = [types for types, fits in fitting if all(f == "exact" for f in fits)]
    return exact[0] if len(exact) == 1 else None


class _Held(NamedTuple):
    """What an expression a table keeps depends on, as PostgreSQL records it: the functions
    it calls, the types it casts to (and the enum a string default of an enum column is), and
    the columns it reads (dropping one drops a CHECK constraint or an index with them); a
    policy's subqueries also read tables and views (qualified). A policy that calls no
    function or type the files made and has no subquery is not parsed until a DROP COLUMN of
    its table needs its columns: `unread` are its expressions, `scope` its table's name and
    the schema of its statement's unqualified names."""

    calls: frozenset[_Call]
    types: frozenset[str]
    columns: frozenset[str]
    relations: frozenset[str] = frozenset()
    unread: tuple[str, ...] = ()
    scope: tuple[str, str | None] = ("", None)
    sequences: frozenset[str] = frozenset()  # a default's `nextval('s')`, serial's (qualified)

    def read_columns(self) -> frozenset[str]:
        """The columns it reads, the unread ones read now."""
        if not self.unread:
            return self.columns
        table, implied = self.scope
        read = functools.partial(_read_policy, table=table, implied=implied)
        held = _held_of(self.unread, implied, read)
        return held.columns if held is not None else frozenset()


# (kind, table, name): ("default", t, column), ("generated", t, column), ("check", t,
# constraint), ("index", t, index), ("policy", t, policy), ("trigger", t, trigger: the
# columns of its UPDATE OF and WHEN only); a routine's parameter defaults are ("parameter",
# routine, its identity argument types joined by `_SEP`)
HeldKey = tuple[str, str, str]
_SEP = "\x1f"
_READERS = frozenset({"policy", "generated", "trigger"})  # held for the columns they read
_UPDATE_OF = re.compile(r"\bUPDATE\s+OF\s+(.+?)\s+(?:OR|ON)\b", re.I | re.S)
_WHEN = re.compile(r"\bWHEN\s*\(", re.I)
_ROW_COLUMN = re.compile(r'\b(?:NEW|OLD)\s*\.\s*("(?:[^"]|"")+"|[A-Za-z_][\w$]*)', re.I)
_PARAM_DEFAULT = re.compile(r"\s(?:DEFAULT\b|=)", re.I)
_POLICY_CLAUSE = re.compile(r"\b(USING|WITH\s+CHECK)\s*\(", re.I)
_WORD = re.compile(r"[A-Za-z_][\w$]*")
_GENERATED = re.compile(r"\bGENERATED\s+ALWAYS\s+AS\s*\(", re.I)
_ENUM = re.compile(r"\bAS\s+ENUM\b", re.I)
_STRING = re.compile(r"^\s*(?:E)?'(?:[^']|'')*'\s*$", re.I)
_ELEMENT_HEAD = re.compile(
    r'^\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))*\s*(?=\()'
)


def _mentions(text: str | None, names: set[str], outer: set[str]) -> bool:
    """`text` has a word that is the name of a function or type the files made: the cheap
    test that keeps most expressions from being parsed."""
    if not text or ("(" not in text and "::" not in text):
        return False  # no call, no cast: `0`, `'x'`, `true`, `a > 0`
    words = _words(text)
    return not words.isdisjoint(names) or not words.isdisjoint(outer)


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """The words of an expression, lower-case (the same few defaults come back often:
    `now()`, `gen_random_uuid()`)."""
    return frozenset(w.lower() for w in _WORD.findall(text))


def _trigger_columns(text: str) -> frozenset[str]:
    """The columns a CREATE TRIGGER names in `UPDATE OF` and reads in `WHEN (...)` (as
    `NEW.c`, `OLD.c`): PostgreSQL records them as the trigger's dependencies."""
    low = text.lower()
    if " of " not in low and "when" not in low:
        return frozenset()  # most triggers: `BEFORE UPDATE ON t`
    out: set[str] = set()
    m = _UPDATE_OF.search(text)
    if m is not None:
        out.update(c for c in map(_column_name, m.group(1).split(",")) if c)
    m = _WHEN.search(text)
    if m is not None:
        end = closing_paren(text, m.end() - 1)
        when = text[m.end() : end] if end > 0 else ""
        out.update(c for c in map(_column_name, _ROW_COLUMN.findall(when)) if c)
    return frozenset(out)


def _column_name(written: str) -> str:
    """A column's name as PostgreSQL keeps it: `"Body"` -> `Body`, `Owner` -> `owner`."""
    written = written.strip()
    if written.startswith('"') and written.endswith('"') and len(written) > 1:
        return written[1:-1].replace('""', '"')
    return written.lower()


def _generated(text: str) -> str | None:
    """The expression of `GENERATED ALWAYS AS (expr) STORED` in a column definition."""
    m = _GENERATED.search(text)
    if m is None:
        return None
    end = closing_paren(text, m.end() - 1)
    return text[m.end() : end] if end > 0 else None


def _column_definitions(text: str) -> dict[str, str]:
    """The column definitions in the outer parentheses of a CREATE TABLE, by column."""
    start = text.find("(")
    end = closing_paren(text, start) if start >= 0 else -1
    out: dict[str, str] = {}
    for element in split_top_level(text[start + 1 : end] if end > 0 else ""):
        m = _WORD.match(element.strip())
        if element.strip().startswith('"'):
            out[element.strip()[1:].split('"', 1)[0]] = element
        elif m is not None:
            out[m.group(0).lower()] = element
    return out


def _index_expressions(columns: str | None) -> list[str]:
    """The expressions of an index's elements: `(expr)`, `f(x)`, or a column, without what
    follows them (collation, operator class, ASC/DESC, NULLS FIRST/LAST)."""
    out: list[str] = []
    for element in split_top_level(columns or ""):
        element = element.strip()
        if element.startswith("("):
            end = closing_paren(element, 0)
            if end > 0:
                out.append(element[1:end])
            continue
        head = _ELEMENT_HEAD.match(element)
        if head is not None:
            end = closing_paren(element, head.end())
            if end > 0:
                out.append(element[: end + 1])
            continue
        m = _WORD.match(element)
        if m is not None:
            out.append(m.group(0))
    return out


@functools.lru_cache(maxsize=4096)
def _read_expression(text: str, implied: str | None) -> _Held | None:
    """What an expression depends on, from sqlglot's tree of it (None when it cannot read
    it: nothing is then known of its dependencies)."""
    try:
        tree = quiet_parse_one(f"SELECT {text}", read="postgres")
    except Exception:  # an expression sqlglot cannot read
        return None
    types = frozenset(
        _type_key(c.to.sql(dialect="postgres")).strip('"').lower() for c in tree.find_all(exp.Cast)
    )
    columns = {_folded(c.this) for c in tree.find_all(exp.Column)}
    return _Held(_calls_in(tree, implied), types, frozenset(c for c in columns if c is not None))


# `nextval('s')`, `nextval('public.s'::regclass)`: a regclass constant, which PostgreSQL
# records as a dependency of the expression on the sequence (`nextval('s'::text)` and
# `nextval(('s'::text)::regclass)` look the name up at each call: none)
_SEQUENCE_CALL = re.compile(
    r"\b(?:nextval|currval|setval)\s*\(\s*'((?:[^']|'')*)'\s*(?:::\s*regclass\s*)?[,)]", re.I
)
_REGCLASS_PART = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$)')
_SERIAL_TYPES = frozenset({"serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"})
_NAME_BYTES = 63  # NAMEDATALEN - 1: PostgreSQL truncates a longer generated name


def _regclass_name(text: str) -> tuple[str | None, str] | None:
    """The schema (None: not written) and name a regclass string names (`public.s`, `"S"`,
    `S` -> `s`); None when it is not a name of one or two parts."""
    parts: list[str] = []
    pos = 0
    while pos < len(text):
        m = _REGCLASS_PART.match(text, pos)
        if m is None or m.end() == pos:
            return None
        quoted, bare, dot = m.groups()
        parts.append(quoted.replace('""', '"') if quoted is not None else bare.lower())
        pos = m.end()
        if not dot:
            break
    if pos < len(text) or not 1 <= len(parts) <= 2:
        return None
    return (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])


@functools.lru_cache(maxsize=4096)
def _sequences_in(text: str, implied: str | None) -> frozenset[str]:
    """The sequences (qualified) an expression passes to `nextval`, `currval` or `setval` as a
    regclass constant: an unqualified name is the one of the schema the file's search path
    creates unqualified names in (`implied`), `public` by default."""
    if "val" not in text.lower():
        return frozenset()  # most defaults: `now()`, `0`, `'x'`
    out: set[str] = set()
    for m in _SEQUENCE_CALL.finditer(text):
        found = _regclass_name(m.group(1).replace("''", "'"))
        if found is not None:
            schema, name = found
            out.add(qualified(ObjectName(name, schema, implied=None if schema else implied)))
    return frozenset(out)


def is_serial(col: ColumnFact) -> bool:
    """A `serial` (`bigserial`, `smallserial`...) column: its default uses a sequence made
    with it."""
    return col.data_type.strip().lower() in _SERIAL_TYPES


def serial_sequence(table: ObjectName, col: ColumnFact) -> str | None:
    """The sequence (qualified) a serial column's default uses: `<table>_<column>_seq` in the
    table's schema (None when not serial, or when the name is longer than PostgreSQL keeps:
    it shortens it)."""
    if not is_serial(col):
        return None
    name = f"{table.name}_{col.name}_seq"
    if len(name.encode()) > _NAME_BYTES:
        return None
    return qualified(ObjectName(name, table.schema, implied=table.implied))


# SQL words sqlglot reads as columns in an expression (`owner = CURRENT_ROLE`)
_NOT_COLUMNS = frozenset(
    {
        "current_catalog",
        "current_role",
        "current_schema",
        "current_user",
        "session_user",
        "system_user",
        "user",
        "localtime",
        "localtimestamp",
    }
)


@functools.lru_cache(maxsize=8192)
def _read_policy(text: str, table: str, implied: str | None) -> _Held | None:
    """What a policy's USING or WITH CHECK expression on the table named `table` (unqualified)
    depends on: its calls and casts as `_read_expression` reads them, and the columns of its
    own table it reads outside any subquery (unqualified, or qualified by the table's name: a
    subquery's columns may be another table's), the tables and views its subqueries read.
    None when sqlglot cannot read it."""
    try:
        tree = quiet_parse_one(f"SELECT {text}", read="postgres")
    except Exception:  # an expression sqlglot cannot read
        return None
    types = frozenset(
        _type_key(c.to.sql(dialect="postgres")).strip('"').lower() for c in tree.find_all(exp.Cast)
    )
    columns: set[str] = set()
    for c in tree.find_all(exp.Column):
        name = _folded(c.this)
        if name is None or c.find_ancestor(exp.Select) is not tree:
            continue
        if not isinstance(c.this, exp.Identifier) or (not c.this.quoted and name in _NOT_COLUMNS):
            continue
        if _folded(c.args.get("table")) in (None, table):
            columns.add(name)
    relations = _tables_read(tree, implied)
    return _Held(_calls_in(tree, implied), types, frozenset(columns), relations)


def _held_of(
    texts: Iterable[str],
    implied: str | None,
    read: Callable[[str], _Held | None] | None = None,
) -> _Held | None:
    """What some expressions depend on together (each read by `read`, by default
    `_read_expression`); None when one of them cannot be read."""
    calls: set[_Call] = set()
    types: set[str] = set()
    columns: set[str] = set()
    relations: set[str] = set()
    for text in texts:
        held = _read_expression(text, implied) if read is None else read(text)
        if held is None:
            return None
        calls |= held.calls
        types |= held.types
        columns |= held.columns
        relations |= held.relations
    return _Held(frozenset(calls), frozenset(types), frozenset(columns), frozenset(relations))


def _param_defaults(arguments: str | None) -> list[str]:
    """The default expressions of a routine's parameters (`a int DEFAULT d()`, `b text =
    'x'`)."""
    if not arguments or ("=" not in arguments and "default" not in arguments.lower()):
        return []
    out: list[str] = []
    for arg in split_top_level(arguments):
        parts = _PARAM_DEFAULT.split(arg, maxsplit=1)
        if len(parts) == 2 and parts[1].strip():
            out.append(parts[1].strip())
    return out


def _policy_clauses(text: str) -> dict[str, str]:
    """The expressions of a CREATE or ALTER POLICY, by clause: `using`, `with check`."""
    out: dict[str, str] = {}
    pos = 0
    while (m := _POLICY_CLAUSE.search(text, pos)) is not None:
        end = closing_paren(text, m.end() - 1)
        if end < 0:
            break
        out[" ".join(m.group(1).lower().split())] = text[m.end() : end]
        pos = end + 1
    return out


def _identity(key: HeldKey) -> tuple[str, ...]:
    """The identity argument types of the routine of a `parameter` key."""
    return tuple(key[2].split(_SEP)) if key[2] else ()


def _check_name(table: ObjectName, held: _Held) -> str:
    """The name PostgreSQL gives an unnamed CHECK constraint: `<table>_<column>_check` when
    it reads one column, else `<table>_check` (without the `1`, `2`, ... it appends when the
    name is taken)."""
    from schemacheck.replay.names import make_object_name

    only = next(iter(held.columns)) if len(held.columns) == 1 else None
    return make_object_name(table.name, only, "check")


Place = tuple[int, int]  # a statement's: its file's place in the file order, its own in the file
_TABLE_MADE = frozenset({"create_table", "create_table_as", "create_foreign_table"})
_VIEW_MADE = frozenset({"create_view", "create_materialized_view"})


def _places(file: SqlFile) -> tuple[dict[tuple[str, str], int], dict[int, int]]:
    """Where in `file` each table is first made ((table, "")) and each column first added
    ((table, column)), and where each view statement is (by its `id`)."""
    columns: dict[tuple[str, str], int] = {}
    views: dict[int, int] = {}
    for n, s in enumerate(file.statements):
        f = s.facts
        if s.kind in _VIEW_MADE:
            views[id(s)] = n
        elif s.kind in _TABLE_MADE and f.name is not None:
            columns.setdefault((qualified(f.name), ""), n)
        elif s.kind == "alter_table" and f.table is not None:
            for a in f.actions:
                if a.action == "add_column" and a.column is not None:
                    columns.setdefault((qualified(f.table), a.column.name), n)
    return columns, views


class _Dependents:
    """Who depends on what in the files added so far: the tables whose foreign keys reference
    each table (and each foreign key, with its names and columns), the triggers (table, name)
    that were ever made to use each function (with the function each trigger uses now: a
    later CREATE TRIGGER of the same name replaces it), the tables with a column of each type
    (and each column's type now), the views reading each table or view, the overloads of each
    routine, and the views calling a function of each name. Routines are told apart by their
    identity argument types (`FnKey`)."""

    def __init__(self, files: Iterable[SqlFile] = (), outer: _Dependents | None = None) -> None:
        self.outer = outer  # the files before these (whose expressions these files may drop)
        self.names: set[str] = set()  # the functions and types made, by name (lower-case)
        self.enums: set[str] = set()
        self.held: dict[HeldKey, _Held] = {}  # the expressions calling or casting to them
        self.held_on: dict[str, set[HeldKey]] = {}  # by table
        self.held_calls: dict[str, set[HeldKey]] = {}  # by function called (qualified)
        self.held_types: dict[str, set[HeldKey]] = {}  # by type (as `_type_key` reads it)
        self.held_reads: dict[str, set[HeldKey]] = {}  # by table or view read (qualified)
        self.held_sequences: dict[str, set[HeldKey]] = {}  # by sequence used (qualified)
        self.sequences: set[str] = set()  # made by CREATE SEQUENCE, not dropped here since
        self.held_index: dict[str, str] = {}  # index -> its table
        self.held_removed: set[HeldKey] = set()  # the outer files' expressions these dropped
        self.policies: dict[tuple[str, str], dict[str, str]] = {}  # (table, name) -> clauses
        self.referenced_by: dict[str, set[str]] = {}
        self.fkeys_to: dict[str, list[ForeignKey]] = {}
        self.trigger_users: dict[str, set[tuple[str, str]]] = {}
        self.trigger_function: dict[tuple[str, str], str] = {}
        self.type_users: dict[str, set[str]] = {}
        self.column_type: dict[tuple[str, str], str] = {}
        self.column_written: dict[tuple[str, str], str] = {}  # its type as written
        self.typed_columns: dict[str, set[tuple[str, str]]] = {}
        self.view_reads: dict[str, frozenset[str]] = {}
        self.read_by: dict[str, set[str]] = {}
        self.view_kind: dict[str, str] = {}  # `view` or `materialized view`
        self.view_calls: dict[str, frozenset[_Call]] = {}
        self.callers: dict[str, set[str]] = {}  # function name -> views calling that name
        self.routines: dict[str, dict[tuple[str, ...], Overload]] = {}
        self.function_types: dict[FnKey, frozenset[str]] = {}
        self.typed_functions: dict[str, set[FnKey]] = {}
        self.function_reads: dict[FnKey, frozenset[str]] = {}
        self.read_by_function: dict[str, set[FnKey]] = {}
        # for ALTER COLUMN ... TYPE and DROP COLUMN: each column's default now (None: none),
        # the place (`Place`: the file's in the file order, `serial`, and the statement's in
        # the file) of the statement that first gave a table the column (that created the
        # table for its columns then: (table, "")), and of the one that last made each view,
        # with its statement (read for its columns only when a rollback changes or drops a
        # column of a table it reads): a view of `*` has the columns its table had then
        self.serial: int = outer.serial if outer is not None else 0
        self.column_default: dict[tuple[str, str], str | None] = {}
        # the type (as written) a column had when its default now was set, for a constant
        # default (None: no default, or not a constant)
        self.default_type: dict[tuple[str, str], str | None] = {}
        self.column_since: dict[tuple[str, str], Place] = {}
        self.view_since: dict[str, Place] = {}
        self.view_statement: dict[str, Statement] = {}
        self.view_columns: dict[tuple[int, str], tuple[frozenset[str], bool]] = {}
        for f in files:
            self.add(created_objects([f]), f)

    def add(self, made: Objects, file: SqlFile) -> None:
        """What one file made (`made`: `created_objects([file])`), after the files added
        before it; its routines and the expressions kept with its tables are read from the
        file's statements, in order."""
        self.serial += 1
        self.column_default.update(made.column_defaults)
        if made.column_defaults:
            self._default_types(file)  # before the file's column types are taken in
        outer_since = self.outer.column_since if self.outer is not None else {}
        at, views_at = _places(file) if made.views or made.columns or made.tables else ({}, {})
        # a created table's columns: (table, ""); a column added to a table the file created
        # is in `at` only
        added: list[tuple[str, str]] = [(t, "") for t in made.tables]
        for column in itertools.chain(added, made.columns, at):
            if column not in self.column_since and column not in outer_since:
                self.column_since[column] = (self.serial, at.get(column, 0))
        for table, targets in made.foreign_keys.items():
            for target in targets:
                self.referenced_by.setdefault(target, set()).add(table)
        for fk in made.fkeys:
            self.fkeys_to.setdefault(fk.target, []).append(fk)
        for key, function in made.trigger_function.items():
            self.trigger_users.setdefault(function, set()).add(key)
            self.trigger_function[key] = function
        type_users = self.type_users
        for table, types in made.column_types.items():
            for type_name in types:
                type_users.setdefault(_type_key(type_name), set()).add(table)
        column_type, typed_columns = self.column_type, self.typed_columns
        written = self.column_written
        for column, type_name in made.typed_columns.items():
            was = column_type.get(column)
            if was is not None:
                typed_columns[was].discard(column)
            now = column_type[column] = _type_key(type_name)
            written[column] = type_name
            typed_columns.setdefault(now, set()).add(column)
        for view, s in made.views.items():
            for source in self.view_reads.get(view, ()):
                self.read_by[source].discard(view)
            reads = self.view_reads[view] = view_sources(s)
            for source in reads:
                self.read_by.setdefault(source, set()).add(view)
            self.view_kind[view] = s.facts.object_type or "view"
            self.view_since[view] = (self.serial, views_at.get(id(s), 0))
            self.view_statement[view] = s
            for call in self.view_calls.get(view, ()):
                self.callers[call.name].discard(view)
            calls = self.view_calls[view] = view_calls(s)
            for call in calls:
                self.callers.setdefault(call.name, set()).add(view)
        routines = [
            s
            for s in file.statements
            if s.kind in ("create_function", "create_procedure") and s.facts.name
        ]
        for s in routines:
            name = qualified(s.facts.name)
            routine = created_overload(s)
            fn = (name, routine.identity)
            self.routines.setdefault(name, {})[routine.identity] = routine
            for type_name in self.function_types.get(fn, ()):
                self.typed_functions[type_name].discard(fn)
            implied = s.facts.name.implied if s.facts.name is not None else None
            signature = _signature_types(s.facts.arguments, s.facts.returns, implied)
            self.function_types[fn] = signature
            for type_name in signature:
                self.typed_functions.setdefault(type_name, set()).add(fn)
            for source in self.function_reads.get(fn, ()):
                self.read_by_function[source].discard(fn)
            reads = self.function_reads[fn] = function_sources(s)
            for source in reads:
                self.read_by_function.setdefault(source, set()).add(fn)
        for s in file.statements:
            self._expressions(s)

    def _default_types(self, file: SqlFile) -> None:
        """The type of each constant default (`'member'`, `'a'::mood`) the file sets: the
        column's type at the statement that sets it. PostgreSQL keeps the constant of that
        type when the column's type changes later (under a cast to the new type), and casts
        that constant again at the next change: an enum column's `'member'` changed to text
        is still the enum's, and goes back to the enum."""
        here: dict[tuple[str, str], str] = {}  # the columns' types as the file goes
        for s in file.statements:
            f = s.facts
            if s.kind == "create_table" and f.name is not None:
                t = qualified(f.name)
                for col in f.columns:
                    here[(t, col.name)] = col.data_type
                    self._set_default_type((t, col.name), col.default, col.data_type)
            elif s.kind == "alter_table" and f.table is not None:
                t = qualified(f.table)
                # PostgreSQL drops a default before a type changes and sets one after
                for a in sorted(f.actions, key=lambda a: a.action == "set_default"):
                    c = a.column_name
                    if a.action == "add_column" and a.column is not None:
                        here[(t, a.column.name)] = a.column.data_type
                        col = a.column
                        self._set_default_type((t, col.name), col.default, col.data_type)
                    elif not c:
                        continue
                    elif a.action == "alter_column_type" and a.data_type:
                        here[(t, c)] = a.data_type
                    elif a.action == "drop_default":
                        self._set_default_type((t, c), None, None)
                    elif a.action == "set_default":
                        written = here.get((t, c)) or self.lookup(
                            lambda d: d.column_written, (t, c)
                        )
                        self._set_default_type((t, c), a.default, written)

    def _set_default_type(
        self, key: tuple[str, str], default: str | None, written: str | None
    ) -> None:
        constant = default is not None and (
            _STRING.match(default) is not None or _CAST_STRING.match(default) is not None
        )
        if constant:
            self.default_type[key] = written
        elif key in self.default_type or (
            self.outer is not None and key in self.outer.default_type
        ):
            self.default_type[key] = None

    def lookup(self, table: Callable[[_Dependents], Mapping[_K, _V]], key: _K) -> _V | None:
        """What one of the maps (`table` picks it: `lambda d: d.policies`) holds for `key`:
        these files' entry, else the earlier files' (`outer`), else None."""
        found = table(self).get(key)
        if found is None and self.outer is not None:
            found = table(self.outer).get(key)
        return found

    # -- expressions kept with tables: column defaults, generated columns, CHECK constraints,
    # index expressions and predicates

    def _mentions(self, text: str | None) -> bool:
        return _mentions(text, self.names, self.outer.names if self.outer else set())

    def _has_sequence(self, name: str) -> bool:
        return name in self.sequences or (self.outer is not None and name in self.outer.sequences)

    def _is_enum(self, type_key: str) -> bool:
        return type_key in self.enums or (self.outer is not None and type_key in self.outer.enums)

    def _holds_on(self, table: str) -> bool:
        return table in self.held_on or (self.outer is not None and table in self.outer.held_on)

    def _hold(self, key: HeldKey, held: _Held | None) -> None:
        if held is None or not (
            held.calls
            or held.types
            or held.relations
            or held.sequences
            or (key[0] in _READERS and (held.columns or held.unread))
        ):
            return
        self._forget(key)
        self.held[key] = held
        self.held_on.setdefault(key[1], set()).add(key)
        for call in held.calls:
            self.held_calls.setdefault(call.name, set()).add(key)
        for type_name in held.types:
            self.held_types.setdefault(type_name, set()).add(key)
        for relation in held.relations:
            self.held_reads.setdefault(relation, set()).add(key)
        for sequence in held.sequences:
            self.held_sequences.setdefault(sequence, set()).add(key)

    def _forget(self, key: HeldKey) -> None:
        held = self.held.pop(key, None)
        if held is None:
            return
        self.held_on[key[1]].discard(key)
        for call in held.calls:
            self.held_calls[call.name].discard(key)
        for type_name in held.types:
            self.held_types[type_name].discard(key)
        for relation in held.relations:
            self.held_reads[relation].discard(key)
        for sequence in held.sequences:
            self.held_sequences[sequence].discard(key)

    def _unhold(self, table: str, gone: Callable[[HeldKey, _Held], bool]) -> None:
        """Drop the expressions on `table` that `gone` says a statement removes (the outer
        files' are noted as removed)."""
        for deps in (self, self.outer):
            if deps is None:
                continue
            for key in list(deps.held_on.get(table, ())):
                if gone(key, deps.held[key]):
                    if deps is self:
                        self._forget(key)
                    else:
                        self.held_removed.add(key)

    def _unhold_key(self, key: HeldKey) -> None:
        if self._holds_on(key[1]):
            self._unhold(key[1], lambda k, _: k == key)

    def _default(self, table: ObjectName, column: str, text: str, data_type: str | None) -> None:
        """A column's default: its calls and casts, for a string default of an enum column
        the enum (the default is a constant of that type, kept when the column's type
        changes), and the sequences it names in `nextval('s')`."""
        held = _read_expression(text, table.implied) if self._mentions(text) else None
        sequences = _sequences_in(text, table.implied)
        if sequences:
            held = held or _Held(frozenset(), frozenset(), frozenset())
            held = held._replace(sequences=sequences)
        if data_type is not None and (self.enums or (self.outer and self.outer.enums)):
            type_key = _type_key(data_type).strip('"').lower()
            if self._is_enum(type_key) and _STRING.match(text) is not None:
                held = held or _Held(frozenset(), frozenset(), frozenset())
                held = held._replace(types=held.types | {type_key})
        self._hold(("default", qualified(table), column), held)

    def _column(self, table: ObjectName, col: ColumnFact, definition: str | None) -> None:
        """A new column's default (a serial column's uses the sequence made with it), CHECK
        constraint and generation."""
        if col.default:
            self._default(table, col.name, col.default, col.data_type)
        elif (sequence := serial_sequence(table, col)) is not None and not self._has_sequence(
            sequence
        ):  # a sequence of that name made before: PostgreSQL names the serial's otherwise
            serial = _Held(frozenset(), frozenset(), frozenset(), sequences=frozenset({sequence}))
            self._hold(("default", qualified(table), col.name), serial)
        if col.check and self._mentions(col.check):
            held = _read_expression(col.check, table.implied)
            if held is not None:
                self._hold(("check", qualified(table), _check_name(table, held)), held)
        if col.generated and definition is not None:
            expression = _generated(definition)  # read for its columns too: a type change of
            if expression:  # one of them is refused
                held = _read_expression(expression, table.implied)
                self._hold(("generated", qualified(table), col.name), held)

    def _expressions(self, s: Statement) -> None:
        f = s.facts
        k = s.kind
        if k in ("create_function", "create_procedure") and f.name:
            self.names.add(f.name.name.lower())
            self._parameters(s, f.name)
        elif k == "create_sequence" and f.names:
            self.sequences.update(qualified(n) for n in f.names)
        elif k == "drop_sequence":
            self._drop_sequences(s)
        elif k in ("create_type", "create_domain") and f.name:
            self.names.add(f.name.name.lower())
            if k == "create_type" and _ENUM.search(s.text):
                self.enums.add(f.name.name.lower())
        elif k == "create_table" and f.name:
            definitions = _column_definitions(s.text) if any(c.generated for c in f.columns) else {}
            for col in f.columns:
                if col.default or col.check or col.generated or is_serial(col):
                    self._column(f.name, col, definitions.get(col.name))
            for con in f.constraints:
                if con.type == "check" and con.expression and self._mentions(con.expression):
                    held = _read_expression(con.expression, f.name.implied)
                    if held is not None:
                        name = con.name or _check_name(f.name, held)
                        self._hold(("check", qualified(f.name), name), held)
        elif k == "alter_table" and f.table is not None:
            self._alter(s, f.table)
        elif (
            k == "create_index"
            and f.table is not None
            and (self._mentions(f.index_columns) or self._mentions(f.index_where))
        ):
            texts = _index_expressions(f.index_columns)
            if f.index_where:
                texts.append(f.index_where)
            t = qualified(f.table)
            index = created_index_key(f.table, f.name, f.index_columns)
            self._hold(("index", t, index), _held_of(texts, f.table.implied))
            if ("index", t, index) in self.held:
                self.held_index[index] = t
        elif k in ("create_policy", "alter_policy") and f.table is not None and f.names:
            self._policy(s, f.table, f.names[0].name)
        elif k == "drop_policy" and f.table is not None:
            for n in f.names:
                self._unhold_key(("policy", qualified(f.table), n.name))
        elif k == "create_trigger" and f.table is not None and f.names:
            key = ("trigger", qualified(f.table), f.names[0].name)
            columns = _trigger_columns(s.text)
            self._unhold_key(key)  # CREATE OR REPLACE TRIGGER
            if columns:
                self._hold(key, _Held(frozenset(), frozenset(), columns))
        elif k == "drop_trigger" and f.table is not None:
            for n in f.names:
                self._unhold_key(("trigger", qualified(f.table), n.name))
        elif k in _FUNCTION_DROPS:
            self._drop_routines(s)
        elif k == "drop_table":
            for n in f.names:
                if self._holds_on(qualified(n)):
                    self._unhold(qualified(n), lambda key, _: key[0] != "parameter")
        elif k == "drop_index":
            for n in f.names:
                index = qualified(n)
                table = self.lookup(lambda d: d.held_index, index)
                if table is not None:
                    self._unhold_key(("index", table, index))

    def _drop_sequences(self, s: Statement) -> None:
        """A DROP SEQUENCE: the name is free again (for a serial column's sequence); with
        CASCADE the defaults using the sequence go too."""
        for n in s.facts.names:
            sequence = qualified(n)
            self.sequences.discard(sequence)
            if not s.facts.cascade:
                continue
            uses = functools.partial(_uses_sequence, sequence=sequence)
            for deps in (self, self.outer):
                for key in list(deps.held_sequences.get(sequence, ()) if deps else ()):
                    self._unhold(key[1], uses)

    def _parameters(self, s: Statement, name: ObjectName) -> None:
        """A routine's parameter defaults: the calls and casts in them (a CREATE OR REPLACE
        replaces them)."""
        texts = [d for d in _param_defaults(s.facts.arguments) if self._mentions(d)]
        fn = qualified(name)
        if not texts and not self._holds_on(fn):
            return
        key = ("parameter", fn, _SEP.join(created_overload(s).identity))
        self._unhold_key(key)
        if texts:
            self._hold(key, _held_of(texts, name.implied))

    def _drop_routines(self, s: Statement) -> None:
        """A DROP FUNCTION drops the parameter defaults of the overloads it removes."""
        if not any(self._holds_on(qualified(n)) for n in s.facts.names):
            return
        for n, arguments in dropped_routines(s):
            fn = qualified(n)
            known = {
                **(self.outer.routines.get(fn, {}) if self.outer is not None else {}),
                **self.routines.get(fn, {}),
            }
            targets = _targets(ROUTINE_DROPS[s.kind], arguments, known) or set(known)
            self._unhold(fn, functools.partial(_parameter_of, targets=targets))

    def _policy(self, s: Statement, table: ObjectName, name: str) -> None:
        """A row-level security policy's USING and WITH CHECK expressions (ALTER POLICY
        replaces those it gives)."""
        t = qualified(table)
        key = ("policy", t, name)
        clauses = _policy_clauses(s.text)
        if s.kind == "alter_policy":
            new = _renamed_to(s)
            if new is not None:
                self._rename_policy(t, name, new)
                return
            if not clauses:
                return  # TO roles: the expressions stay
            was = self.lookup(lambda d: d.policies, (t, name))
            clauses = {**(was or {}), **clauses}
            self._unhold_key(key)
        self.policies[(t, name)] = clauses
        if not clauses:
            return
        texts = tuple(clauses.values())  # every policy: its columns may not be dropped first
        if any(self._mentions(c) or "select" in _words(c) for c in texts):
            read = functools.partial(_read_policy, table=table.name, implied=table.implied)
            self._hold(key, _held_of(texts, table.implied, read))
        else:  # its columns only: read when a DROP COLUMN of the table asks
            unread = _Held(frozenset(), frozenset(), frozenset())
            self._hold(key, unread._replace(unread=texts, scope=(table.name, table.implied)))

    def _rename_policy(self, t: str, name: str, new: str) -> None:
        """ALTER POLICY `name` ON `t` RENAME TO `new`: its expressions are the new name's."""
        key = ("policy", t, name)
        held = self.held.get(key)
        if held is None and key not in self.held_removed and self.outer is not None:
            held = self.outer.held.get(key)
        clauses = self.lookup(lambda d: d.policies, (t, name))
        self._unhold_key(key)
        if clauses is not None:
            self.policies[(t, new)] = clauses
        self._hold(("policy", t, new), held)

    def _alter(self, s: Statement, table: ObjectName) -> None:
        t = qualified(table)
        actions = s.facts.actions
        if not self._holds_on(t) and not any(a.action in _ADDING for a in actions):
            return
        for a in actions:
            column = a.column_name
            if a.action == "add_column" and a.column is not None:
                self._column(table, a.column, a.text)
            elif a.action == "set_default" and column:
                self._unhold_key(("default", t, column))
                if a.default:
                    typed = self.lookup(lambda d: d.column_type, (t, column))
                    self._default(table, column, a.default, typed)
            elif a.action == "drop_default" and column:
                self._unhold_key(("default", t, column))
            elif a.action == "drop_column" and column:
                self._unhold(t, functools.partial(_column_takes, column=column))
            elif a.action == "add_constraint" and a.constraint is not None:
                con = a.constraint
                if con.type == "check" and con.expression and self._mentions(con.expression):
                    held = _read_expression(con.expression, table.implied)
                    if held is not None:
                        name = con.name or _check_name(table, held)
                        self._hold(("check", t, name), held)
            elif a.action == "drop_constraint" and a.constraint_name:
                self._unhold_key(("check", t, a.constraint_name))
            elif a.action == "set_column_option" and column and _DROP_EXPRESSION.search(a.text):
                self._unhold_key(("generated", t, column))


class _Base:
    """The dependents of the prerequisites and of the migrations before a place in the run's
    file order, built up once per run as the rollbacks come in that order (rebuilt only if an
    earlier place follows a later one): each rollback used to collect every earlier file
    again, which on a project with a rollback per migration is quadratic. The file order, not
    the version number, tells what came first: Flyway's V1.1 and V1.2 are both version 1."""

    def __init__(self, files: tuple[SqlFile, ...], collect: Callable[[SqlFile], Objects]) -> None:
        self.files = files
        self._collect = collect  # a migration's objects (`made_by`: once per run)
        # the versioned migrations with their place in the files
        self._migrations = [
            (i, f) for i, f in enumerate(files) if f.role == "migration" and f.version is not None
        ]
        self._reset()

    def _reset(self) -> None:
        self.deps = _Dependents(f for f in self.files if f.role == "prerequisite")
        self.upto: int | None = None  # migrations placed before this are added
        self._next = 0  # the first migration of `_migrations` not added yet

    def before(self, place: int) -> _Dependents:
        if self.upto is not None and place < self.upto:
            self._reset()
        migrations = self._migrations
        while self._next < len(migrations) and migrations[self._next][0] < place:
            f = migrations[self._next][1]
            self.deps.add(self._collect(f), f)
            self._next += 1
        self.upto = place
        return self.deps


_ADDING = frozenset({"add_column", "set_default", "add_constraint"})
_DROP_EXPRESSION = re.compile(r"\bDROP\s+EXPRESSION\b", re.I)


def _parameter_of(key: HeldKey, held: _Held, targets: set[tuple[str, ...]]) -> bool:
    """The parameter defaults of the overloads `targets` (their types)."""
    return key[0] == "parameter" and _identity(key) in targets


def _uses_sequence(key: HeldKey, held: _Held, sequence: str) -> bool:
    """The expression uses the sequence (a DROP SEQUENCE ... CASCADE drops it)."""
    return sequence in held.sequences


def _column_takes(key: HeldKey, held: _Held, column: str) -> bool:
    """Dropping `column` drops the expression: its default or generation, a CHECK constraint
    or an index reading it (PostgreSQL refuses to drop a column a policy reads)."""
    if key[0] in ("policy", "parameter", "trigger"):
        return False
    if key[0] in ("default", "generated"):
        return key[2] == column
    return column in held.columns


def _dependents(ctx: Context) -> tuple[_Dependents, _Dependents]:
    """The dependents in the files before the forward migration, and in the forward itself
    (which comes after them: its triggers replace theirs)."""
    fwd = ctx.forward
    assert fwd is not None
    memo = ctx.history.memo
    base = memo.get("sc029 base")
    if not isinstance(base, _Base) or base.files is not ctx.files:
        base = memo["sc029 base"] = _Base(ctx.files, lambda f: made_by(ctx, f))
    before = base.before(ctx.history.position(fwd) if fwd.version is not None else -1)
    forward = _Dependents(outer=before)
    forward.add(left_by(ctx, fwd), fwd)  # under the names it leaves; once per run, shared
    return before, forward


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


_FUNCTION_DROPS = tuple(ROUTINE_DROPS)


class _Routines:
    """The overloads the files before the rollback made, the forward migration's over the
    earlier files'."""

    def __init__(self, base: _Dependents, fwd: _Dependents) -> None:
        self._base = base
        self._fwd = fwd
        self._memo: dict[str, dict[tuple[str, ...], Overload]] = {}

    def of(self, name: str) -> dict[tuple[str, ...], Overload]:
        known = self._memo.get(name)
        if known is None:
            known = self._memo[name] = {
                **self._base.routines.get(name, {}),
                **self._fwd.routines.get(name, {}),
            }
        return known

    def dropped(self, s: Statement) -> list[tuple[ObjectName, set[tuple[str, ...]]]]:
        """Each routine a DROP names, with the overloads (their types) it removes."""
        kind = ROUTINE_DROPS[s.kind]
        return [
            (n, _targets(kind, arguments, self.of(qualified(n))))
            for n, arguments in dropped_routines(s)
        ]

    def show(self, fn: FnKey) -> str:
        """`public.f`, or `public.f(integer)` when the files made other overloads of it (a
        `%TYPE` argument as written)."""
        known = self.of(fn[0])
        if len(known) > 1:
            made = known.get(fn[1])
            shown = made.shown if made is not None else tuple(map(shown_type, fn[1]))
            return f"{fn[0]}({', '.join(shown)})"
        return fn[0]


def _users(
    base: dict[str, set[_K]], fwd: dict[str, set[_K]], uses: dict[_K, frozenset[str]], key: str
) -> set[_K]:
    """The users of `key`: those of the earlier files the forward migration did not redefine
    (to use something else), and the forward migration's."""
    out = {u for u in base.get(key, ()) if key in uses.get(u, frozenset({key}))}
    return out | fwd.get(key, set())


def _later_function_drop(
    stmts: tuple[Statement, ...], after: int, fn: FnKey, routines: _Routines
) -> int | None:
    for s in stmts[after + 1 :]:
        if s.kind in _FUNCTION_DROPS:
            for n, types in routines.dropped(s):
                if qualified(n) == fn[0] and fn[1] in types:
                    return s.line
    return None


def _functions(
    stmts: tuple[Statement, ...],
    i: int,
    what: str,
    users: set[FnKey],
    verb: str,
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP `what` fails while a function of `users` not dropped yet still uses it (`verb`:
    `reads it`, `uses it`, `uses its row type`)."""
    s = stmts[i]
    for fn in sorted(users - gone.functions):
        later = _later_function_drop(stmts, i, fn, routines)
        when = f"dropped later, line {later}" if later else "never dropped"
        hit = Hit(
            f"DROP {what} fails: function {routines.show(fn)} ({when}) still {verb}",
            object=what.lower(),
            statement=s,
        )
        yield Refusal(hit, ("function", fn[0]))


class _Undone:
    """What the rollback has dropped so far, statement by statement."""

    def __init__(self) -> None:
        self.relations: set[str] = set()  # tables, views, materialized views
        self.triggers: set[tuple[str, str]] = set()
        self.columns: set[tuple[str, str]] = set()  # dropped, or changed to another type
        self.constraints: set[tuple[str, str]] = set()
        self.functions: set[FnKey] = set()
        self.dropped_columns: set[tuple[str, str]] = set()
        self.defaults: set[tuple[str, str]] = set()  # dropped or set to another
        self.expressions: set[tuple[str, str]] = set()  # generated columns made plain
        self.indexes: set[str] = set()
        self.policies: set[tuple[str, str]] = set()  # (table, the policy's name in the files)
        # policies the rollback renamed (ALTER POLICY ... RENAME TO): (table, name now) -> its
        # name in the files, and back; the names renamed away (no policy has them now)
        self.policy_names: dict[tuple[str, str], str] = {}
        self.policy_now: dict[tuple[str, str], str] = {}
        self.renamed_away: set[tuple[str, str]] = set()

    def after(self) -> _Undone:
        """A new record for what follows: nothing dropped yet, the policies' names as now."""
        out = _Undone()
        out.policy_names = dict(self.policy_names)
        out.policy_now = dict(self.policy_now)
        out.renamed_away = set(self.renamed_away)
        return out

    def name_now(self, key: HeldKey) -> str:
        """The name a policy of `key` (named as in the files) has now."""
        return self.policy_now.get((key[1], key[2]), key[2]) if key[0] == "policy" else key[2]

    def _rename_policy(self, table: str, old: str, new: str) -> None:
        made = self.policy_names.pop((table, old), old)
        self.renamed_away.add((table, old))
        self.renamed_away.discard((table, new))
        self.policy_names[(table, new)] = made
        self.policy_now[(table, made)] = new

    def _drop_policy(self, table: str, name: str) -> None:
        made = self.policy_names.pop((table, name), None)
        if made is None:
            if (table, name) in self.renamed_away:
                return  # no policy has that name now
            made = name
        self.policy_now.pop((table, made), None)
        self.policies.add((table, made))

    def see(self, s: Statement, routines: _Routines) -> None:
        f = s.facts
        if s.kind in _FUNCTION_DROPS:
            for n, types in routines.dropped(s):
                name = qualified(n)
                # a name PostgreSQL refuses as not unique: taken as gone, nothing said of it
                for overload in types or routines.of(name):
                    self.functions.add((name, overload))
        elif s.kind == "drop_trigger" and f.table is not None:
            self.triggers.update((qualified(f.table), n.name) for n in f.names)
        elif s.kind == "alter_table" and f.table is not None:
            t = qualified(f.table)
            for a in f.actions:
                if a.action in ("drop_column", "alter_column_type") and a.column_name:
                    self.columns.add((t, a.column_name))
                    if a.action == "drop_column":
                        self.dropped_columns.add((t, a.column_name))
                elif a.action == "drop_constraint" and a.constraint_name:
                    self.constraints.add((t, a.constraint_name))
                elif a.action in ("drop_default", "set_default") and a.column_name:
                    self.defaults.add((t, a.column_name))
                elif (
                    a.action == "set_column_option"
                    and a.column_name
                    and _DROP_EXPRESSION.search(a.text)
                ):
                    self.expressions.add((t, a.column_name))
        elif s.kind in _RELATION_DROPS:
            self.relations.update(qualified(n) for n in f.names)
        elif s.kind == "drop_index":
            self.indexes.update(qualified(n) for n in f.names)
        elif s.kind == "drop_policy" and f.table is not None:
            for n in f.names:
                self._drop_policy(qualified(f.table), n.name)
        elif s.kind == "alter_policy" and f.table is not None and f.names:
            new = _renamed_to(s)
            if new is not None:
                self._rename_policy(qualified(f.table), f.names[0].name, new)

    def removes(self, key: HeldKey, held: _Held) -> bool:
        """The expression is gone: its table, its column, its default, its constraint, its
        index or its policy, or a column a CHECK constraint or an index reads; a parameter
        default goes with its routine."""
        kind, t, name = key
        if kind == "parameter":
            return (t, _identity(key)) in self.functions
        if t in self.relations:
            return True
        if kind == "policy":
            return (t, name) in self.policies
        if kind == "trigger":
            return (t, name) in self.triggers
        if kind == "default":
            return (t, name) in self.dropped_columns or (t, name) in self.defaults
        if kind == "generated":
            return (t, name) in self.dropped_columns or (t, name) in self.expressions
        if (kind == "check" and (t, name) in self.constraints) or (
            kind == "index" and name in self.indexes
        ):
            return True
        return any((t, c) in self.dropped_columns for c in held.columns)

    def holds(self, fk: ForeignKey) -> bool:
        """The foreign key still stands: neither its table, a column of it nor it is gone."""
        return not (
            fk.table in self.relations
            or any((fk.table, n) in self.constraints for n in fk.names)
            or any((fk.table, c) in self.columns for c in fk.columns)
        )


def _foreign_keys(
    stmts: tuple[Statement, ...], i: int, t: str, deps: tuple[_Dependents, ...], gone: _Undone
) -> Iterator[Refusal]:
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
        hit = Hit(
            f"DROP TABLE {t} fails: {ref_by} ({when}) still references it with a foreign key",
            object=f"table {t}",
            statement=stmts[i],
        )
        yield Refusal(hit, ("fk", ref_by, t))


def _view_kind(view: str, fwd: _Dependents) -> str:
    return fwd.lookup(lambda d: d.view_kind, view) or "view"


def _dropped_view(
    stmts: tuple[Statement, ...], i: int, view: str, fwd: _Dependents
) -> tuple[str, str]:
    """A view's kind and when the rollback drops it after statement `i`."""
    later = _later_line(stmts, i, ("drop_view", "drop_materialized_view"), view)
    return _view_kind(view, fwd), f"dropped later, line {later}" if later else "never dropped"


def _views(
    stmts: tuple[Statement, ...], i: int, t: str, base: _Dependents, fwd: _Dependents, gone: _Undone
) -> Iterator[Refusal]:
    s = stmts[i]
    names = {qualified(n) for n in s.facts.names}
    readers = _users(base.read_by, fwd.read_by, fwd.view_reads, t)
    what = _RELATION_DROPS[s.kind]
    for view in sorted(readers - names - gone.relations):
        kind, when = _dropped_view(stmts, i, view, fwd)
        hit = Hit(
            f"DROP {what} {t} fails: {kind} {view} ({when}) still reads it",
            object=f"{what.lower()} {t}",
            statement=s,
        )
        yield Refusal(hit, ("relation", view))


def _callers(
    stmts: tuple[Statement, ...],
    i: int,
    n: ObjectName,
    overload: tuple[str, ...],
    base: _Dependents,
    fwd: _Dependents,
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP FUNCTION of `n` with the argument types `overload` fails while a view not
    dropped yet calls that overload."""
    name = qualified(n)
    fn = (name, overload)
    views = {v for v in base.callers.get(name, ()) if v not in fwd.view_calls}
    views |= fwd.callers.get(name, set())
    known = routines.of(name)
    for view in sorted(views - gone.relations):
        calls = fwd.lookup(lambda d: d.view_calls, view) or frozenset()
        if not _calls_overload(calls, name, known, overload):
            continue
        kind, when = _dropped_view(stmts, i, view, fwd)
        hit = _still_calls(stmts[i], n, routines.show(fn), f"{kind} {view} ({when})")
        yield Refusal(hit, ("relation", view))


def _calls_overload(
    calls: Iterable[_Call],
    name: str,
    known: dict[tuple[str, ...], Overload],
    overload: tuple[str, ...],
) -> bool:
    """Some call of `calls` is to the overload `overload` of the function `name`."""
    return any(c.name == name and _resolve(c, known) == overload for c in calls)


def _still_calls(s: Statement, n: ObjectName, shown: str, who: str) -> Hit:
    """DROP FUNCTION `shown` fails: `who` (a dependent and when it goes) still calls it."""
    return Hit(
        f"DROP FUNCTION {shown} fails: {who} still calls it",
        object=label("function", n),
        statement=s,
    )


def _triggers(
    stmts: tuple[Statement, ...],
    i: int,
    n: ObjectName,
    base: _Dependents,
    fwd: _Dependents,
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP FUNCTION of `n()` (a trigger function takes no arguments) fails while a trigger
    not dropped yet runs it."""
    fn = qualified(n)
    users = base.trigger_users.get(fn, set()) | fwd.trigger_users.get(fn, set())
    for table, trigger in sorted(users):
        used = fwd.lookup(lambda d: d.trigger_function, (table, trigger))
        if used != fn or table in gone.relations or (table, trigger) in gone.triggers:
            continue
        later = _later_line(stmts, i, tuple(_RELATION_DROPS), table)
        dropped = _later_trigger_drop(stmts, i, table, trigger)
        if dropped is not None and (later is None or dropped < later):
            later = dropped
        when = f"dropped later, line {later}" if later else "not dropped"
        hit = Hit(
            f"DROP FUNCTION {routines.show((fn, ()))} fails: trigger {trigger} on {table} "
            f"({when}) still uses it",
            object=label("function", n),
            statement=stmts[i],
        )
        yield Refusal(hit, ("trigger", table, trigger))


def _holders(
    base: _Dependents, fwd: _Dependents, by: str, name: str
) -> list[tuple[HeldKey, _Held]]:
    """The expressions calling (`by` = `held_calls`) or casting to (`held_types`) `name`:
    those of the earlier files the forward migration did not drop or redefine, and its own."""
    out: dict[HeldKey, _Held] = {}
    base_keys: dict[str, set[HeldKey]] = getattr(base, by)
    fwd_keys: dict[str, set[HeldKey]] = getattr(fwd, by)
    for key in base_keys.get(name, ()):
        if key not in fwd.held_removed and key not in fwd.held:
            out[key] = base.held[key]
    for key in fwd_keys.get(name, ()):
        out[key] = fwd.held[key]
    return sorted(out.items())


def _describe(key: HeldKey, routines: _Routines, gone: _Undone) -> str:
    kind, table, name = key
    if kind == "policy":
        return f"policy {gone.name_now(key)} on {table}"
    if kind == "parameter":
        return f"a parameter default of function {routines.show((table, _identity(key)))}"
    if kind == "default":
        return f"default of column {table}.{name}"
    if kind == "generated":
        return f"generated column {table}.{name}"
    if kind == "trigger":
        return f"trigger {name} on {table}"
    if kind == "check":
        return f"constraint {name} on {table}"
    return f"index {name}"


def _removed_when(
    stmts: tuple[Statement, ...],
    after: int,
    key: HeldKey,
    held: _Held,
    routines: _Routines,
    gone: _Undone,
) -> str:
    later = gone.after()  # a policy renamed before is dropped by its new name
    for s in stmts[after + 1 :]:
        later.see(s, routines)
        if later.removes(key, held):
            return f"dropped later, line {s.line}"
    return "never dropped"


def _expression_callers(
    stmts: tuple[Statement, ...],
    i: int,
    n: ObjectName,
    overload: tuple[str, ...],
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP FUNCTION of `n` with the argument types `overload` fails while a default, a
    generated column, a CHECK constraint or an index not dropped yet calls that overload."""
    name = qualified(n)
    known = routines.of(name)
    same: _Undone | None = None  # what the DROP itself removes: routines dropped with it
    for key, held in _holders(*deps, "held_calls", name):
        if gone.removes(key, held):
            continue
        if key[0] == "parameter":
            if same is None:
                same = _Undone()
                same.see(stmts[i], routines)
            if same.removes(key, held):
                continue
        if not _calls_overload(held.calls, name, known, overload):
            continue
        when = _removed_when(stmts, i, key, held, routines, gone)
        shown = routines.show((name, overload))
        hit = _still_calls(stmts[i], n, shown, f"{_describe(key, routines, gone)} ({when})")
        yield Refusal(hit, key)


def _expression_types(
    stmts: tuple[Statement, ...],
    i: int,
    what: str,
    type_name: str,
    columns: set[tuple[str, str]],
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    routines: _Routines,
    typed: set[FnKey],
) -> Iterator[Refusal]:
    """DROP TYPE fails while an expression not dropped yet casts to it (or is a constant of
    it); a default or generated column of a column still of the type is said with it, a
    parameter default of a routine whose arguments or result use it (`typed`) with those."""
    for key, held in _holders(*deps, "held_types", type_name):
        if gone.removes(key, held):
            continue
        if key[0] == "parameter" and (key[1], _identity(key)) in typed:
            continue
        kind, table, column = key
        if kind in ("default", "generated") and (table, column) in columns - gone.columns:
            continue
        when = _removed_when(stmts, i, key, held, routines, gone)
        hit = Hit(
            f"DROP {what} fails: {_describe(key, routines, gone)} ({when}) still uses it",
            object=what.split(" ", 1)[0].lower() + " " + what.split(" ", 1)[1],
            statement=stmts[i],
        )
        yield Refusal(hit, key)


def _sequence_users(
    stmts: tuple[Statement, ...],
    i: int,
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP SEQUENCE fails while a column default not dropped yet uses the sequence (in
    `nextval('s')`, or a serial column's): the sequence being owned by the column does not
    let it go."""
    s = stmts[i]
    for name in sorted({qualified(n) for n in s.facts.names}):
        for key, held in _holders(*deps, "held_sequences", name):
            if gone.removes(key, held):
                continue
            when = _removed_when(stmts, i, key, held, routines, gone)
            hit = Hit(
                f"DROP SEQUENCE {name} fails: {_describe(key, routines, gone)} ({when}) "
                "still uses it",
                object=f"sequence {name}",
                statement=s,
            )
            yield Refusal(hit, key)


def _renamed_to(s: Statement) -> str | None:
    """The new name of an ALTER POLICY ... RENAME TO."""
    return next((a.new_name for a in s.facts.actions if a.action == "rename"), None)


def _typed_columns(base: _Dependents, fwd: _Dependents, type_name: str) -> set[tuple[str, str]]:
    """The columns (table, column) of the type named `type_name` (as `_type_key` reads it):
    those of the earlier files the forward migration did not change to another type, and
    the forward migration's."""
    columns = {
        c
        for c in base.typed_columns.get(type_name, ())
        if fwd.column_type.get(c, type_name) == type_name
    }
    return columns | fwd.typed_columns.get(type_name, set())


def _row_type_of(written: str, relation: str, table: str) -> bool:
    """A column of `table` whose type is written `written` (`acct`, `app.acct[]`) may be of
    the row type of `relation` (qualified): a written schema must be the relation's; an
    unqualified name is taken as the relation's when it is in `public` or in the column's
    table's schema (where the search path usually finds it)."""
    schema = relation.rpartition(".")[0]
    if "." in written.split("(")[0]:
        return _qualified_type(written, None) == relation.lower()
    return schema in (DEFAULT_SCHEMA, table.rpartition(".")[0])


def _row_type_columns(
    stmts: tuple[Statement, ...],
    i: int,
    t: str,
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
) -> Iterator[Refusal]:
    """DROP TABLE (or VIEW) `t` fails while a column of another table, not dropped yet, is of
    its row type (`CREATE TABLE b (x a)`, `x a[]`)."""
    s = stmts[i]
    base, fwd = deps
    type_name = t.rpartition(".")[2].lower()
    if not base.typed_columns.get(type_name) and not fwd.typed_columns.get(type_name):
        return  # most tables: no column has their row type
    names = {qualified(n) for n in s.facts.names}
    what = _RELATION_DROPS[s.kind]
    for table, column in sorted(_typed_columns(base, fwd, type_name)):
        if table in names or table in gone.relations or (table, column) in gone.columns:
            continue
        written = fwd.lookup(lambda d: d.column_written, (table, column))
        if written is None or not _row_type_of(written, t, table):
            continue
        when = _column_gone_when(stmts, i, table, column)
        hit = Hit(
            f"DROP {what} {t} fails: column {column} of {table} ({when}) still uses its row type",
            object=f"{what.lower()} {t}",
            statement=s,
        )
        yield Refusal(hit, ("column", table, column))


def _column_gone_when(stmts: tuple[Statement, ...], after: int, table: str, column: str) -> str:
    """When the rollback drops `column` of `table` (or its table), or changes its type, after
    statement `after`."""
    for s in stmts[after + 1 :]:
        f = s.facts
        if s.kind in _RELATION_DROPS and table in {qualified(n) for n in f.names}:
            return f"dropped later, line {s.line}"
        if s.kind == "alter_table" and qualified(f.table) == table:
            for a in f.actions:
                if a.action in ("drop_column", "alter_column_type") and a.column_name == column:
                    done = "dropped" if a.action == "drop_column" else "changed"
                    return f"{done} later, line {s.line}"
    return "never dropped"


def _policy_reads(
    stmts: tuple[Statement, ...],
    i: int,
    t: str,
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """DROP TABLE (or VIEW) `t` fails while a policy of another table, not dropped yet, reads
    it in a subquery (`USING (EXISTS (SELECT 1 FROM t ...))`)."""
    if not any(d.held_reads.get(t) for d in deps):
        return  # most tables: no policy reads them
    s = stmts[i]
    names = {qualified(n) for n in s.facts.names}
    what = _RELATION_DROPS[s.kind]
    for key, held in _holders(*deps, "held_reads", t):
        if key[0] != "policy" or key[1] in names or gone.removes(key, held):
            continue
        when = _removed_when(stmts, i, key, held, routines, gone)
        hit = Hit(
            f"DROP {what} {t} fails: {_describe(key, routines, gone)} ({when}) still reads it",
            object=f"{what.lower()} {t}",
            statement=s,
        )
        yield Refusal(hit, key)


def _policy_columns(
    stmts: tuple[Statement, ...],
    i: int,
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    routines: _Routines,
) -> Iterator[Refusal]:
    """ALTER TABLE t DROP COLUMN (without CASCADE) or ALTER COLUMN ... TYPE fails while a
    policy on t not dropped yet reads the column: dropping a column does not drop the policy,
    and PostgreSQL does not rebuild a policy for a column's new type."""
    columns = [
        (a.column_name, _change(a))
        for a in stmts[i].facts.actions
        if a.column_name
        and (
            (a.action == "drop_column" and not a.cascade)
            or (a.action == "alter_column_type" and a.data_type)
        )
    ]
    if not columns:
        return
    t = qualified(stmts[i].facts.table)
    if t in gone.relations:
        return  # the rollback made the table again: its policies are not the files'
    policies = [
        (k, h, h.read_columns()) for k, h in _holders(*deps, "held_on", t) if k[0] == "policy"
    ]
    for column, change in columns:
        for key, held, read in policies:
            if column not in read or gone.removes(key, held):
                continue
            when = _removed_when(stmts, i, key, held, routines, gone)
            hit = Hit(
                f"ALTER TABLE {t} {change} fails: {_describe(key, routines, gone)} "
                f"({when}) still reads it" + ("" if change.startswith("DROP") else _AGAIN),
                object=f"column {t}.{column}",
                statement=stmts[i],
            )
            yield Refusal(hit, key)


_AGAIN = ": drop it before and make it again after"


def _change(a: AlterAction) -> str:
    """`DROP COLUMN c`, `ALTER COLUMN c TYPE t` as a message shows the action."""
    if a.action == "drop_column":
        return f"DROP COLUMN {a.column_name}"
    return f"ALTER COLUMN {a.column_name} TYPE {a.data_type}"


# Types a constant of an enum is cast to in an assignment (I/O conversion to a string type)
_STRING_TYPES = frozenset(
    {"text", "varchar", "character varying", "char", "character", "bpchar", "name", "citext"}
)
_INT4_MAX = 2**31 - 1
_INT8_MAX = 2**63 - 1
# a number as PostgreSQL reads a constant: an integer (`0`, `-1`), else a numeric
_NUMBER = re.compile(r"^([+-]?)\s*(?:(\d+)|(?:\d+\.\d*|\.\d+|\d+)(?:e[+-]?\d+)?)$", re.I)
_TYPED_CONSTANT = re.compile(
    r"^(.*?)::\s*([A-Za-z_][\w. \"]*(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)$", re.S
)
_MODIFIERS = re.compile(r"\([^()]*\)")


def _unwrapped(text: str) -> str:
    """`((0))` -> `0`: the expression inside the parentheses around all of it."""
    text = text.strip()
    while text.startswith("(") and closing_paren(text, 0) == len(text) - 1:
        text = text[1:-1].strip()
    return text


@functools.lru_cache(maxsize=1024)
def _constant_type(default: str) -> str | None:
    """The type of a default that is a number, a boolean or a constant cast to a type, as
    PostgreSQL keeps it under the cast to its column's type: `0` and `-1` are integer (bigint
    past integer's range, numeric past bigint's: `-2147483648` is read as `-(2147483648)`),
    `1.5` and `1e3` numeric, `true` boolean, `0::bigint` and `'t'::boolean` of the type cast
    to. None for anything else (a string without a cast is of its column's type)."""
    text = _unwrapped(default)
    m = _TYPED_CONSTANT.match(text)
    if m is not None:
        inner = _unwrapped(m.group(1))
        known = _STRING.match(inner) is not None or _constant_type(inner) is not None
        return m.group(2).strip() if known and "::" not in inner else None
    low = text.lower()
    if low in ("true", "false"):
        return "boolean"
    m = _NUMBER.match(text)
    if m is None:
        return None
    if m.group(2) is None:
        return "numeric"
    value = int(m.group(2))
    if value <= _INT4_MAX:
        return "integer"
    return "bigint" if value <= _INT8_MAX + (m.group(1) == "-") else "numeric"


def _cast_kind(written: str) -> str | None:
    """What a built-in type is for its casts, as SC042 (`type-change-needs-using`) tells them:
    a type of its `STRING_TYPES` or `ASSIGNMENT_CASTS`, with `[]` for an array (None: not one
    of them, such as a domain or a type the files made)."""
    name = data_type(written)
    if name.endswith("[]"):
        element = _cast_kind(name[:-2])
        return None if element is None else element + "[]"
    base = " ".join(_MODIFIERS.sub("", name).split())
    if base.startswith("interval "):  # interval day to second
        base = "interval"
    return base if base in STRING_TYPES or base in ASSIGNMENT_CASTS else None


_CAST_STRING = re.compile(r"^\s*(?:E)?'(?:[^']|'')*'\s*::\s*([\w.\" ]+?)\s*$", re.I)


class _TypesNow:
    """The types of columns as the rollback goes, statement by statement: the types it
    renames (`ALTER TYPE ... RENAME TO`: an enum swap renames the old type away and creates a
    new one under its name), the types it creates, the columns whose type it changes, and the
    defaults it sets or drops. A type is told by an identity: its name in the files, or
    `+name#n` for the n-th type the rollback creates."""

    def __init__(self, fwd: _Dependents) -> None:
        self._fwd = fwd
        self.names: dict[str, str] = {}  # identity -> name now (the renamed and created)
        self.enums: set[str] = set()  # identities of the enums the rollback creates
        self.columns: dict[tuple[str, str], tuple[str, str]] = {}  # -> identity, as written
        self.defaults: dict[tuple[str, str], str | None] = {}
        # the type (identity, as written) of the column when the rollback set its default
        self.default_types: dict[tuple[str, str], tuple[str, str] | None] = {}

    def named(self, name: str) -> str | None:
        """The identity of the type named `name` now (None: the files' type of that name was
        renamed away and no other has the name)."""
        for ident in reversed(self.names):
            if self.names[ident] == name:
                return ident
        return None if name in self.names else name

    def name_of(self, ident: str) -> str:
        return self.names.get(ident, ident)

    def is_enum(self, ident: str) -> bool:
        if ident.startswith("+"):
            return ident in self.enums
        return self._fwd._is_enum(ident)

    def column(self, t: str, c: str) -> tuple[str, str] | None:
        """The identity of a column's type now, and its type as written."""
        now = self.columns.get((t, c))
        if now is not None:
            return now
        written = self._fwd.lookup(lambda d: d.column_written, (t, c))
        if written is None:
            return None
        return _type_key(written).strip('"').lower(), written

    def default_type(self, t: str, c: str) -> tuple[str, str] | None:
        """The type (identity, as written) of the constant a column's default is: the
        column's when the default was set (by the rollback, else by the files), which a
        later change of the column's type keeps; the column's type now when that is not
        known."""
        if (t, c) in self.default_types:
            return self.default_types[(t, c)]
        for deps in (self._fwd, self._fwd.outer):
            if deps is not None and (t, c) in deps.default_type:
                written = deps.default_type[(t, c)]
                if written is None:
                    break
                return _type_key(written).strip('"').lower(), written
        return self.column(t, c)

    def default(self, t: str, c: str) -> str | None:
        if (t, c) in self.defaults:
            return self.defaults[(t, c)]
        for deps in (self._fwd, self._fwd.outer):
            if deps is not None and (t, c) in deps.column_default:
                return deps.column_default[(t, c)]
        return None

    def see(self, s: Statement) -> None:
        f = s.facts
        if s.kind == "alter_type" and f.name is not None:
            for a in f.actions:
                ident = self.named(f.name.name.lower())
                if a.action == "rename_type" and a.new_name and ident is not None:
                    self.names[ident] = a.new_name.strip('"').lower()
        elif s.kind in ("create_type", "create_domain") and f.name is not None:
            ident = f"+{f.name.name.lower()}#{len(self.names)}"
            self.names[ident] = f.name.name.lower()
            if s.kind == "create_type" and _ENUM.search(s.text):
                self.enums.add(ident)
        elif s.kind == "alter_table" and f.table is not None:
            t = qualified(f.table)
            # PostgreSQL drops a default before a type changes and sets one after
            for a in sorted(f.actions, key=lambda a: a.action == "set_default"):
                c = a.column_name
                if not c:
                    continue
                if a.action == "alter_column_type" and a.data_type:
                    key = _type_key(a.data_type).strip('"').lower()
                    self.columns[(t, c)] = (self.named(key) or f"?{key}", a.data_type)
                elif a.action == "set_default":
                    self.defaults[(t, c)] = a.default
                    self.default_types[(t, c)] = self.column(t, c)
                elif a.action == "drop_default":
                    self.defaults[(t, c)] = None
                    self.default_types[(t, c)] = None


def _constant_of(default: str | None, written: str) -> bool:
    """The default is a constant of the column's type (`'member'`, `'member'::team_role`):
    PostgreSQL keeps it as one, and casts it to the new type when the column's type changes."""
    if default is None:
        return False
    if _STRING.match(default) is not None:
        return True
    m = _CAST_STRING.match(default)
    return (
        m is not None
        and _type_key(m.group(1)).strip('"').lower() == _type_key(written).strip('"').lower()
    )


def _type_changes(
    stmts: tuple[Statement, ...],
    i: int,
    deps: tuple[_Dependents, _Dependents],
    gone: _Undone,
    types: _TypesNow,
    routines: _Routines,
) -> Iterator[Refusal]:
    """ALTER TABLE t ALTER COLUMN c TYPE x fails while a view or materialized view not dropped
    yet reads the column (or a generated column's expression, a trigger's UPDATE OF or WHEN),
    or while the column's default is a constant PostgreSQL cannot cast to the new type in an
    assignment: an enum's (`'member'` of `team_role`, which an enum swap has renamed
    `team_role_old`) or a string's to an enum or to a built-in type such as integer (not to a
    type the files do not show, such as a domain)."""
    s = stmts[i]
    t = qualified(s.facts.table)
    if t in gone.relations:
        return  # the rollback made the table again: what depends on it is not the files'
    base, fwd = deps
    for a in s.facts.actions:
        c = a.column_name
        if a.action != "alter_column_type" or not c or not a.data_type:
            continue
        change = _change(a)
        for view in sorted(_users(base.read_by, fwd.read_by, fwd.view_reads, t) - gone.relations):
            if _view_reads_column(view, t, c, base, fwd):
                kind, when = _dropped_view(stmts, i, view, fwd)
                hit = Hit(
                    f"ALTER TABLE {t} {change} fails: {kind} {view} ({when}) still reads it"
                    + _AGAIN,
                    object=f"column {t}.{c}",
                    statement=s,
                )
                yield Refusal(hit, ("relation", view))
        for reader, held in _holders(*deps, "held_on", t):
            if reader[0] not in ("generated", "trigger") or reader == ("generated", t, c):
                continue  # a generated column's own type may change
            if c not in held.columns or gone.removes(reader, held):
                continue
            when = _removed_when(stmts, i, reader, held, routines, gone)
            hit = Hit(
                f"ALTER TABLE {t} {change} fails: {_describe(reader, routines, gone)} ({when}) "
                "still reads it" + _AGAIN,
                object=f"column {t}.{c}",
                statement=s,
            )
            yield Refusal(hit, reader)
        if any(b.action == "drop_default" and b.column_name == c for b in s.facts.actions):
            continue  # PostgreSQL drops it before the type changes (a SET DEFAULT comes after)
        constant = types.default_type(t, c)  # the column's type when the default was set
        default = types.default(t, c)
        if default is None:
            continue
        key = _type_key(a.data_type).strip('"').lower()
        new = types.named(key) or f"?{key}"
        to_enum = not new.startswith("?") and types.is_enum(new)
        if constant is not None and _constant_of(default, constant[1]):
            ident, written = constant  # a string: of the column's type then
        elif (typed := _constant_type(default)) is not None:
            written = typed  # a number, a boolean, a constant cast to a type
            ident = _type_key(typed).strip('"').lower()
            ident = types.named(ident) or f"?{ident}"
        else:
            continue
        if not ident.startswith("?") and types.is_enum(ident):
            # to another enum, or to a number, uuid, json...
            to_kind = _cast_kind(a.data_type)
            refused = new != ident and (
                to_enum or (to_kind is not None and to_kind not in STRING_TYPES)
            )
        else:
            old_kind = _cast_kind(written)
            new_kind = f"enum {new}" if to_enum else _cast_kind(a.data_type)
            if to_enum and a.data_type.rstrip().endswith("]"):
                new_kind = f"enum {new}[]"
            refused = (
                old_kind is not None and new_kind is not None and cast_refused(old_kind, new_kind)
            )
        if refused:
            shown = written if ident.startswith("?") else types.name_of(ident)
            hit = Hit(
                f"ALTER TABLE {t} {change} fails: the default of column {c} ({default}, a "
                f"constant of type {shown}) cannot be cast to it: drop the "
                f"default first (ALTER COLUMN {c} DROP DEFAULT) and set it again after",
                object=f"column {t}.{c}",
                statement=s,
            )
            yield Refusal(hit, ("default", t, c))


def _view_reads_column(view: str, t: str, c: str, base: _Dependents, fwd: _Dependents) -> bool:
    """The view reads column `c` of table `t`: by name, or with `*` (`t.*`) when the column
    was there when the view was made (a later file's column is not in the view)."""
    s = fwd.lookup(lambda d: d.view_statement, view)
    if s is None:
        return False
    key = (id(s), t)
    found = base.view_columns.get(key)
    if found is None:
        found = base.view_columns[key] = _view_columns(s, t)
    columns, star = found
    if c in columns:
        return True
    if not star:
        return False
    since = fwd.lookup(lambda d: d.column_since, (t, c))
    if since is None:  # a column the table was created with
        since = fwd.lookup(lambda d: d.column_since, (t, ""))
    made = fwd.lookup(lambda d: d.view_since, view)
    return since is None or made is None or since <= made


def _view_columns(s: Statement, table: str) -> tuple[frozenset[str], bool]:
    """The columns of `table` (qualified) the query of a CREATE [MATERIALIZED] VIEW reads by
    name (qualified by the table's name or alias, or unqualified in a SELECT whose FROM has
    the table), and whether it reads all of them (`*` in such a SELECT, `alias.*`)."""
    tree = s.tree
    query = tree.expression if isinstance(tree, exp.Create) else None
    if not isinstance(query, exp.Query):
        return frozenset(), False
    implied = s.facts.name.implied if s.facts.name is not None else None
    ctes = {c.alias_or_name for c in query.find_all(exp.CTE)}
    aliases: set[str] = set()
    scopes: set[int] = set()  # the SELECTs whose FROM has the table
    for node in query.find_all(exp.Table):
        name = _folded(node.this)
        schema = _folded(node.args.get("db"))
        if schema is None and name in ctes:
            continue
        if not name or qualified(ObjectName(name, schema, implied=None if schema else implied)) != (
            table
        ):
            continue
        alias = node.args.get("alias")
        shown = _folded(alias.this) if isinstance(alias, exp.TableAlias) else None
        aliases.add(shown or name)
        select = node.find_ancestor(exp.Select)
        if select is not None:
            scopes.add(id(select))
    if not aliases:
        return frozenset(), False
    columns: set[str] = set()
    star = False
    for col in query.find_all(exp.Column):
        qualifier = _folded(col.args.get("table"))
        if qualifier is None and id(col.find_ancestor(exp.Select)) not in scopes:
            continue
        if qualifier is not None and qualifier not in aliases:
            continue
        if isinstance(col.this, exp.Star):
            star = True
        elif (name := _folded(col.this)) is not None:
            columns.add(name)
    for every in query.find_all(exp.Star):
        if isinstance(every.parent, exp.Select) and id(every.parent) in scopes:
            star = True
    return frozenset(columns), star


class Refusal(NamedTuple):
    """A statement PostgreSQL refuses because something still depends on what it drops or
    changes: `hit` says so in SC029's words (with when the file drops the dependent after it:
    `(never dropped)`, `(dropped later, line N)`), `dependent` is what holds it:
    ("relation", view), ("fk", table, referenced table), ("function", name), ("trigger",
    table, name), ("column", table, column), or a `HeldKey` (("policy", table, name),
    ("default", table, column), ("generated", ...), ("check", ...), ("index", table, index),
    ("parameter", routine, types))."""

    hit: Hit
    dependent: tuple[str, ...]


class DropOrder:
    """A file's statements walked in order against the dependents made before them: `base`
    (the earlier files) and `made` (made after them: a rollback's forward migration, which
    may redefine what the earlier files made). `refused(i)` are the refusals of statement
    `i`, given what the statements before it dropped; `passed(i)` records what statement `i`
    drops (in `gone`: a new record unless given). `base` and `made` may grow between
    statements (`grown()` after they did)."""

    def __init__(
        self,
        stmts: tuple[Statement, ...],
        base: _Dependents,
        made: _Dependents,
        gone: _Undone | None = None,
    ) -> None:
        self.stmts = stmts
        self.base = base
        self.made = made
        self.routines = _Routines(base, made)
        self.gone = gone if gone is not None else _Undone()
        self.columns_now = _TypesNow(made)

    def grown(self) -> None:
        """`base` or `made` holds more routines than when the walk began."""
        self.routines = _Routines(self.base, self.made)

    def passed(self, i: int) -> None:
        s = self.stmts[i]
        if s.kind not in _SEEN:
            return  # `_Undone.see` and `_TypesNow.see` take nothing from it
        self.gone.see(s, self.routines)
        self.columns_now.see(s)

    def columns_read(self, i: int) -> Iterator[Refusal]:
        """ALTER TABLE t DROP COLUMN c (without CASCADE) fails while a view or materialized
        view not dropped yet reads the column (by name, or with `*` when the column was there
        when the view was made). Apart from `refused`: SC029 and SC044 chain the two."""
        s = self.stmts[i]
        if s.kind != "alter_table" or s.facts.table is None:
            return
        t = qualified(s.facts.table)
        base, fwd, gone = self.base, self.made, self.gone
        if t in gone.relations:
            return  # made again: what depends on it is not the files'
        for a in s.facts.actions:
            c = a.column_name
            if a.action != "drop_column" or a.cascade or not c or (t, c) in gone.dropped_columns:
                continue
            for view in sorted(
                _users(base.read_by, fwd.read_by, fwd.view_reads, t) - gone.relations
            ):
                if _view_reads_column(view, t, c, base, fwd):
                    kind, when = _dropped_view(self.stmts, i, view, fwd)
                    said = f"{kind} {view} ({when}) still reads it"
                    hit = Hit(
                        f"ALTER TABLE {t} {_change(a)} fails: {said}",
                        object=f"column {t}.{c}",
                        statement=s,
                    )
                    yield Refusal(hit, ("relation", view))

    def refused(self, i: int) -> Iterator[Refusal]:
        stmts, base, fwd = self.stmts, self.base, self.made
        routines, gone = self.routines, self.gone
        s = stmts[i]
        f = s.facts
        if s.kind in _RELATION_DROPS and not f.cascade:
            for t in sorted({qualified(n) for n in f.names}):
                if s.kind == "drop_table":
                    yield from _foreign_keys(stmts, i, t, (base, fwd), gone)
                yield from _views(stmts, i, t, base, fwd, gone)
                yield from _policy_reads(stmts, i, t, (base, fwd), gone, routines)
                readers = _users(base.read_by_function, fwd.read_by_function, fwd.function_reads, t)
                what = f"{_RELATION_DROPS[s.kind]} {t}"
                yield from _functions(stmts, i, what, readers, "reads it", gone, routines)
                if t.rpartition(".")[2].lower() not in _CATALOG_TYPES:
                    typed = _users(
                        base.typed_functions, fwd.typed_functions, fwd.function_types, t.lower()
                    )
                    yield from _functions(
                        stmts, i, what, typed, "uses its row type", gone, routines
                    )
                    yield from _row_type_columns(stmts, i, t, (base, fwd), gone)
        elif s.kind in _FUNCTION_DROPS and not f.cascade:
            for n, types in routines.dropped(s):
                if len(types) > 1:
                    continue  # which overload it drops is not known statically: nothing said
                if () in types:
                    yield from _triggers(stmts, i, n, base, fwd, gone, routines)
                for overload in sorted(types):
                    yield from _callers(stmts, i, n, overload, base, fwd, gone, routines)
                    if s.kind != "drop_procedure":  # a procedure is called by no expression
                        deps = (base, fwd)
                        yield from _expression_callers(stmts, i, n, overload, deps, gone, routines)
        elif s.kind == "alter_table" and f.table is not None:
            yield from _policy_columns(stmts, i, (base, fwd), gone, routines)
            if any(a.action == "alter_column_type" for a in f.actions):
                yield from _type_changes(stmts, i, (base, fwd), gone, self.columns_now, routines)
        elif s.kind == "drop_sequence" and not f.cascade:
            yield from _sequence_users(stmts, i, (base, fwd), gone, routines)
        elif s.kind in ("drop_type", "drop_domain") and not f.cascade:
            for n in f.names:
                type_name = n.name.lower()
                columns = _typed_columns(base, fwd, type_name)
                tables = {
                    t for t, c in columns if t not in gone.relations and (t, c) not in gone.columns
                }
                for table in sorted(tables):
                    hit = Hit(
                        f"DROP TYPE {qualified(n)} fails: a column of {table} still uses it",
                        object=label("type", n),
                        statement=s,
                    )
                    yield Refusal(hit, ("relation", table))
                typed = _users(
                    base.typed_functions,
                    fwd.typed_functions,
                    fwd.function_types,
                    qualified(n).lower(),
                )
                what = f"{'DOMAIN' if s.kind == 'drop_domain' else 'TYPE'} {qualified(n)}"
                yield from _functions(stmts, i, what, typed, "uses it", gone, routines)
                yield from _expression_types(
                    stmts, i, what, type_name, columns, (base, fwd), gone, routines, typed
                )


# the kinds of statement `_Undone.see` or `_TypesNow.see` take something from
_SEEN = frozenset(
    {
        *_FUNCTION_DROPS,
        *_RELATION_DROPS,
        "drop_trigger",
        "alter_table",
        "drop_index",
        "drop_policy",
        "alter_policy",
        "alter_type",
        "create_type",
        "create_domain",
    }
)

# the dependency model, for the rules that walk other files than rollbacks
Dependents = _Dependents  # what the files made, and what depends on it
Dropped = _Undone  # what the statements walked so far dropped


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
    walk = DropOrder(ctx.file.statements, base, fwd)
    for i in range(len(ctx.file.statements)):
        for refusal in itertools.chain(walk.refused(i), walk.columns_read(i)):
            yield refusal.hit
        walk.passed(i)
