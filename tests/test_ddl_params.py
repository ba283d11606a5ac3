"""Reading one routine parameter: a first word that could start a multi-word type is the
type only when the next word continues it, else the parameter's name."""

from __future__ import annotations

import pytest

from schemacheck.ddl.params import read_param


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("double int", ("in", "double", "int")),
        ("double double precision", ("in", "double", "double precision")),
        ("double double precision[]", ("in", "double", "double precision[]")),
        ("double precision", ("in", "", "double precision")),
        ("OUT double precision", ("out", "", "double precision")),
        ("OUT double double precision", ("out", "double", "double precision")),
        ("time time with time zone", ("in", "time", "time with time zone")),
        ("time with time zone", ("in", "", "time with time zone")),
        ("timestamp (3) without time zone", ("in", "", "timestamp (3) without time zone")),
        ("timestamp timestamptz DEFAULT now()", ("in", "timestamp", "timestamptz")),
        ("character varying(20)", ("in", "", "character varying(20)")),
        ("char (3)", ("in", "", "char (3)")),
        ("character text", ("in", "character", "text")),
        ("char varying", ("in", "", "char varying")),
        ("bit varying(8)", ("in", "", "bit varying(8)")),
        ("bit bit(8)", ("in", "bit", "bit(8)")),
        ("national character varying", ("in", "", "national character varying")),
        ("national text", ("in", "national", "text")),
        ("interval day to second", ("in", "", "interval day to second")),
        ("interval (6)", ("in", "", "interval (6)")),
        ("interval interval", ("in", "interval", "interval")),
        ("INOUT n int = 0", ("inout", "n", "int")),
        ("int", ("in", "", "int")),
    ],
)
def test_a_type_head_is_the_name_unless_the_type_goes_on(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert read_param(text) == expected
