"""The spec schema has two validators: fastjsonschema (compiled, for the verdict on valid
documents: large snapshots) and jsonschema (the reference, which words every error). They
must give the same verdict on every document, or a broken spec could pass as valid."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemacheck.spec import load as spec_load
from schemacheck.spec import validate_spec

ROOT = Path(__file__).resolve().parents[1]
BASE: dict[str, Any] = json.loads((ROOT / "expected" / "batch3.json").read_text())
VALUES = [None, True, False, 0, 1, -1, 1.5, "", "x", "bigint", "cascade", "before", "row"]
VALUES += [[], ["a"], [1], {}, {"x": 1}, {"strict": True}]


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(BASE)[1:]
_EDIT = st.tuples(
    st.sampled_from(PATHS),
    st.sampled_from(["set", "delete", "add"]),
    st.sampled_from(VALUES),
    st.sampled_from(["extra", "Strict", "columns", "type", "on_delete", "x-y"]),
)


def _mutated(edits: list[tuple[tuple[Any, ...], str, Any, str]]) -> Any:
    doc = copy.deepcopy(BASE)
    for path, op, value, key in edits:
        parent: Any = doc
        try:
            for k in path[:-1]:
                parent = parent[k]
            if op == "set":
                parent[path[-1]] = copy.deepcopy(value)
            elif op == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif op == "add" and isinstance(parent, dict):
                parent[key] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue
    return doc


def _fast_verdict(doc: Any) -> bool:
    try:
        spec_load._accepts()(doc)
    except Exception:
        return False
    return True


@settings(
    max_examples=400, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(st.lists(_EDIT, min_size=1, max_size=3))
def test_both_validators_give_the_same_verdict(
    edits: list[tuple[tuple[Any, ...], str, Any, str]],
) -> None:
    doc = _mutated(edits)
    assert _fast_verdict(doc) == spec_load._validator().is_valid(doc)


def test_a_valid_spec_is_accepted_without_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path decides alone for a valid document (the reference is never built)."""

    def unused() -> None:
        raise AssertionError("jsonschema was asked about a valid spec")

    monkeypatch.setattr(spec_load, "_validator", unused)
    assert validate_spec(BASE) == []


def test_a_broken_spec_gets_every_error_from_the_reference() -> None:
    doc = copy.deepcopy(BASE)
    doc["spec_version"] = 2
    doc["bogus"] = True
    errors = validate_spec(doc)
    assert len(errors) == 2
    assert any(e.startswith("$.spec_version") for e in errors)
    assert any("bogus" in e for e in errors)
