"""Normalization of identifiers, types, defaults and expressions, done once at model
construction so that equal things compare equal whichever source wrote them.

`VARCHAR(50)` == `character varying(50)`, `TIMESTAMPTZ` == `timestamp with time zone`,
`NOW()` == `now()`, `x IN (1, 2)` == `(x = ANY (ARRAY[1, 2]))`. Expressions go through sqlglot.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlglot
from sqlglot import exp

_DIALECT = "postgres"


def identifier(name: str) -> str:
    """Fold an identifier the way PostgreSQL does: unquoted lower-cased, quoted kept."""
    name = name.strip()
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return name[1:-1].replace('""', '"')
    return name.lower()


def qualified_name(name: str, default_schema: str = "public") -> str:
    """`Users` -> `public.users`; `"S".t` -> `S.t`."""
    parts = _split_qualified(name.strip())
    if len(parts) == 1:
        return f"{identifier(default_schema)}.{identifier(parts[0])}"
    return ".".join(identifier(p) for p in parts[-2:])


def _split_qualified(name: str) -> list[str]:
    parts: list[str] = []
    current = ""
    quoted = False
    for ch in name:
        if ch == '"':
            quoted = not quoted
            current += ch
        elif ch == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


_TYPE_ALIASES = {
    "int": "integer",
    "int4": "integer",
    "int2": "smallint",
    "int8": "bigint",
    "serial": "integer",
    "serial4": "integer",
    "bigserial": "bigint",
    "serial8": "bigint",
    "smallserial": "smallint",
    "serial2": "smallint",
    "float8": "double precision",
    "float4": "real",
    "float": "double precision",
    "bool": "boolean",
    "varchar": "character varying",
    "char": "character",
    "bpchar": "character",
    "decimal": "numeric",
    "timestamptz": "timestamp with time zone",
    "timestamp": "timestamp without time zone",
    "timetz": "time with time zone",
    "time": "time without time zone",
}


@lru_cache(maxsize=65536)
def data_type(text: str) -> str:
    """Canonical PostgreSQL type name as `format_type()` prints it."""
    t = " ".join(text.strip().lower().split())
    array_suffix = ""
    while t.endswith("[]"):
        array_suffix += "[]"
        t = t[:-2].rstrip()
    m = re.fullmatch(
        r"([a-z_][a-z0-9_ .\"]*?)\s*(\(\s*[0-9 ,]+\s*\))?((?: with(?:out)? time zone)?)", t
    )
    if not m:
        return t + array_suffix
    base, mods, tz = m.group(1).strip(), m.group(2) or "", m.group(3).strip()
    if base.startswith("pg_catalog."):
        base = base.removeprefix("pg_catalog.")
    if base == "character varying" or base == "double precision":
        pass
    base = _TYPE_ALIASES.get(base, base)
    mods = mods.replace(" ", "").replace(",", ",")
    if base in ("timestamp", "time"):
        base = f"{base} without time zone"
    if tz:
        base = base.split(" with")[0] + " " + tz
    if mods and base.endswith("time zone"):
        head, _, zone = base.partition(" with")
        return f"{head}{mods} with{zone}{array_suffix}"
    return f"{base}{mods}{array_suffix}"


def return_type(text: str) -> str:
    """A function's return type: `SETOF x`, `TABLE(...)`, `trigger` or a data type."""
    t = " ".join(text.strip().split())
    low = t.lower()
    if low.startswith("setof "):
        return "setof " + data_type(t[6:])
    if low.startswith("table"):
        return "table" + low[5:].replace(" ", "")
    return data_type(t)


@lru_cache(maxsize=65536)
def expression(text: str) -> str:
    """Canonical SQL for a boolean or scalar expression (CHECK, WHERE, default)."""
    try:
        tree: exp.Expression = sqlglot.parse_one(text, read=_DIALECT)
    except sqlglot.errors.SqlglotError:
        return " ".join(text.split())
    return _canonical(tree)


def default(text: str) -> str:
    """A column default, normalized like any expression."""
    return expression(text)


def index_key(text: str) -> str:
    """An index key: a bare column becomes its identifier, an expression its canonical SQL."""
    t = text.strip()
    if re.fullmatch(r'[A-Za-z_][A-Za-z0-9_$]*|"[^"]+"', t):
        return identifier(t)
    return expression(t)


def query(text: str) -> str:
    """A view's query, canonical enough that formatting differences vanish."""
    return expression(text.strip().rstrip(";"))


def fk_action(text: str) -> str:
    """`CASCADE`/`cascade`/`c` -> `cascade`, `NO ACTION`/`a` -> `no action`."""
    codes = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
    t = " ".join(text.strip().lower().split())
    return codes.get(t, t)


def _unwrap(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        inner: exp.Expression = node.this
        node = inner
    return node


def _canonical(tree: exp.Expression) -> str:
    tree = _unwrap(tree)

    def transform(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Paren) and not isinstance(node.this, (exp.Connector,)):
            return node.this
        return node

    tree = tree.transform(transform)
    return tree.sql(dialect=_DIALECT, normalize_functions="lower")


def split_signature(signature: str) -> tuple[str, tuple[str, ...]]:
    """`f(uuid, integer)` -> (`f`, (`uuid`, `integer`)); argument names and modes dropped."""
    name, _, rest = signature.strip().partition("(")
    inner = rest.rsplit(")", 1)[0].strip()
    if not inner:
        return name.strip(), ()
    args: list[str] = []
    depth = 0
    current = ""
    for ch in inner:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            args.append(current.strip())
            current = ""
        else:
            current += ch
    args.append(current.strip())
    return name.strip(), tuple(args)
