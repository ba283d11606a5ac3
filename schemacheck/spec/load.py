"""Load a spec: JSON -> schema validation (every error with its JSON path) -> Catalog."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from schemacheck.errors import InputError, SpecError
from schemacheck.gcpause import gc_paused
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
    ObjectRef,
    Prerequisites,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)
from schemacheck.normalize import identifier, split_signature

if TYPE_CHECKING:
    from collections.abc import Callable

    from jsonschema import Draft202012Validator


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("schemacheck.spec").joinpath("spec.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema())


@cache
def _accepts() -> Callable[[Any], Any]:
    """fastjsonschema's validator of the spec schema, compiled to Python code. It knows
    drafts up to 7; the schema uses nothing of 2020-12 that draft 7 lacks (`$defs` is reached
    by its JSON pointer, and no `$ref` has sibling keywords), and a test checks that both
    validators give the same verdict on thousands of broken specs."""
    import fastjsonschema

    schema = {**_schema(), "$schema": "http://json-schema.org/draft-07/schema#"}
    validate: Callable[[Any], Any] = fastjsonschema.compile(schema)
    return validate


def validate_spec(data: Any) -> list[str]:
    """Every schema violation as `$.json.path: message`, in document order.

    A document fastjsonschema accepts is valid: on a 20,000-table snapshot (72 MB) it takes
    1.1 s where jsonschema takes 20 s. One it rejects is validated again by jsonschema, the
    reference, which finds and words every error (and has the last word: no error from it,
    no error)."""
    try:
        _accepts()(data)
        return []
    except Exception:  # rejected (or not understood): the reference decides
        pass
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [f"{e.json_path}: {e.message}" for e in errors]


@dataclass(frozen=True)
class SpecDocument:
    """A loaded spec: the expected catalog plus what the file says about it: its ignore
    patterns and, per table, where it comes from (a prerequisite or a migration)."""

    catalog: Catalog
    name: str = ""
    ignore: tuple[str, ...] = ()
    origins: tuple[tuple[ObjectRef, str], ...] = ()


def load_spec(path: str | Path) -> Catalog:
    """Read, validate and build the expected catalog; raise SpecError/InputError."""
    return load_spec_document(path).catalog


def load_spec_document(path: str | Path) -> SpecDocument:
    """Read and validate a spec file; raise SpecError/InputError with the file named."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read spec: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: spec is not UTF-8 text") from None
    try:
        data = orjson.loads(text)  # the standard decoder takes 0.8 s on a 72 MB snapshot
    except json.JSONDecodeError as exc:  # orjson's error is one too, with line and column
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    with gc_paused():  # loading a 20,000-table snapshot: 5.6 -> 2.7 s
        return parse_spec_document(data, source=str(path))


def parse_spec_document(data: Any, *, source: str = "<spec>") -> SpecDocument:
    """Validate a decoded spec and build its document."""
    catalog = parse_spec(data, source=source)
    origins: list[tuple[ObjectRef, str]] = []
    for schema_name, body in data["schemas"].items():
        for table_name, table in body.get("tables", {}).items():
            if table.get("origin") == "prerequisite":
                since = table.get("since")
                label = f"prerequisite from migration {since}" if since else "prerequisite"
                ref = Table(schema=schema_name, name=table_name).ref
                origins.append((ref, label))
    return SpecDocument(
        catalog=catalog,
        name=str(data.get("name", "")),
        ignore=tuple(data.get("ignore", ())),
        origins=tuple(origins),
    )


