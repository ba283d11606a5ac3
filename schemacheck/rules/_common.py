"""Shared knowledge for the rules: which statements lock which tables, what a migration
creates, how to spot `now()` in a WHERE clause."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from sqlglot import exp

from schemacheck.ddl.params import read_param
from schemacheck.ddl.statement import AlterAction, FileRole, ObjectName, SqlFile, Statement
from schemacheck.ddl.words import Cursor, expand
from schemacheck.ddl.words import split_top_level as split_word_list
from schemacheck.ddl.words import tokenize as tokenize_words
from schemacheck.normalize import argument_type, identifier, split_top_level
from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.rules.context import Context, qualified, schema_of

_T = TypeVar("_T")

BOOKKEEPING_TABLES = frozenset({"schema_migrations", "flyway_schema_history", "alembic_version"})
# Prerequisite files are the earlier, already deployed schema: they give context (which tables
# exist, what a rollback may touch) and are parsed, but nobody reviews them again.
SCHEMA_ROLES: tuple[FileRole, ...] = ("migration", "rollback", "other")
FORWARD_ROLES: tuple[FileRole, ...] = ("migration", "other")

# ALTER TABLE actions that take no ACCESS EXCLUSIVE lock worth a warning, or none at all.
_MILD_ACTIONS = frozenset({"validate_constraint", "owner_to", "other"})


def label(kind: str, name: ObjectName | None, table: ObjectName | None = None) -> str:
    """`table public.messages`, `index public.idx`, `constraint public.messages.chk`."""
    if name is None and table is None:
        return kind
    if table is not None and name is not None:
        return f"{kind} {qualified(table)}.{name.name}"
    return f"{kind} {qualified(name or table)}"


def dropped_names(s: Statement) -> str:
    """What a DROP names: its objects, or for the nameless ones the cast's `(source AS
    target)` and the transform's `FOR type LANGUAGE lang`."""
    f = s.facts
    if f.names:
        return ", ".join(n.qualified for n in f.names)
    if s.kind == "drop_cast" and f.arguments is not None:
        return f"({f.arguments})"
    if s.kind == "drop_transform" and f.arguments is not None:
        return f"FOR {f.arguments} LANGUAGE {f.language}"
    return ""


def locked_table(stmt: Statement) -> ObjectName | None:
    """The table a statement locks strongly enough to block (or queue behind) normal reads
    and writes, or None."""
    f = stmt.facts
    k = stmt.kind
    if k == "alter_table":
        if any(a.action not in _MILD_ACTIONS for a in f.actions):
            return f.table
        return None
    if k == "create_index" and not f.concurrently:
        return f.table
    if k in ("create_trigger", "drop_trigger", "create_policy", "create_rule"):
        return f.table
    if k in ("drop_table", "truncate", "lock", "cluster") and f.names:
        return f.names[0]
    if k == "vacuum" and "FULL" in f.options and f.names:
        return f.names[0]
    if k == "refresh_materialized_view" and not f.concurrently:
        return f.name
    return None


def sets_lock_timeout(stmt: Statement) -> bool:
    """`SET [LOCAL] lock_timeout = '...'` (not 0) or `SELECT set_config('lock_timeout', ...)`."""
    if stmt.kind == "set" and stmt.facts.setting == "lock_timeout":
        value = (stmt.facts.value or "").strip().strip("'\"").lower()
        return value not in ("0", "default", "")
    if stmt.kind == "select":
        return bool(re.search(r"set_config\s*\(\s*'lock_timeout'\s*,\s*'[^0']", stmt.text, re.I))
    return False


# ---------------------------------------------------------------- time windows

_NOW_FUNCTIONS = frozenset(
    {"now", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "timeofday"}
)
_NOW_TYPES: tuple[type[exp.Expr], ...] = (
    exp.CurrentTimestamp,
    exp.CurrentDate,
    exp.CurrentTime,
    exp.Localtimestamp,
    exp.Localtime,
)


def _is_now(node: exp.Expr) -> bool:
    if isinstance(node, _NOW_TYPES):
        return True
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower() in _NOW_FUNCTIONS
    return False


def _has_now(node: exp.Expr | None) -> bool:
    return node is not None and any(_is_now(n) for n in node.walk())


def _has_column(node: exp.Expr | None) -> bool:
    return node is not None and any(isinstance(n, exp.Column) for n in node.walk())


def _age_of_column(node: exp.Expr) -> bool:
    """`now() - created_at`, `age(created_at)`, `age(now(), created_at)`, also inside another
    expression (`extract(epoch FROM now() - created_at)`)."""
    for n in node.walk():
        if isinstance(n, exp.Sub) and _has_now(n.this) and _has_column(n.expression):
            return True
        if isinstance(n, exp.Anonymous) and str(n.this).lower() == "age" and _has_column(n):
            return True
    return False


_WRITE_TIME = re.compile(
    r"^(created|inserted|updated|modified|added|written|sent|logged|received)"
    r"(_(at|on|time|ts|date))?$"
)


def _column_names(node: exp.Expr) -> set[str]:
    return {c.name.lower() for c in node.find_all(exp.Column)}


def _reaches_back(node: exp.Expr) -> bool:
    """A bound before now: `now() - interval ...`, `current_date`, `date_trunc(..., now())`,
    `now()::date` (a bare `now()` or `now() + ...` reaches forward)."""
    for n in node.walk():
        if isinstance(n, exp.Sub) and _has_now(n.this):
            return True
        if isinstance(n, exp.CurrentDate):
            return True
        if isinstance(n, (exp.DateTrunc, exp.TimestampTrunc)) and _has_now(n):
            return True
        if isinstance(n, exp.Anonymous) and str(n.this).lower() == "date_trunc" and _has_now(n):
            return True
        if isinstance(n, exp.Cast) and _has_now(n.this) and n.to.this == exp.DataType.Type.DATE:
            return True
    return False


def _window(column_side: exp.Expr, now_side: exp.Expr) -> bool:
    """`column_side >= now_side` picks recently written rows: the bound reaches back from
    now, or the column is a write time (`created_at >= now()` in the inserting transaction)."""
    if not _has_column(column_side) or _has_now(column_side) or not _has_now(now_side):
        return False
    if _has_column(now_side):
        return False
    return _reaches_back(now_side) or any(_WRITE_TIME.match(c) for c in _column_names(column_side))


def recent_window(where: exp.Expr) -> exp.Expr | None:
    """The comparison that picks rows by a window ending at now (`created_at > now() - ...`,
    `created_at BETWEEN now() - ... AND now()`, `now() - created_at < ...`,
    `age(created_at) < ...`, `created_at::date = current_date`), or None. Comparisons against
    now that pick *old* rows (`expires_at < now()`) or future ones (`expires_at > now()`)
    are not windows."""
    for node in where.walk():
        if isinstance(node, (exp.GT, exp.GTE)):
            left, right = node.this, node.expression
            if _window(left, right):
                return node
            if _age_of_column(right) and not _has_column(left):
                return node
        elif isinstance(node, (exp.LT, exp.LTE)):
            left, right = node.this, node.expression
            if _window(right, left):
                return node
            if _age_of_column(left) and not _has_column(right):
                return node
        elif isinstance(node, exp.EQ):
            left, right = node.this, node.expression
            if (_window(left, right) and _reaches_back(right)) or (
                _window(right, left) and _reaches_back(left)
            ):
                return node
        elif (
            isinstance(node, exp.Between)
            and _has_column(node.this)
            and _has_now(node.args.get("low"))
        ):
            return node
    return None


def where_expression(stmt: Statement) -> exp.Expr | None:
    """The WHERE condition of an UPDATE/DELETE as a sqlglot expression."""
    tree = stmt.tree
    if isinstance(tree, (exp.Update, exp.Delete)):
        where = tree.args.get("where")
        if isinstance(where, exp.Where):
            cond = where.this
            return cond if isinstance(cond, exp.Expr) else None
    text = stmt.facts.where
    if not text:
        return None
    try:
        parsed = quiet_parse_one(f"SELECT 1 WHERE {text}", read="postgres")
    except Exception:  # the WHERE text comes from a statement sqlglot could not parse
        return None
    where = parsed.args.get("where")
    if isinstance(where, exp.Where) and isinstance(where.this, exp.Expr):
        return where.this
    return None


# ---------------------------------------------------------------- what a migration creates


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key of `table` referencing `target` (qualified names): the names PostgreSQL
    may know it by (as written, or the default `<table>_<columns>_fkey`) and its columns
    (dropping any of them drops the key)."""

    table: str
    target: str
    names: frozenset[str]
    columns: frozenset[str]


# ---------------------------------------------------------------- functions and procedures

# A function or procedure as PostgreSQL tells it from the others of its name: its qualified
# name and its identity argument types (IN, INOUT and VARIADIC; OUT arguments, names, defaults
# and type modifiers do not count, `int4` is `integer`).
RoutineKey = tuple[str, tuple[str, ...]]
ANY_TYPE = "?"  # an argument type not known statically (`users.email%TYPE`)
ROUTINE_CREATES = ("create_function", "create_procedure")
ROUTINE_DROPS = {
    "drop_function": "function",
    "drop_procedure": "procedure",
    "drop_routine": "routine",
}
_K = TypeVar("_K")
_V = TypeVar("_V")
_DEFAULT = re.compile(r"\s(?:DEFAULT\b|=)", re.I)


_PUBLIC = re.compile(r'^\s*(?:public|"public")\s*\.', re.I)


def argument_key(text: str) -> str:
    """An argument type as overloads are compared: `int4` -> `integer`, `varchar(10)` ->
    `character varying`, `app.mood` and `public.mood` keep their schema, `mood` has none (the
    search path decides), `t.c%TYPE` -> `?` (PostgreSQL takes the column's type, not known
    statically: any)."""
    if text.lower().endswith("%type"):
        return ANY_TYPE
    schema, dot, name = argument_type(text).rpartition(".")
    if not dot and _PUBLIC.match(text):
        schema, dot = "public", "."
    return schema + dot + name.strip('"')


def shown_type(key: str) -> str:
    """An argument type as PostgreSQL shows it on the default search path: `public.mood` ->
    `mood`."""
    return key.removeprefix("public.")


class Overload(NamedTuple):
    """A parameter list as PostgreSQL tells routines apart: the identity types (IN, INOUT and
    VARIADIC), every type (OUT ones too: DROP PROCEDURE may list them), how many identity
    arguments a call must give (the others have defaults), whether the last is VARIADIC, and
    the identity types as shown (a `%TYPE` reference as written)."""

    identity: tuple[str, ...]
    every: tuple[str, ...]
    required: int
    variadic: bool
    shown: tuple[str, ...]
    procedure: bool = False


@functools.lru_cache(maxsize=4096)
def overload(arguments: str, procedure: bool = False) -> Overload:
    """The overload a CREATE FUNCTION / PROCEDURE's parameter list (or a DROP's) makes or
    names."""
    identity: list[str] = []
    every: list[str] = []
    shown: list[str] = []
    required = 0
    variadic = False
    for part in split_top_level(arguments):
        read = read_param(part)
        if read is None:
            continue
        t = argument_key(read[2])
        every.append(t)
        if read[0] == "out":
            continue
        identity.append(t)
        shown.append(" ".join(read[2].split()) if t == ANY_TYPE else shown_type(t))
        variadic = read[0] == "variadic"
        if _DEFAULT.search(part) is None and not variadic:
            required = len(identity)
    return Overload(tuple(identity), tuple(every), required, variadic, tuple(shown), procedure)


def same_type(a: str, b: str) -> bool:
    """Two argument types may be one: equal, one not known statically (`?`), or the same name
    with a schema and without one (an unqualified type is looked up through the search path,
    which may hold that schema: `mood` is `app.mood` under `SET search_path = app`).
    `app.mood` and `public.mood` are two types."""
    if a == b or ANY_TYPE in (a, b):
        return True
    a_schema, _, a_name = a.rpartition(".")
    b_schema, _, b_name = b.rpartition(".")
    return a_name == b_name and not (a_schema and b_schema)


def same_types(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same identity, as far as it is known statically (`same_type`)."""
    return a == b or (len(a) == len(b) and all(map(same_type, a, b)))


def _names(drop: Overload, kind: str, made: Overload) -> int:
    """How a DROP of `kind` (`function`, `procedure`, `routine`) with the parameter list
    `drop` names the routine `made`: 2 for sure (the same types), 1 maybe (a type not known
    statically, or an unqualified type among qualified ones), 0 not. The types not marked OUT
    are matched with the identity; DROP PROCEDURE (and ROUTINE) of a procedure also takes
    every argument's type, OUT ones included."""
    pairs = [(drop.identity, made.identity)]
    if made.procedure and kind.lower() != "function":
        pairs.append((drop.every, made.every))
    found = 0
    for a, b in pairs:
        if a == b and ANY_TYPE not in a:
            return 2
        if same_types(a, b):
            found = 1
    return found


def routines_dropped(
    arguments: str, kind: str, candidates: Iterable[tuple[_K, Overload]]
) -> list[_K]:
    """Which of `candidates` (routines of one name) a DROP of `kind` with the argument list
    `arguments` drops: the one of those very types when there is one (PostgreSQL drops no
    other), else those it may name (a `%TYPE` argument, an unqualified type)."""
    drop = overload(arguments)
    scored = [(_names(drop, kind, made), key) for key, made in candidates]
    best = max((score for score, _ in scored), default=0)
    return [key for score, key in scored if score == best > 0]


def routine_key(s: Statement) -> RoutineKey | None:
    """(qualified name, identity types) of the routine a CREATE FUNCTION / PROCEDURE makes."""
    f = s.facts
    if s.kind not in ROUTINE_CREATES or f.name is None:
        return None
    return qualified(f.name), overload(f.arguments or "").identity


def created_overload(s: Statement) -> Overload:
    """The overload a CREATE FUNCTION / PROCEDURE makes."""
    return overload(s.facts.arguments or "", s.kind == "create_procedure")


def signature(key: RoutineKey) -> str:
    """`public.f(integer, text)`."""
    return f"{key[0]}({', '.join(key[1])})"


def dropped_routines(s: Statement) -> list[tuple[ObjectName, str | None]]:
    """Each routine a DROP FUNCTION / PROCEDURE / ROUTINE names, with its argument list as
    written (None without one: the only routine of that name), one per name in `DROP
    FUNCTION f(integer), g(text)`."""
    f = s.facts
    word = ROUTINE_DROPS.get(s.kind)
    if word is None or not f.names:
        return []
    if len(f.names) == 1:
        return [(f.names[0], f.arguments)]
    # the static replay's tokens are read only for the rare DROP of several routines
    from schemacheck.replay import tokens as tk

    t = tk.tokenize(s.text)
    i = next((j for j in range(len(t)) if tk.upper(t, j) == word.upper()), len(t))
    i = tk.accept(t, i + 1, "IF", "EXISTS")
    lists: list[str | None] = []  # each name's argument list, as written
    while i < len(t):
        found = tk.read_name(t, i)
        if found is None:
            break
        i = found.end
        written: str | None = None
        if tk.upper(t, i) == "(":
            close = tk.matching(t, i)
            written = ", ".join(tk.split(s.text, t, i + 1, close))
            i = close + 1
        lists.append(written)
        if tk.upper(t, i) != ",":
            break
        i += 1
    if len(lists) != len(f.names):  # not read: the first name's list, as the facts have it
        lists = [f.arguments] + [None] * (len(f.names) - 1)
    return list(zip(f.names, lists, strict=True))


@dataclass
class Objects:
    """Objects a file creates or adds, keyed by qualified name (`public.x`), with the
    statement that made them. Functions and procedures are keyed by name and identity
    argument types (`routines`, `overloads`); `functions` is the view by name alone (the
    last routine of each name made)."""

    tables: dict[str, Statement] = field(default_factory=dict)
    indexes: dict[str, Statement] = field(default_factory=dict)
    index_table: dict[str, str] = field(default_factory=dict)
    functions: dict[str, Statement] = field(default_factory=dict)  # by name: the last made
    routines: dict[RoutineKey, Statement] = field(default_factory=dict)
    overloads: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # name -> types
    triggers: dict[tuple[str, str], Statement] = field(default_factory=dict)  # (table, name)
    trigger_function: dict[tuple[str, str], str] = field(default_factory=dict)
    types: dict[str, Statement] = field(default_factory=dict)
    sequences: dict[str, Statement] = field(default_factory=dict)
    views: dict[str, Statement] = field(default_factory=dict)
    schemas: dict[str, Statement] = field(default_factory=dict)
    extensions: dict[str, Statement] = field(default_factory=dict)
    roles: dict[str, Statement] = field(default_factory=dict)  # CREATE ROLE / USER / GROUP
    policies: dict[tuple[str, str], Statement] = field(default_factory=dict)
    columns: dict[tuple[str, str], Statement] = field(default_factory=dict)  # added to old tables
    constraints: dict[tuple[str, str], Statement] = field(default_factory=dict)
    foreign_keys: dict[str, set[str]] = field(default_factory=dict)  # table -> referenced tables
    column_types: dict[str, set[str]] = field(default_factory=dict)  # table -> type names used
    fkeys: list[ForeignKey] = field(default_factory=list)  # every foreign key, in order
    typed_columns: dict[tuple[str, str], str] = field(default_factory=dict)  # -> its type now
    # (table, column) -> its default expression now (None: no default), where the files say
    column_defaults: dict[tuple[str, str], str | None] = field(default_factory=dict)
    sequence_owner: dict[str, tuple[str, str] | None] = field(default_factory=dict)  # OWNED BY
    renames: set[tuple[str, str]] = field(default_factory=set)  # (old, new) qualified tables
    # `objects_left` only: the statement renaming each of `renames` (the last of a chain), and
    # (field, key now) -> (the key it was made under, the last statement renaming it) for each
    # object made and then renamed (`tables`, `types`, ...; `routines` by `name(types)`)
    renamed_by: dict[tuple[str, str], Statement] = field(default_factory=dict)
    moved_from: dict[tuple[str, str], tuple[str, Statement]] = field(default_factory=dict)

    def owns_table(self, name: ObjectName | None) -> bool:
        return qualified(name) in self.tables

    def routines_named(self, name: str) -> list[RoutineKey]:
        """The routines of qualified name `name`, each overload once, in the order made."""
        return [(name, types) for types in self.overloads.get(name, ())]

    def routine(self, name: str, arguments: str | None, kind: str = "routine") -> RoutineKey | None:
        """The routine a DROP of `kind` (`function`, `procedure`, `routine`) naming `name`
        with `arguments` (None: no argument list) means, among those made: the overload of
        those argument types; without an argument list the only routine of that name (None
        when there are several: PostgreSQL refuses the name as not unique)."""
        found = self.routines_named(name)
        if arguments is None:
            return found[0] if len(found) == 1 else None
        candidates = ((key, created_overload(self.routines[key])) for key in found)
        return next(iter(routines_dropped(arguments, kind, candidates)), None)


_INDEX_COLUMN = re.compile(
    r'^\s*(?:"(?P<quoted>[^"]+)"|(?P<bare>[A-Za-z_][\w$]*))\s*(?P<rest>.*)$', re.S
)


def closing_paren(text: str, start: int) -> int:
    """The index of the parenthesis closing the one at `start` (strings skipped), or -1."""
    depth = 0
    quote = ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


# Words that go on an expression after a call (`(f(x) IS NULL)`, `(lower(a) LIKE 'x%')`):
# the element is then that expression, named `expr`. Other words end the expression (ASC,
# DESC, NULLS, COLLATE, an operator class).
_EXPRESSION_WORDS = frozenset(
    {"is", "isnull", "notnull", "not", "like", "ilike", "similar", "between", "in", "and", "or"}
    | {"at", "operator", "overlaps"}
)


def _figure_colname(element: str) -> str:
    """`FigureIndexColname`: a column's name, a function's name for `lower(email)` (also cast,
    or followed by COLLATE, an operator class, ASC/DESC), the column's for a cast
    `(created_at::date)`, else `expr` (`(lower(a) || 'x')`, `(f(x) IS NULL)`)."""
    element = element.strip()
    if element.startswith("("):
        end = closing_paren(element, 0)
        return _figure_colname(element[1:end]) if end > 0 else "expr"
    m = _INDEX_COLUMN.match(element)
    if m is None:
        return "expr"
    name = m.group("quoted") or (m.group("bare") or "").lower()
    rest = m.group("rest").lstrip()
    if rest.startswith("("):
        end = closing_paren(rest, 0)
        return name if end > 0 and _ends_call(rest[end + 1 :].lstrip()) else "expr"
    if rest.startswith("::") or not rest or rest[0].isalpha() or rest[0] == '"':
        return name
    return "expr"


def _ends_call(after: str) -> bool:
    """What follows a call in an index element leaves the call the whole expression: nothing,
    a cast (`::text`), or a word that is no operator (COLLATE, an operator class, ASC/DESC)."""
    if not after or after.startswith("::") or after[0] == '"':
        return True
    word = re.match(r"[A-Za-z_]\w*", after)
    return word is not None and word.group(0).lower() not in _EXPRESSION_WORDS


def implicit_index_name(table: ObjectName, columns_text: str | None) -> str:
    """The name PostgreSQL gives `CREATE INDEX ON t (a, lower(b))`: `t_a_lower_idx` (without
    the `1`, `2`, ... it appends when the name is taken)."""
    # the static replay is imported only when a rule runs (not on a cached re-run)
    from schemacheck.replay.names import index_column_names, make_object_name, name_addition

    names = [_figure_colname(e) for e in split_top_level(columns_text or "")]
    return make_object_name(table.name, name_addition(index_column_names(names)), "idx")


def index_key(name: ObjectName, table: ObjectName | None = None) -> str:
    """Indexes live in their table's schema."""
    if name.schema is None and table is not None and (table.schema or table.implied):
        return f"{schema_of(table)}.{name.name}"
    return qualified(name)


def created_index_key(table: ObjectName, name: ObjectName | None, columns: str | None) -> str:
    """The key (`index_key`) of the index a CREATE INDEX on `table` makes: its name, else the
    one PostgreSQL gives it (`implicit_index_name`)."""
    return index_key(name or ObjectName(implicit_index_name(table, columns)), table)


def created_objects(files: Iterable[SqlFile]) -> Objects:
    """What the files create, in order."""
    return objects_of(s for f in files for s in f.statements)


def made_by(ctx: Context, f: SqlFile) -> Objects:
    """`created_objects([f])`, collected once per run (rules that look at a rollback's forward
    migration ask for it at every statement): read it, never change it."""
    memo = ctx.history.memo
    key = ("made by", f.ident)
    made = memo.get(key)
    if not isinstance(made, Objects):
        made = memo[key] = created_objects([f])
    return made


def left_by(ctx: Context, f: SqlFile) -> Objects:
    """`objects_left(f.statements)`: what `f` made, under the names it has at the end of `f`;
    collected once per run: read it, never change it."""
    memo = ctx.history.memo
    key = ("left by", f.ident)
    left = memo.get(key)
    if not isinstance(left, Objects):
        # without a rename it is what `made_by` collects: collected once, for both
        renames = any(_renames(s) for s in f.statements)
        left = memo[key] = objects_left(f.statements) if renames else made_by(ctx, f)
    return left


def _renames(s: Statement) -> bool:
    """`s` is a statement `_follow_rename` may follow (a rename or SET SCHEMA)."""
    actions = s.facts.actions
    return len(actions) == 1 and actions[0].action in _RENAME_ACTIONS and bool(actions[0].new_name)


def objects_left(statements: Iterable[Statement]) -> Objects:
    """`objects_of(statements)`, with each object they make followed through their renames
    (ALTER TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE / INDEX / TYPE / DOMAIN / FUNCTION /
    PROCEDURE / ROUTINE ... RENAME TO or SET SCHEMA): it is kept under the name it has at their
    end, what hangs on a table (indexes, triggers, policies, columns) along with it, and
    `moved_from` tells the name it was made under. `renames` holds the renames of tables they
    did not make, a chain (a to b, then b to c) as one (a to c), one renamed back not at all;
    `renamed_by` the statement of each (the last of a chain)."""
    out = Objects()
    for s in statements:
        if not _follow_rename(out, s):
            _collect(out, s)
    return out


_RELATION_ALTERS = frozenset(
    {"alter_table", "alter_foreign_table", "alter_view", "alter_materialized_view"}
    | {"alter_sequence", "alter_index"}
)
_ROUTINE_ALTERS = {
    "alter_function": "function",
    "alter_procedure": "procedure",
    "alter_routine": "routine",
}
_RENAME_ACTIONS = frozenset({"rename", "rename_table", "rename_type", "set_schema"})


def _own_key(objs: Iterable[str], key: str) -> str | None:
    """The key of `objs` naming `key`, as PostgreSQL keeps names (63 bytes at most)."""
    sk = stored_key(key)
    return next((k for k in objs if k == key or stored_key(k) == sk), None)


def _follow_rename(out: Objects, s: Statement) -> bool:
    """Follow `s` when it renames (or moves to another schema) something `out` holds, or
    renames a table `out` does not hold (`Objects.renames`); whether it did."""
    f = s.facts
    if len(f.actions) != 1 or f.name is None:
        return False
    a = f.actions[0]
    if a.action not in _RENAME_ACTIONS or not a.new_name:
        return False
    new = a.new_name
    to_schema = a.action == "set_schema"

    def moved(key: str) -> str:
        schema, _, name = key.partition(".")
        return f"{new}.{name}" if to_schema else f"{schema}.{new}"

    k = s.kind
    name = f.table if k in ("alter_table", "alter_foreign_table") and f.table else f.name
    if k in _RELATION_ALTERS:
        for attr in ("tables", "views", "sequences", "indexes"):
            written = index_key(name) if attr == "indexes" else qualified(name)
            old = _own_key(getattr(out, attr), written)
            if old is not None:
                _move(out, attr, old, moved(old), s)
                return True
        if a.action == "rename_table":
            _add_rename(out, qualified(name), f"{schema_of(name)}.{new}", s)
            return True
        return False
    if k in ("alter_type", "alter_domain"):
        old = _own_key(out.types, qualified(name))
        if old is None:
            return False
        _move(out, "types", old, moved(old), s)
        return True
    if k in _ROUTINE_ALTERS:
        named = _own_key(out.overloads, qualified(name))
        rkey = out.routine(named, f.arguments, _ROUTINE_ALTERS[k]) if named else None
        if rkey is None:
            return False
        _move_routine(out, rkey, moved(rkey[0]), s)
        return True
    return False


def _add_rename(out: Objects, old: str, new: str, s: Statement) -> None:
    """Table `old`, not made by the statements, renamed to `new` by `s`."""
    for pair in list(out.renames):
        if stored_key(pair[1]) == stored_key(old):  # a chain: a to b, then b to c is a to c
            out.renames.discard(pair)
            out.renamed_by.pop(pair, None)
            old = pair[0]
            break
    if stored_key(old) != stored_key(new):  # renamed back: no rename left
        out.renames.add((old, new))
        out.renamed_by[(old, new)] = s


def _move(out: Objects, attr: str, old: str, new: str, s: Statement) -> None:
    """Object `old` of field `attr` of `out` renamed (or moved to another schema) `new` by
    `s`, with what hangs on it."""
    objs: dict[str, Statement] = getattr(out, attr)
    objs[new] = objs.pop(old)
    origin = out.moved_from.pop((attr, old), (old, s))[0]
    if stored_key(origin) != stored_key(new):
        out.moved_from[(attr, new)] = (origin, s)
    if attr == "indexes" and old in out.index_table:
        out.index_table[new] = out.index_table.pop(old)
    elif attr == "sequences" and old in out.sequence_owner:
        out.sequence_owner[new] = out.sequence_owner.pop(old)
    elif attr == "tables":
        _move_table(out, old, new, s)


def _move_table(out: Objects, old: str, new: str, s: Statement) -> None:
    """What hangs on table `old` follows it to `new`: indexes and owned sequences (into its
    new schema too), triggers, policies, columns, foreign keys."""

    def table(t: str) -> str:
        return new if t == old else t

    def pair(p: tuple[str, str]) -> tuple[str, str]:
        return (table(p[0]), p[1])

    new_schema = new.partition(".")[0]
    if new_schema != old.partition(".")[0]:  # SET SCHEMA: its indexes and sequences go along
        for index in [i for i, t in out.index_table.items() if t == old and i in out.indexes]:
            _move(out, "indexes", index, f"{new_schema}.{index.partition('.')[2]}", s)
        for seq in [q for q, o in out.sequence_owner.items() if o and o[0] == old]:
            if seq in out.sequences:
                _move(out, "sequences", seq, f"{new_schema}.{seq.partition('.')[2]}", s)
    for index, t in out.index_table.items():
        out.index_table[index] = table(t)
    for seq, owner in out.sequence_owner.items():
        out.sequence_owner[seq] = pair(owner) if owner else owner
    _rekey(out.triggers, pair)
    _rekey(out.trigger_function, pair)
    _rekey(out.policies, pair)
    _rekey(out.typed_columns, pair)
    _rekey(out.column_defaults, pair)
    _rekey(out.column_types, table)
    _rekey(out.foreign_keys, table)
    for t, targets in out.foreign_keys.items():
        if old in targets:
            out.foreign_keys[t] = {table(x) for x in targets}
    out.fkeys[:] = [
        ForeignKey(table(k.table), table(k.target), k.names, k.columns) for k in out.fkeys
    ]


def _move_routine(out: Objects, rkey: RoutineKey, new: str, s: Statement) -> None:
    """Routine `rkey` renamed (or moved to another schema) `new` by `s`."""
    name, types = rkey
    made = out.routines.pop(rkey)
    left = [t for t in out.overloads.get(name, ()) if t != types]
    if left:
        out.overloads[name] = left
        out.functions[name] = out.routines[(name, left[-1])]
    else:
        out.overloads.pop(name, None)
        out.functions.pop(name, None)
    if (new, types) not in out.routines:
        out.overloads.setdefault(new, []).append(types)
    out.routines[(new, types)] = made
    out.functions[new] = made
    shown = f"({', '.join(types)})"
    origin = out.moved_from.pop(("routines", name + shown), (name + shown, s))[0]
    out.moved_from[("routines", new + shown)] = (origin, s)


def _rekey(d: dict[_K, _V], key: Callable[[_K], _K]) -> None:
    """Each key of `d` replaced by `key(k)`, in order."""
    items = [(key(k), v) for k, v in d.items()]
    d.clear()
    d.update(items)


_CREATES = frozenset(
    {"create_table", "create_table_as", "create_foreign_table", "create_view"}
    | {"create_materialized_view", "create_sequence", "create_index", "create_type"}
    | {"create_domain"}
)


class NamesAtStart:
    """The names (stored keys) the tables, views, sequences, indexes and types some statements
    rename had before them, followed statement by statement; what they make themselves is
    not followed (its name is its own)."""

    def __init__(self) -> None:
        self.was: dict[str, str] = {}  # name now -> name before the statements
        self.made: set[str] = set()

    def of(self, key: str) -> str:
        return self.was.get(key, key)

    def follow(self, s: Statement) -> None:
        f = s.facts
        if s.kind in _CREATES:
            key = ""
            if s.kind == "create_index" and f.table is not None:
                key = created_index_key(f.table, f.name, f.index_columns)
            elif f.name is not None:
                key = qualified(f.name)
            if key:
                self.was.pop(stored_key(key), None)
                self.made.add(stored_key(key))
            return
        if len(f.actions) != 1 or f.name is None:
            return
        a = f.actions[0]
        if a.action not in ("rename", "rename_table", "rename_type") or not a.new_name:
            return
        if s.kind not in _RENAMED_KINDS:
            return
        name = f.table if s.kind == "alter_table" and f.table is not None else f.name
        old = stored_key(index_key(name) if s.kind == "alter_index" else qualified(name))
        new = stored_key(f"{old.partition('.')[0]}.{a.new_name}")
        if old in self.made:
            self.made.discard(old)
            self.made.add(new)
            return
        self.was[new] = self.was.pop(old, old)


_RENAMED_KINDS = frozenset(
    {"alter_table", "alter_view", "alter_materialized_view", "alter_sequence", "alter_index"}
    | {"alter_type", "alter_domain"}
)


# ---------------------------------------------------------------- CREATE OR REPLACE

_DEFINITION_KINDS = frozenset(
    {*ROUTINE_CREATES, *ROUTINE_DROPS, "create_view", "create_materialized_view"}
    | {"drop_view", "drop_materialized_view"}
)


def replaced_by(ctx: Context, f: SqlFile) -> dict[int, Statement]:
    """The CREATE OR REPLACE FUNCTION / PROCEDURE / VIEW / TRIGGER statements of `f` that
    replace a routine (of the same name and identity argument types), a view or a trigger (of
    the same name on the same table) the files before `f` made and did not drop since
    (rollbacks and checks aside), by the statement's index in `f`, each with the statement
    that made what it replaces: `f` did not make it, it only changed its definition. Once per
    run per file."""
    memo = ctx.history.memo
    key = ("replaced by", f.ident)
    found = memo.get(key)
    if isinstance(found, dict):
        return found
    found = {}
    wanted = [
        s
        for s in f.statements
        if s.facts.or_replace
        and s.facts.name is not None
        and (
            s.kind in ROUTINE_CREATES
            or s.kind == "create_view"
            or (s.kind == "create_trigger" and s.facts.table is not None)
        )
    ]
    if wanted:
        events = _definitions(ctx)
        before = ctx.history.position(f)
        for s in wanted:
            if s.kind == "create_trigger":
                made = _trigger_before(s, _trigger_events(ctx), before)
            else:
                name = qualified(s.facts.name)
                made = _made_before(s, name, events.get(name, ()), before)
            if made is not None:
                found[s.index] = made
    memo[key] = found
    return found


def _trigger_events(ctx: Context) -> dict[str, list[tuple[int, Statement]]]:
    """(file position, statement) of every CREATE TRIGGER and DROP TRIGGER on a table and every
    DROP TABLE of it (which drops its triggers) in the run's files (rollbacks and checks
    aside), by qualified table name, in order; collected once per run."""
    return _run_events(ctx, "trigger definitions", _trigger_tables)


def _trigger_tables(s: Statement) -> list[ObjectName]:
    if s.kind in ("create_trigger", "drop_trigger") and s.facts.table is not None:
        return [s.facts.table]
    return list(s.facts.names) if s.kind == "drop_table" else []


def _run_events(
    ctx: Context, key: str, names_of: Callable[[Statement], list[ObjectName]]
) -> dict[str, list[tuple[int, Statement]]]:
    """(file position, statement) of every statement of the run's files (rollbacks and checks
    aside) by each qualified name `names_of` gives for it, in order; collected once per run
    under memo `key`."""
    memo = ctx.history.memo
    events = memo.get(key)
    if isinstance(events, dict):
        return events
    events = {}
    for i, f in enumerate(ctx.history.files):
        if f.role in ("rollback", "check"):
            continue
        for s in f.statements:
            for n in names_of(s):
                events.setdefault(qualified(n), []).append((i, s))
    memo[key] = events
    return events


def _trigger_before(
    s: Statement, events: dict[str, list[tuple[int, Statement]]], before: int
) -> Statement | None:
    """The CREATE TRIGGER of a file before position `before` that made the trigger `s` (a
    CREATE OR REPLACE TRIGGER) replaces, by name and table, when nothing dropped it (or its
    table) since; else None."""
    f = s.facts
    if f.name is None or f.table is None:
        return None
    name = stored(f.name.name)
    trigger: Statement | None = None
    for pos, e in events.get(qualified(f.table), ()):
        if pos >= before:
            break
        if e.kind == "drop_table":
            trigger = None
        elif any(stored(n.name) == name for n in (e.facts.name, *e.facts.names) if n):
            trigger = e if e.kind == "create_trigger" else None
    return trigger


def _definitions(ctx: Context) -> dict[str, list[tuple[int, Statement]]]:
    """(file position, statement) of every CREATE and DROP of a function, procedure, view or
    materialized view in the run's files (rollbacks and checks aside), by qualified name, in
    order; collected once per run."""
    return _run_events(ctx, "definitions", _defined_names)


def _defined_names(s: Statement) -> list[ObjectName]:
    if s.kind not in _DEFINITION_KINDS:
        return []
    if s.kind in ROUTINE_DROPS:
        return [n for n, _ in dropped_routines(s)]
    if s.kind.startswith("drop_"):
        return list(s.facts.names)
    return [s.facts.name] if s.facts.name is not None else []


def _made_before(
    s: Statement, name: str, events: Iterable[tuple[int, Statement]], before: int
) -> Statement | None:
    """The statement of a file before position `before` that made what `s` (a CREATE OR
    REPLACE of `name`) replaces, when nothing dropped it since; else None."""
    if s.kind == "create_view":
        view: Statement | None = None
        for pos, e in events:
            if pos >= before:
                break
            if e.kind in ("create_view", "create_materialized_view"):
                view = e
            elif e.kind in ("drop_view", "drop_materialized_view"):
                view = None
        return view
    present: list[tuple[Overload, Statement]] = []
    for pos, e in events:
        if pos >= before:
            break
        if e.kind in ROUTINE_CREATES:
            o = created_overload(e)
            present = [p for p in present if not same_types(p[0].identity, o.identity)]
            present.append((o, e))
            continue
        for n, arguments in dropped_routines(e):
            if qualified(n) != name:
                continue
            if arguments is None:
                gone = {0} if len(present) == 1 else set()
            else:
                kind = ROUTINE_DROPS[e.kind]
                gone = set(routines_dropped(arguments, kind, enumerate(p[0] for p in present)))
            present = [p for i, p in enumerate(present) if i not in gone]
    made = created_overload(s).identity
    exact = [e for o, e in present if o.identity == made]
    return next(iter(exact or [e for o, e in present if same_types(o.identity, made)]), None)


_INTO = re.compile(r"\binto\b", re.I)


def select_into(s: Statement) -> ObjectName | None:
    """The table a top-level `SELECT ... INTO [UNLOGGED] [TABLE] name` creates (as CREATE
    TABLE ... AS does); None for any other statement, and for INTO TEMP (the table goes with
    the session). An INTO inside parentheses (a subquery, a CTE) or a string is not read."""
    if s.kind != "select" or not _INTO.search(s.text):
        return None
    words = s.words
    depth = 0
    for i, w in enumerate(words):
        if w.kind == "punct":
            depth += {"(": 1, ")": -1}.get(w.value, 0)
            continue
        if depth or w.upper != "INTO":
            continue
        rest = words[i + 1 : i + 6]
        j = 0
        if j < len(rest) and rest[j].upper in ("TEMP", "TEMPORARY"):
            return None
        if j < len(rest) and rest[j].upper == "UNLOGGED":
            j += 1
        if j < len(rest) and rest[j].upper == "TABLE":
            j += 1
        if j >= len(rest) or not rest[j].is_name:
            return None
        first = rest[j].folded
        if j + 2 < len(rest) and rest[j + 1].value == "." and rest[j + 2].is_name:
            return ObjectName(rest[j + 2].folded, first)
        return ObjectName(first)
    return None


def objects_of(statements: Iterable[Statement]) -> Objects:
    out = Objects()
    for s in statements:
        _collect(out, s)
    return out


def _collect(out: Objects, s: Statement) -> None:
    f = s.facts
    k = s.kind
    if k in ("create_table", "create_table_as", "create_foreign_table") and f.name:
        t = qualified(f.name)
        out.tables[t] = s
        inline = _inline_names(s.text) if any(c.references for c in f.columns) else {}
        for col in f.columns:
            if col.references is not None:
                out.foreign_keys.setdefault(t, set()).add(qualified(col.references))
                names = {_implicit_fkey(f.name, (col.name,)), *inline.get(col.name, ())}
                _add_fkey(out, t, col.references, names, (col.name,))
            out.column_types.setdefault(t, set()).add(col.data_type)
            out.typed_columns[(t, col.name)] = col.data_type
            out.column_defaults[(t, col.name)] = col.default
        for con in f.constraints:
            if con.type == "foreign_key" and con.references is not None:
                out.foreign_keys.setdefault(t, set()).add(qualified(con.references))
                fk_name = con.name or _implicit_fkey(f.name, con.columns)
                _add_fkey(out, t, con.references, {fk_name}, con.columns)
    elif k == "create_index" and f.table is not None:
        ikey = created_index_key(f.table, f.name, f.index_columns)
        out.indexes[ikey] = s
        out.index_table[ikey] = qualified(f.table)
    elif k in ROUTINE_CREATES and f.name:
        rkey = routine_key(s)
        if rkey is not None:
            if rkey not in out.routines:
                out.overloads.setdefault(rkey[0], []).append(rkey[1])
            out.routines[rkey] = s
            out.functions[rkey[0]] = s
    elif k == "create_trigger" and f.name and f.table:
        key = (qualified(f.table), f.name.name)
        out.triggers[key] = s
        if f.function is not None:
            out.trigger_function[key] = qualified(f.function)
    elif (k == "create_type" and f.name) or (k == "create_domain" and f.name):
        out.types[qualified(f.name)] = s
    elif k == "create_sequence" and f.name:
        out.sequences[qualified(f.name)] = s
        _owned_by(out, f.name, s.text)
    elif k == "alter_sequence" and f.name:
        for a in f.actions:
            _owned_by(out, f.name, a.text)
    elif k in ("create_view", "create_materialized_view") and f.name:
        out.views[qualified(f.name)] = s
    elif k == "select" and (into := select_into(s)) is not None:
        out.tables[qualified(into)] = s
    elif k == "create_schema" and f.name:
        out.schemas[f.name.name] = s
    elif k == "create_extension" and f.name:
        out.extensions[f.name.name] = s
    elif k in ("create_role", "create_user", "create_group"):
        for n in f.names:
            out.roles[n.name] = s
    elif k == "create_policy" and f.name and f.table:
        out.policies[(qualified(f.table), f.name.name)] = s
    elif k == "alter_table" and f.table is not None:
        t = qualified(f.table)
        for a in f.actions:
            if a.action == "add_column" and a.column is not None:
                col = a.column
                if t not in out.tables:
                    out.columns[(t, col.name)] = s
                if col.references is not None:
                    out.foreign_keys.setdefault(t, set()).add(qualified(col.references))
                    written = (identifier(n) for n in _NAMED_INLINE.findall(a.text))
                    fk_names = {_implicit_fkey(f.table, (col.name,)), *written}
                    _add_fkey(out, t, col.references, fk_names, (col.name,))
                out.column_types.setdefault(t, set()).add(col.data_type)
                out.typed_columns[(t, col.name)] = col.data_type
                out.column_defaults[(t, col.name)] = col.default
            elif a.action == "set_default" and a.column_name:
                out.column_defaults[(t, a.column_name)] = a.default
            elif a.action == "drop_default" and a.column_name:
                out.column_defaults[(t, a.column_name)] = None
            elif a.action == "add_constraint" and a.constraint is not None:
                con = a.constraint
                name = con.name or next(iter(implicit_constraint_names(f.table, a)), None)
                if name and t not in out.tables:
                    out.constraints[(t, name)] = s
                if con.type == "foreign_key" and con.references is not None:
                    out.foreign_keys.setdefault(t, set()).add(qualified(con.references))
                    _add_fkey(out, t, con.references, {name} if name else set(), con.columns)
            elif a.action == "alter_column_type" and a.column_name and a.data_type:
                out.typed_columns[(t, a.column_name)] = a.data_type
            elif a.action == "rename_table" and a.new_name:
                schema = schema_of(f.table)
                out.renames.add((t, f"{schema}.{a.new_name}"))


def _add_fkey(
    out: Objects, table: str, target: ObjectName, names: set[str], columns: Iterable[str]
) -> None:
    out.fkeys.append(ForeignKey(table, qualified(target), frozenset(names), frozenset(columns)))


def _implicit_fkey(table: ObjectName, columns: tuple[str, ...]) -> str:
    """`<table>_<columns>_fkey`, the name PostgreSQL gives an unnamed foreign key."""
    return _fkey_name(table.name, columns)


@functools.lru_cache(maxsize=4096)
def _fkey_name(table: str, columns: tuple[str, ...]) -> str:
    from schemacheck.replay.names import make_object_name, name_addition

    return make_object_name(table, name_addition(columns), "fkey")


_IDENT = r'(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)'
_NAMED_INLINE = re.compile(rf"\bCONSTRAINT\s+({_IDENT})\s+(?=REFERENCES\b)", re.I)
_OWNED_BY = re.compile(rf"\bOWNED\s+BY\s+({_IDENT}(?:\s*\.\s*{_IDENT})*)", re.I)


def _inline_names(text: str) -> dict[str, list[str]]:
    """The names written for the inline foreign keys of a CREATE TABLE's column definitions
    (`col int CONSTRAINT fk_x REFERENCES t`), by column."""
    if _NAMED_INLINE.search(text) is None:
        return {}
    out: dict[str, list[str]] = {}
    for column, definition in column_definitions(text).items():
        names = _NAMED_INLINE.findall(definition)
        if names:
            out[column] = [identifier(n) for n in names]
    return out


# what starts an element of a CREATE TABLE's parentheses that is not a column (as the facts
# read them): a table constraint, or `LIKE other`
_NOT_COLUMNS = frozenset({"CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE", "LIKE"})


def column_definitions(text: str) -> dict[str, str]:
    """The column definitions of a CREATE TABLE (`text`, its whole statement), by column name
    folded as PostgreSQL folds it (`Email` -> `email`, `"Email"` -> `Email`, as the
    statement's facts name the columns): each definition's text as written, from its name to
    its last word (`a int NOT NULL DEFAULT f(1, 2)`). Table constraints and `LIKE` are not
    columns. The parentheses and commas are read from the statement's words, so none inside a
    string (`'a)'`, `E'\\')'`, `$$a,b$$`), a quoted name (`"a(b"`) or a comment counts. Empty
    when the statement has no column list (`CREATE TABLE t AS ...`) or cannot be read."""
    return dict(_column_definitions(text))


@functools.lru_cache(maxsize=1024)
def _column_definitions(text: str) -> tuple[tuple[str, str], ...]:
    try:
        words = expand(tokenize_words(text), text)
    except Exception:  # sqlglot's tokenizer raises on text it cannot read: nothing is known
        return ()
    cur = Cursor(words, text)
    for cur.pos, w in enumerate(words):  # the column list, unless AS comes first
        if (w.kind == "punct" and w.value == "(") or w.upper == "AS":
            break
    inner = cur.skip_parens() if words and words[cur.pos].kind == "punct" else None
    if inner is None:
        return ()
    elements = words[inner[0] : inner[1]]
    out: dict[str, str] = {}
    for a, b in split_word_list(elements):
        head = elements[a]
        if not head.is_name or head.upper in _NOT_COLUMNS:
            continue
        out.setdefault(head.folded, text[head.start : elements[b - 1].end])
    return tuple(out.items())


# a constraint name as written (`CONSTRAINT x`)
CONSTRAINT_NAME = re.compile(rf"\bCONSTRAINT\s+({_IDENT})", re.I)


def written_names(text: str) -> list[str]:
    """The constraint names written in `text` (`CONSTRAINT x ...`), folded."""
    return [identifier(n) for n in CONSTRAINT_NAME.findall(text)]


def written_constraint_names(action: AlterAction) -> list[str]:
    """The names written for the inline constraints of `ADD COLUMN c int CONSTRAINT x
    REFERENCES t` (the implicit names are `implicit_constraint_names`)."""
    if action.action != "add_column" or "constraint" not in action.text.lower():
        return []
    return written_names(action.text)


def owned_by_parts(text: str) -> list[str] | None:
    """The folded names of an `OWNED BY [schema.]table.column` clause (`["none"]` for
    `OWNED BY NONE`), None when `text` has none."""
    if "owned" not in text.lower():
        return None
    m = _OWNED_BY.search(text)
    if m is None:
        return None
    return [identifier(p.strip()) for p in re.findall(_IDENT, m.group(1))]


def _owned_by(out: Objects, sequence: ObjectName, text: str) -> None:
    """`OWNED BY [schema.]table.column` (the sequence goes with the column, or its table) or
    `OWNED BY NONE`."""
    parts = owned_by_parts(text)
    if parts is None:
        return
    key = qualified(sequence)
    if len(parts) < 2:
        out.sequence_owner[key] = None  # OWNED BY NONE
        return
    schema = parts[-3] if len(parts) > 2 else None
    table = ObjectName(parts[-2], schema, implied=sequence.implied if schema is None else None)
    out.sequence_owner[key] = (qualified(table), parts[-1])


_IMPLICIT_LABEL = {
    "foreign_key": "fkey",
    "unique": "key",
    "primary_key": "pkey",
    "exclude": "excl",
    "check": "check",
}


@functools.lru_cache(maxsize=4096)
def _columns_read(expression: str | None) -> frozenset[str]:
    if not expression:
        return frozenset()
    try:
        tree = quiet_parse_one(f"SELECT 1 WHERE {expression}", read="postgres")
    except Exception:  # an expression sqlglot cannot read: no column known
        return frozenset()
    return frozenset(c.name.lower() for c in tree.find_all(exp.Column))


def implicit_constraint_names(table: ObjectName | None, action: AlterAction) -> list[str]:
    """The names PostgreSQL gives the constraints of an ALTER TABLE action that names none:
    `ADD FOREIGN KEY (a)` -> `t_a_fkey`, `ADD UNIQUE (a, b)` -> `t_a_b_key`, `ADD PRIMARY KEY`
    -> `t_pkey`, `ADD CHECK (a > 0)` -> `t_a_check`, and those of the inline constraints of
    `ADD COLUMN a ... REFERENCES / UNIQUE / CHECK`. (Without the `1`, `2`, ... PostgreSQL
    appends when the name is taken.)"""
    # the static replay is imported only when a rule runs (not on a cached re-run)
    from schemacheck.replay.names import make_object_name, name_addition

    if table is None:
        return []
    t = table.name
    con = action.constraint
    if action.action == "add_constraint" and con is not None:
        if con.name:
            return [con.name]
        label_ = _IMPLICIT_LABEL.get(con.type)
        if label_ is None:
            return []
        if con.type == "primary_key":
            return [make_object_name(t, None, label_)]
        if con.type == "check":
            read = _columns_read(con.expression)
            only = next(iter(read)) if len(read) == 1 else None
            return [make_object_name(t, only, label_)]
        return [make_object_name(t, name_addition(con.columns), label_)]
    col = action.column
    if action.action == "add_column" and col is not None:
        out: list[str] = []
        if col.primary_key:
            out.append(make_object_name(t, None, "pkey"))
        if col.unique:
            out.append(make_object_name(t, col.name, "key"))
        if col.references is not None:
            out.append(make_object_name(t, col.name, "fkey"))
        if col.check:
            out.append(make_object_name(t, col.name, "check"))
        if col.not_null:
            out.append(make_object_name(t, col.name, "not_null"))
        return out
    return []


def constraints_added(statements: Iterable[Statement]) -> set[tuple[str, str]]:
    """(table, constraint) for every constraint ALTER TABLE adds in `statements`, named or
    implicitly named (inline constraints of added columns included)."""
    out: set[tuple[str, str]] = set()
    for s in statements:
        _add_constraints(out, s)
    return out


def _add_constraints(out: set[tuple[str, str]], s: Statement) -> None:
    if s.kind == "alter_table" and s.facts.table is not None:
        t = qualified(s.facts.table)
        for a in s.facts.actions:
            out.update((t, n) for n in implicit_constraint_names(s.facts.table, a))


def column_type_before(ctx: Context, table: str, column: str) -> str | None:
    """The type of `table.column` as the files before this statement leave it (None when they
    never say, or the column was dropped or renamed away, or another renamed to its name)."""
    types: dict[str, str | None] = {}
    for s in ctx.history.table_statements(ctx, table):
        if s.kind == "create_table":
            types = {c.name: c.data_type for c in s.facts.columns}
            continue
        for a in s.facts.actions:
            if a.column is not None:
                types[a.column.name] = a.column.data_type
            elif a.action == "alter_column_type" and a.column_name:
                types[a.column_name] = a.data_type
            elif a.action == "drop_column" and a.column_name:
                types.pop(a.column_name, None)
            elif a.action == "rename_column" and a.column_name and a.new_name:
                types[a.new_name] = types.pop(a.column_name, None)
    return types.get(column)


def earlier_objects(ctx: Context) -> Objects:
    """`objects_of(ctx.earlier_statements)`, built up once per file as the run goes on (the
    result is shared: read it, do not change it)."""
    return _running(ctx, "objects", Objects, _collect)


def earlier_constraints(ctx: Context) -> set[tuple[str, str]]:
    """`constraints_added(ctx.earlier_statements)`, built up once per file as the run goes on
    (the result is shared: read it, do not change it)."""
    return _running(ctx, "constraints", set, _add_constraints)


def _running(
    ctx: Context, what: str, empty: Callable[[], _T], add: Callable[[_T, Statement], None]
) -> _T:
    """What `add` makes of the statements before the current one, extended statement by
    statement while the run walks a file forward, started again for another file or an
    earlier statement."""
    upto = ctx.statement.index if ctx.statement is not None else 0
    memo = ctx.history.memo
    state = memo.get(what)
    if state is None or state[0] is not ctx.file or state[1] > upto:
        state = [ctx.file, 0, empty()]
        memo[what] = state
    statements = ctx.file.statements
    while state[1] < upto:
        add(state[2], statements[state[1]])
        state[1] += 1
    result: _T = state[2]
    return result


def dropped_tables(stmts: Iterable[Statement]) -> Iterator[tuple[Statement, ObjectName]]:
    for s in stmts:
        if s.kind == "drop_table":
            for n in s.facts.names:
                yield s, n


def new_table_in_file(ctx: Context, name: ObjectName | None) -> bool:
    return ctx.is_new_table(name)


def object_existed_before(ctx: Context, kind: str, key: str) -> bool:
    """An object of `kind` (`tables`, `functions`, ...) is created by a file before this one."""
    table: dict[str, Statement] = getattr(objects_before(ctx), kind)
    return key in table


def objects_before(ctx: Context, file: SqlFile | None = None) -> Objects:
    """What the files before this one (or before `file`) create, built up once per run as the
    files come in order (the result is shared: read it, do not change it). The files before a
    rollback's forward migration are followed apart from those before the files themselves,
    each stream in order."""
    history = ctx.history
    before = history.position(file if file is not None else ctx.file)
    key = "objects before" if file is None else "objects before a given file"
    state = history.memo.get(key)
    if state is None or state[0] > before:
        state = [0, Objects()]
        history.memo[key] = state
    while state[0] < before:
        for s in history.files[state[0]].statements:
            _collect(state[1], s)
        state[0] += 1
    earlier: Objects = state[1]
    return earlier


def do_bodies(ctx: Context, f: SqlFile) -> str:
    """The bodies of `f`'s DO blocks (their whole text when the body cannot be told), joined;
    collected once per run."""
    memo = ctx.history.memo
    key = ("do bodies", f.ident)
    text = memo.get(key)
    if not isinstance(text, str):
        text = memo[key] = "\n".join(
            s.facts.body if s.facts.body is not None else s.text
            for s in f.statements
            if s.kind == "do"
        )
    return text


def named_in_do(ctx: Context, f: SqlFile, name: str) -> bool:
    """`name` is a word of one of `f`'s DO blocks (case-insensitive): what the block does with
    it cannot be read statically."""
    bodies = do_bodies(ctx, f)
    if not bodies or not name:
        return False
    return _word_in(bodies, name)


@functools.lru_cache(maxsize=4096)
def _word_in(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w$]){re.escape(word)}(?![\w$])", text, re.I) is not None


# ---------------------------------------------------------------- names as PostgreSQL keeps them

_SHORT_NAME = 15  # characters: at most 60 bytes in UTF-8, never cut


@functools.lru_cache(maxsize=8192)
def stored(name: str) -> str:
    """An identifier as PostgreSQL keeps it (`replay.names.truncate`: its first 63 bytes, cut
    on a UTF-8 character boundary; `vehicle_..._link_id_fkey`, 66 bytes, is kept as
    `vehicle_..._link_id_f`)."""
    if len(name) <= _SHORT_NAME:
        return name
    # the static replay is imported only when a rule runs (not on a cached re-run)
    from schemacheck.replay.names import truncate

    return truncate(name)


@functools.lru_cache(maxsize=8192)
def stored_key(key: str) -> str:
    """A qualified key (`schema.name`) with both parts as PostgreSQL keeps them."""
    schema, dot, name = key.partition(".")
    if not dot:
        return stored(key)
    return f"{stored(schema)}.{stored(name)}"


def stored_pair(pair: tuple[str, str]) -> tuple[str, str]:
    """(table key, name) as PostgreSQL keeps them."""
    return stored_key(pair[0]), stored(pair[1])


def drop_tables(tables: MutableMapping[str, Any], s: Statement) -> bool:
    """Take out of `tables` (keyed by table, as PostgreSQL keeps its name: `stored_key`)
    those `s` drops: the tables of a DROP TABLE, every table of a DROP SCHEMA's schemas.
    Whether `s` is such a DROP."""
    f = s.facts
    if s.kind == "drop_table":
        for n in f.names:
            tables.pop(stored_key(qualified(n)), None)
        return True
    if s.kind == "drop_schema":
        for n in f.names:
            prefix = f"{stored(n.name)}."
            for t in [t for t in tables if t.startswith(prefix)]:
                del tables[t]
        return True
    return False
