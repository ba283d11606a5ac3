"""`SET search_path` in a file, for the rules: where its unqualified names live.

PostgreSQL creates an unqualified object in the first schema of the search path, and finds an
unqualified name in the first schema of the path that holds it. The lint rules compare objects
by qualified name, an unqualified one standing for `public`; after `SET search_path TO app`,
the file's unqualified names stand for `app` instead. Each such name gets the first schema of
the path as `ObjectName.implied` (its `schema` stays as written, so the static replay, which
follows the path itself, reads the statement as before). For a lookup through a path of several
schemas the first one is a guess, as `public` was.

A path set with `SET LOCAL` (or `set_config(..., true)`) lasts until its transaction ends;
`RESET search_path`, `SET search_path TO DEFAULT` and a path naming only `public` (after
`"$user"`, a schema that seldom exists) bring back `public`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from schemacheck.ddl.statement import ObjectName, StatementFacts

_SET_CONFIG = re.compile(
    r"\bset_config\s*\(\s*'search_path'\s*,\s*'((?:[^']|'')*)'\s*,\s*(true|false)\s*\)", re.I
)
_SKIPPED = frozenset({"$user", "pg_catalog", "pg_temp"})


def new_path(kind: str, facts: StatementFacts, text: str) -> tuple[list[str], bool] | None:
    """What a statement does to the search path: None when nothing, else the schemas of the
    new path (`path_schemas`; empty: back to the default) and whether the change is local to
    the transaction (`SET LOCAL`, `set_config(..., true)`)."""
    if kind in ("set", "reset") and (facts.setting or "").lower() == "search_path":
        if kind == "reset":
            return [], False
        return path_schemas(facts.value or ""), facts.local
    if kind == "reset" and (facts.setting or "").lower() == "all":
        return [], False
    if kind == "select":
        m = _SET_CONFIG.search(text)
        if m is not None:
            return path_schemas(m.group(1).replace("''", "'")), m.group(2).lower() == "true"
    return None


def path_change(kind: str, facts: StatementFacts, text: str) -> tuple[str | None, bool] | None:
    """`new_path` as the schema unqualified names are created in (None: `public`)."""
    change = new_path(kind, facts, text)
    if change is None:
        return None
    schemas, local = change
    first = schemas[0] if schemas else None
    return (None if first == "public" else first), local


def first_schema(value: str) -> str | None:
    """The schema unqualified names are created in under the path `value` (`app, public`,
    `'$user', public`, `"App"`); None for `public`, `DEFAULT` or an empty path."""
    schemas = path_schemas(value)
    return None if not schemas or schemas[0] == "public" else schemas[0]


def path_schemas(value: str) -> list[str]:
    """The schemas of the search path `value`, folded as PostgreSQL folds them (`APP` and
    `'App'` are `app`, `"App"` and `'"App"'` are `App`), without `$user`, `pg_catalog` and
    `pg_temp` (schemas that seldom hold what a migration names); empty for `DEFAULT`."""
    out: list[str] = []
    for item in value.split(","):
        part = item.strip()
        if not part:
            continue
        if part[0] in "'\"" and part[-1:] == part[0] and len(part) >= 2:
            name = part[1:-1]
            if part[0] == "'" and name.startswith('"') and name.endswith('"') and len(name) >= 2:
                name = name[1:-1]
            elif part[0] == "'":
                name = name.lower()
        else:
            if part.lower() == "default":
                return []
            name = part.lower()
        if name.lower() not in _SKIPPED:
            out.append(name)
    return out


def with_implied(facts: StatementFacts, schema: str) -> StatementFacts:
    """`facts` with every unqualified name standing for `schema`."""
    out: StatementFacts = _imply(facts, schema)
    return out


def _imply(value: Any, schema: str) -> Any:
    if isinstance(value, ObjectName):
        return value if value.schema else ObjectName(value.name, None, implied=schema)
    if isinstance(value, tuple):
        items = tuple(_imply(v, schema) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _imply(old, schema)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
