"""Column values as PostgreSQL stores them: the type without its modifier, and a DEFAULT
as `pg_get_expr` prints it back (`'x'` on a varchar column is `'x'::character varying`,
`-1` on an integer column is `'-1'::integer`, `DEFAULT NULL` is no default at all)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from sqlglot import exp

from schemacheck import normalize as norm
from schemacheck.replay.drafts import UNKNOWN_DEFAULT, Key, quote
from schemacheck.replay.names import truncate
from schemacheck.replay.sqltext import render, string_literal

_INTEGER = {"smallint", "integer", "bigint"}
_NUMBER = _INTEGER | {"numeric", "real", "double precision"}
_TEMPORAL = {
    "timestamp with time zone",
    "timestamp without time zone",
    "date",
    "time without time zone",
}


def strip_typmod(type_text: str) -> str:
    """The type without its modifier: `varchar(50)` -> `varchar`, `numeric(10, 2)[]` ->
    `numeric[]`, `timestamp(3) with time zone` -> `timestamp with time zone`."""
    t = re.sub(r"\(\s*\d+(\s*,\s*\d+)?\s*\)", "", type_text)
    return " ".join(t.split())


def bare_type(type_text: str) -> str:
    """The normalized type as a cast prints it: no modifier, `character(3)` -> `bpchar`."""
    t = norm.data_type(strip_typmod(type_text))
    if t == "character" or t.startswith("character["):
        t = "bpchar" + t[len("character") :]
    return t


def column_default(
    node: exp.Expression,
    type_text: str | None,
    regclass: Callable[[str], str] | None = None,
) -> str | None:
    """The stored default for a DEFAULT expression on a column of `type_text` (None: no
    default). `regclass` resolves a `nextval('name')` argument to the sequence it names:
    PostgreSQL stores the sequence's OID, so the name resolves where the default is set."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.ByteString):  # E'...': sqlglot has decoded the escapes
        node = exp.Literal.string(str(node.this))
    if isinstance(node, exp.Null):
        return None
    base = bare_type(type_text) if type_text else None
    if (
        isinstance(node, exp.Cast)
        and isinstance(node.this, exp.Literal)
        and node.this.is_string
        and base in _TEMPORAL
        and bare_type(render(node.args["to"])) == base
    ):
        node = node.this  # TIMESTAMPTZ '...' on a timestamptz column: the literal
    if isinstance(node, exp.Literal) and node.is_string and base is not None:
        if base in _TEMPORAL and type_text:
            stored = norm.temporal_literal(str(node.this), type_text)
            return UNKNOWN_DEFAULT if stored is None else f"{string_literal(stored)}::{base}"
        return _string_default(str(node.this), base)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and not node.this.is_string:
        value = "-" + str(node.this.this)
        return f"{string_literal(value)}::{_number_type(value)}"
    if _is_nextval(node):
        arg = node.expressions[0] if node.expressions else None
        if isinstance(arg, exp.Literal) and arg.is_string:
            name = str(arg.this)
            if regclass is not None:
                name = regclass(name)
            return f"nextval({string_literal(name)}::regclass)"
    return render(node)


def _string_default(value: str, base: str) -> str:
    if base == "boolean" and value.strip().lower() in ("t", "true", "y", "yes", "on", "1"):
        return "true"
    if base == "boolean" and value.strip().lower() in ("f", "false", "n", "no", "off", "0"):
        return "false"
    if base in _NUMBER and re.fullmatch(r"\s*\d+(\.\d*)?\s*", value):
        return value.strip()
    return f"{string_literal(value)}::{base}"


def _number_type(value: str) -> str:
    if re.fullmatch(r"-\d+", value):
        return "integer" if int(value) >= -(2**31) else "bigint"
    return "numeric"


def _is_nextval(node: exp.Expression) -> bool:
    return isinstance(node, exp.Anonymous) and str(node.this).lower() == "nextval"


_TYPE_NAME = re.compile(r'\s*("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*((?:\[\s*\d*\s*\]\s*)*)')


def resolved_type(type_text: str, search_path: Iterable[str], *pools: Mapping[Key, object]) -> str:
    """An unqualified user type (an enum, or a table's row type in `pools`) as the
    introspection prints it: looked up through `search_path` as PostgreSQL does (the first
    schema holding it) and schema-qualified unless that schema is `public` (`mood` with
    `search_path = app` -> `app.mood`; `mood[]` -> `app.mood[]`). Anything else unchanged."""
    m = _TYPE_NAME.fullmatch(type_text)
    if m is None:
        return type_text
    word = m.group(1)
    if word.startswith('"'):
        name = truncate(word[1:-1].replace('""', '"'))
    else:
        name = truncate(word.lower())
        if norm.data_type(name) != name:  # a built-in alias (int, varchar, ...)
            return type_text
    for schema in search_path:
        if any((schema, name) in pool for pool in pools):
            if schema == "public":
                return type_text
            return f"{quote(schema)}.{quote(name)}{''.join(m.group(2).split())}"
    return type_text
