"""Column definitions and table constraints (from CREATE TABLE or ALTER TABLE ... ADD) onto a
table draft, named the way PostgreSQL names them.

PostgreSQL's order is kept because it decides implicit names: sequences of serial and identity
columns first, then CHECK constraints, then the primary key, then unique and exclusion
constraints, then foreign keys. A UNIQUE identical to an earlier key is merged into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlglot import exp

from schemacheck.findings import Location
from schemacheck.normalize import identifier
from schemacheck.replay import names
from schemacheck.replay.drafts import (
    ColumnDraft,
    ConstraintDraft,
    ForeignKeyDraft,
    IndexDraft,
    IndexKey,
    Key,
    SequenceDraft,
    TableDraft,
    quote,
)
from schemacheck.replay.sqltext import brief, columns_read, ident, qualified, render, render_type
from schemacheck.replay.state import State
from schemacheck.replay.values import bare_type, column_default, resolved_type

_SERIAL = {
    exp.DataType.Type.SERIAL: "integer",
    exp.DataType.Type.BIGSERIAL: "bigint",
    exp.DataType.Type.SMALLSERIAL: "smallint",
}


UNNAMED = "__replay_unnamed"
"""A placeholder constraint name standing for none: PostgreSQL chooses the name."""


@dataclass
class KeySpec:
    """A primary key, unique or exclusion constraint still to be named and indexed."""

    type: str
    name: str | None
    columns: tuple[str, ...]
    include: tuple[str, ...] = ()
    deferrable: bool = False
    method: str = "btree"
    expression: str | None = None
    initially_deferred: bool = False


@dataclass
class CheckSpec:
    name: str | None
    expression: str
    column: str | None
    validated: bool = True


@dataclass
class Pending:
    """Constraints met while reading elements, applied in PostgreSQL's order by `flush`."""

    checks: list[CheckSpec] = field(default_factory=list)
    keys: list[KeySpec] = field(default_factory=list)
    fks: list[tuple[str | None, ForeignKeyDraft, str | None]] = field(default_factory=list)


def add_column(
    state: State, table: TableDraft, node: exp.ColumnDef, pending: Pending, origin: Location
) -> None:
    """A column definition with its inline constraints."""
    name = ident(node.this)
    dtype = node.args.get("kind")
    type_text = render_type(dtype) if isinstance(dtype, exp.DataType) else None
    col = ColumnDraft(name, type_text, origin=origin, collation=type_collation(type_text))
    serial = _SERIAL.get(dtype.this) if isinstance(dtype, exp.DataType) else None
    if serial is not None:
        col.type = serial
        seq = _owned_sequence(state, table, name, serial, origin)
        col.default = f"nextval('{_regclass(seq)}'::regclass)"
        col.nullable = False
    for cc in node.args.get("constraints") or ():
        _column_constraint(state, table, col, cc, pending, origin)
    resolve_column_type(state, col)
    table.columns[name] = col


def collation_name(node: exp.Expression) -> str:
    """A collation as SQL, each part quoted on its own, a leading `pg_catalog` dropped (the
    schema PostgreSQL leaves out when it prints one): `pg_catalog."C"` -> `"C"`."""
    parts = list(node.parts) if isinstance(node, (exp.Column, exp.Dot)) else [node]
    names_ = [ident(p) if isinstance(p, exp.Expression) else "" for p in parts]
    if len(names_) > 1 and names_[0] == "pg_catalog":
        names_ = names_[1:]
    return ".".join(quote(n) for n in names_)


def type_collation(type_text: str | None) -> str:
    """The collation a column of this type takes when none is given: `name`'s own is "C",
    any other type's (a collatable one) the database default."""
    if type_text is not None and bare_type(type_text).split("[")[0].strip() == "name":
        return quote("C")
    return "default"


def resolve_column_type(state: State, col: ColumnDraft) -> None:
    """A column type named without a schema, resolved through the search path as PostgreSQL
    does and written as the introspection writes it, a default cast to it with it."""
    if col.type is None:
        return
    resolved = resolved_type(col.type, state.search_path, state.enums, state.tables, state.views)
    if resolved == col.type:
        return
    cast = f"::{bare_type(col.type)}"
    if col.default and col.default.endswith(cast):
        col.default = col.default[: -len(cast)] + f"::{bare_type(resolved)}"
    col.type = resolved


