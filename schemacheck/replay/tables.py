"""CREATE TABLE: columns, constraints, PARTITION BY and PARTITION OF. When sqlglot cannot
parse the whole statement, each element is parsed on its own, so one odd column costs only
that column."""

from __future__ import annotations

import copy
import re

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import TableDraft
from schemacheck.replay.elements import (
    Pending,
    add_column,
    add_column_options,
    add_table_constraint,
    flush,
    note_set_columns,
    without_set_columns,
)
from schemacheck.replay.sqltext import DIALECT, brief, qualified, render
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView

# Words an element may carry that sqlglot does not read and that change nothing in a new
# table: NOT VALID (PostgreSQL marks constraints of a new table valid all the same) and
# NOT DEFERRABLE (the default).
_NO_EFFECT_WORDS = re.compile(r"\bNOT\s+(?:VALID|DEFERRABLE)\b", re.IGNORECASE)


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


# Clauses after the element list that PostgreSQL accepts and that change nothing the catalog
# model holds, deliberately not reported: storage parameters (`WITH (fillfactor=70)`, which
# sqlglot gives as bare `Property` nodes), `TABLESPACE`, the table access method (`USING heap`),
# `ON COMMIT` (temporary tables only) and the persistence of the table (TEMPORARY, UNLOGGED;
# GLOBAL and LOCAL are noise words PostgreSQL accepts before TEMPORARY).
_NO_CATALOG_EFFECT: tuple[type[exp.Expression], ...] = (
    exp.TableSpaceProperty,
    exp.FileFormatProperty,
    exp.OnCommitProperty,
    exp.TemporaryProperty,
    exp.GlobalProperty,
    exp.UnloggedProperty,
)


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
        elements = [*elements, *_property(state, stmt, table, prop)]
    pending = Pending()
    for element in elements:
        if element is None:
            continue
        if isinstance(element, exp.ColumnDef):
            if element.args.get("kind") is not None:
                add_column(state, table, element, pending, stmt.location)
            elif ident_in(element, table):  # a partition's options for a parent's column
                add_column_options(state, table, element, pending, stmt.location)
            else:
                state.skip(stmt.kind, f"column without a type: {brief(render(element))}")
        elif not add_table_constraint(state, element, pending, stmt.location):
            state.skip(stmt.kind, f"table element: {brief(render(element))}")
    flush(state, table, pending, stmt.location)  # (add_column resolves each column's type)


def _property(
    state: State, stmt: StatementView, table: TableDraft, prop: exp.Expression
) -> list[exp.Expression]:
    """One clause after the element list: modeled, deliberately ignored, or reported. Returns
    the elements the clause carries (a partition's column options and constraints)."""
    if isinstance(prop, exp.PartitionedByProperty):
        table.partitioned = True
    elif isinstance(prop, exp.PartitionedOfProperty):
        # The bound (FOR VALUES ... / DEFAULT) decides which rows go where: no catalog effect.
        parent = prop.this
        options = list(parent.expressions) if isinstance(parent, exp.Schema) else []
        parent = parent.this if isinstance(parent, exp.Schema) else parent
        if not isinstance(parent, exp.Table):
            state.skip(stmt.kind, f"clause: {brief(render(prop))}")
            return []
        parent_schema, parent_name = qualified(parent)
        parent_key = state.resolve(parent_schema, parent_name, state.tables)
        table.partition_of = parent_key
        _copy_parent_columns(state, table, parent_key)
        return options
    elif type(prop) is exp.Property or isinstance(prop, _NO_CATALOG_EFFECT):
        pass
    elif isinstance(prop, exp.InheritsProperty):
        # The parents' columns and CHECK constraints would be copied in: not modeled.
        state.skip(stmt.kind, f"inherited columns and constraints: {brief(render(prop))}")
    else:
        state.skip(stmt.kind, f"clause: {brief(render(prop))}")
    return []


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


# Words that start a clause after the element list (PostgreSQL's order: INHERITS, PARTITION BY,
# USING, WITH / WITHOUT OIDS, ON COMMIT, TABLESPACE; a partition's bound FOR VALUES / DEFAULT).
_CLAUSE_START = frozenset(
    {"INHERITS", "PARTITION", "USING", "WITH", "WITHOUT", "ON", "TABLESPACE", "FOR", "DEFAULT"}
)
# Clauses sqlglot does not parse that PostgreSQL accepts and that change nothing the catalog
# model holds: the old default `WITHOUT OIDS`, and a temporary table dropped at commit.
_HARMLESS = frozenset({("WITHOUT", "OIDS"), ("ON", "COMMIT", "DROP")})


