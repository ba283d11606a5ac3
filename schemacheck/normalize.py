"""Normalization of identifiers, types, defaults and expressions, done once at model
construction so that equal things compare equal whichever source wrote them: a person (spec,
migration), the live catalog (`format_type`, `pg_get_expr`, `pg_get_constraintdef`,
`pg_get_indexdef`, `pg_get_triggerdef`, `pg_get_viewdef`; PostgreSQL 15 and 18 alike) or
sqlglot re-generating SQL.

Types become what `format_type()` prints with `pg_catalog, public` on the search path
(`VARCHAR(50)` -> `character varying(50)`, `public.mood` -> `mood`). Expressions are parsed
with sqlglot, rewritten bottom-up to one canonical tree and generated again:

- parentheses go, then come back around every operator operand (`(a > 0) AND (b > 0)`);
  AND/OR chains flatten; identifiers fold (`Users`, `"users"` -> `users`; `"Users"` kept);
- casts PostgreSQL adds are dropped: on string literals (`'x'::text` -> `'x'`), number casts
  of numbers (`'-1'::integer` -> `-1`), text/varchar casts of columns (`(email)::text`), casts
  of literal `ARRAY[...]`; other casts stay, printed `x::type`, with the operand in parentheses
  unless it is a column, a constant or a function call (`(data ->> 'x')::integer`: an operator
  sqlglot models as a function binds looser than `::`); a subscript, field or COLLATE keeps an
  operator operand parenthesized too (`(arr || b)[1]`), so that the text reads back the same;
- bit-string constants become the string of their bits, as PostgreSQL stores them
  (`B'101'` and `'101'::"bit"` -> `'101'`, `X'1F'` -> `'00011111'`);
- `x = ANY (ARRAY[a, b])` -> `x IN (a, b)`, `x <> ALL (...)` -> `NOT (x IN (...))`, one
  element -> `=`; `BETWEEN` -> `>= AND <=`; `SIMILAR TO` -> `~ similar_to_escape(...)`;
- NOT goes inward (`NOT (a = b)` -> `a <> b`, De Morgan, `NOT (x IS NULL)` -> `x IS NOT NULL`);
  `flag = true` -> `flag`, `flag = false` -> `NOT flag`;
- `CURRENT_TIMESTAMP`, `transaction_timestamp()` -> `now()`; `public.`/`pg_catalog.` function
  prefixes go; `nextval('public.s'::regclass)` -> `nextval('s')`; interval constants print as
  PostgreSQL does (`interval '1 minute'` -> `'00:01:00'`);
- a function call keeps its name and arguments as written wherever sqlglot would read it as
  another dialect's function and print PostgreSQL's nearest equivalent (`group_concat(x)` is
  not `string_agg(x, ',')`, `ifnull(a, b)` not `coalesce(a, b)`, `substr(s, 1, 2)` not
  `SUBSTRING(s FROM 1 FOR 2)`): in PostgreSQL those are other functions, often the user's own.

An exclusion constraint (`EXCLUDE USING gist (daterange(a, b, '[)'::text) WITH &&) WHERE
((room IS NOT NULL))`) is taken apart: each element normalized as an index key, the operator
unqualified, the predicate as an expression.

Normalizing is idempotent: the canonical text normalizes to itself, so a snapshot written from
one catalog reads back as the same catalog.

Deliberately kept apart: `IS FALSE`/`IS NOT TRUE` from `NOT` (NULLs), operand order (`a IN (1, 2)`
is not `a IN (2, 1)`), `1.5` from `1.50`, a cast that changes a value (`x::date`). Out of reach
without the column types or the server's TimeZone: implicit non-text casts of columns
(`(a)::numeric > 1.5`), an untyped `'1 minute'` default, timestamp literals, `SELECT *`;
and PostgreSQL 16's non-decimal integers, which sqlglot reads as bit strings (`0x1F` as `X'1F'`).

Results are cached (a large catalog repeats the same strings), and nothing here raises: what
sqlglot cannot parse falls back to a whitespace/case-folded string.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import ErrorLevel
from sqlglot.generators.postgres import PostgresGenerator
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.quiet import quiet

_POSTGRES = Postgres()
_CACHE = 65536
_DEFAULT_SCHEMAS = frozenset({"public", "pg_catalog"})


# --- identifiers --------------------------------------------------------------------------


@lru_cache(maxsize=_CACHE)
def identifier(name: str) -> str:
    """Fold an identifier the way PostgreSQL does: unquoted lower-cased, quoted kept."""
    name = name.strip()
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return name[1:-1].replace('""', '"')
    return name.lower()


_PLAIN_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_$]*")


@lru_cache(maxsize=_CACHE)
def quote_identifier(name: str) -> str:
    """Quote a folded name only when it would not survive unquoted (like `quote_ident`)."""
    if _PLAIN_IDENTIFIER.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def qualified_name(name: str, default_schema: str = "public") -> str:
    """`Users` -> `public.users`; `"S".t` -> `S.t`."""
    parts = _split_qualified(name.strip())
    if len(parts) == 1:
        return f"{identifier(default_schema)}.{identifier(parts[0])}"
    return ".".join(identifier(p) for p in parts[-2:])


def _split_qualified(name: str) -> list[str]:
    """Split on dots outside double quotes."""
    parts: list[str] = []
    current = ""
    quoted = False
    for ch in name:
        if ch == '"':
            quoted = not quoted
        if ch == "." and not quoted:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return parts


def _search_path_name(name: str) -> str:
    """A type or relation name as PostgreSQL prints it with `public` on the search path."""
    parts = [identifier(p) for p in _split_qualified(name)]
    if len(parts) > 1 and parts[-2] in _DEFAULT_SCHEMAS:
        parts = parts[-1:]
    return ".".join(quote_identifier(p) for p in parts[-2:])


# --- types --------------------------------------------------------------------------------

_TYPE_ALIASES = {
    "int": "integer",
    "int4": "integer",
    "serial": "integer",
    "serial4": "integer",
    "int2": "smallint",
    "smallserial": "smallint",
    "serial2": "smallint",
    "int8": "bigint",
    "bigserial": "bigint",
    "serial8": "bigint",
    "float8": "double precision",
    "float4": "real",
    "bool": "boolean",
    "varchar": "character varying",
    "char varying": "character varying",
    "char": "character",
    "decimal": "numeric",
    "varbit": "bit varying",
    "timestamptz": "timestamp with time zone",
    "timestamp": "timestamp without time zone",
    "timetz": "time with time zone",
    "time": "time without time zone",
}
_BUILTIN_NAMES = frozenset(_TYPE_ALIASES) | frozenset(_TYPE_ALIASES.values()) | {
    "text", "bytea", "uuid", "json", "jsonb", "date", "interval", "numeric", "bpchar", "bit",
    "float", "real", "smallint", "bigint", "oid", "inet", "cidr", "macaddr", "money", "xml",
}  # fmt: skip
# Types whose bare name implies a length of one: `char` is `character(1)`, `bit` is `bit(1)`.
_DEFAULT_LENGTH_ONE = frozenset({"character", "bit"})
_TYPE_RE = re.compile(
    r"(?P<head>[^()]+?)\s*(?:\((?P<mods>[^()]*)\))?\s*(?P<tz>(?:with|without) time zone)?",
    flags=re.IGNORECASE,
)


class _Type(NamedTuple):
    """A type split where `format_type` puts its modifiers: `head(mods) tail[]`."""

    head: str
    mods: str
    tail: str
    array: bool

    def render(self, *, with_mods: bool = True) -> str:
        mods = f"({self.mods})" if self.mods and with_mods else ""
        tail = f" {self.tail}" if self.tail else ""
        return f"{self.head}{mods}{tail}{'[]' if self.array else ''}"


@lru_cache(maxsize=_CACHE)
def data_type(text: str) -> str:
    """Canonical type name as `format_type(atttypid, atttypmod)` prints it."""
    return _parse_type(text).render()


@lru_cache(maxsize=_CACHE)
def argument_type(text: str) -> str:
    """A function argument or result type: PostgreSQL ignores modifiers there, so
    `varchar(10)`, `char(1)` and `timestamptz(6)` print as `character varying`, `character`
    and `timestamp with time zone` (and so does `bpchar`)."""
    parsed = _parse_type(text)
    head = "character" if parsed.head == "bpchar" else parsed.head
    if head.startswith("interval "):
        head = "interval"
    return parsed._replace(head=head).render(with_mods=False)


def _parse_type(text: str) -> _Type:
    t, array = _strip_array(" ".join(text.strip().split()))
    m = _TYPE_RE.fullmatch(t)
    if not m:
        return _Type(t.lower(), "", "", array)
    head = _type_head(m.group("head"))
    mods = (m.group("mods") or "").replace(" ", "")
    tz = (m.group("tz") or "").lower()
    if head.startswith("_") and head[1:] in _BUILTIN_NAMES:
        head, array = head[1:], True
    head, mods = _type_alias(head, mods)
    return _with_time_zone(head, mods, tz, array)


def _strip_array(t: str) -> tuple[str, bool]:
    """`text[]`, `int[3][]`, `integer ARRAY[4]` -> base and True (PG keeps no dimensions)."""
    stripped = re.sub(r"(\s*\[\s*\d*\s*\])+$", "", t)
    stripped = re.sub(r"\s+array(\s*\[\s*\d*\s*\])?$", "", stripped, flags=re.IGNORECASE)
    return stripped, stripped != t


def _type_head(head: str) -> str:
    """Fold the name part: unqualified when in `public`/`pg_catalog`; `"char"` stays quoted."""
    head = head.strip()
    if '"' not in head:
        return _search_path_name(head.lower()) if "." in head else head.lower()
    name = _search_path_name(head)
    if name in _BUILTIN_NAMES:  # a quoted builtin word is another type: `"char"` is not char
        return f'"{name}"'
    return name


def _type_alias(head: str, mods: str) -> tuple[str, str]:
    if head == "float":
        precision = int(mods) if mods.isdigit() else 53
        return ("real" if precision <= 24 else "double precision"), ""
    if head == "bpchar" and mods:
        return "character", mods
    head = _TYPE_ALIASES.get(head, head)
    if head in _DEFAULT_LENGTH_ONE and not mods:
        mods = "1"
    return head, mods


def _with_time_zone(head: str, mods: str, tz: str, array: bool) -> _Type:
    """`timestamptz(6)` -> `timestamp(6) with time zone`; bare `time` -> `without time zone`."""
    base, _, zone = head.partition(" with")
    if base in ("timestamp", "time"):
        tail = tz or ("with" + zone if zone else "without time zone")
        return _Type(base, mods, tail, array)
    return _Type(head, mods, tz, array)


@lru_cache(maxsize=_CACHE)
def return_type(text: str) -> str:
    """A function result, `pg_get_function_result` spelling with lower-case keywords:
    `setof text`, `table(total bigint, encrypted bigint)`, `trigger`, `void`, or a type
    without modifiers (`varchar(10)` -> `character varying`)."""
    t = " ".join(text.strip().split())
    low = t.lower()
    if low.startswith("setof "):
        return "setof " + argument_type(t[6:])
    m = re.fullmatch(r"table\s*\((.*)\)", t, flags=re.IGNORECASE | re.DOTALL)
    if m:
        columns = (_table_column(c) for c in split_top_level(m.group(1)))
        return "table(" + ", ".join(columns) + ")"
    return argument_type(t)


def _table_column(column: str) -> str:
    """`"Total" BIGINT` -> `"Total" bigint`."""
    name, type_text = _split_leading_name(column)
    return f"{quote_identifier(identifier(name))} {argument_type(type_text)}"


def _split_leading_name(text: str) -> tuple[str, str]:
    """`"a b" int` -> (`"a b"`, `int`); `a int` -> (`a`, `int`); `int` -> (`int`, ``);
    `x "Sales Ops".t` -> (`x`, `"Sales Ops".t`)."""
    text = text.strip()
    # a word runs to the first blank outside double quotes: `"Sales Ops".t` is one
    m = re.match(r'((?:"(?:[^"]|"")*"|[^\s"])+)\s+(.*)', text, flags=re.DOTALL)
    if not m:
        return text, ""
    return m.group(1), m.group(2)


# --- function signatures -------------------------------------------------------------------

_ARG_MODES = ("in", "out", "inout", "variadic")
_MULTIWORD_TYPE = re.compile(
    r"(double precision|character varying|char varying|bit varying|national character"
    r"|(timestamp|time)\s*(\([^)]*\))?\s+with(out)? time zone|interval\s+\w+.*|character"
    r"|char)\b.*",
    flags=re.IGNORECASE,
)


def split_signature(signature: str) -> tuple[str, tuple[str, ...]]:
    """`f(a uuid, OUT b int, c int DEFAULT 1)` -> (`f`, (`uuid`, `int`)): the identity
    argument types, with argument names, modes, defaults and OUT arguments dropped."""
    name, _, rest = signature.strip().partition("(")
    inner = rest.rsplit(")", 1)[0].strip()
    types = (_identity_type(arg) for arg in split_top_level(inner))
    return name.strip(), tuple(t for t in types if t is not None)


def _identity_type(arg: str) -> str | None:
    """The type of one declared argument, or None for an OUT argument."""
    arg = re.split(r"\s+default\s+|\s*=\s*", arg.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    first, _, rest = arg.partition(" ")
    if first.lower() in _ARG_MODES and rest:
        if first.lower() == "out":
            return None
        arg = rest.strip()
    if _is_bare_type(arg):
        return arg
    return _split_leading_name(arg)[1] or arg


def _is_bare_type(arg: str) -> bool:
    """Whether `arg` is a type alone (`double precision`, `int[]`), not `name type`."""
    if _MULTIWORD_TYPE.fullmatch(arg):
        return True
    return not _split_leading_name(re.sub(r"\s*\(.*", "", arg))[1]


def split_top_level(text: str) -> list[str]:
    """Split on commas outside parentheses and quotes; empty text gives no items."""
    items: list[str] = []
    depth, quote, current = 0, "", ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        items.append(current.strip())
    return items


@lru_cache(maxsize=256)
def fk_action(text: str) -> str:
    """`CASCADE`/`cascade`/`c` -> `cascade`, `NO ACTION`/`a` -> `no action`."""
    codes = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}
    t = " ".join(text.strip().lower().split())
    return codes.get(t, t)


# --- expressions: entry points -----------------------------------------------------------

_CHECK_PREFIX = re.compile(r"^\s*check\s*(?=\()", flags=re.IGNORECASE)
_CHECK_SUFFIX = re.compile(
    r"\)\s*((not\s+valid|no\s+inherit|not\s+enforced|enforced)\s*)+$", flags=re.IGNORECASE
)
_WHERE_PREFIX = re.compile(r"^\s*where\s+", flags=re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def expression(text: str) -> str:
    """Canonical SQL for a CHECK, index predicate, trigger WHEN, default or generated
    expression; accepts `pg_get_constraintdef` output (`CHECK ((...)) NOT VALID`) and
    `WHERE ...`."""
    body = _strip_clause(text)
    if _EXCLUDE_PREFIX.match(body):
        return _exclusion(body)
    tree = _parse(body)
    if tree is None:
        return _fallback(body)
    return _generate(tree, _canonical, body)


def default(text: str) -> str:
    """A column default, normalized like any expression."""
    return expression(text)


_BARE_KEY = re.compile(r'[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"')


@lru_cache(maxsize=_CACHE)
def index_key(text: str) -> str:
    """One index key: a bare column becomes its identifier, an expression its canonical SQL;
    then `COLLATE`, operator class, `DESC` and a non-default `NULLS` order, if any."""
    t = text.strip()
    if _BARE_KEY.fullmatch(t):
        return identifier(t)
    try:
        return _index_key(t)
    except Exception:  # normalization never raises
        return _fallback(t)


@lru_cache(maxsize=_CACHE)
def query(text: str) -> str:
    """A view's query, canonical enough that `pg_get_viewdef` (pretty or not, 15 or 18) and
    the CREATE VIEW text compare equal: formatting, default column aliases, redundant casts
    and the table qualifier of a single-table SELECT vanish."""
    body = text.strip().rstrip(";").strip()
    tree = _parse(body)
    if tree is None:
        return _fallback(body)
    return _generate(tree, _canonical_query, body)


_EXCLUDE_PREFIX = re.compile(r"exclude\b", flags=re.IGNORECASE)
_EXCLUDE_HEAD = re.compile(
    r'exclude\s*(?:using\s+(?P<method>[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")\s*)?\(',
    flags=re.IGNORECASE,
)
_EXCLUDE_OPERATOR = re.compile(
    r"\s+with\s+(?P<op>\S+|operator\s*\(.*\))\s*$", flags=re.IGNORECASE | re.DOTALL
)
_QUALIFIED_OPERATOR = re.compile(
    r"operator\s*\(\s*(?:(?P<schema>[^.()]+)\.)?(?P<op>[^()]+?)\s*\)", flags=re.IGNORECASE
)
_EXCLUDE_TAIL = re.compile(
    r"(?P<include>include\s*\([^()]*\))?\s*(?P<with>with\s*\([^()]*\))?\s*"
    r"(?P<space>using\s+index\s+tablespace\s+\S+)?\s*(?:where\b(?P<where>.*))?",
    flags=re.IGNORECASE | re.DOTALL,
)


def _exclusion(text: str) -> str:
    """An exclusion constraint as `pg_get_constraintdef` prints it or a migration writes it:
    `EXCLUDE USING gist (daterange(ci, co, '[)'::text) WITH &&) WHERE ((room IS NOT NULL))`
    -> `EXCLUDE USING gist (daterange(ci, co, '[)') WITH &&) WHERE (room IS NOT NULL)`: each
    element normalized as an index key, operators unqualified, the predicate as an expression
    (btree when no method is named, as PostgreSQL does)."""
    try:
        head = _EXCLUDE_HEAD.match(text)
        end = _closing_parenthesis(text, head.end() - 1) if head is not None else -1
        tail = _EXCLUDE_TAIL.fullmatch(text[end + 1 :].strip()) if end > 0 else None
        if head is None or tail is None:
            return _fallback(text)
        elements = [_exclusion_element(e) for e in split_top_level(text[head.end() : end])]
        if not elements or None in elements:
            return _fallback(text)
        method = identifier(head["method"] or "btree")
        parts = [f"EXCLUDE USING {quote_identifier(method)} ({', '.join(map(str, elements))})"]
        if tail["include"]:
            names = split_top_level(tail["include"].strip()[len("include") :].strip()[1:-1])
            parts.append(f"INCLUDE ({', '.join(quote_identifier(identifier(n)) for n in names)})")
        parts.extend(_fallback(tail[k]) for k in ("with", "space") if tail[k])
        if tail["where"] is not None:
            parts.append(f"WHERE ({expression(tail['where'])})")
        return " ".join(parts)
    except Exception:  # normalization never raises
        return _fallback(text)


def _exclusion_element(text: str) -> str | None:
    """`daterange(a, b, '[)'::text) WITH &&` -> `daterange(a, b, '[)') WITH &&`."""
    m = _EXCLUDE_OPERATOR.search(text)
    if m is None:
        return None
    operator = m["op"]
    qualified = _QUALIFIED_OPERATOR.fullmatch(operator)
    if qualified is not None:
        schema = qualified["schema"]
        in_path = schema is None or identifier(schema) in _DEFAULT_SCHEMAS
        name = qualified["op"].strip()
        operator = name if in_path else f"OPERATOR({_search_path_name(schema)}.{name})"
    return f"{_index_key(text[: m.start()].strip(), element=True)} WITH {operator}"


def _closing_parenthesis(text: str, start: int) -> int:
    """The index of the parenthesis closing the one at `start` (quotes and brackets respected),
    or -1: in `f(a) || g(b)` the first one closes before the end."""
    depth, quote = 0, ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _strip_clause(text: str) -> str:
    body = text.strip().rstrip(";")
    if _CHECK_PREFIX.match(body):
        body = _CHECK_PREFIX.sub("", body)
        body = _CHECK_SUFFIX.sub(")", body)
    return _WHERE_PREFIX.sub("", body).strip()


def _parse(text: str) -> exp.Expr | None:
    """sqlglot's tree, or None where it cannot parse the text (or parses nothing)."""
    for candidate in (text, _pre_rewrite(text)):
        try:
            with quiet():
                trees = parse_tokens(_POSTGRES.tokenize(candidate), candidate)
        except Exception:  # any tokenizer or parser failure means "use the fallback"
            continue
        if len(trees) == 1 and trees[0] is not None:
            return trees[0]
    return None


