"""Drafts -> the frozen catalog model, with where each object was created."""

from __future__ import annotations

from schemacheck.findings import Location
from schemacheck.model import (
    ABSENT,
    CatalogObject,
    Column,
    Constraint,
    ConstraintType,
    Enum,
    Extension,
    ForeignKey,
    Function,
    Index,
    ObjectRef,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)
from schemacheck.replay.drafts import UNKNOWN_DEFAULT, TableDraft, quote
from schemacheck.replay.sqltext import columns_in_order
from schemacheck.replay.state import State

Built = tuple[list[CatalogObject], dict[ObjectRef, Location], frozenset[ObjectRef]]


def _q(*parts: str) -> str:
    return ".".join(quote(p) for p in parts)


def build(state: State) -> Built:
    """Every draft as a model object; locations of the statements that created them; the
    refs of stub tables (altered but never created)."""
    out: list[tuple[CatalogObject, Location | None]] = []
    schemas = {"public"} | set(state.schemas)
    for name in sorted(schemas):
        draft = state.schemas.get(name)
        out.append((Schema(schema=quote(name), name=quote(name)), draft.origin if draft else None))
    for ext in state.extensions.values():
        out.append((Extension(schema=quote(ext.schema), name=ext.name), ext.origin))
    for enum in state.enums.values():
        out.append(
            (
                Enum(schema=quote(enum.schema), name=quote(enum.name), labels=tuple(enum.labels)),
                enum.origin,
            )
        )
    for seq in state.sequences.values():
        if seq.internal:
            continue
        owned = _q(*seq.owned_by) if seq.owned_by else ABSENT
        obj: CatalogObject = Sequence(
            schema=quote(seq.schema),
            name=quote(seq.name),
            data_type=seq.data_type,
            start=seq.start,
            increment=seq.increment,
            owned_by=owned,
        )
        out.append((obj, seq.origin))
    assumed: set[ObjectRef] = set()
    for table in state.tables.values():
        out.extend(_table(table))
        if table.stub:
            assumed.add(Table(schema=quote(table.schema), name=quote(table.name)).ref)
    for index in state.indexes.values():
        if index.constraint is not None:
            continue  # listed as its constraint, as the live catalog lists it
        obj = Index(
            schema=quote(index.schema),
            table=quote(index.table),
            name=quote(index.name),
            columns=tuple(k.render() for k in index.keys),
            unique=index.unique,
            predicate=index.predicate or ABSENT,
            method=index.method,
            include=tuple(quote(c) for c in index.include),
        )
        out.append((obj, index.origin))
    for fn in state.functions.values():
        obj = Function(
            schema=quote(fn.schema),
            name=quote(fn.name),
            arguments=fn.arguments,
            routine=fn.routine,
            returns=fn.returns,
            language=fn.language,
            volatility=fn.volatility,
            security_definer=fn.security_definer,
            body_hash=fn.body_hash,
        )
        out.append((obj, fn.origin))
    for view in state.views.values():
        obj = View(
            schema=quote(view.schema),
            name=quote(view.name),
            materialized=view.materialized,
            definition=view.definition,
        )
        out.append((obj, view.origin))
    locations = {obj.ref: loc for obj, loc in out if loc is not None}
    return [obj for obj, _ in out], locations, frozenset(assumed)


def _table(t: TableDraft) -> list[tuple[CatalogObject, Location | None]]:
    s, tn = quote(t.schema), quote(t.name)
    out: list[tuple[CatalogObject, Location | None]] = []
    out.append(
        (
            Table(
                schema=s,
                name=tn,
                partitioned=None if t.stub else t.partitioned,
                partition_of=(_q(*t.partition_of) if t.partition_of else ABSENT)
                if not t.stub
                else None,
            ),
            t.origin,
        )
    )
    for c in t.columns.values():
        obj = Column(
            schema=s,
            table=tn,
            name=quote(c.name),
            type=c.type,
            nullable=c.nullable,
            default=None if c.default == UNKNOWN_DEFAULT else c.default or ABSENT,
            identity=c.identity or ABSENT,
            generated=c.generated or ABSENT,
        )
        out.append((obj, c.origin))
    for con in t.constraints.values():
        columns = con.columns
        if columns is None and con.expression and not t.stub:
            columns = tuple(c for c in columns_in_order(con.expression) if c in t.columns)
        cols = tuple(quote(x) for x in columns) if columns is not None else None
        obj2 = Constraint(
            schema=s,
            table=tn,
            name=quote(con.name),
            type=ConstraintType(con.type),
            columns=cols,
            expression=con.expression or ABSENT,
            validated=con.validated,
            deferrable=con.deferrable,
        )
        out.append((obj2, con.origin))
    for fk in t.foreign_keys.values():
        refcols = (
            tuple(quote(x) for x in fk.referenced_columns)
            if fk.referenced_columns is not None
            else None
        )
        obj3 = ForeignKey(
            schema=s,
            table=tn,
            name=quote(fk.name),
            columns=tuple(quote(x) for x in fk.columns),
            references=_q(*fk.references),
            referenced_columns=refcols,
            on_delete=fk.on_delete,
            on_update=fk.on_update,
            deferrable=fk.deferrable,
            initially_deferred=fk.initially_deferred,
            validated=fk.validated,
        )
        out.append((obj3, fk.origin))
    for trg in t.triggers.values():
        obj4 = Trigger(
            schema=s,
            table=tn,
            name=quote(trg.name),
            timing=trg.timing,
            events=trg.events,
            level=trg.level,
            function=_q(*trg.function),
            when=None if trg.when_unknown else trg.when or ABSENT,
            enabled=trg.enabled,
        )
        out.append((obj4, trg.origin))
    return out
