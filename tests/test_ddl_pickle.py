"""A parsed file read back from its pickle (the cache entry) has the same statements, words and
recorded facts as the file parsed."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from schemacheck.ddl import parse_file
from schemacheck.ddl.parse import mentions_dml, statement_mentions_dml


def test_pickled_files_keep_their_words(sql_dir: Path) -> None:
    paths = sorted(sql_dir.rglob("*.sql"))
    assert len(paths) > 10
    for p in paths:
        f = parse_file(p)
        back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == f
        assert back.statements and len(back.statements) == len(f.statements)
        for a, b in zip(f.statements, back.statements, strict=True):
            assert b.words == a.words and b.words  # read back as `Word`s, in order
            assert b.words is b.words  # built once
            assert b.dml_words is not None
            assert statement_mentions_dml(b) == mentions_dml(a.words) == a.dml_words
            assert b.text == a.text and b.facts == a.facts


def test_pickled_twice_gives_the_same_words(sql_dir: Path) -> None:
    f = parse_file(next(iter(sorted(sql_dir.rglob("*.sql")))))
    once = pickle.loads(pickle.dumps(f))
    _ = once.statements[0].words  # built from the pickle's fields
    twice = pickle.loads(pickle.dumps(once))
    assert [s.words for s in twice.statements] == [s.words for s in f.statements]


def test_facts_keep_only_the_fields_given() -> None:
    import dataclasses

    from schemacheck.ddl.statement import ColumnFact, ObjectName, StatementFacts

    facts = StatementFacts(object_type="table", name=ObjectName("t"))
    assert set(vars(facts)) == {"object_type", "name"}  # the rest read as the defaults
    assert facts.cascade is False and facts.columns == () and facts.where is None
    dense = dataclasses.replace(facts)
    assert len(vars(dense)) == len(dataclasses.fields(StatementFacts))
    assert dense == facts and hash(dense) == hash(facts) and repr(dense) == repr(facts)
    assert facts != StatementFacts(object_type="table", name=ObjectName("u"))
    column = ColumnFact("id", "bigint", not_null=True)
    assert set(vars(column)) == {"name", "data_type", "not_null"}
    back = pickle.loads(pickle.dumps(column))
    assert back == column and set(vars(back)) == set(vars(column))
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.cascade = True  # type: ignore[misc]
