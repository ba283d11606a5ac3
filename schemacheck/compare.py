"""One generic diff of two catalogs: missing, unexpected (where the expected side is strict)
and mismatched objects, as findings with expected and actual side by side."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from schemacheck.findings import Finding, Severity
from schemacheck.model import ABSENT, TABLE_CHILD_KINDS, Catalog, CatalogObject, Kind, ObjectRef


@dataclass(frozen=True)
class Outcome:
    """What one comparison produced; `code`/`slug` come from the caller's vocabulary."""

    kind: str
    ref: ObjectRef
    attribute: str | None = None
    expected: Any = None
    actual: Any = None


MISSING = "missing"
UNEXPECTED = "unexpected"
MISMATCH = "mismatch"

# Code, slug, severity and help per outcome kind: shared by audit, lint coverage and drift.
RULES: Mapping[str, tuple[str, str, Severity, str]] = {
    MISSING: (
        "SC900",
        "missing-object",
        Severity.ERROR,
        "The spec expects this object; create it, or correct the spec.",
    ),
    UNEXPECTED: (
        "SC901",
        "unexpected-object",
        Severity.WARNING,
        "The spec marks this scope strict and does not list this object; add it to the spec "
        "or drop it.",
    ),
    MISMATCH: (
        "SC902",
        "definition-mismatch",
        Severity.ERROR,
        "The object exists but its definition differs from the spec.",
    ),
}


def diff(expected: Catalog, actual: Catalog) -> Iterator[Outcome]:
    """Compare every expected object with its actual twin, then list strict-scope extras.
    What a missing object holds is not reported again: the columns, keys, indexes and
    triggers of a missing table or view, and every object of a missing schema."""
    gone_relations: set[tuple[str, str]] = set()
    gone_schemas: set[str] = set()
    for ref in expected.objects:
        if ref.kind in _HOLDERS and actual.get(ref) is None:
            if ref.kind is Kind.SCHEMA:
                gone_schemas.add(ref.name)
            else:
                gone_relations.add((ref.schema, ref.name))
    for ref, want in expected.objects.items():
        if ref.schema in gone_schemas and ref.kind not in (Kind.SCHEMA, Kind.EXTENSION):
            continue
        if ref.table is not None and (ref.schema, ref.table) in gone_relations:
            continue
        have = actual.get(ref)
        if have is None:
            yield Outcome(MISSING, ref)
            continue
        yield from _attribute_mismatches(ref, want, have)
    implied = _extension_homes(expected) if expected.strict_database else set()
    held: dict[str, str] | None = None
    for ref in actual.objects:
        if ref not in expected.objects and _in_strict_scope(ref, expected, implied):
            if ref.kind is Kind.SCHEMA:
                held = _holdings(actual) if held is None else held
                yield Outcome(UNEXPECTED, ref, actual=held.get(ref.name, "nothing"))
            else:
                yield Outcome(UNEXPECTED, ref)


# what holds other objects: a schema its objects, a table or view its columns and triggers
_HOLDERS = frozenset({Kind.SCHEMA, Kind.TABLE, Kind.VIEW})


def _attribute_mismatches(
    ref: ObjectRef, want: CatalogObject, have: CatalogObject
) -> Iterator[Outcome]:
    if want == have:  # the common case, one comparison: every attribute equal
        return
    actual_attrs = have.attributes()
    for name, value in want.attributes().items():
        if value is None:
            continue
        got = actual_attrs.get(name)
        if got != value:
            yield Outcome(MISMATCH, ref, name, value, got)


def _in_strict_scope(ref: ObjectRef, expected: Catalog, implied: set[str]) -> bool:
    """Whether `ref`, not in `expected`, is drift: an object of a strict table or schema, or
    a schema or extension of a strict catalog (but for the `implied` schemas: those of the
    extensions it lists)."""
    table = ref.table_ref
    if table is not None:
        return ref.kind in TABLE_CHILD_KINDS and table in expected.strict_tables
    if ref.kind is Kind.EXTENSION:
        return expected.strict_database
    if ref.kind is Kind.SCHEMA:
        return expected.strict_database and ref.name not in implied
    return ref.schema in expected.strict_schemas


def _extension_homes(catalog: Catalog) -> set[str]:
    return {obj.schema for obj in catalog.of_kind(Kind.EXTENSION)}


# what an unexpected schema's report counts, in this order: (kind, singular, plural)
_HELD: tuple[tuple[Kind, str, str], ...] = (
    (Kind.TABLE, "table", "tables"),
    (Kind.VIEW, "view", "views"),
    (Kind.FUNCTION, "function", "functions"),
    (Kind.SEQUENCE, "sequence", "sequences"),
    (Kind.ENUM, "enum", "enums"),
    (Kind.EXTENSION, "extension", "extensions"),
)


def _holdings(actual: Catalog) -> dict[str, str]:
    """What each schema holds, counted: `1 table, 2 functions` (schemas holding nothing are
    left out; the columns, indexes, ... of its tables and views are not counted apart)."""
    counts: dict[str, dict[Kind, int]] = {}
    for ref, obj in actual.objects.items():
        schema = obj.schema if ref.kind is Kind.EXTENSION else ref.schema
        if ref.kind in _HELD_KINDS:
            per_kind = counts.setdefault(schema, {})
            per_kind[ref.kind] = per_kind.get(ref.kind, 0) + 1
    return {
        schema: ", ".join(
            f"{per_kind[kind]} {one if per_kind[kind] == 1 else many}"
            for kind, one, many in _HELD
            if kind in per_kind
        )
        for schema, per_kind in counts.items()
    }


_HELD_KINDS = frozenset(kind for kind, _, _ in _HELD)


def render_value(value: Any) -> str:
    """A value as a person reads it in a report."""
    if value is None:
        return "(unknown)"
    if value == ABSENT:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "(" + ", ".join(str(v) for v in value) + ")"
    return str(value)


def to_finding(outcome: Outcome, *, note: str = "") -> Finding:
    """Turn an outcome into a finding with a message a person can act on."""
    code, slug, severity, help_text = RULES[outcome.kind]
    ref = outcome.ref
    suffix = f" ({note})" if note else ""
    if outcome.kind == MISSING:
        message = f"{ref.kind} {ref.qualified} is missing{suffix}"
        return Finding(code, slug, severity, message, str(ref), help=help_text)
    if outcome.kind == UNEXPECTED:
        message = f"{ref.kind} {ref.qualified} is not in the spec"
        if ref.kind is Kind.SCHEMA and outcome.actual is not None:
            message += f" (it holds {outcome.actual})"
        return Finding(code, slug, severity, message + suffix, str(ref), help=help_text)
    expected = render_value(outcome.expected)
    actual = render_value(outcome.actual)
    message = f"{ref.kind} {ref.qualified}: {outcome.attribute} is {actual}, expected {expected}"
    return Finding(
        code,
        slug,
        severity,
        message + suffix,
        str(ref),
        help=help_text,
        expected=f"{outcome.attribute}: {expected}",
        actual=f"{outcome.attribute}: {actual}",
    )


def compare(
    expected: Catalog, actual: Catalog, *, notes: Mapping[ObjectRef, str] | None = None
) -> list[Finding]:
    """Findings for every difference; `notes` labels objects, e.g. "prerequisite from
    migration 001"."""
    notes = notes or {}
    return [to_finding(o, note=notes.get(o.ref, "")) for o in diff(expected, actual)]
