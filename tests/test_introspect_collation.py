"""Index collations, live: the introspected key holds `COLLATE x` exactly where PostgreSQL's
`pg_get_indexdef` prints one, so that a snapshot round-trips through audit, a spec can require a
collation, a change of collation is a finding, and the static replay of the migration agrees
with the live catalog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from live_specs import apply_migration, audit, execute, snapshot

from schemacheck.introspect import introspect
from schemacheck.model import Index, Kind
from schemacheck.replay import replay_paths

pytestmark = pytest.mark.db

MIGRATION = """\
CREATE TABLE ev (id int, name text, code text COLLATE "C", n int);
CREATE INDEX ev_c ON ev (name COLLATE "C" text_pattern_ops);
CREATE INDEX ev_lower_c ON ev (lower(name) COLLATE "C" DESC);
CREATE INDEX ev_code ON ev (code);
CREATE INDEX ev_code_default ON ev (code COLLATE "default");
CREATE INDEX ev_lower_code ON ev (lower(code));
CREATE INDEX ev_pair ON ev (lower(code) COLLATE "POSIX", lower(code), id);
CREATE MATERIALIZED VIEW mv AS SELECT id, name FROM ev;
CREATE INDEX mv_c ON mv (name COLLATE "C");
CREATE VIEW v AS SELECT id, name FROM ev;
CREATE FUNCTION v_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ev (id, name) VALUES (NEW.id, NEW.name);
    RETURN NEW;