def parse_spec(data: Any, *, source: str = "<spec>") -> Catalog:
    """Validate a decoded spec and build its catalog."""
    errors = validate_spec(data)
    if errors:
        raise SpecError(source, errors)
    objects: list[CatalogObject] = []
    strict_tables: list[ObjectRef] = []
    strict_schemas: list[str] = []
    for ext_name, ext in data.get("extensions", {}).items():
        objects.append(
            Extension(schema=ext.get("schema", "public"), name=ext_name, version=ext.get("version"))
        )
    for schema_name, body in data["schemas"].items():
        # Names go to the model as written (it folds them once); `folded` is for our own sets.
        schema, folded = schema_name, identifier(schema_name)
        objects.append(Schema(schema=schema, name=schema))
        if body.get("strict", False):
            strict_schemas.append(folded)
        for table_name, table in body.get("tables", {}).items():
            tobj = Table(
                schema=schema,
                name=table_name,
                partitioned=table.get("partitioned"),
                partition_of=table.get("partition_of"),
            )
            objects.append(tobj)
            if table.get("strict", False):
                strict_tables.append(tobj.ref)
            objects.extend(_table_children(schema, table_name, table))
        for signature, fn in body.get("functions", {}).items():
            name, args = split_signature(signature)
            objects.append(
                Function(
                    schema=schema,
                    name=name,
                    arguments=args,
                    routine=fn.get("routine"),
                    returns=fn.get("returns"),
                    language=fn.get("language"),
                    volatility=fn.get("volatility"),
                    security_definer=fn.get("security_definer"),
                    strict=fn.get("strict"),
                    parallel=fn.get("parallel"),
                    settings=_settings(fn),
                    body_hash=fn.get("body_hash"),
                )
            )
        for seq_name, seq in body.get("sequences", {}).items():
            objects.append(
                Sequence(
                    schema=schema,
                    name=seq_name,
                    data_type=seq.get("data_type"),
                    start=seq.get("start"),
                    increment=seq.get("increment"),
                    owned_by=_text(seq, "owned_by"),
                    min_value=seq.get("min_value"),
                    max_value=seq.get("max_value"),
                    cycle=seq.get("cycle"),
                    cache=seq.get("cache"),
                )
            )
        for view_name, view in body.get("views", {}).items():
            objects.append(
                View(
                    schema=schema,
                    name=view_name,
                    materialized=view.get("materialized"),
                    definition=view.get("definition"),
                )
            )
            objects.extend(_table_children(schema, view_name, view))
        for enum_name, enum in body.get("enums", {}).items():
            objects.append(Enum(schema=schema, name=enum_name, labels=tuple(enum["labels"])))
    return Catalog.of(
        objects,
        strict_tables=strict_tables,
        strict_schemas=strict_schemas,
        prerequisites=_prerequisites(data.get("prerequisites")),
        source=source,
        strict_database=data.get("strict", False),
    )


def _text(body: dict[str, Any], key: str) -> str | None:
    """Missing key -> None (unchecked); explicit null -> ABSENT (must have none)."""
    if key not in body:
        return None
    value = body[key]
    return ABSENT if value is None else str(value)


def _tuple(body: dict[str, Any], key: str) -> tuple[str, ...] | None:
    return tuple(body[key]) if key in body else None


def _settings(body: dict[str, Any]) -> tuple[str, ...] | None:
    """A function's `settings` object as the model's `name=value` entries."""
    if "settings" not in body:
        return None
    return tuple(f"{name}={value}" for name, value in body["settings"].items())


def _table_children(schema: str, table: str, body: dict[str, Any]) -> list[CatalogObject]:
    out: list[CatalogObject] = []
    for name, col in body.get("columns", {}).items():
        out.append(
            Column(
                schema=schema,
                table=table,
                name=name,
                type=col.get("type"),
                nullable=col.get("nullable"),
                default=_text(col, "default"),
                identity=_text(col, "identity"),
                generated=_text(col, "generated"),
                collation=_text(col, "collation"),
            )
        )
    for name, idx in body.get("indexes", {}).items():
        out.append(
            Index(
                schema=schema,
                table=table,
                name=name,
                columns=_tuple(idx, "columns"),
                unique=idx.get("unique"),
                predicate=_text(idx, "where"),
                method=idx.get("method"),
                include=_tuple(idx, "include"),
            )
        )
    for name, con in body.get("constraints", {}).items():
        out.append(
            Constraint(
                schema=schema,
                table=table,
                name=name,
                type=con["type"],
                columns=_tuple(con, "columns"),
                expression=con.get("expression"),
                validated=con.get("validated"),
                deferrable=con.get("deferrable"),
                initially_deferred=con.get("initially_deferred"),
            )
        )
    for name, fk in body.get("foreign_keys", {}).items():
        target = fk["references"]
        out.append(
            ForeignKey(
                schema=schema,
                table=table,
                name=name,
                columns=tuple(fk["columns"]),
                references=target["table"],
                referenced_columns=_tuple(target, "columns"),
                on_delete=fk.get("on_delete"),
                on_update=fk.get("on_update"),
                deferrable=fk.get("deferrable"),
                initially_deferred=fk.get("initially_deferred"),
                validated=fk.get("validated"),
                match=fk.get("match"),
                on_delete_columns=_tuple(fk, "on_delete_columns"),
            )
        )
    for name, trg in body.get("triggers", {}).items():
        out.append(
            Trigger(
                schema=schema,
                table=table,
                name=name,
                timing=trg.get("timing"),
                events=_tuple(trg, "events"),
                level=trg.get("level"),
                function=trg.get("function"),
                when=_text(trg, "when"),
                enabled=trg.get("enabled"),
                columns=_tuple(trg, "columns"),
                arguments=_tuple(trg, "arguments"),
                deferrable=trg.get("deferrable"),
                initially_deferred=trg.get("initially_deferred"),
            )
        )
    return out


def _prerequisites(body: dict[str, Any] | None) -> Prerequisites | None:
    if body is None:
        return None
    return Prerequisites(
        version_table=body.get("version_table", "public.schema_migrations"),
        version_column=body.get("version_column", "version"),
        min_version=body.get("min_version"),
        applied_versions=tuple(body.get("applied_versions", ())),
    )
