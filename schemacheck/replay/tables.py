"""CREATE TABLE: columns, constraints, PARTITION BY and PARTITION OF. When sqlglot cannot
parse the whole statement, each element is parsed on its own, so one odd column costs only
that column."""

from __future__ import annotations

import copy
import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokenizer_core import TokenType

from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import TableDraft
from schemacheck.replay.elements import Pending, add_column, add_table_constraint, flush
from schemacheck.replay.sqltext import DIALECT, qualified
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView

_NOT_VALID = re.compile(r"\bNOT\s+VALID\b", re.IGNORECASE)


def create_table(state: State, stmt: StatementView) -> None:
    tree = stmt.tree
    if isinstance(tree, exp.Create) and isinstance(tree.this, (exp.Schema, exp.Table)):
        if tree.expression is not None:
            state.skip(stmt.kind, "CREATE TABLE ... AS")
            return
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        elements = list(tree.this.expressions) if isinstance(tree.this, exp.Schema) else []
        _create(state, stmt, target, bool(tree.args.get("exists")), tree, elements)
        return
    _create_by_elements(state, stmt)


def _create(
    state: State,
    stmt: StatementView,
    target: exp.Expression,
    if_not_exists: bool,
    tree: exp.Create,
    elements: list[exp.Expression | None],
) -> None:
    if not isinstance(target, exp.Table):
        state.skip(stmt.kind, "table name")
        return
    schema, name = qualified(target)
    key = state.creating(schema, name)
    existing = state.tables.get(key)
    if existing is not None and not existing.stub:
        if not if_not_exists:
            state.skip(stmt.kind, f"{name} already exists")
        return
    table = TableDraft(key[0], key[1], origin=stmt.location)
    state.tables[key] = table
    props = tree.args.get("properties")
    for prop in props.expressions if isinstance(props, exp.Properties) else ():
        if isinstance(prop, exp.PartitionedByProperty):
            table.partitioned = True
        elif isinstance(prop, exp.PartitionedOfProperty) and isinstance(prop.this, exp.Table):
            parent_schema, parent_name = qualified(prop.this)
            parent_key = state.resolve(parent_schema, parent_name, state.tables)
            table.partition_of = parent_key
            _copy_parent_columns(state, table, parent_key)
    pending = Pending()
    for element in elements:
        if element is None:
            continue
        if isinstance(element, exp.ColumnDef):
            if element.args.get("kind") is None and ident_in(element, table):
                continue  # a partition's column options: not modeled
            add_column(state, table, element, pending, stmt.location)
        elif not add_table_constraint(state, element, pending, stmt.location):
            state.skip(stmt.kind, f"table element {element.key}")
    flush(state, table, pending, stmt.location)


def ident_in(element: exp.ColumnDef, table: TableDraft) -> bool:
    return element.name.lower() in table.columns


def _copy_parent_columns(state: State, table: TableDraft, parent_key: tuple[str, str]) -> None:
    parent = state.tables.get(parent_key)
    if parent is None:
        return
    for name, col in parent.columns.items():
        clone = copy.copy(col)
        clone.identity = None
        table.columns[name] = clone


def _create_by_elements(state: State, stmt: StatementView) -> None:
    """The statement split into its head, each element and its tail, each parsed alone."""
    text = stmt.text
    tokens = tk.tokenize(text)
    open_at = next((i for i, t in enumerate(tokens) if t.token_type == TokenType.L_PAREN), None)
    if open_at is None:
        state.skip(stmt.kind)
        return
    close_at = tk.matching(tokens, open_at)
    head = tk.span(text, tokens, 0, open_at)
    tail = tk.span(text, tokens, close_at + 1, len(tokens))
    shell = _parse(f"{head} (__replay_placeholder int) {tail}") or _parse(
        f"{head} (__replay_placeholder int)"
    )
    if not isinstance(shell, exp.Create) or not isinstance(shell.this, exp.Schema):
        state.skip(stmt.kind)
        return
    elements: list[exp.Expression | None] = []
    for part in tk.split(text, tokens, open_at + 1, close_at):
        parsed = _parse(f"CREATE TABLE __replay_t ({_NOT_VALID.sub('', part)})")
        node = (
            parsed.this.expressions[0]
            if isinstance(parsed, exp.Create)
            and isinstance(parsed.this, exp.Schema)
            and len(parsed.this.expressions) == 1
            else None
        )
        if node is None:
            state.skip(stmt.kind, f"table element: {' '.join(part.split())[:60]}")
        elements.append(node)
    _create(state, stmt, shell.this.this, bool(shell.args.get("exists")), shell, elements)


def _parse(sql: str) -> exp.Expr | None:
    try:
        tree = sqlglot.parse_one(sql, read=DIALECT)
    except (SqlglotError, ValueError):
        return None
    return None if isinstance(tree, exp.Command) else tree