def add_column_options(
    state: State, table: TableDraft, node: exp.ColumnDef, pending: Pending, origin: Location
) -> None:
    """A partition's options for a column it takes from its parent (`PARTITION OF p (id
    PRIMARY KEY, n DEFAULT 0)`): the constraints and default apply to the existing column."""
    col = table.columns[ident(node.this)]
    for cc in node.args.get("constraints") or ():
        _column_constraint(state, table, col, cc, pending, origin)


def _regclass(seq: SequenceDraft) -> str:
    """The owned sequence as the default names it: qualified, since PostgreSQL stores its
    OID and prints it back relative to the reader's search path, not the creator's."""
    return f"{quote(seq.schema)}.{quote(seq.name)}".replace("'", "''")


def _owned_sequence(
    state: State,
    table: TableDraft,
    column: str,
    data_type: str,
    origin: Location,
    identity: bool = False,
) -> SequenceDraft:
    name = state.choose_relation_name(table.schema, table.name, column, "seq", False)
    seq = SequenceDraft(
        table.schema,
        name,
        data_type=data_type,
        owned_by=(table.schema, table.name, column),
        origin=origin,
        internal=identity,
    )
    state.sequences[(table.schema, name)] = seq
    return seq


def _column_constraint(
    state: State,
    table: TableDraft,
    col: ColumnDraft,
    cc: exp.Expression,
    pending: Pending,
    origin: Location,
) -> None:
    kind = cc.args.get("kind") if isinstance(cc, exp.ColumnConstraint) else cc
    cname = ident(cc.this) if isinstance(cc, exp.ColumnConstraint) and cc.this else None
    if isinstance(kind, exp.NotNullColumnConstraint):
        col.nullable = bool(kind.args.get("allow_null"))
    elif isinstance(kind, exp.DefaultColumnConstraint):
        col.default = column_default(kind.this, col.type, state.sequence_regclass)
    elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
        col.nullable = False
        pending.keys.append(_key_spec("primary_key", cname, (col.name,), (), kind))
    elif isinstance(kind, exp.UniqueColumnConstraint):
        pending.keys.append(_key_spec("unique", cname, (col.name,), (), kind))
    elif isinstance(kind, exp.CheckColumnConstraint):
        pending.checks.append(CheckSpec(cname, render(kind.this), col.name))
    elif isinstance(kind, exp.Reference):
        fk = _reference(state, kind, (col.name,), origin)
        pending.fks.append((cname, fk, col.name))
    elif isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
        if kind.args.get("expression") is not None:
            # GENERATED ALWAYS AS (expr) without STORED: a virtual generated column
            # (PostgreSQL 18), which the model does not hold.
            state.skip_part(f"column {col.name}: virtual generated column")
            return
        seq = make_identity(state, table, col, bool(kind.this), origin)
        start, inc = kind.args.get("start"), kind.args.get("increment")
        seq.increment = int(render(inc)) if inc is not None else 1
        seq.start = int(render(start)) if start is not None else (1 if seq.increment > 0 else -1)
    elif isinstance(kind, exp.ComputedColumnConstraint):
        col.generated = render(kind.this)
    elif isinstance(kind, exp.CollateColumnConstraint):
        # it also decides which index keys print a COLLATE
        col.collation = collation_name(kind.this)
        col.collation_written = True
    else:
        state.skip_part(f"column {col.name}: {brief(render(cc))}")


def make_identity(
    state: State, table: TableDraft, col: ColumnDraft, always: bool, origin: Location
) -> SequenceDraft:
    """Make a column an identity column, with the sequence behind it."""
    col.identity = "always" if always else "by default"
    col.nullable = False
    return _owned_sequence(
        state, table, col.name, bare_type(col.type or "integer"), origin, identity=True
    )


def _deferrable(node: exp.Expression) -> bool:
    options = [str(o).upper() for o in node.args.get("options") or ()]
    return "DEFERRABLE" in options


def _initially_deferred(node: exp.Expression) -> bool:
    options = [" ".join(str(o).upper().split()) for o in node.args.get("options") or ()]
    return "INITIALLY DEFERRED" in options


def _key_spec(
    type_: str,
    name: str | None,
    columns: tuple[str, ...],
    include: tuple[str, ...],
    node: exp.Expression,
) -> KeySpec:
    """A primary key or unique constraint with its deferral options."""
    return KeySpec(
        type_,
        name,
        columns,
        include,
        _deferrable(node),
        initially_deferred=_initially_deferred(node),
    )


