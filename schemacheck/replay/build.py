"""Drafts -> the frozen catalog model, with where each object was created."""

from __future__ import annotations

from sqlglot import exp

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
from schemacheck.replay.drafts import (
    UNKNOWN_DEFAULT,
    ColumnDraft,
    Key,
    TableDraft,
    TriggerDraft,
    ViewDraft,
    quote,
)
from schemacheck.replay.elements import type_collation
from schemacheck.replay.sqltext import columns_in_order, ident, parse_expression, qualified, render
from schemacheck.replay.state import State
from schemacheck.replay.values import bare_type

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
            min_value=seq.min_value,
            max_value=seq.max_value,
            cycle=seq.cycle,
            cache=seq.cache,
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
            strict=fn.strict,
            parallel=fn.parallel,
            settings=fn.config,
            body_hash=fn.body_hash,
        )
        out.append((obj, fn.origin))
    for view in state.views.values():
        obj = View(
            schema=quote(view.schema),
            name=quote(view.name),
            materialized=view.materialized,
            definition=view_definition(state, view),
        )
        out.append((obj, view.origin))
        out.extend(_triggers(view.schema, view.name, view.triggers))
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
            collation=_collation(c),
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
            initially_deferred=con.initially_deferred,
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
            match=fk.match,
            on_delete_columns=tuple(quote(x) for x in fk.on_delete_columns),
        )
        out.append((obj3, fk.origin))
    out.extend(_triggers(t.schema, t.name, t.triggers))
    return out


_COLLATABLE = frozenset({"text", "character varying", "character", "bpchar", "name"})
"""Types whose own collation the replay knows (`type_collation`): a COLLATE on a column of
another (a domain with its own COLLATE, an extension's type) is not decided statically."""


def _collation(c: ColumnDraft) -> str | None:
    """The column's collation where it is not its type's own (ABSENT: the type's own); None
    where a COLLATE clause was written on a type whose own collation is not known here."""
    if not c.collation_written:
        return ABSENT  # the type's own, whatever it is
    if c.type is None or bare_type(c.type).split("[")[0].split("(")[0].strip() not in _COLLATABLE:
        return None
    return ABSENT if c.collation == type_collation(c.type) else c.collation


def _triggers(
    schema: str, owner: str, triggers: dict[str, TriggerDraft]
) -> list[tuple[CatalogObject, Location | None]]:
    """The triggers of a table or view."""
    return [
        (
            Trigger(
                schema=quote(schema),
                table=quote(owner),
                name=quote(trg.name),
                timing=trg.timing,
                events=trg.events,
                level=trg.level,
                function=_q(*trg.function),
                when=None if trg.when_unknown else trg.when or ABSENT,
                enabled=trg.enabled,
                columns=tuple(quote(c) for c in trg.columns),
                arguments=trg.arguments,
                deferrable=trg.deferrable,
                initially_deferred=trg.initially_deferred,
            ),
            trg.origin,
        )
        for trg in triggers.values()
    ]


def view_definition(state: State, view: ViewDraft) -> str | None:
    """The view's query as the catalog prints it, or None (not checked) where the text as
    written cannot give it exactly. A table named without a schema gets the schema it was
    found in when the view was created (unless `public`); `*` on one table becomes the
    columns the table had then. A table or column the view reads that was renamed since,
    or a `*` that cannot be expanded exactly, leaves the definition unknown."""
    text = view.definition
    tree = parse_expression(text) if text is not None else None
    if text is None or not isinstance(tree, exp.Expression):
        return text
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    by_name: dict[str, list[Key]] = {}
    for key in view.tables:
        by_name.setdefault(key[1], []).append(key)
    changed = False
    read: list[Key] = []
    for node in tree.find_all(exp.Table):
        schema, name = qualified(node)
        if schema is None and name in ctes:
            continue
        if schema is not None:
            key = (schema, name)
            if key not in view.tables:
                return None  # renamed since
        else:
            keys = by_name.get(name, [])
            if len(keys) != 1:
                return None  # renamed since, or the name stands for two relations
            key = keys[0]
            if key[0] != "public":
                if key not in state.tables and key not in state.views:
                    return None  # where it really is is not known
                node.set("db", exp.to_identifier(key[0], quoted=quote(key[0]) != key[0]))
                changed = True
        read.append(key)
    tables = [state.tables.get(k) for k in read]
    if read and all(t is not None and not t.stub for t in tables):
        columns = {c for t in tables if t is not None for c in t.columns}
        aliases = {a.alias.lower() for a in tree.find_all(exp.Alias)}
        for col in tree.find_all(exp.Column):
            if not isinstance(col.this, exp.Star) and ident(col) not in columns | aliases:
                return None  # a column renamed since, or a name read from elsewhere
    stars = [
        s
        for s in tree.find_all(exp.Star)
        if isinstance(s.parent, exp.Select)
        or (isinstance(s.parent, exp.Column) and isinstance(s.parent.parent, exp.Select))
    ]
    if stars:
        expanded = _expand_star(state, view, tree, read)
        if expanded is None:
            return None
        changed = True
    return render(tree) if changed else text


def _expand_star(
    state: State, view: ViewDraft, tree: exp.Expression, read: list[Key]
) -> exp.Expression | None:
    """`SELECT *` (or `t.*`) from one table: the star replaced with the columns the table had
    when the view was created; None when that is not exactly known."""
    if not isinstance(tree, exp.Select) or tree.args.get("joins") or len(set(read)) != 1:
        return None
    if any(isinstance(s, exp.Select) for s in tree.find_all(exp.Select) if s is not tree):
        return None
    table = state.tables.get(read[0])
    if table is None or table.stub:
        return None
    columns = [c for c in table.columns.values() if c.created < view.created]
    if not columns or any(c.name != c.first_name for c in table.columns.values()):
        return None  # a column renamed: its view column keeps the old name
    projections: list[exp.Expression] = []
    for item in tree.expressions:
        star = item if isinstance(item, exp.Star) else item.this
        if isinstance(item, exp.Star) or (
            isinstance(item, exp.Column) and isinstance(star, exp.Star)
        ):
            projections += [exp.column(c.name, quoted=quote(c.name) != c.name) for c in columns]
        else:
            projections.append(item)
    tree.set("expressions", projections)
    return tree