def parse_tokens(tokens: list[Token], text: str) -> list[exp.Expr | None]:
    """`Postgres().parser().parse(tokens, text)`, except that a call to a function sqlglot
    would turn into another function or shape keeps its name and arguments as written
    (`group_concat(x)` is not `string_agg(x, ',')`); raises as sqlglot does."""
    error: Exception | None = None
    for hidden in _own_calls(tokens):
        originals = {i: tokens[i].text for i in hidden}
        for i, name in hidden.items():
            tokens[i].text = name
        try:
            with quiet():
                trees = _POSTGRES.parser().parse(tokens, text)
        except Exception as exc:  # the next way, or the caller's fallback
            error = exc
            continue
        finally:
            for i, original in originals.items():
                tokens[i].text = original
        if hidden:
            for tree in trees:
                if tree is not None:
                    _unhide_names(tree)
        return trees
    assert error is not None  # the last way hides nothing, and only a failure gets here
    raise error


# sqlglot knows the functions of many dialects by name and reads a call to one as that
# dialect's function, printing it as PostgreSQL's nearest equivalent: `group_concat(x)` as
# `string_agg(x, ',')`, `ifnull(a, b)` as `coalesce(a, b)`, `len(s)` as `length(s)`,
# `iif(c, a, b)` as a CASE, `date_add(a, b)` as `a + INTERVAL ...`, and more. In PostgreSQL
# these are names like any other (often of the user's own functions and aggregates), so such
# a call is read as an anonymous call that keeps its name and arguments as written. Which
# names sqlglot rewrites is found out, per name and number of arguments, by asking sqlglot
# (`_keeps_call`), not listed here: the table grows with every sqlglot release.
_HIDDEN = "\x00"
_KNOWN_FUNCTIONS = frozenset(_POSTGRES.parser_class.FUNCTIONS)
_SYNTAX_FUNCTIONS = frozenset(_POSTGRES.parser_class.FUNCTION_PARSERS)
# Keywords that look like a call but are PostgreSQL syntax: `ARRAY(SELECT ..)`, `ROW(a, b)`,
# `EXISTS (..)`, `x = ANY (..)`.
_SYNTAX_TOKENS = frozenset(
    {TokenType.ARRAY, TokenType.ROW, TokenType.EXISTS, TokenType.ANY, TokenType.ALL}
    | {TokenType.SOME, TokenType.CASE, TokenType.INTERVAL, TokenType.VALUES}
)


