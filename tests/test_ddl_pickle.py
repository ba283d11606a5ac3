"""A parsed file read back from its pickle (the cache entry) has the same statements, words and
recorded facts as the file parsed."""

from __future__ import annotations

import pickle
from pathlib import Path

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
