"""Spec coverage, statically: will the prerequisite and migration files create every object
the spec expects, with the definition it expects?

The files are replayed without a database (`schemacheck.replay`) and the static catalog is
compared with the spec (`compare.diff`). The findings have codes of their own, so a static
prediction is never taken for a live audit:

| code  | slug                    | severity | what                                             |
| ----- | ----------------------- | -------- | ------------------------------------------------ |
| SC950 | spec-object-not-created | error    | the spec expects it; no replayed file creates it |
| SC951 | spec-extra-object       | warning  | created in a scope the spec marks strict         |
| SC952 | spec-definition-differs | error    | created, with another definition (at file:line)  |

What the replay could not apply is listed in `not_checked`, never counted as equal: each
statement it could not replay, each part of a file that could not be read, each expected
value that cannot be known without a server (an extension's version, the hash of a
SQL-standard function body) or that the replay does not render, and each expression that
differs from the spec's only in casts (PostgreSQL adds implicit casts and drops those to the
type an expression already has, by the types it resolves) or in the column names a UNION's
later branches repeat. An expected object a skipped statement may create is not
reported as missing but as not checked: its name appears in that statement, or the statement
(or the DDL in a DO block) names the table it lives on (a name PostgreSQL chooses, like
`t_a_check`, never appears), or renames its schema. An object the replayed statements create
outside the spec's list is not checked either when such a statement may have dropped, renamed
or moved it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from pathlib import Path

from sqlglot.tokenizer_core import Token

from schemacheck.compare import MISMATCH, MISSING, UNEXPECTED, Outcome, diff, render_value
from schemacheck.ddl import SqlFile, discover
from schemacheck.findings import Finding, Location, Report, Severity, Suppressed
from schemacheck.ignore import IgnoreRule, first_match, parse_rules
from schemacheck.model import Catalog, Kind, ObjectRef, Sequence
from schemacheck.replay import FORWARD_ROLES, Replay, replay
from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import quote
from schemacheck.spec import SpecDocument, load_spec_document

NOT_CREATED = "SC950"
EXTRA = "SC951"
DIFFERS = "SC952"

RULES: dict[str, tuple[str, str, Severity, str]] = {
    MISSING: (
        NOT_CREATED,
        "spec-object-not-created",
        Severity.ERROR,
        "Add the statement that creates it to a migration, or correct the spec.",
    ),
    UNEXPECTED: (
        EXTRA,
        "spec-extra-object",
        Severity.WARNING,
        "The spec marks this scope strict and does not list this object; add it to the spec "
        "or do not create it.",
    ),
    MISMATCH: (
        DIFFERS,
        "spec-definition-differs",
        Severity.ERROR,
        "The migrations create this object with another definition than the spec's; fix the "
        "statement at this location (or a later ALTER), or correct the spec.",
    ),
}

VERSIONS_NOT_CHECKED = (
    "schema-version prerequisites (version table contents, minimum and applied versions): "
    "checked against a database by audit and check"
)


@dataclass(frozen=True)
class CoverageResult:
    """What the static comparison found. `not_checked` lists what it could not judge;
    `suppressed` the findings the spec's (or the caller's) ignore patterns hid; `files` the
    replayed files in replay order."""

    findings: tuple[Finding, ...] = ()
    not_checked: tuple[str, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    files: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.findings


SqlSource = SqlFile | str | os.PathLike[str]


def coverage(
    spec: str | os.PathLike[str] | SpecDocument,
    files: Iterable[SqlSource],
    *,
    ignores: Seq[IgnoreRule] = (),
) -> CoverageResult:
    """Replay the prerequisite and migration files among `files` (parsed `SqlFile`s, or paths
    of files and directories to discover) and compare the result with the spec (a path, or a
    loaded `SpecDocument`). The spec's own ignore patterns apply, then `ignores`. Raises
    InputError/SpecError for an unreadable spec or SQL path (one-line messages)."""
    document = spec if isinstance(spec, SpecDocument) else load_spec_document(Path(spec))
    spec_label = "" if isinstance(spec, SpecDocument) else str(spec)
    parsed = _parsed(files)
    static = replay(parsed, roles=FORWARD_ROLES)
    rules = (*parse_rules(document.ignore, f"{spec_label or 'spec'} ignore"), *ignores)
    return _judge(document, parsed, static, rules)


def _parsed(files: Iterable[SqlSource]) -> list[SqlFile]:
    out: list[SqlFile] = []
    paths: list[str | os.PathLike[str]] = []
    for item in files:
        if isinstance(item, SqlFile):
            out.append(item)
        else:
            paths.append(item)
    if paths:
        known = {Path(f.path) for f in out}
        out.extend(f for f in discover(paths) if Path(f.path) not in known)
    return out


def _judge(
    document: SpecDocument, files: list[SqlFile], static: Replay, ignores: Seq[IgnoreRule]
) -> CoverageResult:
    chosen = set(static.files)
    replayed = [f for f in files if f.path in chosen]
    statements = {(s.path, s.line): s for f in replayed for s in f.statements}
    skipped = [statements.get((s.location.path, s.location.line)) for s in static.skipped]
    skipped_text = [_skipped(s.location, s.kind, s.text, s.facts.body) for s in skipped if s]
    prerequisite_tables = {ref for ref, _ in document.origins}
    without_prerequisites = "prerequisite" not in static.roles
    notes = dict(document.origins)

    not_checked: list[str] = list(static.not_replayed)
    not_checked += [
        f"not read: {f.path}:{p.line} {p.kind} ({p.message})"
        for f in replayed
        for p in f.problems
        if p.kind in ("encoding", "untokenizable")
    ]
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    for outcome in diff(document.catalog, static.catalog):
        ref = outcome.ref
        if outcome.kind == MISMATCH and outcome.actual is None:
            # an extension's version, a body's hash; else what needs the server (a default
            # read in its time zone) or SQL the replay does not render
            why = (
                "cannot be known without a database"
                if outcome.attribute in _SERVER_VALUES
                else "is not known to the static replay"
            )
            not_checked.append(
                f"{_label(ref)}: {outcome.attribute} {why} "
                f"(expected {_clipped(render_value(outcome.expected))})"
            )
            continue
        if outcome.kind == MISMATCH and _differs_in_casts_only(outcome):
            not_checked.append(
                f"{_label(ref)}: {outcome.attribute} differs from the spec's only in casts "
                "(or in the names later UNION branches repeat), which PostgreSQL adds or drops "
                "by the types it resolves: not known statically "
                f"(expected {_clipped(render_value(outcome.expected))})"
            )
            continue
        if outcome.kind == MISSING:
            if without_prerequisites and _from_prerequisite(ref, document, prerequisite_tables):
                not_checked.append(
                    f"{_label(ref)}: comes from a prerequisite, and no prerequisite file was given"
                )
                continue
            maybe = _may_create(ref, skipped_text) or _may_change(
                ref, _owner(ref, document.catalog), skipped_text
            )
            if maybe is not None:
                not_checked.append(
                    f"{_label(ref)}: not created by any replayed statement; the statement at "
                    f"{maybe.path}:{maybe.line} that may create it was not replayed"
                )
                continue
        if outcome.kind == UNEXPECTED:
            maybe = _may_change(ref, _owner(ref, static.catalog), skipped_text)
            if maybe is not None:
                not_checked.append(
                    f"{_label(ref)}: created by the replayed statements; the statement at "
                    f"{maybe.path}:{maybe.line} that may drop, rename or move it was not replayed"
                )
                continue
        note = notes.get(ref) or (notes.get(ref.table_ref, "") if ref.table_ref else "")
        finding = _finding(outcome, static, note)
        rule = first_match(ignores, ref)
        if rule is None:
            findings.append(finding)
        else:
            suppressed.append(Suppressed(finding, rule.describe()))
    if document.catalog.prerequisites is not None:
        not_checked.append(VERSIONS_NOT_CHECKED)
    return CoverageResult(
        findings=Report.sorted_findings(findings),
        not_checked=tuple(not_checked),
        suppressed=tuple(suppressed),
        files=static.files,
    )


def _from_prerequisite(ref: ObjectRef, document: SpecDocument, tables: set[ObjectRef]) -> bool:
    """Whether an expected object comes with the prerequisites: a prerequisite table, its
    columns and sequences, and extensions (installed before any migration)."""
    if ref.kind is Kind.EXTENSION:
        return True
    if ref.kind in (Kind.TABLE, Kind.COLUMN):
        return (ref.table_ref or ref) in tables
    expected = document.catalog.get(ref)
    if not isinstance(expected, Sequence):
        return False
    if expected.owned_by:
        return ObjectRef(Kind.TABLE, ref.schema, expected.owned_by.rsplit(".", 1)[0]) in tables
    # owner not given: a serial's sequence is named `<table>_<column>_seq`
    return any(
        t.schema == ref.schema and ref.name.startswith(f"{t.name}_") and ref.name.endswith("_seq")
        for t in tables
    )


def _label(ref: ObjectRef) -> str:
    return f"{ref.kind.value.replace('_', ' ')} {ref.qualified}"


@dataclass(frozen=True)
class _Skipped:
    """A statement the replay could not follow. `table` is the (schema, name) of the table it
    creates when it is a CREATE TABLE (schema None when not written); `tables` every table
    whose objects it (or the DDL of a DO block) may create, drop or change: named after
    TABLE, after ON in CREATE INDEX / TRIGGER, or as the new name in RENAME TO; `schemas`
    the schemas it renames, old and new names (`ALTER SCHEMA a RENAME TO b`)."""

    location: Location
    text: str
    table: tuple[str | None, str] | None
    tables: frozenset[tuple[str | None, str]] = frozenset()
    schemas: frozenset[str] = frozenset()


def _skipped(location: Location, kind: str, text: str, body: str | None) -> _Skipped:
    code = body if kind == "do" and body else text
    tables, schemas = _relations_named(tk.tokenize(code))
    return _Skipped(location, text, _table_created(kind, text), tables, schemas)


def _relations_named(
    t: list[Token],
) -> tuple[frozenset[tuple[str | None, str]], frozenset[str]]:
    tables: set[tuple[str | None, str]] = set()
    schemas: set[str] = set()
    on_relation = False  # INDEX or TRIGGER met in this statement (a DO body holds several)
    for i in range(len(t)):
        word = tk.upper(t, i)
        if word == ";":
            on_relation = False
            continue
        if word in ("INDEX", "TRIGGER"):
            on_relation = True
        if word == "SCHEMA" and i > 0 and tk.upper(t, i - 1) == "ALTER":
            name = tk.read_name(t, i + 1)
            if name is not None and tk.accept(t, name.end, "RENAME", "TO") == name.end + 2:
                schemas.add(name.name)
                new = tk.read_name(t, name.end + 2)
                if new is not None:
                    schemas.add(new.name)
            continue
        if word == "TABLE":
            at = tk.accept(
                t, tk.accept(t, tk.accept(t, i + 1, "IF", "NOT", "EXISTS"), "IF", "EXISTS"), "ONLY"
            )
        elif word == "ON" and on_relation:
            at = tk.accept(t, i + 1, "ONLY")
        else:
            continue
        name = tk.read_name(t, at)
        if name is None:
            continue
        tables.add((name.schema, name.name))
        rename = tk.accept(t, name.end, "RENAME", "TO")
        if rename == name.end + 2 and rename < len(t):
            tables.add((name.schema, tk.word(t[rename])))
    return frozenset(tables), frozenset(schemas)


def _table_created(kind: str, text: str) -> tuple[str | None, str] | None:
    if kind != "create_table":
        return None
    t = tk.tokenize(text)
    i = next((j for j in range(len(t)) if tk.upper(t, j) == "TABLE"), None)
    if i is None:
        return None
    name = tk.read_name(t, tk.accept(t, i + 1, "IF", "NOT", "EXISTS"))
    return (name.schema, name.name) if name is not None else None


def _owner(ref: ObjectRef, catalog: Catalog) -> ObjectRef | None:
    """The table an object lives on: a table child's table, a sequence's owning table."""
    if ref.table_ref is not None:
        return ref.table_ref
    if ref.kind is Kind.TABLE:
        return ref
    obj = catalog.get(ref)
    if isinstance(obj, Sequence) and obj.owned_by and "." in obj.owned_by:
        # `[schema.]table.column`; PostgreSQL keeps a sequence in its owner's schema
        return ObjectRef(Kind.TABLE, ref.schema, obj.owned_by.split(".")[-2])
    return None


def _may_change(
    ref: ObjectRef, table: ObjectRef | None, skipped: list[_Skipped]
) -> Location | None:
    """The first skipped statement that names the table the object lives on, or renames
    its schema: what it does to the object is not known."""
    for s in skipped:
        if ref.schema in {quote(n) for n in s.schemas}:
            return s.location
        if table is not None and any(
            quote(name) == table.name and (schema is None or quote(schema) == table.schema)
            for schema, name in s.tables
        ):
            return s.location
    return None


def _may_create(ref: ObjectRef, skipped: list[_Skipped]) -> Location | None:
    """The first skipped statement whose text names the object (or, for a column, its table),
    or that creates the table the object belongs to (`CREATE TABLE b (LIKE a ...)` may give
    b any column, constraint or index)."""
    bare = ref.name.split("(", 1)[0]
    names = {bare} if ref.kind is not Kind.COLUMN else {bare, ref.table or bare}
    for s in skipped:
        if ref.table is not None and s.table is not None and _same_table(ref, s.table):
            return s.location
        if all(_names(s.text, n) for n in names):
            return s.location
    return None


def _same_table(ref: ObjectRef, table: tuple[str | None, str]) -> bool:
    schema, name = table
    return quote(name) == ref.table and (schema is None or quote(schema) == ref.schema)


def _names(text: str, name: str) -> bool:
    return re.search(rf'(?<![\w$"]){re.escape(name)}(?![\w$])', text, re.IGNORECASE) is not None


def _finding(outcome: Outcome, static: Replay, note: str) -> Finding:
    code, slug, severity, help_text = RULES[outcome.kind]
    ref = outcome.ref
    suffix = f" ({note})" if note else ""
    if outcome.kind == MISSING:
        return Finding(
            code,
            slug,
            severity,
            f"the migrations never create {_label(ref)}{suffix}",
            str(ref),
            help=help_text,
        )
    location = static.locations.get(ref)
    if outcome.kind == UNEXPECTED:
        return Finding(
            code,
            slug,
            severity,
            f"the migrations create {_label(ref)}, which the spec does not list{suffix}",
            str(ref),
            location=location,
            help=help_text,
        )
    expected = render_value(outcome.expected)
    actual = render_value(outcome.actual)
    shown_actual, shown_expected = _where_they_differ(actual, expected)
    return Finding(
        code,
        slug,
        severity,
        f"the migrations create {_label(ref)} with {outcome.attribute} {shown_actual}, "
        f"the spec expects {shown_expected}{suffix}",
        str(ref),
        location=location,
        help=help_text,
        expected=f"{outcome.attribute}: {expected}",
        actual=f"{outcome.attribute}: {actual}",
    )


__all__ = ["RULES", "CoverageResult", "coverage"]


_CLIP = 80
_SERVER_VALUES = frozenset({"version", "body_hash"})  # only the server has them
# the attributes that hold an expression PostgreSQL stores with the casts it resolves
_CAST_ATTRIBUTES = frozenset({"definition", "generated", "default", "expression"})
_LONG = 120  # a value longer than this is shown around where it differs
_AROUND = 40


def _differs_in_casts_only(outcome: Outcome) -> bool:
    """The replay's and the spec's values of an expression attribute are equal once every
    cast is set aside (and the column names a UNION's later branches repeat): PostgreSQL adds
    implicit casts and drops those to the type an expression already has, which only the
    types it resolves tell."""
    if outcome.attribute not in _CAST_ATTRIBUTES:
        return False
    a, b = outcome.expected, outcome.actual
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    plain_a, plain_b = _casts_aside(a), _casts_aside(b)
    return plain_a is not None and plain_a == plain_b


def _casts_aside(sql: str) -> str | None:
    """`sql` (a query or an expression) rendered without its casts and without the aliases of
    a UNION's (INTERSECT's, EXCEPT's) later branches; None when it cannot be read."""
    from sqlglot import exp

    from schemacheck.quiet import parse_one
    from schemacheck.replay.sqltext import DIALECT

    try:
        tree = parse_one(sql, read=DIALECT)
    except Exception:  # sqlglot raises several kinds: not comparable, kept as a difference
        return None

    atoms = (exp.Paren, exp.Column, exp.Literal, exp.Func)
    # innermost first: a cast's operand takes its place, and parentheses around one thing
    # (which precedence never needs) give way to that thing
    for node in reversed(list(tree.walk())):
        inner = node.this
        if not isinstance(inner, exp.Expression):
            continue
        if isinstance(node, exp.Cast) or (isinstance(node, exp.Paren) and isinstance(inner, atoms)):
            if node is tree:
                tree = inner
                inner.pop()
            else:
                node.replace(inner)
    for branch in tree.find_all(exp.SetOperation):
        right = branch.expression
        if isinstance(right, exp.Select):
            right.set("expressions", [e.unalias() for e in right.expressions])
    return tree.sql(dialect=DIALECT).lower()


def _where_they_differ(actual: str, expected: str) -> tuple[str, str]:
    """The two values as a message shows them: whole when short, else each cut around the
    first place they differ (a view's query is kilobytes)."""
    if len(actual) <= _LONG and len(expected) <= _LONG:
        return actual, expected
    at = next(
        (i for i, (x, y) in enumerate(zip(actual, expected, strict=False)) if x != y),
        min(len(actual), len(expected)),
    )
    start = max(0, at - _AROUND)

    def window(text: str) -> str:
        cut = text[start : at + _AROUND]
        return ("..." if start else "") + cut + ("..." if at + _AROUND < len(text) else "")

    return window(actual), window(expected)


def _clipped(text: str) -> str:
    """A value for a one-line note: a view's whole query (kilobytes) cut to its start."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _CLIP else flat[: _CLIP - 3] + "..."