def _own_calls(tokens: list[Token]) -> list[dict[int, str]]:
    """The ways to try parsing `tokens`, each a map of token positions to hidden names: first
    every call sqlglot would rewrite hidden; then those of functions with a syntax of their
    own left to sqlglot (`substring(a FROM 1)`, `extract(year FROM x)`: not a list of
    arguments); last nothing hidden."""
    calls: dict[int, str] = {}
    for i, token in enumerate(tokens[:-1]):
        if tokens[i + 1].token_type != TokenType.L_PAREN or token.token_type in _SYNTAX_TOKENS:
            continue
        if i > 0 and tokens[i - 1].token_type == TokenType.DOT:
            continue  # `schema.f(..)`: sqlglot reads a qualified call as written already
        name = token.text.upper()
        if name not in _KNOWN_FUNCTIONS and name not in _SYNTAX_FUNCTIONS:
            continue
        if not _keeps_call(name, _argument_count(tokens, i + 1)):
            calls[i] = _HIDDEN + token.text
    plain = {i: h for i, h in calls.items() if tokens[i].text.upper() not in _SYNTAX_FUNCTIONS}
    attempts: list[dict[int, str]] = []
    for attempt in (calls, plain, {}):
        if attempt not in attempts:
            attempts.append(attempt)
    return attempts


