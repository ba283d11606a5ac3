"""Catalog -> spec document (the inverse of load): what `schemacheck snapshot` writes.

Every table and schema in a snapshot is strict, so auditing a database against its own
snapshot reports anything added since, as well as anything changed or dropped.
"""

from __future__ import annotations

from typing import Any

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
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)


_NULL = object()


def _opt(value: str | None) -> object:
    """ABSENT -> a marker that becomes JSON null ("must have none"); None stays unknown."""
    return _NULL if value == ABSENT else value


def _prune(body: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown (None) attributes; the ABSENT marker becomes null."""
    return {k: (None if v is _NULL else v) for k, v in body.items() if v is not None}


def dump_catalog(catalog: Catalog, *, name: str = "", strict: bool = True) -> dict[str, Any]:
    """A spec document (valid against spec.schema.json) holding every object of `catalog`."""
    doc: dict[str, Any] = {"spec_version": 1}
    if name:
        doc["name"] = name
    extensions: dict[str, Any] = {}
    schemas: dict[str, dict[str, Any]] = {}

    def schema_body(schema: str) -> dict[str, Any]:
        return schemas.setdefault(schema, {"strict": strict} if strict else {})

    def table_body(schema: str, table: str) -> dict[str, Any]:
        tables = schema_body(schema).setdefault("tables", {})
        return tables.setdefault(table, {"strict": strict} if strict else {})

    for obj in catalog:
        _dump_one(obj, extensions, schema_body, table_body)
    if extensions:
        doc["extensions"] = extensions
    doc["schemas"] = schemas
    return doc


def _dump_one(
    obj: CatalogObject, extensions: dict[str, Any], schema_body: Any, table_body: Any
) -> None:
    match obj:
        case Schema():
            schema_body(obj.name)
        case Extension():
            extensions[obj.name] = _prune({"schema": obj.schema, "version": obj.version})
        case Table():
            body = table_body(obj.schema, obj.name)
            if obj.partitioned:
                body["partitioned"] = True
            if obj.partition_of:
                body["partition_of"] = obj.partition_of
        case Column():
            table_body(obj.schema, obj.table).setdefault("columns", {})[obj.name] = _prune(
                {
                    "type": obj.type,
                    "nullable": obj.nullable,
                    "default": _opt(obj.default),
                    "identity": _opt(obj.identity),
                    "generated": _opt(obj.generated),
                }
            )
        case Index():
            table_body(obj.schema, obj.table).setdefault("indexes", {})[obj.name] = _prune(
                {
                    "columns": list(obj.columns) if obj.columns is not None else None,
                    "unique": obj.unique,
                    "where": _opt(obj.predicate),
                    "method": obj.method,
                    "include": list(obj.include) if obj.include is not None else None,
                }
            )
        case Constraint():
            table_body(obj.schema, obj.table).setdefault("constraints", {})[obj.name] = _prune(
                {
                    "type": str(obj.type) if obj.type is not None else None,
                    "columns": list(obj.columns) if obj.columns else None,
                    "expression": obj.expression or None,
                    "validated": obj.validated,
                    "deferrable": obj.deferrable,
                }
            )
        case ForeignKey():
            target = _prune(
                {
                    "table": obj.references,
                    "columns": list(obj.referenced_columns)
                    if obj.referenced_columns is not None
                    else None,
                }
            )
            table_body(obj.schema, obj.table).setdefault("foreign_keys", {})[obj.name] = _prune(
                {
                    "columns": list(obj.columns or ()),
                    "references": target,
                    "on_delete": obj.on_delete,
                    "on_update": obj.on_update,
                    "deferrable": obj.deferrable,
                    "initially_deferred": obj.initially_deferred,
                    "validated": obj.validated,
                }
            )
        case Trigger():
            table_body(obj.schema, obj.table).setdefault("triggers", {})[obj.name] = _prune(
                {
                    "timing": obj.timing,
                    "events": list(obj.events) if obj.events is not None else None,
                    "level": obj.level,
                    "function": obj.function,
                    "when": _opt(obj.when),
                    "enabled": obj.enabled,
                }
            )
        case Function():
            schema_body(obj.schema).setdefault("functions", {})[obj.signature] = _prune(
                {
                    "routine": obj.routine,
                    "returns": obj.returns,
                    "language": obj.language,
                    "volatility": obj.volatility,
                    "security_definer": obj.security_definer,
                    "body_hash": obj.body_hash,
                }
            )
        case Sequence():
            schema_body(obj.schema).setdefault("sequences", {})[obj.name] = _prune(
                {
                    "data_type": obj.data_type,
                    "start": obj.start,
                    "increment": obj.increment,
                    "owned_by": _opt(obj.owned_by),
                }
            )
        case View():
            schema_body(obj.schema).setdefault("views", {})[obj.name] = _prune(
                {"materialized": obj.materialized, "definition": obj.definition}
            )
        case Enum():
            schema_body(obj.schema).setdefault("enums", {})[obj.name] = {
                "labels": list(obj.labels or ())
            }
