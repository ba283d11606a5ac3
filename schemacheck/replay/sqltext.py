"""Small helpers over sqlglot trees and SQL text: folded names, rendered SQL, the columns an
expression reads, and renaming a column inside an expression."""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import SqlglotError

from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.replay.names import truncate

# a dialect instance, not its name: sqlglot makes a new dialect for each call given a name
DIALECT = Postgres()


def render(node: exp.Expression) -> str:
    """A subtree as PostgreSQL SQL."""
    return node.sql(dialect=DIALECT, normalize_functions="lower")


_TYPE_SQL: dict[exp.DataType, str] = {}
_TYPE_SQL_MAX = 4096


def render_type(node: exp.DataType) -> str:
    """`render` of a column type, remembered by the type's structure: a large project names
    the same few types tens of thousands of times (65,000 columns of the lint corpus: 1.1 s
    of the replay rendered afresh)."""
    text = _TYPE_SQL.get(node)
    if text is None:
        if len(_TYPE_SQL) >= _TYPE_SQL_MAX:
            _TYPE_SQL.clear()
        text = _TYPE_SQL[node] = render(node)
    return text


def fold(name: str, quoted: bool) -> str:
    """PostgreSQL's identifier folding: unquoted lower-cased, quoted kept."""
    return truncate(name if quoted else name.lower())


def ident(node: exp.Expression | None) -> str:
    """The folded name of an Identifier, Column, Table or Var node ("" when absent)."""
    if node is None:
        return ""
    if isinstance(node, exp.Identifier):
        return fold(str(node.this), bool(node.args.get("quoted")))
    if isinstance(node, (exp.Column, exp.Table)):
        return ident(node.args.get("this"))
    if isinstance(node, exp.Var):
        return str(node.this).lower()
    if isinstance(node, exp.Literal):
        return str(node.this)
    return node.name.lower()


def qualified(node: exp.Table) -> tuple[str | None, str]:
    """(schema or None, name) of a table-like node."""
    schema = node.args.get("db")
    return (ident(schema) if schema is not None else None, ident(node.args.get("this")))


def parse_expression(text: str) -> exp.Expr | None:
    try:
        return quiet_parse_one(text, read=DIALECT)
    except (SqlglotError, ValueError):
        return None


def columns_read(text: str) -> set[str]:
    """Folded names of the columns an expression reads (empty when it does not parse)."""
    tree = parse_expression(text)
    if tree is None:
        return set()
    return {ident(c) for c in tree.find_all(exp.Column)}


def columns_in_order(text: str) -> list[str]:
    """Folded names of the columns an expression reads, each once, in order of first
    appearance (the order of a CHECK constraint's `conkey`); empty when it does not parse."""
    tree = parse_expression(text)
    if tree is None:
        return []
    return list(dict.fromkeys(ident(c) for c in tree.find_all(exp.Column, bfs=False)))


def rename_in(text: str, old: str, new: str) -> str:
    """The expression with column `old` renamed to `new` (text unchanged if it does not
    parse or does not read `old`)."""
    tree = parse_expression(text)
    if tree is None or old not in {ident(c) for c in tree.find_all(exp.Column)}:
        return text

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and ident(node) == old:
            quoted = re.fullmatch(r"[a-z_][a-z0-9_$]*", new) is None
            return exp.Column(this=exp.Identifier(this=new, quoted=quoted))
        return node

    return render(tree.transform(swap))


def string_literal(text: str) -> str:
    """`text` as a PostgreSQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def brief(text: str, limit: int = 60) -> str:
    """SQL text on one line, cut to `limit` characters, for a "not replayed" line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."