def _argument_count(tokens: list[Token], start: int) -> int:
    """The number of top-level comma-separated items inside the parenthesis at `start`."""
    if start + 1 < len(tokens) and tokens[start + 1].token_type == TokenType.R_PAREN:
        return 0
    depth, commas = 0, 0
    for token in tokens[start:]:
        kind = token.token_type
        if kind in (TokenType.L_PAREN, TokenType.L_BRACKET):
            depth += 1
        elif kind in (TokenType.R_PAREN, TokenType.R_BRACKET):
            depth -= 1
            if depth == 0:
                break
        elif kind == TokenType.COMMA and depth == 1:
            commas += 1
    return commas + 1


@lru_cache(maxsize=4096)
def _keeps_call(name: str, count: int) -> bool:
    """Whether sqlglot reads `name(_a0, .., _aN)` as a call of `name` to the same arguments,
    after this module's own rewriting. A function with a syntax of its own that sqlglot cannot
    read as a list of arguments (`cast(x)`) is left to sqlglot."""
    written = f"{name.lower()}({', '.join(f'_a{i}' for i in range(count))})"
    try:
        with quiet():
            trees = _POSTGRES.parse(written)
        printed = _sql(_canonical(trees[0])) if len(trees) == 1 and trees[0] else ""
    except Exception:  # sqlglot needs the function's own syntax
        return name in _SYNTAX_FUNCTIONS
    return " ".join(printed.split()).lower() == written


def _unhide_names(tree: exp.Expr) -> None:
    for node in tree.walk():
        if isinstance(node, exp.Anonymous) and isinstance(node.this, str):
            if node.this.startswith(_HIDDEN):
                node.set("this", node.this[len(_HIDDEN) :])
        elif isinstance(node, exp.Identifier) and str(node.this).startswith(_HIDDEN):
            node.set("this", str(node.this)[len(_HIDDEN) :])


def _pre_rewrite(text: str) -> str:
    """Spellings sqlglot does not parse, rewritten to ones it does."""
    return re.sub(r"\bbit\s+varying\b", "varbit", text, flags=re.IGNORECASE)


def _fallback(text: str) -> str:
    """Whitespace collapsed and case folded outside quotes."""
    parts = re.split(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")", text)
    out = [p if p[:1] in ("'", '"') else " ".join(p.lower().split()) for p in parts]
    return re.sub(r"\s*([(),])\s*", r"\1", " ".join(o for o in out if o)).strip()


def _generate(tree: exp.Expr, transform: Callable[[exp.Expr], exp.Expr], original: str) -> str:
    try:
        return _sql(transform(tree))
    except Exception:  # normalization never raises
        return _fallback(original)


# --- expressions: the canonical tree -------------------------------------------------------

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", flags=re.IGNORECASE)
_INTEGER_TYPES = frozenset({"smallint", "integer", "bigint"})
_NUMERIC_TYPES = _INTEGER_TYPES | {"numeric", "real", "double precision"}
_STRING_TYPES = frozenset({"text", "character varying", "bpchar"})
_NEGATION: dict[type[exp.Expr], type[exp.Expr]] = {
    exp.EQ: exp.NEQ,
    exp.NEQ: exp.EQ,
    exp.GT: exp.LTE,
    exp.LTE: exp.GT,
    exp.GTE: exp.LT,
    exp.LT: exp.GTE,
    exp.NullSafeEQ: exp.NullSafeNEQ,
    exp.NullSafeNEQ: exp.NullSafeEQ,
}
_SEQUENCE_FUNCTIONS = frozenset({"nextval", "currval", "setval"})
_NOW_FUNCTIONS = frozenset({"now", "transaction_timestamp"})


