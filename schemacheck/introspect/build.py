"""Catalog query rows -> model objects, one builder per object kind.

Names come from the catalog exactly as stored, so they are passed to the model quoted (the
model folds unquoted names to lower case, as PostgreSQL does when it reads SQL). Where the
catalog says an object has no default, predicate, WHEN condition, ... the value is ABSENT ("").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from sys import intern
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
    exact_constructor,
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


# The numerous kinds are built with their names as the catalog stores them (exact, not
# quoted and folded again); every other attribute is normalized as the model does it. Names
# are interned: each row brings its own copy of its schema's and table's names.
_table = exact_constructor(Table)
_column = exact_constructor(Column)
_index = exact_constructor(Index)
_constraint = exact_constructor(Constraint)
_foreign_key = exact_constructor(ForeignKey)
_trigger = exact_constructor(Trigger)


def table(row: Row) -> Table:
    schema, name, partitioned, parent_schema, parent = row
    partition_of = qualified(parent_schema, parent) if parent else ABSENT
    return _table(intern(schema), intern(name), partitioned, partition_of)


def column(row: Row) -> Column:
    schema, table, name, type_, nullable, default, identity, generated, collation = row
    return _column(
        intern(schema),
        intern(table),
        intern(name),
        type_,
        nullable,
        default,
        identity,
        generated,
        collation,
    )


def index(row: Row) -> Index:
    # Keys and INCLUDE columns come from pg_get_indexdef, already quoted where needed.
    schema, table, name, columns, unique, predicate, method, include = row
    return _index(intern(schema), intern(table), name, columns, unique, predicate, method, include)


def constraint(row: Row) -> Constraint:
    schema, table, name, type_, columns, expression, validated, deferrable, deferred = row
    return _constraint(
        intern(schema),
        intern(table),
        name,
        type_,
        _names(columns),
        expression,
        validated,
        deferrable,
        deferred,
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
        match,
        on_delete_columns,
    ) = row
    return _foreign_key(
        intern(schema),
        intern(table),
        name,
        _names(columns),
        qualified(target_schema, target_table),
        _names(target_columns),
        on_delete,
        on_update,
        deferrable,
        initially_deferred,
        validated,
        match,
        _names(on_delete_columns),
    )


def trigger(row: Row) -> Trigger:
    (
        schema,
        table,
        name,
        timing,
        events,
        level,
        function_schema,
        function_name,
        when,
        enabled,
        columns,
        arguments,
        deferrable,
        initially_deferred,
    ) = row
    function = qualified(function_schema, function_name)
    return _trigger(
        intern(schema),
        intern(table),
        name,
        timing,
        tuple(events),
        level,
        function,
        when,
        enabled,
        _names(columns),
        tuple(arguments),
        deferrable,
        initially_deferred,
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
        strict,
        parallel,
        settings,
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
        strict=strict,
        parallel=parallel,
        settings=tuple(settings),
        body_hash=body_hash(body or ""),
    )


def sequence(row: Row) -> Sequence:
    (
        schema,
        name,
        data_type,
        start,
        increment,
        min_value,
        max_value,
        cycle,
        cache,
        owner,
        owner_column,
    ) = row
    return Sequence(
        schema=quote(schema),
        name=quote(name),
        data_type=data_type,
        start=int(start),
        increment=int(increment),
        owned_by=qualified(owner, owner_column) if owner else ABSENT,
        min_value=int(min_value),
        max_value=int(max_value),
        cycle=cycle,
        cache=int(cache),
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
    "columns": (
        "schema",
        "table",
        "name",
        "type",
        "nullable",
        "default",
        "identity",
        "generated",
        "collation",
    ),
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
        "initially_deferred",
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
        "match",
        "on_delete_columns",
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
        "columns",
        "arguments",
        "deferrable",
        "initially_deferred",
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
        "strict",
        "parallel",
        "settings",
        "source",
        "sql_body",
    ),
    "sequences": (
        "schema",
        "name",
        "data_type",
        "start",
        "increment",
        "min_value",
        "max_value",
        "cycle",
        "cache",
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