_SET_COLUMNS = re.compile(r"(\bON\s+DELETE\s+SET\s+(?:NULL|DEFAULT))\s*\(([^()]*)\)", re.IGNORECASE)
_SET_COLUMNS_META = "on_delete_columns"


def without_set_columns(text: str) -> tuple[str, tuple[str, ...]]:
    """`... ON DELETE SET NULL (a, "B")` (PostgreSQL 15), which sqlglot does not read: the text
    without the column list, and the columns (folded; () for none)."""
    found: tuple[str, ...] = ()

    def drop(m: re.Match[str]) -> str:
        nonlocal found
        found = tuple(identifier(c) for c in m.group(2).split(",") if c.strip())
        return m.group(1)

    return _SET_COLUMNS.sub(drop, text), found


def note_set_columns(tree: exp.Expr | None, columns: tuple[str, ...]) -> None:
    """Hand the columns `without_set_columns` took out to the reference they belong to (the
    one reference of a table element or ALTER TABLE action)."""
    if columns and tree is not None:
        for ref in tree.find_all(exp.Reference):
            ref.meta[_SET_COLUMNS_META] = columns


def _reference(
    state: State, ref: exp.Reference, columns: tuple[str, ...], origin: Location
) -> ForeignKeyDraft:
    target = ref.this
    ref_cols: tuple[str, ...] | None = None
    if isinstance(target, exp.Schema):
        ref_cols = tuple(ident(e) for e in target.expressions) or None
        target = target.this
    schema, name = qualified(target) if isinstance(target, exp.Table) else (None, "")
    key = state.resolve(schema, name, state.tables)
    fk = ForeignKeyDraft("", columns, key, ref_cols, origin=origin)
    for option in ref.args.get("options") or ():
        _fk_option(state, fk, option)
    fk.on_delete_columns = tuple(ref.meta.get(_SET_COLUMNS_META, ()))
    return fk


def _fk_option(state: State, fk: ForeignKeyDraft, option: object) -> None:
    words = " ".join(str(option).lower().split())
    if words.startswith("on delete "):
        fk.on_delete = words.removeprefix("on delete ")
    elif words.startswith("on update "):
        fk.on_update = words.removeprefix("on update ")
    elif words == "deferrable":
        fk.deferrable = True
    elif words == "initially deferred":
        fk.initially_deferred = True
    elif words in ("match simple", "match full", "match partial"):
        fk.match = words.removeprefix("match ")
    elif words in _DEFAULT_REFERENCE_OPTIONS:
        pass  # the defaults
    else:
        state.skip_part(f"foreign key option: {brief(str(option))}")


_DEFAULT_REFERENCE_OPTIONS = frozenset({"not deferrable", "initially immediate"})


def _primary_key_columns(state: State, key: Key) -> tuple[str, ...] | None:
    target = state.tables.get(key)
    if target is None:
        return None
    for con in target.constraints.values():
        if con.type == "primary_key":
            return con.columns
    return None


def add_table_constraint(
    state: State,
    node: exp.Expression,
    pending: Pending,
    origin: Location,
    not_valid: bool = False,
) -> bool:
    """A table constraint element; False when its form is not understood."""
    name: str | None = None
    if isinstance(node, exp.Constraint):
        name = ident(node.this)
        if name == UNNAMED:
            name = None
        inner = node.expressions
        if len(inner) != 1:
            return False
        node = inner[0]
    if isinstance(node, exp.PrimaryKey):
        cols = tuple(ident(e) for e in node.expressions)
        pending.keys.append(_key_spec("primary_key", name, cols, _include(node), node))
    elif isinstance(node, exp.UniqueColumnConstraint):
        schema = node.this
        cols = tuple(ident(e) for e in schema.expressions) if isinstance(schema, exp.Schema) else ()
        if not cols:
            return False
        pending.keys.append(_key_spec("unique", name, cols, _include(node), node))
    elif isinstance(node, exp.CheckColumnConstraint):
        pending.checks.append(CheckSpec(name, render(node.this), None, not not_valid))
    elif isinstance(node, exp.ForeignKey):
        cols = tuple(ident(e) for e in node.expressions)
        ref = node.args.get("reference")
        if not isinstance(ref, exp.Reference):
            return False
        fk = _reference(state, ref, cols, origin)
        for option in node.args.get("options") or ():
            _fk_option(state, fk, option)
        fk.validated = not not_valid
        pending.fks.append((name, fk, None))
    elif isinstance(node, exp.ExcludeColumnConstraint):
        params = node.this
        if not isinstance(params, exp.IndexParameters):
            return False
        using = params.args.get("using")
        method = ident(using) if using is not None else "btree"
        elems = params.args.get("columns") or []
        cols = tuple(_exclusion_column(e) for e in elems)
        text = ", ".join(render(e) for e in elems)
        where = params.args.get("where")
        expr = f"EXCLUDE USING {method} ({text})"
        if isinstance(where, exp.Where):
            # written in parentheses (the grammar requires them), maybe more than one pair:
            # PostgreSQL prints the condition in exactly one
            cond = where.this
            while isinstance(cond, exp.Paren):
                cond = cond.this
            expr += f" WHERE ({render(cond)})"
        pending.keys.append(KeySpec("exclusion", name, cols, method=method, expression=expr))
    else:
        return False
    return True