def _canonical(tree: exp.Expr) -> exp.Expr:
    """Rewrite bottom-up: every node sees children that are already canonical."""
    if isinstance(tree, exp.DataType):
        return tree
    for child in list(tree.iter_expressions()):
        key, index = child.arg_key, child.index  # saved: a rule may re-parent the child
        new = _canonical(child)
        if new is not child and key is not None:
            tree.set(key, new, index)
    return _simplify(tree)


def _simplify(node: exp.Expr) -> exp.Expr:
    rule = _RULES.get(type(node))
    if rule is not None:
        node = rule(node)
    if node.args.get("negate") and not isinstance(node, exp.Is):
        node.set("negate", False)  # `x NOT LIKE y` -> `NOT x LIKE y`, one form only
        return exp.Not(this=node)
    return node


def _unparen(node: exp.Expr) -> exp.Expr:
    if isinstance(node.this, exp.Query) or isinstance(node.parent, exp.Any):
        return node
    inner: exp.Expr = node.this
    return inner


def _fold_identifier(node: exp.Expr) -> exp.Expr:
    name: str = node.this
    if not node.args.get("quoted"):
        node.set("this", name.lower())
    elif quote_identifier(name) == name:
        node.set("quoted", False)
    return node


def _cast(node: exp.Expr) -> exp.Expr:
    """Drop the casts PostgreSQL adds on its own; keep those that change a value."""
    target = _cast_target(node)
    inner: exp.Expr = node.this
    if isinstance(inner, exp.Literal) and inner.is_string:
        return _cast_string(inner, target)
    if isinstance(inner, exp.Literal) and _lossless_number_cast(inner.name, target):
        return inner
    if isinstance(inner, exp.Null):
        return inner
    if isinstance(inner, exp.Column) and target in _STRING_TYPES:
        return inner
    if isinstance(inner, exp.Array) and target.endswith("[]") and _all_literals(inner):
        return inner
    return node


def _cast_target(node: exp.Expr) -> str:
    return data_type(_generator().sql(node.args["to"]))


def _cast_string(literal: exp.Expr, target: str) -> exp.Expr:
    value: str = literal.name
    if target == "regclass":
        return exp.Literal.string(_search_path_name(value))
    if target in _NUMERIC_TYPES and _NUMBER.fullmatch(value.strip()):
        return _number(value.strip())
    if target == "interval":
        return exp.Literal.string(interval_literal(value))
    stored = temporal_literal(value, target)
    if stored is not None:
        return exp.Literal.string(stored)
    return literal


def _escape_string(node: exp.Expr) -> exp.Expr:
    """`E'a\\nb'` -> the standard string PostgreSQL stores (`'a<newline>b'`): sqlglot has
    already decoded the escapes into the node's value."""
    return exp.Literal.string(str(node.this))


def _bit_string(node: exp.Expr) -> exp.Expr:
    """`B'101'` -> `'101'`, `X'1F'` -> `'00011111'`: PostgreSQL stores a bit-string constant
    as the string of its bits (`'101'::"bit"`), whose cast then goes like any other."""
    value = str(node.this)
    if isinstance(node, exp.HexString):
        if not re.fullmatch(r"[0-9a-fA-F]*", value):
            return node
        value = "".join(f"{int(digit, 16):04b}" for digit in value)
    elif not re.fullmatch(r"[01]*", value):
        return node
    return exp.Literal.string(value)


_TEMPORAL = re.compile(
    r"(?P<date>(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}))?"
    r"(?:(?(date)(?:T|\s+)|)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d+))?)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2}(?::\d{2})?)?)?",
    re.IGNORECASE,
)
_TEMPORAL_TYPE = re.compile(
    r"(?P<kind>timestamp|time|date)(?:\((?P<p>\d+)\))?(?P<tz> with(?:out)? time zone)?"
)


def temporal_literal(value: str, type_name: str) -> str | None:
    """A date/time literal on a `timestamp with time zone`, `timestamp`, `date` or `time`
    column as PostgreSQL stores and prints it (DateStyle ISO; a timestamptz in UTC:
    `'0001-01-01 00:00:00Z'` -> `0001-01-01 00:00:00+00`); None when the printed value cannot
    be known exactly from the text (another type, a spelling other than ISO 8601, a
    timestamptz without its zone, which the session's TimeZone decides, `now`, a precision
    that rounds the value, a year out of 1..9999)."""
    kind = _TEMPORAL_TYPE.fullmatch(data_type(type_name))
    if kind is None or (kind["kind"] == "time" and kind["tz"] == " with time zone"):
        return None
    zoned = kind["tz"] == " with time zone"
    base = "date" if kind["kind"] == "date" else "time" if kind["kind"] == "time" else "ts"
    text = value.strip()
    special = text.lower()
    if special in ("infinity", "-infinity") and base != "time":
        return special
    if special == "epoch" and base != "time":
        text = "1970-01-01 00:00:00+00"
    m = _TEMPORAL.fullmatch(text)
    if m is None or not text:
        return None
    has_date, has_time = m["date"] is not None, m["h"] is not None
    if (base == "date" and (has_time or m["zone"])) or (base == "time" and has_date):
        return None
    if (base == "ts" and not has_date) or (base == "time" and not has_time):
        return None
    if base == "ts" and zoned and m["zone"] is None:
        return None  # read in the session's TimeZone
    fraction = m["f"] or ""
    precision = int(kind["p"]) if kind["p"] is not None else 6
    if len(fraction.rstrip("0")) > precision:
        return None  # rounded to the column's precision
    try:
        moment = datetime(
            int(m["y"] or 1970),
            int(m["mo"] or 1),
            int(m["d"] or 1),
            int(m["h"] or 0),
            int(m["mi"] or 0),
            int(m["s"] or 0),
            int(fraction.rstrip("0").ljust(6, "0")[:6] or 0),
        )
        if zoned:
            moment -= _zone_offset(m["zone"])  # the instant, in UTC
    except (ValueError, OverflowError):
        return None
    if base == "date":
        return moment.strftime("%Y-%m-%d")
    clock = moment.strftime("%H:%M:%S")
    if moment.microsecond:
        clock += f".{moment.microsecond:06d}".rstrip("0")
    if base == "time":
        return clock
    if not 1 <= moment.year <= 9999:
        return None
    return f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} {clock}" + (
        "+00" if zoned else ""
    )


def _zone_offset(zone: str) -> timedelta:
    if zone.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    parts = zone[1:].split(":")
    if len(parts) == 1 and len(parts[0]) > 2:  # +0530
        parts = [parts[0][:-2], parts[0][-2:]]
    hours, minutes, seconds = (int(p) for p in [*parts, "0", "0"][:3])
    return sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _lossless_number_cast(value: str, target: str) -> bool:
    base = target.split("(")[0]
    if base not in _NUMERIC_TYPES:
        return False
    return base not in _INTEGER_TYPES or re.fullmatch(r"-?\d+", value) is not None


