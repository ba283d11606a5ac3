"""CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS]: keys (columns or expressions, with
opclass and order), method, INCLUDE and WHERE; an unnamed index gets PostgreSQL's name."""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import SqlglotError

from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.replay import names
from schemacheck.replay.drafts import IndexDraft, IndexKey, TableDraft, ViewDraft
from schemacheck.replay.elements import collation_name
from schemacheck.replay.sqltext import DIALECT, ident, parse_expression, qualified, render
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView

# Operator classes that are their type's default: pg_get_indexdef does not print them.
DEFAULT_OPCLASSES = frozenset(
    {
        "int2_ops",
        "int4_ops",
        "int8_ops",
        "text_ops",
        "varchar_ops",
        "bpchar_ops",
        "numeric_ops",
        "float4_ops",
        "float8_ops",
        "bool_ops",
        "uuid_ops",
        "date_ops",
        "timestamp_ops",
        "timestamptz_ops",
        "time_ops",
        "interval_ops",
        "bytea_ops",
        "jsonb_ops",
        "array_ops",
        "inet_ops",
        "oid_ops",
        "name_ops",
        "enum_ops",
        "range_ops",
        "tsvector_ops",
    }
)


def create_index(state: State, stmt: StatementView) -> None:
    tree = stmt.tree
    if not (isinstance(tree, exp.Create) and isinstance(tree.this, exp.Index)):
        tree = _reparse(stmt.text)
    if not (isinstance(tree, exp.Create) and isinstance(tree.this, exp.Index)):
        state.skip(stmt.kind)
        return
    index = tree.this
    target = index.args.get("table")
    params = index.args.get("params")
    if not isinstance(target, exp.Table) or not isinstance(params, exp.IndexParameters):
        state.skip(stmt.kind)
        return
    schema, table_name = qualified(target)
    table = _indexed(state, schema, table_name)
    keys: list[IndexKey] = []
    figured: list[str] = []
    for element in params.args.get("columns") or []:
        key, colname = _key(element)
        keys.append(key)
        figured.append(colname)
    include = tuple(ident(e) for e in params.args.get("include") or [])
    name = ident(index.this) if index.this is not None else ""
    if not name:
        addition = names.name_addition(names.index_column_names([*figured, *include]))
        name = state.choose_relation_name(table.schema, table.name, addition, "idx", False)
    key_ = (table.schema, name)
    if state.relation_taken(*key_):
        if not tree.args.get("exists"):
            state.skip(stmt.kind, f"relation {name} already exists")
        return
    using = params.args.get("using")
    where = params.args.get("where")
    state.indexes[key_] = IndexDraft(
        table.schema,
        name,
        table.name,
        keys,
        unique=bool(tree.args.get("unique")),
        predicate=render(where.this) if isinstance(where, exp.Where) else None,
        method=ident(using) if using is not None else "btree",
        include=include,
        origin=stmt.location,
    )
    settle_collations(state, table)


def _indexed(state: State, schema: str | None, name: str) -> TableDraft | ViewDraft:
    """The relation an index is on: a table (a stub when the files never create it), or a
    materialized view, whose indexes belong to it."""
    key = state.resolve(schema, name, state.tables)
    if key not in state.tables:
        view = state.views.get(state.resolve(schema, name, state.views))
        if view is not None:
            return view
    return state.table(schema, name)


def _reparse(text: str) -> exp.Expr | None:
    try:
        return quiet_parse_one(re.sub(r"\bON\s+ONLY\b", "ON", text, flags=re.I), read=DIALECT)
    except (SqlglotError, ValueError):
        return None


def _key(element: exp.Expression) -> tuple[IndexKey, str]:
    """An index element as a key, and the column name PostgreSQL derives from it for naming.

    A top-level COLLATE, in parentheses or not, is the key's collation (the outermost one):
    PostgreSQL strips it from the expression, so `(name COLLATE "C")` is the plain column
    `name` with collation "C"."""
    desc = False
    nulls_first: bool | None = None
    node = element
    if isinstance(node, exp.Ordered):
        desc = bool(node.args.get("desc"))
        nulls_first = bool(node.args.get("nulls_first"))
        node = node.this
    opclass = collation = None
    if isinstance(node, exp.Opclass):
        opclass = render(node.expression)
        node = node.this
    while isinstance(node, (exp.Paren, exp.Collate)):
        if isinstance(node, exp.Collate) and collation is None:
            collation = collation_name(node.expression)
        node = node.this
    if opclass is not None and opclass.lower() in DEFAULT_OPCLASSES:
        opclass = None
    if isinstance(node, exp.Column) and not node.table:
        name = ident(node)
        return IndexKey(name, name, collation, opclass, desc, nulls_first), name
    return (
        IndexKey(render(node), None, collation, opclass, desc, nulls_first),
        _figure_name(node),
    )


def settle_collations(state: State, table: TableDraft | ViewDraft) -> None:
    """Drop the COLLATE of the keys of `table`'s indexes that name the collation the key has
    anyway, as PostgreSQL stores and prints them: a plain column's own collation, or "default"
    on an expression of columns all of the default collation with no COLLATE of its own.
    Where the columns are not known (a table the files never create, a materialized view)
    the keys stay as written."""
    if not isinstance(table, TableDraft) or table.stub:
        return
    for _, index in state.indexes.of_table(table.key):
        for key in index.keys:
            if key.collation is None:
                continue
            if key.column is not None:
                col = table.columns.get(key.column)
                if col is not None and _same_collation(col.collation, key.collation):
                    key.collation = None
            elif _same_collation(key.collation, "default") and _default_collated(
                table, key.expression
            ):
                key.collation = None


def _default_collated(table: TableDraft, expression: str) -> bool:
    """Whether an expression's collation is the default: no COLLATE of its own, and every
    column it reads known and of the default collation."""
    tree = parse_expression(expression)
    if tree is None or tree.find(exp.Collate) is not None:
        return False
    for column in tree.find_all(exp.Column):
        col = table.columns.get(ident(column))
        if col is None or not _same_collation(col.collation, "default"):
            return False
    return True


def _same_collation(a: str, b: str) -> bool:
    """Two collations as SQL name the same one (a `public.` schema aside, which the default
    search path finds first after `pg_catalog`)."""
    return a.removeprefix("public.") == b.removeprefix("public.")


def _figure_name(node: exp.Expression) -> str:
    """`FigureIndexColname`: a function's name, a cast's column or type, else `expr`."""
    if isinstance(node, exp.Cast):
        inner = node.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Column):
            return ident(inner)
        to = node.args.get("to")
        return render(to).lower().split("(")[0].split()[-1] if to is not None else "expr"
    if isinstance(node, exp.Case):
        return "case"
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    if isinstance(node, exp.Func):
        return render(node).split("(")[0].strip().split(".")[-1].lower() or "expr"
    return "expr"
