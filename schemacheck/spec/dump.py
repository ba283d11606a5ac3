"""Catalog -> spec document (the inverse of load): what `schemacheck snapshot` writes.

Every table and schema in a snapshot is strict, and so is the snapshot itself when it holds
the whole database (top-level `"strict": true`: a schema or extension not listed is drift), so
auditing a database against its own snapshot reports anything added since, as well as
anything changed or dropped. Names are written quoted where they would not survive unquoted
(`"Payments"`), so loading the document gives back the same catalog.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import orjson

from schemacheck.model import (
    ABSENT,
    Catalog,
    CatalogObject,
    Column,
    Constraint,
    Enum,
    Extension,
    ForeignKey,
    Function,
    Index,
    Kind,
    OrderedObjects,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)
from schemacheck.normalize import quote_identifier as _ident


def _qual(name: str) -> str:
    """A normalized dotted name (`schema.table`, `table.column`) quoted part by part."""
    return ".".join(_ident(part) for part in name.split("."))


_BARE_NAME = re.compile(r"[^\s()\"]+")


def _keys(keys: tuple[str, ...] | None) -> list[str] | None:
    """Index keys: bare names quoted as needed; expressions are already canonical SQL."""
    if keys is None:
        return None
    return [_ident(k) if _BARE_NAME.fullmatch(k) else k for k in keys]


def _names(names: tuple[str, ...] | None) -> list[str] | None:
    return None if names is None else [_ident(n) for n in names]


_NULL = object()


def _opt(value: str | None) -> object:
    """ABSENT -> a marker that becomes JSON null ("must have none"); None stays unknown."""
    return _NULL if value == ABSENT else value


def _prune(body: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown (None) attributes; the ABSENT marker becomes null."""
    return {k: (None if v is _NULL else v) for k, v in body.items() if v is not None}


def dump_catalog(
    catalog: Catalog, *, name: str = "", strict: bool = True, strict_database: bool = False
) -> dict[str, Any]:
    """A spec document (valid against spec.schema.json) holding every object of `catalog`;
    `strict` makes every table and schema strict, `strict_database` the document itself
    (give it only for a catalog of the whole database: any other schema is then drift)."""
    doc = _head(name, strict_database)
    writer = _Writer(catalog, strict)
    writer._views.update((r.schema, r.name) for r in catalog.objects if r.kind is Kind.VIEW)
    for obj in catalog:
        writer.add(obj)
    if writer.extensions:
        doc["extensions"] = writer.extensions
    doc["schemas"] = writer.schemas
    return doc


def _head(name: str, strict_database: bool) -> dict[str, Any]:
    """The top-level entries before `extensions` and `schemas`."""
    head: dict[str, Any] = {"spec_version": 1}
    if name:
        head["name"] = name
    if strict_database:
        head["strict"] = True
    return head


_INDENT = orjson.OPT_INDENT_2


def encode_spec(
    catalog: Catalog,
    *,
    name: str = "",
    strict: bool = True,
    strict_database: bool = False,
    after: Mapping[str, Any] | None = None,
) -> Iterator[bytes]:
    """The spec document of `catalog`, plus the top-level entries `after`, as indented JSON
    (2 spaces, UTF-8, a final newline), in pieces: the same bytes as
    `orjson.dumps(dump_catalog(...) | after, option=OPT_INDENT_2)` plus a newline, but one
    schema's document exists at a time, never the whole document (on 20,000 tables the whole
    one holds about 100 MB of dicts, its text another 70 MB)."""
    if not _grouped(catalog):  # a Catalog built by hand, not by Catalog.of: not in order
        doc = dump_catalog(catalog, name=name, strict=strict, strict_database=strict_database)
        doc.update(after or {})
        yield orjson.dumps(doc, option=_INDENT | orjson.OPT_APPEND_NEWLINE)
        return
    head = _head(name, strict_database)
    yield b"{\n  " + b",\n  ".join(_entry(k, v, 1) for k, v in head.items())
    opened = False
    writer = _Writer(catalog, strict)
    for key, body in writer.sections():
        if key is None:
            yield b",\n  " + _entry("extensions", body, 1)
        else:
            yield (b",\n    " if opened else b',\n  "schemas": {\n    ') + _entry(key, body, 2)
            opened = True
        del body
    yield b"\n  }" if opened else b',\n  "schemas": {}'
    for key, value in (after or {}).items():
        yield b",\n  " + _entry(key, value, 1)
    yield b"\n}\n"