def _all_literals(array: exp.Expr) -> bool:
    return all(isinstance(e, (exp.Literal, exp.Null, exp.Boolean)) for e in array.expressions)


def _number(text: str) -> exp.Expr:
    return exp.Literal.number(text)


def _negative(node: exp.Expr) -> exp.Expr:
    inner = node.this
    if isinstance(inner, exp.Literal) and not inner.is_string and not inner.name.startswith("-"):
        return _number("-" + inner.name)
    return node


def _interval(node: exp.Expr) -> exp.Expr:
    """`INTERVAL '1 day'` -> `'1 day'`, the form of `'1 day'::interval` with its cast dropped."""
    unit = node.args.get("unit")
    text = f"{node.name} {unit.name}" if unit is not None else node.name
    return exp.Literal.string(interval_literal(text))


_INTERVAL_UNITS = {
    **dict.fromkeys(("second", "seconds", "sec", "secs", "s"), (0, 0, 1)),
    **dict.fromkeys(("minute", "minutes", "min", "mins", "m"), (0, 0, 60)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h"), (0, 0, 3600)),
    **dict.fromkeys(("day", "days", "d"), (0, 1, 0)),
    **dict.fromkeys(("week", "weeks", "w"), (0, 7, 0)),
    **dict.fromkeys(("month", "months", "mon", "mons"), (1, 0, 0)),
    **dict.fromkeys(("year", "years", "yr", "yrs", "y"), (12, 0, 0)),
    **dict.fromkeys(("decade", "decades"), (120, 0, 0)),
}
_INTERVAL_PART = re.compile(r"(\d+)\s*([a-z]+)|(\d+):(\d\d)(?::(\d\d))?")


@lru_cache(maxsize=_CACHE)
def interval_literal(text: str) -> str:
    """An interval constant as PostgreSQL prints it: `1 minute` -> `00:01:00`,
    `2 days 3 hours` -> `2 days 03:00:00`, `14 months` -> `1 year 2 mons`. Only whole,
    non-negative quantities are rewritten; anything else is returned folded, unchanged."""
    folded = " ".join(text.strip().lower().removeprefix("@").split())
    totals = [0, 0, 0]  # months, days, seconds: PostgreSQL keeps the three apart
    position = 0
    for m in _INTERVAL_PART.finditer(folded):
        if folded[position : m.start()].strip():
            return folded
        position = m.end()
        if m.group(1):
            scale = _INTERVAL_UNITS.get(m.group(2))
            if scale is None:
                return folded
            totals = [t + int(m.group(1)) * k for t, k in zip(totals, scale, strict=True)]
        else:
            hms = int(m.group(3)) * 3600 + int(m.group(4)) * 60 + int(m.group(5) or 0)
            totals[2] += hms
    if folded[position:].strip() or not folded:
        return folded
    return _render_interval(*totals)


def _render_interval(months: int, days: int, seconds: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    years, months = divmod(months, 12)
    parts = [plural(n, w) for n, w in ((years, "year"), (months, "mon"), (days, "day")) if n]
    if seconds or not parts:
        hours, rest = divmod(seconds, 3600)
        parts.append(f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}")
    return " ".join(parts)


def _now(node: exp.Expr) -> exp.Expr:
    if node.args.get("this") is not None:
        return node
    return exp.Anonymous(this="now")


def _uuid(node: exp.Expr) -> exp.Expr:
    """sqlglot reads `gen_random_uuid()` as its own node and prints it upper-case."""
    return exp.Anonymous(this="gen_random_uuid") if not node.args else node


def _anonymous(node: exp.Expr) -> exp.Expr:
    if isinstance(node.this, str):  # unquoted: folds, schema-qualified too (`app.IFNULL(a)`)
        node.set("this", node.this.lower())
    name = node.name.lower()
    if name in _NOW_FUNCTIONS and not node.expressions:
        return exp.Anonymous(this="now")
    if name in _SEQUENCE_FUNCTIONS and node.expressions:
        first = node.expressions[0]
        if isinstance(first, exp.Literal) and first.is_string:
            first.replace(exp.Literal.string(_search_path_name(first.name)))
    return node


def _dot(node: exp.Expr) -> exp.Expr:
    """`public.f()` / `pg_catalog.f()` -> `f()`, as `pg_get_expr` prints on the search path."""
    schema, call = node.this, node.expression
    named_default = isinstance(schema, exp.Identifier) and schema.name in _DEFAULT_SCHEMAS
    if named_default and isinstance(call, exp.Func):
        return _simplify(call)
    return node


def _table(node: exp.Expr) -> exp.Expr:
    db = node.args.get("db")
    if isinstance(db, exp.Identifier) and db.name == "public" and not node.args.get("catalog"):
        node.set("db", None)
    return node


def _between(node: exp.Expr) -> exp.Expr:
    """`x BETWEEN a AND b` -> `x >= a AND x <= b`, as PostgreSQL stores it."""
    this = node.this
    low = exp.GTE(this=this, expression=node.args["low"])
    high = exp.LTE(this=this.copy(), expression=node.args["high"])
    return exp.And(this=low, expression=high)


def _in(node: exp.Expr) -> exp.Expr:
    values = node.expressions
    if len(values) == 1 and not node.args.get("query"):
        return exp.EQ(this=node.this, expression=values[0])
    return node


def _equality(node: exp.Expr) -> exp.Expr:
    """`x = ANY (ARRAY[..])` -> `x IN (..)`, `x <> ALL (ARRAY[..])` -> `NOT x IN (..)`,
    `flag = true` -> `flag`, `flag = false` -> `NOT flag`."""
    values = _array_values(node.expression, "ANY" if isinstance(node, exp.EQ) else "ALL")
    if values is not None:
        listed = _in(exp.In(this=node.this, expressions=values))
        return listed if isinstance(node, exp.EQ) else _not(exp.Not(this=listed))
    for side, other in ((node.expression, node.this), (node.this, node.expression)):
        if isinstance(side, exp.Boolean):
            keep = side.this == isinstance(node, exp.EQ)
            return other if keep else _not(exp.Not(this=other))
    return node


def _array_values(node: exp.Expr, quantifier: str) -> list[exp.Expr] | None:
    """The elements of `ANY (ARRAY[...])` / `ALL (ARRAY[...])` / `ANY ('{..}')`, else None."""
    if quantifier == "ANY" and isinstance(node, exp.Any):
        inner = node.this.this if isinstance(node.this, exp.Paren) else node.this
    elif isinstance(node, exp.Anonymous) and node.name.upper() == quantifier:
        inner = node.expressions[0] if len(node.expressions) == 1 else None
    else:
        return None
    if isinstance(inner, exp.Array) and inner.expressions:
        return list(inner.expressions)
    if isinstance(inner, exp.Literal) and inner.is_string:
        return _array_literal_values(inner.name)
    return None


def _array_literal_values(text: str) -> list[exp.Expr] | None:
    """`{1,2}` -> [1, 2]; `{a,b}` -> ['a', 'b']; anything quoted or nested -> None."""
    m = re.fullmatch(r"\{([^{}\"]+)\}", text.strip())
    if not m:
        return None
    items = [i.strip() for i in m.group(1).split(",")]
    return [_number(i) if _NUMBER.fullmatch(i) else exp.Literal.string(i) for i in items]


def _not(node: exp.Expr) -> exp.Expr:
    """Push NOT inward: comparisons flip, IS toggles, De Morgan, double negation cancels."""
    inner = node.this
    if isinstance(inner, exp.Not):
        result: exp.Expr = inner.this
        return result
    flipped = _NEGATION.get(type(inner))
    if flipped is not None:
        return flipped(this=inner.this, expression=inner.expression)
    if isinstance(inner, exp.Is):
        inner.set("negate", not inner.args.get("negate"))
        return inner
    if isinstance(inner, exp.Boolean):
        return exp.Boolean(this=not inner.this)
    if isinstance(inner, exp.Connector):
        other = exp.Or if isinstance(inner, exp.And) else exp.And
        left = _not(exp.Not(this=inner.this))
        right = _not(exp.Not(this=inner.expression))
        return other(this=left, expression=right)
    return node


def _similar_to(node: exp.Expr) -> exp.Expr:
    """`x SIMILAR TO p` -> `x ~ similar_to_escape(p)`, as PostgreSQL 13+ stores it."""
    pattern = exp.Anonymous(this="similar_to_escape", expressions=[node.expression])
    return exp.RegexpLike(this=node.this, expression=pattern, negate=node.args.get("negate"))


def _truncation_unit(node: exp.Expr) -> exp.Expr:
    """`date_trunc('day'::text, x)` and `date_trunc('DAY', x)`: sqlglot keeps a bare unit as
    a keyword but a cast one as a string; both become the lower-case string."""
    unit = node.args.get("unit")
    if isinstance(unit, (exp.Var, exp.Literal)):
        node.set("unit", exp.Literal.string(unit.name.lower()))
    return node


def _case(node: exp.Expr) -> exp.Expr:
    """`CASE ... ELSE NULL END` (PostgreSQL adds it) -> `CASE ... END`."""
    if isinstance(node.args.get("default"), exp.Null):
        node.set("default", None)
    return node


_RULES: dict[type[exp.Expr], Callable[[exp.Expr], exp.Expr]] = {
    exp.Paren: _unparen,
    exp.Identifier: _fold_identifier,
    exp.Cast: _cast,
    exp.ByteString: _escape_string,
    exp.BitString: _bit_string,
    exp.HexString: _bit_string,
    exp.Neg: _negative,
    exp.Interval: _interval,
    exp.CurrentTimestamp: _now,
    exp.Anonymous: _anonymous,
    exp.Uuid: _uuid,
    exp.Dot: _dot,
    exp.Table: _table,
    exp.Between: _between,
    exp.In: _in,
    exp.EQ: _equality,
    exp.NEQ: _equality,
    exp.Not: _not,
    exp.Case: _case,
    exp.SimilarTo: _similar_to,
    exp.TimestampTrunc: _truncation_unit,
    exp.DateTrunc: _truncation_unit,
}


# --- views ---------------------------------------------------------------------------------


def _canonical_query(tree: exp.Expr) -> exp.Expr:
    tree = _canonical(tree)
    for select in list(tree.find_all(exp.Select)):
        _hoist_parenthesized_joins(select)
        _strip_single_source_qualifiers(select)
        _drop_default_aliases(select)
    return tree


def _hoist_parenthesized_joins(select: exp.Expr) -> None:
    """`FROM ((a JOIN b ON ..) JOIN c ON ..)` (non-pretty `pg_get_viewdef`) ->
    `FROM a JOIN b ON .. JOIN c ON ..`."""
    source = select.args.get("from_")
    if source is None or not _is_join_group(source.this):
        return
    table, joins = _flatten_join_group(source.this)
    source.set("this", table)
    select.set("joins", joins + list(select.args.get("joins") or []))


def _is_join_group(node: exp.Expr) -> bool:
    """A parenthesized join: an unaliased "subquery" around a table, not around a query."""
    return (
        isinstance(node, exp.Subquery)
        and not node.alias
        and isinstance(node.this, (exp.Table, exp.Subquery))
    )


def _flatten_join_group(node: exp.Expr) -> tuple[exp.Expr, list[exp.Expr]]:
    """The leftmost table of a parenthesized join and its joins, outermost last."""
    joins = list(node.args.get("joins") or [])
    node.set("joins", None)
    if isinstance(node, exp.Subquery) and not node.alias:
        inner: exp.Expr = node.this
        table, inner_joins = _flatten_join_group(inner)
        return table, inner_joins + joins
    return node, joins


def _strip_single_source_qualifiers(select: exp.Expr) -> None:
    """`SELECT t.a FROM t` -> `SELECT a FROM t`: PostgreSQL 15 qualifies, 16+ does not."""
    source = select.args.get("from_")
    if source is None or select.args.get("joins") or select.args.get("laterals"):
        return
    name = source.this.alias_or_name
    for column in _own_columns(select):
        if column.table == name:
            column.set("table", None)


def _own_columns(node: exp.Expr) -> list[exp.Column]:
    """Columns of this SELECT, not of the subqueries nested in it."""
    found: list[exp.Column] = []
    for child in node.iter_expressions():
        if isinstance(child, exp.Column):
            found.append(child)
        elif not isinstance(child, (exp.Query, exp.Subquery)):
            found.extend(_own_columns(child))
    return found


def _drop_default_aliases(select: exp.Expr) -> None:
    """`count(*) AS count`, `b::text AS b`: the alias PostgreSQL prints for the default name."""
    for projection in select.expressions:
        if isinstance(projection, exp.Alias) and projection.alias == _natural_name(projection.this):
            projection.replace(projection.this)


def _natural_name(node: exp.Expr) -> str:
    """The output column name PostgreSQL gives an unaliased expression (`FigureColname`)."""
    if isinstance(node, exp.Column):
        return node.name
    if isinstance(node, exp.Cast):
        inner = _natural_name(node.this)
        return inner if inner != "?column?" else _cast_target(node).split("(")[0]
    if isinstance(node, exp.Case):
        return "case"
    if isinstance(node, exp.Func):
        rendered = _sql(node.copy())
        return rendered.split("(", 1)[0].lower()
    return "?column?"


# --- index keys ----------------------------------------------------------------------------


def _index_key(text: str, *, element: bool = False) -> str:
    """One key of an index, or an `element` of an exclusion constraint (followed by its
    operator)."""
    tree = _parse(f"CREATE INDEX _i ON _t ({text})")
    params = tree.find(exp.IndexParameters) if tree is not None else None
    columns = params.args.get("columns") or [] if params is not None else []
    if len(columns) != 1 or not isinstance(columns[0], exp.Ordered):
        return _fallback(text)
    ordered = columns[0]
    core, suffix = _index_key_suffix(ordered.this)
    desc = bool(ordered.args.get("desc"))
    nulls_first = bool(ordered.args.get("nulls_first"))
    if desc:
        suffix.append("DESC")
    if nulls_first != desc:
        suffix.append("NULLS FIRST" if nulls_first else "NULLS LAST")
    return " ".join([_index_key_core(core, delimited=element or bool(suffix)), *suffix])


def _index_key_suffix(node: exp.Expr) -> tuple[exp.Expr, list[str]]:
    """Peel `COLLATE x` and an operator class off a key expression."""
    collate, opclass = "", ""
    while isinstance(node, (exp.Opclass, exp.Collate)):
        name = _search_path_name(_generator().sql(node.expression))
        if isinstance(node, exp.Opclass):
            opclass = name
        else:
            collate = "COLLATE " + name
        node = node.this
    return node, [s for s in (collate, opclass) if s]


def _index_key_core(node: exp.Expr, *, delimited: bool) -> str:
    """A bare column is its name, an expression its canonical SQL. A `delimited` key (something
    follows it: an operator class, `COLLATE`, `DESC`, an exclusion operator) keeps its name
    quoted where needed and its expression parenthesized unless a function call, as
    PostgreSQL requires: `"userId" DESC` must not read back as `userid DESC`, nor
    `(a || b) COLLATE "C"` as `a || (b COLLATE "C")`."""
    canonical = node if isinstance(node, exp.Column) else _canonical(node)
    if isinstance(canonical, exp.Column) and not canonical.table:  # `(email)::text` too
        name = identifier(_generator().sql(canonical))
        return quote_identifier(name) if delimited else name
    text = _sql(canonical)
    if delimited and not (
        isinstance(canonical, exp.Func)
        and not isinstance(canonical, exp.Cast)
        and _binds_tighter_than_cast(canonical, text)
    ):
        return f"({text})"
    return text


# --- generation ----------------------------------------------------------------------------

_OPERATORS = (exp.Binary, exp.Not, exp.Neg, exp.In, exp.AtTimeZone)
_NO_PAREN_PARENTS = (exp.Dot, exp.Escape, exp.Collate)
_ATOMIC = (exp.Column, exp.Null, exp.Boolean, exp.Paren, exp.Array)


def _parenthesize(tree: exp.Expr) -> exp.Expr:
    """Parenthesize every operator operand that is itself an operator (`(a > 0) AND (b > 0)`,
    `a + (b * 2)`), except inside a chain of one connector (`a AND b AND c`)."""
    for node in list(tree.walk()):
        if isinstance(node, _POSTFIX):
            _parenthesize_postfix_operand(node)
            continue
        if not isinstance(node, _OPERATORS) or isinstance(node, _NO_PAREN_PARENTS):
            continue
        for key in ("this", "expression"):
            child = node.args.get(key)
            if _needs_parens(node, child):
                node.set(key, exp.Paren(this=child))
    return tree


_POSTFIX = (exp.Bracket, exp.Collate, exp.Dot)


def _parenthesize_postfix_operand(node: exp.Expr) -> None:
    """`(arr || b)[1]`, `(a || b) COLLATE "C"`, `(data -> 'a').f`: a subscript, a collation
    or a field binds tighter than any operator (and a subscript or field than a cast)."""
    child = node.this
    binds_looser = _needs_parens(node, child) or (
        isinstance(child, exp.Cast) and not isinstance(node, exp.Collate)
    )
    if binds_looser and not (isinstance(node, exp.Dot) and isinstance(child, exp.Dot)):
        node.set("this", exp.Paren(this=child))


def _needs_parens(parent: exp.Expr, child: object) -> bool:
    if not isinstance(child, _OPERATORS) or isinstance(child, exp.Dot):
        return False
    return not (isinstance(parent, exp.Connector) and type(child) is type(parent))


def _render_casts(tree: exp.Expr) -> exp.Expr:
    """Turn each cast, innermost first, into verbatim `x::type` text with the type as
    `format_type` prints it. Done on the tree rather than by subclassing sqlglot's generator,
    which cannot be subclassed where sqlglot runs compiled (sqlglotc)."""
    for cast in [n for n in reversed(list(tree.walk(bfs=False))) if isinstance(n, exp.Cast)]:
        operand = _generator().sql(cast.this)
        if not _binds_tighter_than_cast(cast.this, operand):
            operand = f"({operand})"
        text = exp.Var(this=f"{operand}::{_cast_target(cast)}")
        if cast is tree:
            return text
        cast.replace(text)
    return tree


_NAME = r'(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")'
_CALL_HEAD = re.compile(rf"{_NAME}(?:\.{_NAME})*\(")
_UNSIGNED_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", flags=re.IGNORECASE)


def _binds_tighter_than_cast(node: exp.Expr, text: str) -> bool:
    """Whether `text`, the SQL of a cast's operand, can stand before `::` unparenthesized:
    a column, a constant, a function call, `ARRAY[...]`, a parenthesized expression. An
    operator sqlglot models as a function (`data ->> 'x'`, `data @> '{}'`, `a ^ 2`) cannot:
    `data ->> 'x'::integer` casts the literal."""
    if isinstance(node, _ATOMIC):
        return True
    if isinstance(node, exp.Literal):
        return node.is_string or _UNSIGNED_NUMBER.fullmatch(text) is not None
    if isinstance(node, exp.Func):
        head = _CALL_HEAD.match(text)
        return head is not None and _closing_parenthesis(text, head.end() - 1) == len(text) - 1
    return False


_LOCAL = threading.local()


def _generator() -> PostgresGenerator:
    """One generator per thread: building one costs more than most expressions."""
    generator: PostgresGenerator | None = getattr(_LOCAL, "generator", None)
    if generator is None:
        generator = PostgresGenerator(
            normalize_functions="lower", unsupported_level=ErrorLevel.IGNORE, dialect=_POSTGRES
        )
        _LOCAL.generator = generator
    return generator


def _sql(tree: exp.Expr) -> str:
    """Generate SQL from a tree this module owns (no defensive copy)."""
    tree = _render_quoted_calls(_render_casts(_parenthesize(tree)))
    return _generator().generate(tree, copy=False)


def _render_quoted_calls(tree: exp.Expr) -> exp.Expr:
    """Turn each call of a quoted name that must stay quoted (`"GROUP_CONCAT"(x)`), innermost
    first, into verbatim text: sqlglot's generator lower-cases a function's name, quotes and
    all, and `"GROUP_CONCAT"` is not `group_concat`."""
    calls = [
        node
        for node in reversed(list(tree.walk(bfs=False)))
        if isinstance(node, exp.Anonymous)
        and isinstance(node.this, exp.Identifier)
        and node.this.args.get("quoted")
        and quote_identifier(node.this.name) != node.this.name
    ]
    for call in calls:
        arguments = ", ".join(_generator().sql(a) for a in call.expressions)
        text = exp.Var(this=f"{quote_identifier(call.this.name)}({arguments})")
        if call is tree:
            return text
        call.replace(text)
    return tree
