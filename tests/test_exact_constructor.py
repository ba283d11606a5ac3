"""`model.exact_constructor`: objects built from exact catalog names equal the objects the
model builds from the same names quoted, with every other attribute normalized alike."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from schemacheck.model import (
    Column,
    Constraint,
    ForeignKey,
    Index,
    ObjectRef,
    Table,
    Trigger,
    exact_constructor,
)


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


CASES: list[tuple[type[Any], tuple[Any, ...]]] = [
    (Table, ("Sales Q1", 'Or"ders', True, '"Sales Q1"."Parent"')),
    (Table, ("public", "plain", None, "other_table")),
    (Column, ("S", "T", "Id", "INT", False, "NOW()", "ALWAYS", None)),
    (Column, ("s", "t", "total", "NUMERIC(10, 2)", True, None, None, "price * qty")),
    (Column, ("s", "t", "code", "text", True, None, None, None, 'pg_catalog."C"')),
    (Index, ("S", "T", "Ix", ["lower(email)", "Id"], True, "deleted_at IS NULL", "BTREE", ["x"])),
    (Constraint, ("S", "T", "T_pkey", "primary_key", ('"Id"',), None, True, False)),
    (Constraint, ("s", "t", "positive", "check", (), "CHECK ((qty > 0))", False, None)),
    (
        ForeignKey,
        ("S", "T", "fk", ('"A"',), '"S".parent', ('"Id"',), "CASCADE", "no action", True),
    ),
    (Trigger, ("S", "T", "Trg", "BEFORE", ["UPDATE", "INSERT"], "ROW", '"S".f()', None, True)),
]


@pytest.mark.parametrize(("cls", "values"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_exact_names_build_the_same_object(cls: type[Any], values: tuple[Any, ...]) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    fields = dict(zip(names, values, strict=False))
    exact = exact_constructor(cls)(*[fields.get(n) for n in names])
    folded = {k: quoted(v) if k in ("schema", "table", "name") else v for k, v in fields.items()}
    assert exact == cls(**folded)
    assert type(exact) is cls
    assert exact.name == fields["name"]  # kept exactly, case and quotes included


def test_exact_names_are_not_folded() -> None:
    column = exact_constructor(Column)(
        "Public", "Users", "Email", "TEXT", True, None, None, None, None
    )
    assert (column.schema, column.table, column.name, column.type) == (
        "Public",
        "Users",
        "Email",
        "text",
    )


@pytest.mark.parametrize(("cls", "values"), CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_refs_equal_refs_built_field_by_field(cls: type[Any], values: tuple[Any, ...]) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    obj = exact_constructor(cls)(*[dict(zip(names, values, strict=False)).get(n) for n in names])
    expected = ObjectRef(obj.kind, obj.schema, obj.name, getattr(obj, "table", None))
    assert obj.ref == expected
    assert hash(obj.ref) == hash(expected)
    assert {obj.ref: 1}[expected] == 1