def _entry(key: str, value: Any, depth: int) -> bytes:
    """`"key": value` as it appears `depth` levels deep in the indented document (JSON text
    holds no raw newline inside a string, so every newline starts a line to indent)."""
    text = orjson.dumps(key) + b": " + orjson.dumps(value, option=_INDENT)
    return text.replace(b"\n", b"\n" + b"  " * depth)


def _grouped(catalog: Catalog) -> bool:
    """Whether each schema's objects (extensions: schema "") follow one another."""
    if isinstance(catalog.objects, OrderedObjects):  # in catalog order by construction
        return True
    seen: set[str] = set()
    current: str | None = None
    for ref in catalog.objects:
        if ref.schema != current:
            if ref.schema in seen:
                return False
            seen.add(ref.schema)
            current = ref.schema
    return True


class _Writer:
    """Places each object in the nested spec document, quoting names as needed."""

    def __init__(self, catalog: Catalog, strict: bool) -> None:
        self.catalog = catalog
        self.strict = strict
        # (schema, name) of the views seen so far: in catalog order a schema's views come
        # before every table's or view's children, so the children of a view find it here
        # without a lookup in the catalog (`dump_catalog` adds all views first).
        self._views: set[tuple[str, str]] = set()
        self.extensions: dict[str, Any] = {}
        self.schemas: dict[str, dict[str, Any]] = {}
        self._owners: dict[tuple[str, str], dict[str, Any]] = {}

    def _scoped(self, into: dict[str, Any], key: str) -> dict[str, Any]:
        body: dict[str, Any] = into.setdefault(key, {"strict": True} if self.strict else {})
        return body

    def schema(self, schema: str) -> dict[str, Any]:
        return self._scoped(self.schemas, _ident(schema))

    def section(self, schema: str, part: str) -> dict[str, Any]:
        body: dict[str, Any] = self.schema(schema).setdefault(part, {})
        return body

    def owner(self, schema: str, table: str, part: str) -> dict[str, Any]:
        """The `part` section (columns, indexes, ...) of a table, or of a view for the
        indexes and triggers a view or materialized view carries. The owner's body is
        looked up once per owner and kept for its other children."""
        key = (schema, table)
        view = self._owners.get(key)
        if view is None:
            if key in self._views:
                view = self.section(schema, "views").setdefault(_ident(table), {})
            else:
                view = self._scoped(self.section(schema, "tables"), _ident(table))
            self._owners[key] = view
        body: dict[str, Any] = view.setdefault(part, {})
        return body

    def sections(self) -> Iterator[tuple[str | None, dict[str, Any]]]:
        """Place the catalog's objects (grouped by schema, as `Catalog.of` orders them) and
        hand over each finished part, then forget it: the extensions (key None), then each
        schema under its quoted name.

        A table's children of one kind follow one another in catalog order, so the part
        they go into (the table's `columns`, `indexes`, ...) is looked up once per run of
        them, not once per object. Bodies are shared between equal objects (the 140,000
        columns of 20,000 tables have a few hundred distinct bodies): each schema's document
        is encoded and dropped at once, nothing mutates it."""
        current: str | None = None
        adders = _ADDERS
        children = _CHILDREN
        ident = _ident
        shared: dict[tuple[Any, ...], dict[str, Any]] = {}
        part_table: str | None = None
        part_name = ""
        part: dict[str, Any] = {}
        for ref, obj in self.catalog.objects.items():
            if ref.schema != current:
                yield from self._finished()
                current = ref.schema
                part_table = None
                if len(shared) > _SHARED_MAX:
                    shared.clear()
            child = children.get(type(obj))
            if child is not None:
                name, body = child
                table_child: Any = obj
                if ref.table != part_table or name is not part_name:
                    part_table, part_name = ref.table, name
                    part = self.owner(table_child.schema, table_child.table, name)
                part[ident(table_child.name)] = body(table_child, shared)
                continue
            adder = adders.get(type(obj))
            if adder is None:
                self.add(obj)
            else:
                adder(self, obj)
        yield from self._finished()

    def _finished(self) -> Iterator[tuple[str | None, dict[str, Any]]]:
        if self.extensions:
            extensions, self.extensions = self.extensions, {}
            yield None, extensions
        schemas, self.schemas = self.schemas, {}
        self._owners.clear()
        for key in list(schemas):
            yield key, schemas.pop(key)

    def add(self, obj: CatalogObject) -> None:
        adder = _ADDERS.get(type(obj))
        if adder is not None:
            adder(self, obj)
            return
        for cls in type(obj).__mro__:
            adder = _ADDERS.get(cls)
            if adder is not None:
                adder(self, obj)
                return

    def _schema(self, obj: Schema) -> None:
        self.schema(obj.name)

    def _extension(self, obj: Extension) -> None:
        self.extensions[obj.name] = _prune({"schema": _ident(obj.schema), "version": obj.version})

    def _table(self, obj: Table) -> None:
        body = self._scoped(self.section(obj.schema, "tables"), _ident(obj.name))
        if obj.partitioned:
            body["partitioned"] = True
        if obj.partition_of:
            body["partition_of"] = _qual(obj.partition_of)

    def _column(self, obj: Column) -> None:
        self.owner(obj.schema, obj.table, "columns")[_ident(obj.name)] = _column(obj, None)

    def _index(self, obj: Index) -> None:
        self.owner(obj.schema, obj.table, "indexes")[_ident(obj.name)] = _index(obj, None)

    def _constraint(self, obj: Constraint) -> None:
        body = _constraint(obj, None)
        self.owner(obj.schema, obj.table, "constraints")[_ident(obj.name)] = body

    def _foreign_key(self, obj: ForeignKey) -> None:
        body = _foreign_key(obj, None)
        self.owner(obj.schema, obj.table, "foreign_keys")[_ident(obj.name)] = body

    def _trigger(self, obj: Trigger) -> None:
        self.owner(obj.schema, obj.table, "triggers")[_ident(obj.name)] = _trigger(obj, None)

    def _function(self, obj: Function) -> None:
        signature = f"{_ident(obj.name)}({', '.join(obj.arguments)})"
        self.section(obj.schema, "functions")[signature] = _prune(
            {
                "routine": obj.routine,
                "returns": obj.returns,
                "language": obj.language,
                "volatility": obj.volatility,
                "security_definer": obj.security_definer,
                "strict": obj.strict,
                "parallel": obj.parallel,
                "settings": _settings(obj.settings),
                "body_hash": obj.body_hash,
            }
        )

    def _sequence(self, obj: Sequence) -> None:
        self.section(obj.schema, "sequences")[_ident(obj.name)] = _prune(
            {
                "data_type": obj.data_type,
                "start": obj.start,
                "increment": obj.increment,
                "owned_by": _opt(_qual(obj.owned_by) if obj.owned_by else obj.owned_by),
                "min_value": obj.min_value,
                "max_value": obj.max_value,
                "cycle": obj.cycle,
                "cache": obj.cache,
            }
        )

    def _view(self, obj: View) -> None:
        self._views.add((obj.schema, obj.name))
        view = self.section(obj.schema, "views").setdefault(_ident(obj.name), {})
        view.update(_prune({"materialized": obj.materialized, "definition": obj.definition}))

    def _enum(self, obj: Enum) -> None:
        self.section(obj.schema, "enums")[_ident(obj.name)] = {"labels": list(obj.labels or ())}


