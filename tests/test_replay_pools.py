"""The replay's indexed pools answer as the scans they replace: the sequences a table or a
column owns, and the functions of a name, in catalog order, whatever was dropped, moved or
re-owned in between."""

from __future__ import annotations

from schemacheck.replay.drafts import FunctionDraft, SequenceDraft
from schemacheck.replay.state import FunctionPool, SequencePool


def _scan_owned(pool: SequencePool, table: tuple[str, str], column: str | None = None) -> list:
    return [
        (k, s)
        for k, s in pool.items()
        if s.owned_by and s.owned_by[:2] == table and (column is None or s.owned_by[2] == column)
    ]


def test_owned_sequences_follow_drops_moves_and_new_owners() -> None:
    pool = SequencePool()
    a = SequenceDraft("public", "t_id_seq", owned_by=("public", "t", "id"))
    b = SequenceDraft("public", "t_n_seq", owned_by=("public", "t", "n"))
    c = SequenceDraft("public", "free_seq")
    for seq in (a, b, c):
        pool[(seq.schema, seq.name)] = seq
    assert pool.owned(("public", "t")) == _scan_owned(pool, ("public", "t"))
    assert [k for k, _ in pool.owned(("public", "t"), "n")] == [("public", "t_n_seq")]

    c.owned_by = ("public", "t", "m")  # ALTER SEQUENCE free_seq OWNED BY t.m
    pool.note_owner(c)
    b.owned_by = ("public", "u", "n")  # re-owned by another table
    pool.note_owner(b)
    del pool[("public", "t_id_seq")]
    assert pool.owned(("public", "t")) == _scan_owned(pool, ("public", "t"))
    assert [k for k, _ in pool.owned(("public", "t"))] == [("public", "free_seq")]
    assert [k for k, _ in pool.owned(("public", "u"))] == [("public", "t_n_seq")]

    # moved to another schema: deleted, changed, stored again under its new key
    del pool[("public", "t_n_seq")]
    b.schema = "archive"
    b.owned_by = ("archive", "u", "n")
    pool[("archive", "t_n_seq")] = b
    assert pool.owned(("public", "u")) == []
    assert pool.owned(("archive", "u")) == [(("archive", "t_n_seq"), b)]

    # a new sequence under a dropped one's key is not mistaken for it
    pool[("public", "t_id_seq")] = SequenceDraft("public", "t_id_seq")
    assert pool.owned(("public", "t"), "id") == []


def test_functions_of_a_name_keep_catalog_order() -> None:
    pool = FunctionPool()
    keys = [("public", "f", ("integer",)), ("app", "f", ("text",)), ("public", "g", ())]
    for schema, name, args in keys:
        pool[(schema, name, args)] = FunctionDraft(schema, name, args)
    assert pool.named("f") == [k for k in pool if k[1] == "f"]

    moved = pool.pop(("public", "f", ("integer",)))  # ALTER FUNCTION ... SET SCHEMA
    assert moved is not None
    pool[("other", "f", ("integer",))] = moved
    pool[("app", "f", ("text",))] = FunctionDraft("app", "f", ("text",))  # OR REPLACE
    assert pool.named("f") == [k for k in pool if k[1] == "f"]
    assert pool.named("f") == [("app", "f", ("text",)), ("other", "f", ("integer",))]
    assert pool.pop(("public", "f", ("integer",)), None) is None
    del pool[("app", "f", ("text",))]
    assert pool.named("f") == [("other", "f", ("integer",))]
    assert pool.named("nothing") == []