def _exclusion_column(node: exp.Expression) -> str:
    target = node.this if isinstance(node, exp.WithOperator) else node
    if isinstance(target, exp.Ordered):
        target = target.this
    return ident(target) if isinstance(target, exp.Column) else ""


def _include(node: exp.Expression) -> tuple[str, ...]:
    params = node.args.get("include")
    if isinstance(params, exp.IndexParameters):
        return tuple(ident(e) for e in params.args.get("include") or ())
    return ()


def flush(state: State, table: TableDraft, pending: Pending, origin: Location) -> None:
    """Name and add the pending constraints, in PostgreSQL's order."""
    chosen: set[str] = set()
    for check in pending.checks:
        name = check.name
        if name is None:
            read = columns_read(check.expression)
            column = next(iter(read)) if len(read) == 1 else None
            name = state.choose_constraint_name(table.schema, table.name, column, "check", chosen)
        chosen.add(name)
        table.constraints[name] = ConstraintDraft(
            name, "check", None, check.expression, validated=check.validated, origin=origin
        )
        state.note_constraint(table, name)
    keys = sorted(pending.keys, key=lambda k: k.type != "primary_key")
    kept: list[KeySpec] = []
    for spec in keys:
        twin = next((k for k in kept if _same_index(k, spec)), None)
        if twin is not None:
            if twin.name is None:
                twin.name = spec.name
            continue
        kept.append(spec)
    for spec in kept:
        _add_key(state, table, spec, origin)
    for name, fk, _column in pending.fks:
        if fk.referenced_columns is None:
            fk.referenced_columns = _primary_key_columns(state, fk.references)
        if name is None:
            addition = names.name_addition(fk.columns)
            name = state.choose_constraint_name(table.schema, table.name, addition, "fkey", set())
        fk.name = name
        table.foreign_keys[name] = fk
        state.note_constraint(table, name)
        state.note_reference(table, fk.references)
    pending.checks.clear()
    pending.keys.clear()
    pending.fks.clear()


def _same_index(a: KeySpec, b: KeySpec) -> bool:
    return (
        a.type != "exclusion"
        and b.type != "exclusion"
        and a.columns == b.columns
        and a.include == b.include
        and a.deferrable == b.deferrable
        and a.initially_deferred == b.initially_deferred
    )


def _add_key(state: State, table: TableDraft, spec: KeySpec, origin: Location) -> None:
    if spec.type == "primary_key":
        for c in spec.columns:
            if c in table.columns:
                table.columns[c].nullable = False
    name = spec.name
    if name is None:
        if spec.type == "primary_key":
            name = state.choose_relation_name(table.schema, table.name, None, "pkey", True)
        else:
            label = "excl" if spec.type == "exclusion" else "key"
            figured = [c or "expr" for c in (*spec.columns, *spec.include)]
            cols = names.index_column_names(figured)
            name = state.choose_relation_name(
                table.schema, table.name, names.name_addition(cols), label, True
            )
    state.note_constraint(table, name)
    table.constraints[name] = ConstraintDraft(
        name,
        spec.type,
        tuple(c for c in spec.columns if c),
        spec.expression if spec.type == "exclusion" else "",
        deferrable=spec.deferrable,
        initially_deferred=spec.initially_deferred,
        origin=origin,
    )
    state.indexes[(table.schema, name)] = IndexDraft(
        table.schema,
        name,
        table.name,
        [IndexKey(c, c or None) for c in spec.columns],
        unique=spec.type != "exclusion",
        method=spec.method,
        include=spec.include,
        constraint=name,
        origin=origin,
    )