_Shared = dict[tuple[Any, ...], dict[str, Any]] | None
"""Bodies already built, by the attributes they are made of (None: build each afresh)."""

_SHARED_MAX = 100_000
"""At most this many shared bodies are kept (checked at each schema)."""


def _column(obj: Column, shared: _Shared) -> dict[str, Any]:
    key = (obj.type, obj.nullable, obj.default, obj.identity, obj.generated, obj.collation)
    if shared is not None:
        found = shared.get(key)
        if found is not None:
            return found
    body: dict[str, Any] = {}
    if obj.type is not None:
        body["type"] = obj.type
    if obj.nullable is not None:
        body["nullable"] = obj.nullable
    for name, value in zip(("default", "identity", "generated", "collation"), key[2:], strict=True):
        if value is not None:
            body[name] = None if value == ABSENT else value
    if shared is not None:
        shared[key] = body
    return body


def _index(obj: Index, shared: _Shared) -> dict[str, Any]:
    key = (Index, obj.columns, obj.unique, obj.predicate, obj.method, obj.include)
    if shared is not None:
        found = shared.get(key)
        if found is not None:
            return found
    body = _prune(
        {
            "columns": _keys(obj.columns),
            "unique": obj.unique,
            "where": _opt(obj.predicate),
            "method": obj.method,
            "include": _names(obj.include),
        }
    )
    if shared is not None:
        shared[key] = body
    return body