END
$$;
CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_insert();
"""

# What a snapshot writes for each index: the keys as a spec would write them.
KEYS = {
    ("tables", "ev", "ev_c"): ['name COLLATE "C" text_pattern_ops'],
    ("tables", "ev", "ev_lower_c"): ['lower(name) COLLATE "C" DESC'],
    ("tables", "ev", "ev_code"): ["code"],
    ("tables", "ev", "ev_code_default"): ["code COLLATE default"],
    ("tables", "ev", "ev_lower_code"): ["lower(code)"],
    ("tables", "ev", "ev_pair"): ['lower(code) COLLATE "POSIX"', "lower(code)", "id"],
    ("views", "mv", "mv_c"): ['name COLLATE "C"'],
}


def _migrated(dsn: str, tmp_path: Path) -> Path:
    return apply_migration(dsn, tmp_path / "001_collations.sql", MIGRATION)


def _found(findings: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(f["code"], f["object"]) for f in findings}


def test_static_replay_and_live_catalog_agree_on_index_collations(
    fresh_db_any: str, tmp_path: Path
) -> None:
    path = _migrated(fresh_db_any, tmp_path)
    live = introspect(fresh_db_any).catalog
    static = replay_paths([path]).catalog
    live_indexes = {o.ref: o for o in live.of_kind(Kind.INDEX) if isinstance(o, Index)}
    static_indexes = {o.ref: o for o in static.of_kind(Kind.INDEX) if isinstance(o, Index)}
    assert set(live_indexes) == set(static_indexes)
    assert {ref.name: o.columns for ref, o in static_indexes.items()} == {
        ref.name: o.columns for ref, o in live_indexes.items()
    }
    ev_c = live_indexes[Index(schema="public", table="ev", name="ev_c").ref]
    assert ev_c.columns == ('name COLLATE "C" text_pattern_ops',)


def test_snapshot_holds_the_collations_and_audits_clean(fresh_db_any: str, tmp_path: Path) -> None:
    _migrated(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    public = doc["schemas"]["public"]
    written = {
        (part, owner, name): public[part][owner]["indexes"][name]["columns"]
        for part, owner, name in KEYS
    }
    assert written == KEYS
    # A view's INSTEAD OF trigger is written under the view.
    assert public["views"]["v"]["triggers"]["v_insert"]["timing"] == "instead of"
    assert audit(fresh_db_any, tmp_path / "snap.json") == (0, [])


# (id, the DDL run after the snapshot, the findings the audit against the snapshot reports)
CHANGES: list[tuple[str, str, set[tuple[str, str]]]] = [
    (
        "collation-dropped",
        "DROP INDEX ev_c; CREATE INDEX ev_c ON ev (name text_pattern_ops)",
        {("SC902", "index public.ev.ev_c")},
    ),
    (
        "expression-collation-changed",
        'DROP INDEX ev_lower_c; CREATE INDEX ev_lower_c ON ev (lower(name) COLLATE "POSIX" DESC)',
        {("SC902", "index public.ev.ev_lower_c")},
    ),
    (
        "collation-given-where-the-column-had-one",
        'DROP INDEX ev_code; CREATE INDEX ev_code ON ev (code COLLATE "POSIX")',
        {("SC902", "index public.ev.ev_code")},
    ),
    (
        "back-to-the-column-collation",
        "DROP INDEX ev_code_default; CREATE INDEX ev_code_default ON ev (code)",
        {("SC902", "index public.ev.ev_code_default")},
    ),
    (
        "second-key-collation",
        "DROP INDEX ev_pair; CREATE INDEX ev_pair ON ev"
        ' (lower(code) COLLATE "POSIX", lower(code) COLLATE "default", id)',
        {("SC902", "index public.ev.ev_pair")},
    ),
    (
        "materialized-view-index",
        "DROP INDEX mv_c; CREATE INDEX mv_c ON mv (name)",
        {("SC902", "index public.mv.mv_c")},
    ),
    (
        # The column's own collation written out stores the same index: no change.
        "column-collation-repeated",
        'DROP INDEX ev_code; CREATE INDEX ev_code ON ev (code COLLATE "C")',
        set(),
    ),
]


@pytest.mark.parametrize(("change", "ddl", "expected"), CHANGES, ids=[c[0] for c in CHANGES])
def test_a_collation_change_is_a_finding(
    change: str, ddl: str, expected: set[tuple[str, str]], fresh_db_any: str, tmp_path: Path
) -> None:
    _migrated(fresh_db_any, tmp_path)
    snapshot(fresh_db_any, tmp_path / "snap.json")
    execute(fresh_db_any, *ddl.split("; "))
    code, findings = audit(fresh_db_any, tmp_path / "snap.json")
    assert (_found(findings), code) == (expected, 1 if expected else 0)


def test_the_finding_shows_both_collations(fresh_db_any: str, tmp_path: Path) -> None:
    _migrated(fresh_db_any, tmp_path)
    snapshot(fresh_db_any, tmp_path / "snap.json")
    execute(
        fresh_db_any,
        "DROP INDEX ev_lower_c",
        'CREATE INDEX ev_lower_c ON ev (lower(name) COLLATE "POSIX" DESC)',
    )
    _, (finding,) = audit(fresh_db_any, tmp_path / "snap.json")
    assert 'lower(name) COLLATE "C" DESC' in finding["expected"]
    assert 'lower(name) COLLATE "POSIX" DESC' in finding["actual"]


def _spec(columns: list[str]) -> dict[str, Any]:
    table = {"indexes": {"ev_c": {"columns": columns}}}
    return {"spec_version": 1, "schemas": {"public": {"tables": {"ev": table}}}}


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (['name COLLATE "C" text_pattern_ops'], set()),
        (['name COLLATE pg_catalog."C" text_pattern_ops'], set()),
        (["name text_pattern_ops"], {("SC902", "index public.ev.ev_c")}),
        (['name COLLATE "POSIX" text_pattern_ops'], {("SC902", "index public.ev.ev_c")}),
    ],
    ids=["as-written", "schema-qualified", "no-collation", "other-collation"],
)
def test_a_spec_requires_the_collation_it_names(
    columns: list[str], expected: set[tuple[str, str]], fresh_db: str, tmp_path: Path
) -> None:
    _migrated(fresh_db, tmp_path)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_spec(columns)))
    code, findings = audit(fresh_db, spec)
    assert (_found(findings), code) == (expected, 1 if expected else 0)
