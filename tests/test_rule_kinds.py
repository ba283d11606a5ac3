"""A statement rule that declares the statement kinds it looks at (`Rule.kinds`, which the
engine uses to skip it for the others) finds nothing in a statement of any other kind, and
declares every kind it found something in: checked on every statement of the rule cases, the
fixtures and the Batch 3 SQL, each statement also relabelled with the kinds of the others."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from schemacheck.ddl import discover
from schemacheck.ddl.statement import SqlFile
from schemacheck.lint import lint_files
from schemacheck.rules import all_rules
from schemacheck.rules.context import Context, History


def _files(repo_root: Path) -> list[SqlFile]:
    return discover(
        [repo_root / "sql", repo_root / "tests" / "fixtures", repo_root / "tests" / "rules"]
    )


def test_rules_with_kinds_find_nothing_in_other_kinds(repo_root: Path) -> None:
    files = _files(repo_root)
    statements = [s for f in files for s in f.statements]
    assert len(statements) > 200
    kinds = sorted({s.kind for s in statements})
    declared = [r for r in all_rules() if r.scope == "statement" and r.kinds is not None]
    assert len(declared) >= 15
    history = History(tuple(files))
    checked = 0
    for f in files:
        for s in f.statements:
            if not s.understood:
                continue
            for kind in kinds:  # the statement as it is, and relabelled as every other kind
                t = s if kind == s.kind else dataclasses.replace(s, kind=kind, parsed=s.parsed)
                ctx = Context(file=f, files=tuple(files), statement=t, run=history)
                for r in declared:
                    assert r.kinds is not None
                    if kind in r.kinds:
                        continue
                    try:
                        hits = list(r.check(ctx))
                    except Exception:
                        if t is s:
                            raise  # on a real statement the engine would have reported it
                        continue  # relabelled: facts of another kind may surprise the rule
                    assert hits == [], (r.code, kind, s.path, s.line)
                    checked += 1
    assert checked > 10_000


def test_declared_kinds_cover_every_finding(repo_root: Path) -> None:
    files = _files(repo_root)
    report = lint_files(files)
    kind_at = {(s.path, s.line, s.column): s.kind for f in files for s in f.statements}
    codes = {r.code: r for r in all_rules()}
    seen = 0
    for finding in report.findings + tuple(s.finding for s in report.suppressed):
        r = codes[finding.code]
        loc = finding.location
        kind = kind_at.get((loc.path, loc.line, loc.column))
        if r.scope != "statement" or r.kinds is None or kind is None:
            continue
        assert kind in r.kinds, (finding.code, kind, loc)
        seen += 1
    assert seen > 20
