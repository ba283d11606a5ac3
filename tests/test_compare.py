"""The generic comparison, ignore patterns and spec round-trip, without a database."""

from __future__ import annotations

import pytest

from schemacheck.audit import LiveState, audit
from schemacheck.compare import MISMATCH, MISSING, UNEXPECTED, diff, to_finding
from schemacheck.errors import UsageError
from schemacheck.ignore import IgnoreRule, parse_rules
from schemacheck.model import (
    Catalog,
    Column,
    Constraint,
    Enum,
    Extension,
    Function,
    Index,
    Kind,
    ObjectRef,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)
from schemacheck.spec import parse_spec, parse_spec_document
from schemacheck.spec.dump import dump_catalog, encode_spec

SPEC = {
    "spec_version": 1,
    "prerequisites": {"min_version": 115, "applied_versions": [118]},
    "schemas": {
        "public": {
            "tables": {
                "t": {
                    "strict": True,
                    "columns": {
                        "id": {"type": "bigint", "nullable": False},
                        "note": {"type": "varchar(50)", "default": None},
                    },
                    "indexes": {"t_note": {"columns": ["note"], "where": "note IS NOT NULL"}},
                    "constraints": {
                        "t_pkey": {"type": "primary_key", "columns": ["id"]},
                        "t_chk": {"type": "check", "expression": "id IN (1, 2)"},
                    },
                },
                "loose": {"columns": {"a": {"type": "text"}}},
            }
        }
    },
}


def live_catalog(**changes: object) -> Catalog:
    objects = [
        Schema(schema="public", name="public"),
        Table(schema="public", name="t"),
        Column(schema="public", table="t", name="id", type="int8", nullable=False, default=""),
        Column(
            schema="public",
            table="t",
            name="note",
            type="character varying(50)",
            nullable=True,
            default="",
        ),
        Index(
            schema="public",
            table="t",
            name="t_note",
            columns=("note",),
            unique=False,
            predicate="(note IS NOT NULL)",
        ),
        Index(schema="public", table="t", name="t_pkey", columns=("id",), unique=True),
        Constraint(schema="public", table="t", name="t_pkey", type="primary_key", columns=("id",)),
        Constraint(
            schema="public",
            table="t",
            name="t_chk",
            type="check",
            expression=str(changes.get("check", "(id = ANY (ARRAY[1, 2]))")),
        ),
        Table(schema="public", name="loose"),
        Column(schema="public", table="loose", name="a", type="text"),
        Column(schema="public", table="loose", name="extra", type="text"),
    ]
    return Catalog.of(objects)


def outcomes(expected: Catalog, actual: Catalog) -> list[tuple[str, str, str | None]]:
    return [(o.kind, o.ref.qualified, o.attribute) for o in diff(expected, actual)]


def test_equal_definitions_written_differently_compare_equal() -> None:
    expected = parse_spec(SPEC)
    # t_pkey index is not listed in the strict table: exactly that one extra.
    assert outcomes(expected, live_catalog()) == [(UNEXPECTED, "public.t.t_pkey", None)]


def test_widened_check_is_a_mismatch_with_both_sides() -> None:
    expected = parse_spec(SPEC)
    found = [o for o in diff(expected, live_catalog(check="id IN (1, 2, 3)")) if o.kind == MISMATCH]
    assert len(found) == 1
    assert found[0].attribute == "expression"
    assert found[0].expected != found[0].actual


def test_missing_table_reports_table_once_not_its_children() -> None:
    expected = parse_spec(SPEC)
    actual = Catalog.of(o for o in live_catalog() if "t" not in (o.ref.table, o.ref.name))
    assert outcomes(expected, actual) == [(MISSING, "public.t", None)]


def test_a_missing_view_or_schema_stands_for_what_it_holds() -> None:
    """A view's triggers go with it; a schema's tables, views and functions with it."""
    expected = Catalog.of(
        [
            Schema(schema="app", name="app"),
            Table(schema="app", name="t"),
            Column(schema="app", table="t", name="id", type="int4"),
            View(schema="public", name="v", definition="SELECT 1"),
            Trigger(schema="public", table="v", name="v_ins", timing="instead of"),
            Schema(schema="public", name="public"),
            Table(schema="public", name="kept"),
            Column(schema="public", table="kept", name="gone", type="int4"),
        ]
    )
    actual = Catalog.of(
        [Schema(schema="public", name="public"), Table(schema="public", name="kept")]
    )
    assert sorted(str(o.ref) for o in diff(expected, actual)) == [
        "column public.kept.gone",
        "schema app",
        "view public.v",
    ]


def test_extra_column_on_non_strict_table_is_not_drift() -> None:
    expected = parse_spec(SPEC)
    assert all(o.ref.table != "loose" for o in diff(expected, live_catalog()))