def _constraint(obj: Constraint, shared: _Shared) -> dict[str, Any]:
    key = (
        Constraint,
        obj.type,
        obj.columns,
        obj.expression,
        obj.validated,
        obj.deferrable,
        obj.initially_deferred,
    )
    if shared is not None:
        found = shared.get(key)
        if found is not None:
            return found
    body = _prune(
        {
            "type": str(obj.type) if obj.type is not None else None,
            "columns": _names(obj.columns) if obj.columns else None,
            "expression": obj.expression or None,
            "validated": obj.validated,
            "deferrable": obj.deferrable,
            "initially_deferred": obj.initially_deferred,
        }
    )
    if shared is not None:
        shared[key] = body
    return body


def _foreign_key(obj: ForeignKey, shared: _Shared) -> dict[str, Any]:
    key = (
        ForeignKey,
        obj.columns,
        obj.references,
        obj.referenced_columns,
        obj.on_delete,
        obj.on_update,
        obj.deferrable,
        obj.initially_deferred,
        obj.validated,
        obj.match,
        obj.on_delete_columns,
    )
    if shared is not None:
        found = shared.get(key)
        if found is not None:
            return found
    target = _prune(
        {
            "table": _qual(obj.references) if obj.references else None,
            "columns": _names(obj.referenced_columns),
        }
    )
    body = _prune(
        {
            "columns": _names(obj.columns) or [],
            "references": target,
            "on_delete": obj.on_delete,
            "on_update": obj.on_update,
            "deferrable": obj.deferrable,
            "initially_deferred": obj.initially_deferred,
            "validated": obj.validated,
            "match": obj.match,
            "on_delete_columns": _names(obj.on_delete_columns),
        }
    )
    if shared is not None:
        shared[key] = body
    return body


def _settings(settings: tuple[str, ...] | None) -> dict[str, str] | None:
    """A function's `name=value` settings as the spec's object of values by name."""
    if settings is None:
        return None
    return dict(entry.partition("=")[::2] for entry in settings)


def _trigger(obj: Trigger, shared: _Shared) -> dict[str, Any]:
    key = (
        Trigger,
        obj.timing,
        obj.events,
        obj.level,
        obj.function,
        obj.when,
        obj.enabled,
        obj.columns,
        obj.arguments,
        obj.deferrable,
        obj.initially_deferred,
    )
    if shared is not None:
        found = shared.get(key)
        if found is not None:
            return found
    body = _prune(
        {
            "timing": obj.timing,
            "events": list(obj.events) if obj.events is not None else None,
            "level": obj.level,
            "function": _qual(obj.function) if obj.function else None,
            "when": _opt(obj.when),
            "enabled": obj.enabled,
            "columns": _names(obj.columns),
            "arguments": list(obj.arguments) if obj.arguments is not None else None,
            "deferrable": obj.deferrable,
            "initially_deferred": obj.initially_deferred,
        }
    )
    if shared is not None:
        shared[key] = body
    return body


_CHILDREN: dict[type, tuple[str, Callable[[Any, _Shared], dict[str, Any]]]] = {
    Column: ("columns", _column),
    Index: ("indexes", _index),
    Constraint: ("constraints", _constraint),
    ForeignKey: ("foreign_keys", _foreign_key),
    Trigger: ("triggers", _trigger),
}
"""A table's (or view's) children: the part of its owner each goes into, and its body."""


_ADDERS: dict[type, Callable[[_Writer, Any], None]] = {
    Schema: _Writer._schema,
    Extension: _Writer._extension,
    Table: _Writer._table,
    Column: _Writer._column,
    Index: _Writer._index,
    Constraint: _Writer._constraint,
    ForeignKey: _Writer._foreign_key,
    Trigger: _Writer._trigger,
    Function: _Writer._function,
    Sequence: _Writer._sequence,
    View: _Writer._view,
    Enum: _Writer._enum,
}
"""How each object kind is placed (looked up by type: one dict lookup per object)."""
