"""Catalogs built from entries already in catalog order (what the live introspection makes):
the same catalog as `Catalog.of`, without building the ref-keyed dict until a lookup."""

from __future__ import annotations

import pickle

from schemacheck.model import (
    Catalog,
    CatalogEntry,
    CatalogObject,
    Column,
    Index,
    OrderedObjects,
    Schema,
    Table,
    View,
    catalog_order,
    in_catalog_order,
)
from schemacheck.spec.dump import dump_catalog, encode_spec


def _run(*objects: CatalogObject) -> list[CatalogEntry]:
    return sorted(((catalog_order(o.ref), o.ref, o) for o in objects), key=lambda e: e[0])


OBJECTS: list[CatalogObject] = [
    Schema("app"),
    Table("app", name="orders"),
    Table("app", name="accounts"),
    Column("app", table="orders", name="id", type="integer", nullable=False),
    Column("app", table="accounts", name="id", type="bigint", nullable=False),
    Index("app", table="orders", name="orders_id_idx", columns=("id",)),
    View("app", name="totals", materialized=True, definition="SELECT 1"),
    Index("app", table="totals", name="totals_idx", columns=("x",)),
]


def _runs_by_kind(objects: list[CatalogObject]) -> list[list[CatalogEntry]]:
    kinds = sorted({o.kind for o in objects})
    return [_run(*(o for o in objects if o.kind == k)) for k in kinds]


def test_merged_runs_give_the_catalog_of_the_same_objects() -> None:
    ordered = Catalog(OrderedObjects(in_catalog_order(_runs_by_kind(OBJECTS))))
    reference = Catalog.of(OBJECTS)
    assert list(ordered.objects) == list(reference.objects)  # same order
    assert ordered == reference
    assert len(ordered) == len(OBJECTS)


def test_lookups_build_the_keyed_dict_on_first_use_only() -> None:
    objects = OrderedObjects(in_catalog_order(_runs_by_kind(OBJECTS)))
    assert [ref for ref, _ in objects.items()] == list(Catalog.of(OBJECTS).objects)
    assert objects._keyed is None  # iterating needs no dict
    column = OBJECTS[3]
    assert objects[column.ref] is column
    assert column.ref in objects
    assert Table("app", name="missing").ref not in objects
    assert objects._keyed is not None


def test_the_last_of_equal_refs_is_kept_as_in_catalog_of() -> None:
    first = Column("app", table="orders", name="id", type="integer", nullable=False)
    second = Column("app", table="orders", name="id", type="bigint", nullable=True)
    entries = in_catalog_order([_run(Table("app", name="orders"), first), _run(second)])
    objects = OrderedObjects(entries)
    assert len(objects) == 2
    assert objects[first.ref] is second
    assert Catalog(objects) == Catalog.of([Table("app", name="orders"), first, second])


def test_pickles_and_encodes_like_a_dict_catalog() -> None:
    ordered = Catalog(OrderedObjects(in_catalog_order(_runs_by_kind(OBJECTS))))
    assert pickle.loads(pickle.dumps(ordered)) == ordered
    reference = Catalog.of(OBJECTS)
    assert b"".join(encode_spec(ordered)) == b"".join(encode_spec(reference))
    # the view's index is written under the view, found without a catalog lookup
    doc = dump_catalog(ordered)
    assert "totals_idx" in doc["schemas"]["app"]["views"]["totals"]["indexes"]
