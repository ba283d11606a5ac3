"""One parameter of a function or procedure, as written in its parameter list: its mode, its
name and its type's text (`OUT total numeric(10, 2) DEFAULT 0` -> `out`, `total`,
`numeric(10, 2)`). Shared by the static replay and the rules that compare routines."""

from __future__ import annotations

import re

MODES = frozenset({"in", "out", "inout", "variadic"})
# First words of multi-word type names, each with the words that may follow it inside the
# type: `double precision` is a type, but in `double int` the `double` is the parameter's
# name. A first word that is a type head is the type only when the next word continues it.
TYPE_HEADS: dict[str, frozenset[str]] = {
    "double": frozenset({"precision"}),
    "character": frozenset({"varying", "("}),
    "char": frozenset({"varying", "("}),
    "bit": frozenset({"varying", "("}),
    "national": frozenset({"character", "char"}),
    "timestamp": frozenset({"with", "without", "("}),
    "time": frozenset({"with", "without", "("}),
    "interval": frozenset({"year", "month", "day", "hour", "minute", "second", "("}),
}
_NEXT_WORD = re.compile(r"\(|[A-Za-z_]+")
_DEFAULT = re.compile(r"\s+(?:DEFAULT\b|=)", re.I)


def read_param(text: str) -> tuple[str, str, str] | None:
    """(mode, name, type text) of one parameter, whitespace collapsed; the name is empty when
    none is written; None for an empty text."""
    t = " ".join(_DEFAULT.split(text.strip(), maxsplit=1)[0].split())
    if not t:
        return None
    mode = "in"
    first = t.split(" ", 1)[0].lower()
    if first in MODES and " " in t:
        mode, t = first, t.split(" ", 1)[1]
    name = ""
    if " " in t and not _starts_type(t):
        head, rest = t.split(" ", 1)
        if head.lower() in MODES:
            mode, t = head.lower(), rest
        else:
            name, t = head, rest
            if " " in t and t.split(" ", 1)[0].lower() in MODES:
                mode, t = t.split(" ", 1)[0].lower(), t.split(" ", 1)[1]
    return mode, name, t


def _starts_type(text: str) -> bool:
    """Whether `text` starts with a multi-word type name (`double precision`, `time with
    time zone`, `interval day`, `character varying(20)`) rather than a parameter's name."""
    head, rest = text.split(" ", 1)
    follows = TYPE_HEADS.get(head.lower())
    if follows is None:
        return False
    word = _NEXT_WORD.match(rest)
    return word is not None and word.group(0).lower() in follows
