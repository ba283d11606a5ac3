"""`encode_spec`: the streamed spec text is byte for byte what `orjson.dumps` gives for the
whole document (`dump_catalog` plus the entries after it), indented by two spaces."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson
import pytest

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
from schemacheck.spec import validate_spec
from schemacheck.spec.dump import dump_catalog, encode_spec


def whole(catalog: Catalog, *, name: str = "", after: Mapping[str, Any] | None = None) -> bytes:
    document = dump_catalog(catalog, name=name)
    document.update(after or {})
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


def streamed(catalog: Catalog, *, name: str = "", after: Mapping[str, Any] | None = None) -> bytes:
    return b"".join(encode_spec(catalog, name=name, after=after))


def schema_objects(schema: str) -> list[CatalogObject]:
    """One of each kind in `schema`, names that need quoting among them."""
    return [
        Schema(schema=schema),
        Table(schema=schema, name="users"),
        Column(schema=schema, table="users", name="id", type="bigint", nullable=False),
        Column(
            schema=schema,
            table="users",
            name='"Display Name"',
            type="text",
            nullable=True,
            default="'anonymous'::text",
            identity=ABSENT,
            generated=ABSENT,
        ),
        Index(
            schema=schema,
            table="users",
            name="users_lower_idx",
            columns=("lower(email)",),
            unique=True,
            predicate="deleted_at IS NULL",
            method="btree",
            include=("id",),
        ),
        Constraint(
            schema=schema, table="users", name="users_pkey", type="primary_key", columns=("id",)
        ),
        Constraint(
            schema=schema, table="users", name="users_id_check", type="check", expression="id > 0"
        ),
        Table(schema=schema, name="orders"),
        Column(schema=schema, table="orders", name="user_id", type="bigint", nullable=True),
        ForeignKey(
            schema=schema,
            table="orders",
            name="orders_user_fkey",
            columns=("user_id",),
            references=f'"{schema}".users',
            referenced_columns=("id",),
            on_delete="cascade",
            on_update="no action",
            deferrable=False,
            initially_deferred=False,
            validated=True,
        ),
        Trigger(
            schema=schema,
            table="orders",
            name="orders_touch",
            timing="before",
            events=("update",),
            level="row",
            function=f'"{schema}".touch',
            when=ABSENT,
            enabled=True,
        ),
        Function(
            schema=schema,
            name="touch",
            arguments=(),
            routine="function",
            returns="trigger",
            language="plpgsql",
            volatility="volatile",
            security_definer=False,
            body_hash="0" * 64,
        ),
        Sequence(schema=schema, name="ticket_seq", data_type="bigint", start=1, increment=1),
        View(schema=schema, name="active_users", materialized=False, definition="SELECT 1"),
        Enum(schema=schema, name="mood", labels=("sad", "ok", "happy")),
    ]


EXTENSIONS = [
    Extension(schema="public", name="pgcrypto", version="1.3"),
    Extension(schema="extensions", name="citext", version="1.6"),
]

CATALOGS = {
    "empty": Catalog.of([]),
    "extensions only": Catalog.of(EXTENSIONS),
    "one schema": Catalog.of(schema_objects("public")),
    "several schemas": Catalog.of(
        EXTENSIONS
        + schema_objects('"Billing"')
        + schema_objects("public")
        + schema_objects('"Ünïcode schema"')
        + [Schema(schema="empty_one")]
    ),
}

PREREQUISITES = {
    "prerequisites": {
        "version_table": "public.schema_migrations",
        "applied_versions": [115, 116, 117],
    }
}


@pytest.mark.parametrize("case", sorted(CATALOGS))
@pytest.mark.parametrize("after", [None, PREREQUISITES], ids=["plain", "prerequisites"])
@pytest.mark.parametrize("name", ["", "batch 3 — live"])
def test_streamed_text_is_the_whole_documents_text(
    case: str, after: Mapping[str, Any] | None, name: str
) -> None:
    catalog = CATALOGS[case]
    text = streamed(catalog, name=name, after=after)
    assert text == whole(catalog, name=name, after=after)
    document = json.loads(text)
    assert validate_spec(document) == []
    assert list(document)[:1] == ["spec_version"]
    assert ("name" in document) == bool(name)
    assert ("prerequisites" in document) == (after is not None)


def test_empty_catalog_text() -> None:
    assert streamed(Catalog.of([])) == b'{\n  "spec_version": 1,\n  "schemas": {}\n}\n'


def test_extensions_only_have_no_schemas() -> None:
    document = json.loads(streamed(CATALOGS["extensions only"]))
    assert document["schemas"] == {}
    assert document["extensions"] == {
        "citext": {"schema": "extensions", "version": "1.6"},
        "pgcrypto": {"schema": "public", "version": "1.3"},
    }


def test_several_schemas_each_once_in_catalog_order() -> None:
    text = streamed(CATALOGS["several schemas"])
    document = json.loads(text)
    assert list(document["schemas"]) == ['"Billing"', "empty_one", "public", '"Ünïcode schema"']
    assert "Ünïcode".encode() in text  # UTF-8, not \\u escapes
    users = document["schemas"]["public"]["tables"]["users"]
    assert users["columns"]['"Display Name"']["generated"] is None
    assert list(users["indexes"]) == ["users_lower_idx"]


def test_a_catalog_not_grouped_by_schema_gives_the_same_text() -> None:
    """A Catalog built directly, its objects not grouped by schema: encoded whole."""
    grouped = CATALOGS["several schemas"]
    shuffled = Catalog(dict(sorted(grouped.objects.items(), key=lambda item: item[0].name)))
    assert [ref.schema for ref in shuffled.objects] != [ref.schema for ref in grouped.objects]
    assert streamed(shuffled, after=PREREQUISITES) == whole(shuffled, after=PREREQUISITES)
