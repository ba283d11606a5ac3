"""Catalog query rows -> model objects, one builder per object kind.

Names come from the catalog exactly as stored, so they are passed to the model quoted (the
model folds unquoted names to lower case, as PostgreSQL does when it reads SQL). Where the
catalog says an object has no default, predicate, WHEN condition, ... the value is ABSENT ("").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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

Row = tuple[Any, ...]
"""One row of a kind query, its columns in `FIELDS` order (psycopg's tuple rows: no dict
built per row)."""


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
    (name,) = row
    return Schema(schema=quote(name), name=quote(name))


def extension(row: Row) -> Extension:
    name, schema, version = row
    return Extension(schema=quote(schema), name=name, version=version)


def table(row: Row) -> Table:
    schema, name, partitioned, parent_schema, parent = row
    return Table(
        schema=quote(schema),
        name=quote(name),
        partitioned=partitioned,
        partition_of=qualified(parent_schema, parent) if parent else ABSENT,
    )


def column(row: Row) -> Column:
    schema, table, name, type_, nullable, default, identity, generated = row
    return Column(
        schema=quote(schema),
        table=quote(table),
        name=quote(name),
        type=type_,
        nullable=nullable,
        default=default,
        identity=identity,
        generated=generated,
    )


def index(row: Row) -> Index:
    # Keys and INCLUDE columns come from pg_get_indexdef, already quoted where needed.
    schema, table, name, columns, unique, predicate, method, include = row
    return Index(
        schema=quote(schema),
        table=quote(table),
        name=quote(name),
        columns=tuple(columns),
        unique=unique,
        predicate=predicate,
        method=method,
        include=tuple(include),
    )


def constraint(row: Row) -> Constraint:
    schema, table, name, type_, columns, expression, validated, deferrable = row
    return Constraint(
        schema=quote(schema),
        table=quote(table),
        name=quote(name),
        type=type_,
        columns=_names(columns),
        expression=expression,
        validated=validated,
        deferrable=deferrable,
    )


def foreign_key(row: Row) -> ForeignKey:
    (
        schema,
        table,
        name,
        columns,
        target_schema,
        target_table,
        target_columns,
        on_delete,
        on_update,
        deferrable,
        initially_deferred,
        validated,
    ) = row
    return ForeignKey(
        schema=quote(schema),
        table=quote(table),
        name=quote(name),
        columns=_names(columns),
        references=qualified(target_schema, target_table),
        referenced_columns=_names(target_columns),
        on_delete=on_delete,
        on_update=on_update,
        deferrable=deferrable,
        initially_deferred=initially_deferred,
        validated=validated,
    )


def trigger(row: Row) -> Trigger:
    schema, table, name, timing, events, level, function_schema, function_name, when, enabled = row
    return Trigger(
        schema=quote(schema),
        table=quote(table),
        name=quote(name),
        timing=timing,
        events=tuple(events),
        level=level,
        function=qualified(function_schema, function_name),
        when=when,
        enabled=enabled,
    )


def function(row: Row) -> Function:
    (
        schema,
        name,
        arguments,
        routine,
        returns,
        language,
        volatility,
        security_definer,
        source,
        sql_body,
    ) = row
    body = sql_body if sql_body is not None else source
    return Function(
        schema=quote(schema),
        name=quote(name),
        arguments=tuple(arguments),
        routine=routine,
        returns=returns,
        language=language,
        volatility=volatility,
        security_definer=security_definer,
        body_hash=body_hash(body or ""),
    )


def sequence(row: Row) -> Sequence:
    schema, name, data_type, start, increment, owner, owner_column = row
    return Sequence(
        schema=quote(schema),
        name=quote(name),
        data_type=data_type,
        start=int(start),
        increment=int(increment),
        owned_by=qualified(owner, owner_column) if owner else ABSENT,
    )


def view(row: Row) -> View:
    schema, name, materialized, definition = row
    return View(
        schema=quote(schema),
        name=quote(name),
        materialized=materialized,
        definition=definition,
    )


def enum(row: Row) -> Enum:
    schema, name, labels = row
    return Enum(schema=quote(schema), name=quote(name), labels=tuple(labels))


FIELDS: dict[str, tuple[str, ...]] = {
    "schemas": ("name",),
    "extensions": ("name", "schema", "version"),
    "tables": ("schema", "name", "partitioned", "parent_schema", "parent_name"),
    "columns": ("schema", "table", "name", "type", "nullable", "default", "identity", "generated"),
    "indexes": ("schema", "table", "name", "columns", "unique", "predicate", "method", "include"),
    "constraints": (
        "schema",
        "table",
        "name",
        "type",
        "columns",
        "expression",
        "validated",
        "deferrable",
    ),
    "foreign_keys": (
        "schema",
        "table",
        "name",
        "columns",
        "target_schema",
        "target_table",
        "target_columns",
        "on_delete",
        "on_update",
        "deferrable",
        "initially_deferred",
        "validated",
    ),
    "triggers": (
        "schema",
        "table",
        "name",
        "timing",
        "events",
        "level",
        "function_schema",
        "function_name",
        "when",
        "enabled",
    ),
    "functions": (
        "schema",
        "name",
        "arguments",
        "routine",
        "returns",
        "language",
        "volatility",
        "security_definer",
        "source",
        "sql_body",
    ),
    "sequences": (
        "schema",
        "name",
        "data_type",
        "start",
        "increment",
        "owner_table",
        "owner_column",
    ),
    "views": ("schema", "name", "materialized", "definition"),
    "enums": ("schema", "name", "labels"),
}
"""The columns each kind query returns, in order: the builders take rows as tuples."""

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
