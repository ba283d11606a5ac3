"""PostgreSQL's implicit object names, byte for byte.

Mirrors `makeObjectName`, `ChooseRelationName`, `ChooseConstraintName`,
`ChooseIndexNameAddition` and `ChooseIndexColumnNames` (src/backend/commands/indexcmds.c,
src/backend/catalog/pg_constraint.c): `<name1>_<name2>_<label>`, the two names shortened
(the longer first) so that the whole fits in NAMEDATALEN - 1 = 63 bytes, cut on a UTF-8
character boundary, and a number appended to the label (`key1`, `key2`, ...) until the name
is free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

NAMEDATALEN = 64
MAX_BYTES = NAMEDATALEN - 1


def _clip(name: str, max_bytes: int) -> str:
    """The longest prefix of `name` whose UTF-8 form fits in `max_bytes` (pg_mbcliplen)."""
    raw = name.encode("utf-8")
    if len(raw) <= max_bytes:
        return name
    return raw[:max_bytes].decode("utf-8", errors="ignore")


def truncate(name: str) -> str:
    """An identifier as PostgreSQL keeps it: at most 63 bytes (`truncate_identifier`)."""
    return _clip(name, MAX_BYTES)


def make_object_name(name1: str, name2: str | None, label: str | None) -> str:
    """`makeObjectName`: join with underscores, shortening name1/name2 to fit 63 bytes."""
    b1 = len(name1.encode("utf-8"))
    b2 = len(name2.encode("utf-8")) if name2 else 0
    overhead = (1 if name2 else 0) + (len(label.encode("utf-8")) + 1 if label else 0)
    avail = MAX_BYTES - overhead
    n1, n2 = b1, b2
    while n1 + n2 > avail:
        if n1 > n2:
            n1 -= 1
        else:
            n2 -= 1
    parts = [_clip(name1, n1)]
    if name2:
        parts.append(_clip(name2, n2))
    if label:
        parts.append(label)
    return "_".join(parts)


def choose_name(name1: str, name2: str | None, label: str, taken: Callable[[str], bool]) -> str:
    """`ChooseRelationName` / `ChooseConstraintName`: the first free name, trying the label
    as is, then with 1, 2, ... appended."""
    candidate = make_object_name(name1, name2, label)
    n = 0
    while taken(candidate):
        n += 1
        candidate = make_object_name(name1, name2, f"{label}{n}")
    return candidate


def name_addition(names: Iterable[str]) -> str:
    """`ChooseIndexNameAddition` / `ChooseForeignKeyConstraintNameAddition`: column names
    joined by underscores, stopping once NAMEDATALEN bytes are reached."""
    buf = b""
    for name in names:
        if buf:
            buf += b"_"
        buf += _clip(name, MAX_BYTES).encode("utf-8")
        if len(buf) >= NAMEDATALEN:
            break
    return buf.decode("utf-8", errors="ignore")


def index_column_names(names: Iterable[str]) -> list[str]:
    """`ChooseIndexColumnNames`: each name clipped to 63 bytes and made unique among the
    names before it by appending 1, 2, ..."""
    out: list[str] = []
    for name in names:
        base = _clip(name, MAX_BYTES)
        candidate = base
        n = 0
        while candidate in out:
            n += 1
            suffix = str(n)
            candidate = _clip(base, MAX_BYTES - len(suffix)) + suffix
        out.append(candidate)
    return out