def _create_by_elements(state: State, stmt: StatementView) -> None:
    """The statement split into its head, each element and each trailing clause, each parsed
    alone; whatever of them cannot be read is recorded as not replayed."""
    text = stmt.text
    tokens = tk.tokenize(text)
    open_at = _element_list_at(tokens)
    if open_at is None:
        state.skip(stmt.kind)
        return
    has_list = open_at < len(tokens) and tokens[open_at].token_type == TokenType.L_PAREN
    partition = any(tk.upper(tokens, i) == "PARTITION" for i in range(open_at))
    if not has_list and not partition:  # only a partition may leave out the element list
        state.skip(stmt.kind)
        return
    close_at = tk.matching(tokens, open_at) if has_list else open_at - 1
    if close_at >= len(tokens):
        state.skip(stmt.kind, "element list not closed")
    # GLOBAL / LOCAL before TEMPORARY: noise words PostgreSQL accepts and sqlglot may not.
    noise = next((i for i in (1, 2) if tk.upper(tokens, i) in ("GLOBAL", "LOCAL")), None)
    head = (
        tk.span(text, tokens, 0, open_at)
        if noise is None
        else f"{tk.span(text, tokens, 0, noise)} {tk.span(text, tokens, noise + 1, open_at)}"
    )
    shell_head = f"{head} (__replay_placeholder int)" if has_list else head
    shell = _shell(state, stmt, shell_head, text, tokens, close_at + 1)
    if not isinstance(shell, exp.Create) or not isinstance(shell.this, (exp.Schema, exp.Table)):
        state.skip(stmt.kind)
        return
    for placeholder in list(shell.find_all(exp.ColumnDef)):
        placeholder.pop()
    elements: list[exp.Expression | None] = []
    for part in tk.split(text, tokens, open_at + 1, close_at) if has_list else ():
        readable, set_columns = without_set_columns(_NO_EFFECT_WORDS.sub("", part))
        parsed = _parse(f"CREATE TABLE __replay_t ({readable})")
        note_set_columns(parsed, set_columns)
        node = (
            parsed.this.expressions[0]
            if isinstance(parsed, exp.Create)
            and isinstance(parsed.this, exp.Schema)
            and len(parsed.this.expressions) == 1
            else None
        )
        if node is None:
            state.skip(stmt.kind, f"table element: {brief(part)}")
        elements.append(node)
    target = shell.this.this if isinstance(shell.this, exp.Schema) else shell.this
    _create(state, stmt, target, bool(shell.args.get("exists")), shell, elements)


def _element_list_at(tokens: list[Token]) -> int | None:
    """Index of the token after `CREATE ... TABLE [IF NOT EXISTS] name [PARTITION OF | OF
    name]`: the element list's opening parenthesis when there is one."""
    i = tk.accept(tokens, 0, "CREATE")
    if i == 0:
        return None
    for word in ("GLOBAL", "LOCAL", "TEMPORARY", "TEMP", "UNLOGGED"):
        i = tk.accept(tokens, i, word)
    at_table = tk.accept(tokens, i, "TABLE")
    if at_table == i:
        return None
    name = tk.read_name(tokens, tk.accept(tokens, at_table, "IF", "NOT", "EXISTS"))
    if name is None:
        return None
    i = name.end
    of = tk.accept(tokens, tk.accept(tokens, i, "PARTITION"), "OF")
    if of != i:
        parent = tk.read_name(tokens, of)
        if parent is None:
            return None
        i = parent.end
    return i


def _shell(
    state: State, stmt: StatementView, head: str, text: str, tokens: list[Token], start: int
) -> exp.Expr | None:
    """The statement without its elements, parsed with every trailing clause that reads;
    each clause that does not is recorded as not replayed (unless known to be harmless)."""
    clauses = _clauses(text, tokens, start)
    whole = _parse(" ".join([head, *clauses]))
    if whole is not None or not clauses:
        return whole
    kept: list[str] = []
    for clause in clauses:
        if _parse(" ".join([head, *kept, clause])) is not None:
            kept.append(clause)
        elif _words(clause) not in _HARMLESS:
            state.skip(stmt.kind, f"clause not read: {brief(clause)}")
    return _parse(" ".join([head, *kept]))


def _clauses(text: str, tokens: list[Token], start: int) -> list[str]:
    """The text after the element list cut where each top-level clause starts."""
    cuts: list[int] = []
    depth = 0
    for j in range(start, len(tokens)):
        kind = tokens[j].token_type
        if kind in (TokenType.L_PAREN, TokenType.L_BRACKET):
            depth += 1
        elif kind in (TokenType.R_PAREN, TokenType.R_BRACKET):
            depth -= 1
        word = tk.upper(tokens, j)
        if depth == 0 and word in _CLAUSE_START and not _inside_bound(tokens, j, word):
            cuts.append(j)
    if start >= len(tokens):
        return []
    if not cuts or cuts[0] != start:
        cuts.insert(0, start)
    ends = [*cuts[1:], len(tokens)]
    parts = (tk.span(text, tokens, a, b) for a, b in zip(cuts, ends, strict=True))
    return [p for p in parts if p.strip()]


def _inside_bound(tokens: list[Token], j: int, word: str) -> bool:
    """`WITH` of `FOR VALUES WITH (MODULUS ...)`, or `ON` not starting `ON COMMIT`."""
    if word == "WITH":
        return tk.upper(tokens, j - 1) == "VALUES"
    if word == "ON":
        return tk.upper(tokens, j + 1) != "COMMIT"
    return False


def _words(clause: str) -> tuple[str, ...]:
    tokens = tk.tokenize(clause)
    return tuple(tk.upper(tokens, i) for i in range(len(tokens)))


def _parse(sql: str) -> exp.Expr | None:
    try:
        tree = quiet_parse_one(sql, read=DIALECT)
    except (SqlglotError, ValueError):
        return None
    return None if isinstance(tree, exp.Command) else tree
