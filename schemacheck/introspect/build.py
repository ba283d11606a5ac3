"""Catalog query rows -> model objects, one builder per object kind.

Names come from the catalog exactly as stored, so they are passed to the model quoted (the
model folds unquoted names to lower case, as PostgreSQL does when it reads SQL). Where the
catalog says an object has no default, predicate, WHEN condition, ... the value is ABSENT ("").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from schemacheck.introspect.body import body_hash
from schemacheck.model import (
    ABSENT,
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

Row = Mapping[str, Any]


@lru_cache(maxsize=65536)
def quote(name: str) -> str:
    """A catalog name as a quoted identifier, so the model keeps it as is (cached: schema,
    table and column names repeat on every column, index, constraint and trigger)."""
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str, name: str) -> str:
    return f"{quote(schema)}.{quote(name)}"


def _names(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(quote(v) for v in values or ())


def schema(row: Row) -> Schema:
    return Schema(schema=quote(row["name"]), name=quote(row["name"]))


def extension(row: Row) -> Extension:
    return Extension(schema=quote(row["schema"]), name=row["name"], version=row["version"])


def table(row: Row) -> Table:
    parent = row["parent_name"]
    return Table(
        schema=quote(row["schema"]),
        name=quote(row["name"]),
        partitioned=row["partitioned"],
        partition_of=qualified(row["parent_schema"], parent) if parent else ABSENT,
    )


def column(row: Row) -> Column:
    return Column(
        schema=quote(row["schema"]),
        table=quote(row["table"]),
        name=quote(row["name"]),
        type=row["type"],
        nullable=row["nullable"],
        default=row["default"],
        identity=row["identity"],
        generated=row["generated"],
    )


def index(row: Row) -> Index:
    # Keys and INCLUDE columns come from pg_get_indexdef, already quoted where needed.
    return Index(
        schema=quote(row["schema"]),
        table=quote(row["table"]),
        name=quote(row["name"]),
        columns=tuple(row["columns"]),
        unique=row["unique"],
        predicate=row["predicate"],
        method=row["method"],
        include=tuple(row["include"]),
    )


def constraint(row: Row) -> Constraint:
    return Constraint(
        schema=quote(row["schema"]),
        table=quote(row["table"]),
        name=quote(row["name"]),
        type=row["type"],
        columns=_names(row["columns"]),
        expression=row["expression"],
        validated=row["validated"],
        deferrable=row["deferrable"],
    )


def foreign_key(row: Row) -> ForeignKey:
    return ForeignKey(
        schema=quote(row["schema"]),
        table=quote(row["table"]),
        name=quote(row["name"]),
        columns=_names(row["columns"]),
        references=qualified(row["target_schema"], row["target_table"]),
        referenced_columns=_names(row["target_columns"]),
        on_delete=row["on_delete"],
        on_update=row["on_update"],
        deferrable=row["deferrable"],
        initially_deferred=row["initially_deferred"],
        validated=row["validated"],
    )


def trigger(row: Row) -> Trigger:
    return Trigger(
        schema=quote(row["schema"]),
        table=quote(row["table"]),
        name=quote(row["name"]),
        timing=row["timing"],
        events=tuple(row["events"]),
        level=row["level"],
        function=qualified(row["function_schema"], row["function_name"]),
        when=row["when"],
        enabled=row["enabled"],
    )


def function(row: Row) -> Function:
    body = row["sql_body"] if row["sql_body"] is not None else row["source"]
    return Function(
        schema=quote(row["schema"]),
        name=quote(row["name"]),
        arguments=tuple(row["arguments"]),
        routine=row["routine"],
        returns=row["returns"],
        language=row["language"],
        volatility=row["volatility"],
        security_definer=row["security_definer"],
        body_hash=body_hash(body or ""),
    )


def sequence(row: Row) -> Sequence:
    owner = row["owner_table"]
    return Sequence(
        schema=quote(row["schema"]),
        name=quote(row["name"]),
        data_type=row["data_type"],
        start=int(row["start"]),
        increment=int(row["increment"]),
        owned_by=qualified(owner, row["owner_column"]) if owner else ABSENT,
    )


def view(row: Row) -> View:
    return View(
        schema=quote(row["schema"]),
        name=quote(row["name"]),
        materialized=row["materialized"],
        definition=row["definition"],
    )


def enum(row: Row) -> Enum:
    return Enum(schema=quote(row["schema"]), name=quote(row["name"]), labels=tuple(row["labels"]))


BUILDERS: dict[str, Callable[[Row], CatalogObject]] = {
    "schemas": schema,
    "extensions": extension,
    "tables": table,
    "columns": column,
    "indexes": index,
    "constraints": constraint,
    "foreign_keys": foreign_key,
    "triggers": trigger,
    "functions": function,
    "sequences": sequence,
    "views": view,
    "enums": enum,
}
"""The builder for each kind query (see `sqlfiles.KINDS`)."""
