"""Static replay against a real PostgreSQL, for names resolved through the search path, types
and values as the catalog prints them: `fixtures/replay_names_types.sql` applied to a fresh
database and replayed without one give the same catalog, object by object, on every major."""

from __future__ import annotations

from pathlib import Path

from test_replay_live import _assert_same, _static_and_live

from schemacheck.model import Column, Constraint, Kind, ObjectRef, View

FIXTURE = Path(__file__).parent / "fixtures" / "replay_names_types.sql"


def test_names_and_types_fixture_replays_to_the_live_catalog(fresh_db_any: str) -> None:
    static, live = _static_and_live(fresh_db_any, [FIXTURE])
    assert _assert_same(static, live) == []
    # the agreement is on the values in question, not on two empty catalogs
    newline = live.get(ObjectRef(Kind.COLUMN, "public", "n", "escaped"))
    assert isinstance(newline, Column) and newline.default == "'a\nb'"
    ab = live.get(ObjectRef(Kind.CONSTRAINT, "public", "ab", "flags"))
    assert isinstance(ab, Constraint) and ab.columns == ("b", "a")
    assert ObjectRef(Kind.FUNCTION, "public", "g3(integer)") in live
    assert ObjectRef(Kind.FUNCTION, "public", "g6(double precision[])") in live
    zulu = live.get(ObjectRef(Kind.COLUMN, "public", "z", "stamps"))
    assert isinstance(zulu, Column) and zulu.default is not None and "+00" in str(zulu.default)
    enum_column = live.get(ObjectRef(Kind.COLUMN, "app", "m", "items"))
    assert isinstance(enum_column, Column) and enum_column.type == "app.mood"
    items_v = live.get(ObjectRef(Kind.VIEW, "app", "items_v"))
    assert isinstance(items_v, View) and "app.items" in str(items_v.definition)
    star = live.get(ObjectRef(Kind.VIEW, "public", "star_v"))
    assert isinstance(star, View) and "*" not in str(star.definition)
