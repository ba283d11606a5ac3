"""The per-run lookups the rules use (`History`, `earlier_objects`, `earlier_constraints`,
`object_existed_before`) give what rescanning the earlier files and statements gives.
No database: generated migrations in, answers compared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from schemacheck.ddl import discover
from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.rules._common import (
    Objects,
    constraints_added,
    created_objects,
    earlier_constraints,
    earlier_objects,
    object_existed_before,
    objects_of,
)
from schemacheck.rules.context import Context, History, qualified

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "lint"))

from corpus import generate  # noqa: E402


def _files(tmp_path: Path) -> tuple[SqlFile, ...]:
    generate(tmp_path / "corpus", 1500, seed=11)
    files = tuple(sorted(discover([tmp_path / "corpus"]), key=lambda f: f.sort_key))
    assert len(files) > 20
    return files


def _rescan(ctx: Context, table: str) -> list[Statement]:
    earlier = [s for f in ctx.earlier_files for s in f.statements]
    earlier.extend(ctx.earlier_statements)
    out = []
    for s in earlier:
        name = s.facts.name if s.kind == "create_table" else s.facts.table
        if s.kind in ("create_table", "alter_table") and qualified(name) == table:
            out.append(s)
    return out


def _same(a: Objects, b: Objects) -> bool:
    for n in a.__dataclass_fields__:
        x, y = getattr(a, n), getattr(b, n)
        if isinstance(x, dict) and any(isinstance(v, Statement) for v in x.values()):
            x = {k: id(v) for k, v in x.items()}
            y = {k: id(v) for k, v in y.items()}
        if x != y:
            return False
    return True


def test_history_answers_as_the_rescans(tmp_path: Path) -> None:
    files = _files(tmp_path)
    history = History(files)
    checked = found = 0
    for f in files:
        for s in f.statements:
            ctx = Context(file=f, files=files, statement=s, run=history)
            if s.kind == "alter_table" and s.facts.table is not None:
                table = qualified(s.facts.table)
                got = history.table_statements(ctx, table)
                assert [id(x) for x in got] == [id(x) for x in _rescan(ctx, table)]
                found += bool(got)
                checked += 1
            assert _same(earlier_objects(ctx), objects_of(ctx.earlier_statements))
            assert earlier_constraints(ctx) == constraints_added(ctx.earlier_statements)
            before = created_objects(ctx.earlier_files)
            for name in [*list(before.tables)[:3], "public.nowhere"]:
                assert object_existed_before(ctx, "tables", name) == (name in before.tables)
    assert checked > 100 and found > 50


def test_history_of_a_file_outside_the_run_sees_every_file(tmp_path: Path) -> None:
    files = _files(tmp_path)
    history = History(files[:5])
    outsider = next(f for f in files[::-1] if any(s.kind == "alter_table" for s in f.statements))
    s = next(s for s in outsider.statements if s.kind == "alter_table" and s.facts.table)
    ctx = Context(file=outsider, files=files[:5], statement=s, run=history)
    assert history.position(outsider) == 5
    assert ctx.history is history
    table = qualified(s.facts.table)
    assert [id(x) for x in history.table_statements(ctx, table)] == [
        id(x) for x in _rescan(ctx, table)
    ]
    assert Context(file=outsider, files=files[:5]).history.position(outsider) == 5


def test_sc029_dependents_built_up_in_file_order_answer_as_collecting_again(
    tmp_path: Path,
) -> None:
    """SC029 builds the dependents of the files before each rollback's forward migration up
    once per run; asked in any order of places, they equal collecting those files again."""
    from schemacheck.rules.sc029_rollback_wrong_drop_order import _Base, _type_key

    files = _files(tmp_path)
    places = [i for i, f in enumerate(files) if f.role == "migration" and f.version]
    asked = [*places[::4], places[-1], places[2], places[5]]  # then earlier: rebuilt
    base = _Base(files, lambda f: created_objects([f]))
    for place in asked:
        got = base.before(place)
        want = created_objects(
            f
            for i, f in enumerate(files)
            if f.role == "prerequisite"
            or (f.role == "migration" and f.version is not None and i < place)
        )
        referenced_by: dict[str, set[str]] = {}
        for table, targets in want.foreign_keys.items():
            for target in targets:
                referenced_by.setdefault(target, set()).add(table)
        type_users: dict[str, set[str]] = {}
        for table, types in want.column_types.items():
            for type_name in types:
                type_users.setdefault(_type_key(type_name), set()).add(table)
        assert got.referenced_by == referenced_by
        assert got.trigger_function == want.trigger_function
        assert got.type_users == type_users
    assert referenced_by and want.trigger_function  # the corpus has both kinds


def test_rollback_rules_collect_each_statement_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a rollback for every migration, the rules that judge rollbacks look at each
    statement a bounded number of times, not once per rollback (that was quadratic: a
    minute on 1,000 migrations with their rollbacks)."""
    from schemacheck.lint import lint_files
    from schemacheck.rules import _common

    generate(tmp_path / "corpus", 3000, seed=5, rollbacks=True)
    files = discover([tmp_path / "corpus"])
    rollbacks = [f for f in files if f.role == "rollback"]
    assert len(rollbacks) > 40
    calls = 0
    collect = _common._collect

    def counting(out: Objects, s: Statement) -> None:
        nonlocal calls
        calls += 1
        collect(out, s)

    monkeypatch.setattr(_common, "_collect", counting)
    report = lint_files(files)
    statements = sum(len(f.statements) for f in files)
    assert report.findings and calls  # the rules ran
    # linear: under two collections per statement (the base built up once, each forward
    # migration once for the rules that compare against it); once per rollback was ~30x here
    assert calls <= 3 * statements, (calls, statements)
