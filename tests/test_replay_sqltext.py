"""Rendered column types are remembered by structure, never confused with another type."""

from __future__ import annotations

from sqlglot import exp

from schemacheck.quiet import parse_one
from schemacheck.replay.sqltext import render, render_type


def _type(text: str) -> exp.DataType:
    tree = parse_one(f"CREATE TABLE t (c {text})")
    node = tree.find(exp.ColumnDef)
    assert node is not None
    kind = node.args["kind"]
    assert isinstance(kind, exp.DataType)
    return kind


def test_render_type_matches_render_for_each_distinct_type() -> None:
    texts = [
        "varchar(10)",
        "varchar(20)",
        "VARCHAR(10)",
        "numeric(10, 2)",
        "numeric(10, 3)",
        "timestamp with time zone",
        "timestamp",
        "int[]",
        "int",
        "app.mood",
        "public.mood",
        '"Mood"',
    ]
    for text in texts * 2:  # the second time from the memo
        node = _type(text)
        assert render_type(node) == render(node), text
    assert render_type(_type("varchar(10)")) != render_type(_type("varchar(20)"))
    assert render_type(_type("app.mood")) != render_type(_type("public.mood"))