def test_ignore_patterns_match_kind_name_and_table() -> None:
    idx = ObjectRef(Kind.INDEX, "public", "t_pkey", "t")
    col = ObjectRef(Kind.COLUMN, "public", "x", "data_tmp")
    assert IgnoreRule.parse("kind=index", "cli").matches(idx)
    assert not IgnoreRule.parse("kind=column", "cli").matches(idx)
    assert IgnoreRule.parse("public.*_tmp", "cli").matches(col)
    assert IgnoreRule.parse("kind=index:public.t.*", "cli").matches(idx)
    assert not IgnoreRule.parse("kind=index:public.u.*", "cli").matches(idx)
    with pytest.raises(UsageError, match="unknown kind 'indx'"):
        IgnoreRule.parse("kind=indx", "--ignore")


def test_audit_lists_every_ignored_finding_and_checks_versions() -> None:
    doc = parse_spec_document(SPEC)
    live = LiveState(live_catalog(), versions=(1, 115), target="db")
    report = audit(doc, live, ignores=parse_rules(["kind=index"], "--ignore"))
    assert [s.finding.object for s in report.suppressed] == ["index public.t.t_pkey"]
    assert "--ignore" in report.suppressed[0].reason
    assert [f.code for f in report.findings] == ["SC912"]  # 118 not recorded
    low = audit(doc, LiveState(live_catalog(), versions=(100,), target="db"))
    assert {f.slug for f in low.findings} >= {"schema-version-too-low", "migration-not-recorded"}
    none = audit(doc, LiveState(live_catalog(), versions=None, target="db"))
    assert "schema-version-table-missing" in {f.slug for f in none.findings}


def test_dump_round_trips_to_an_equal_catalog() -> None:
    catalog = live_catalog()
    again = parse_spec(dump_catalog(catalog))
    assert list(again.objects) == list(catalog.objects)
    assert list(diff(again, catalog)) == []
    assert again.strict_tables == {
        ObjectRef(Kind.TABLE, "public", "t"),
        ObjectRef(Kind.TABLE, "public", "loose"),
    }


def strict_database_case() -> tuple[dict[str, object], Catalog]:
    """A spec strict about its schemas (listing `public` and the extension `pg_trgm` in schema
    `ext`, which it does not list) and a live catalog with two schemas more."""
    spec: dict[str, object] = {
        "spec_version": 1,
        "strict": True,
        "extensions": {"pg_trgm": {"schema": "ext"}},
        "schemas": {"public": {"tables": {"t": {}}}},
    }
    live = Catalog.of(
        [
            Schema(schema="public", name="public"),
            Table(schema="public", name="t"),
            Table(schema="public", name="unlisted"),
            Schema(schema="ext", name="ext"),
            Extension(schema="ext", name="pg_trgm"),
            Schema(schema="extra", name="extra"),
            Table(schema="extra", name="a"),
            Column(schema="extra", table="a", name="id", type="int4"),
            Index(schema="extra", table="a", name="a_id", columns=("id",)),
            Table(schema="extra", name="b"),
            View(schema="extra", name="v", definition="SELECT 1"),
            Function(schema="extra", name="f", arguments=()),
            Sequence(schema="extra", name="s"),
            Enum(schema="extra", name="e", labels=("x",)),
            Extension(schema="extra", name="citext"),
            Schema(schema="empty", name="empty"),
        ]
    )
    return spec, live


def test_strict_spec_reports_each_unlisted_schema_once_with_what_it_holds() -> None:
    spec, live = strict_database_case()
    expected = parse_spec(spec)
    assert expected.strict_database
    found = sorted(to_finding(o).message for o in diff(expected, live))
    assert found == [
        "extension citext is not in the spec",
        "schema empty is not in the spec (it holds nothing)",
        "schema extra is not in the spec "
        "(it holds 2 tables, 1 view, 1 function, 1 sequence, 1 enum, 1 extension)",
    ]


def test_spec_without_the_switch_reports_no_schema_or_extension() -> None:
    spec, live = strict_database_case()
    for switch in ({}, {"strict": False}):
        doc = {k: v for k, v in spec.items() if k != "strict"} | switch
        assert not parse_spec(doc).strict_database
        assert list(diff(parse_spec(doc), live)) == []


def test_switch_is_written_only_when_asked_and_round_trips() -> None:
    catalog = live_catalog()
    assert "strict" not in dump_catalog(catalog)
    doc = dump_catalog(catalog, strict_database=True)
    assert doc["strict"] is True
    assert parse_spec(doc).strict_database
    assert not parse_spec(dump_catalog(catalog)).strict_database
    text = b"".join(encode_spec(catalog, strict_database=True)).decode("utf-8")
    assert text.splitlines()[1:3] == ['  "spec_version": 1,', '  "strict": true,']
