"""The lint engine: files -> statements -> rules -> findings.

`lint_paths(paths, ...)` reads every SQL file under the paths (`schemacheck.ddl.discover`'s
files, parsed by `schemacheck.ddl.pool`: in worker processes when there are many), runs every
selected rule on every statement and file it applies to, applies the
`-- schemacheck: ignore ...` comments (what they hide is listed in `Report.suppressed`, never
lost), reports suppressions that matched nothing (SC034), and returns a `Report` with
command "lint". Bad SQL never raises: it becomes findings. Only a path that cannot be read
raises `InputError`, and an unknown rule code in `select`/`ignore`/`severity_overrides`
raises `UsageError`. With `cache_dir`, unchanged files are not parsed again and an unchanged
run returns the cached report (`schemacheck.ddl.cache`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schemacheck import teardown
from schemacheck.ddl.cache import ParseCache, Source, read_found
from schemacheck.ddl.parse import find_sql_files, read_source, sql_files, undone_by
from schemacheck.ddl.pool import Job, parse_many
from schemacheck.ddl.sections import with_sections
from schemacheck.ddl.statement import SqlFile, Statement, Suppression
from schemacheck.errors import UsageError
from schemacheck.findings import Finding, Location, Report, Severity, Suppressed
from schemacheck.gcpause import gc_paused
from schemacheck.rules import Rule, all_rules, find_rule
from schemacheck.rules.context import Context, History, Hit, qualified, schema_of

if TYPE_CHECKING:
    from schemacheck.coverage import CoverageResult

UNUSED_SUPPRESSION = "SC034"
# the files whose DO blocks change what is deployed (a check's DO blocks only test)
_CHANGING_ROLES = frozenset({"prerequisite", "migration", "rollback", "other"})
# what in a DO block's code changes the schema or rows: DDL, SQL built at run time, and
# INSERT / UPDATE / DELETE (not `SELECT ... FOR UPDATE`)
_CHANGES = re.compile(
    r"\b(?:CREATE|ALTER|DROP|TRUNCATE|EXECUTE)\b|\b(?:DELETE\s+FROM|INSERT\s+INTO)\b"
    r"|(?<!FOR )\bUPDATE\s+[\w\"]",
    re.IGNORECASE,
)


def runs_changes(s: Statement) -> bool:
    """Whether a DO block's code changes the schema or rows (what lint does not see)."""
    return _CHANGES.search(s.facts.body or s.text) is not None


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules to run: `select` (codes or slugs; empty means all) minus `ignore`."""
    chosen = {r.code: r for r in all_rules()}
    wanted = [s for s in select if s.strip()]
    if wanted:
        chosen = {}
        for key in wanted:
            r = _known(key, "select")
            chosen[r.code] = r
    for key in ignore:
        if key.strip():
            chosen.pop(_known(key, "ignore").code, None)
    return tuple(chosen[c] for c in sorted(chosen))


def _known(key: str, where: str) -> Rule:
    r = find_rule(key)
    if r is None:
        raise UsageError(f"{where}: unknown rule {key!r} (see the rule list)")
    return r


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity_overrides: Mapping[str, Severity] | None = None,
    target_major: int | None = None,
    cache_dir: Path | None = None,
) -> Report:
    """Lint every SQL file under `paths` (InputError on a path that cannot be read).

    With `cache_dir`, parsed files and the report are cached there by content
    (`schemacheck.ddl.cache`); None writes nothing."""
    return lint_with_coverage(
        paths,
        None,
        select=select,
        ignore=ignore,
        severity_overrides=severity_overrides,
        target_major=target_major,
        cache_dir=cache_dir,
    )[0]


def lint_with_coverage(
    paths: Iterable[str | os.PathLike[str]],
    spec: str | os.PathLike[str] | None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity_overrides: Mapping[str, Severity] | None = None,
    target_major: int | None = None,
    cache_dir: Path | None = None,
) -> tuple[Report, CoverageResult | None]:
    """`lint_paths`, and with `spec` the `spec_coverage` of the same files: each file is read
    and parsed once for both (InputError as `lint_paths`)."""
    path_list = [str(p) for p in paths]
    found, left_out = sql_files(path_list)  # one walk of the directories
    inputs = _Inputs(found, ParseCache(cache_dir) if cache_dir is not None else None)
    with gc_paused():
        report = _lint_paths(
            ", ".join(path_list),
            inputs,
            select=select,
            ignore=ignore,
            severity_overrides=severity_overrides,
            target_major=target_major,
        )
        coverage = _spec_coverage(spec, inputs) if spec is not None else None
    if left_out:
        notes = left_out_notes(left_out)
        report = dataclasses.replace(report, not_checked=(*notes, *report.not_checked))
    return report, coverage


def left_out_notes(left_out: Iterable[tuple[Path, str]]) -> tuple[str, ...]:
    """A not-checked line for each file lint and check leave out, with why (as `sql_files`
    finds them: named for another database, or not in its sqitch plan)."""
    return tuple(f"{path}: {why}" for path, why in left_out)


class _Inputs:
    """The SQL files of one run, read (with a cache) and parsed at most once, for the lint and
    the spec coverage alike: parsed on first need, as an unchanged run needs neither."""

    def __init__(self, found: list[Path], cache: ParseCache | None) -> None:
        self.found = found
        self.cache = cache
        self._sources: list[Source] | None = None
        self._files: list[SqlFile] | None = None

    def sources(self) -> list[Source]:
        """The files read and keyed for this run's cache (a run with a cache only)."""
        if self._sources is None:
            assert self.cache is not None, "sources are keyed for a cache"
            self._sources = read_found(self.cache, self.found)
        return self._sources

    def files(self) -> list[SqlFile]:
        """The files parsed (from the cache where it holds them), in lint order."""
        if self._files is None:
            if self.cache is None:
                parsed = parse_many([Job(str(q), read_source(q)) for q in self.found])
            else:
                parsed = self.cache.parse_all(self.sources())
            self._files = sorted(parsed, key=lambda f: f.sort_key)
            teardown.keep(self._files)
        return self._files


def _lint_paths(
    target: str,
    inputs: _Inputs,
    *,
    select: Iterable[str],
    ignore: Iterable[str],
    severity_overrides: Mapping[str, Severity] | None,
    target_major: int | None,
) -> Report:
    rules = select_rules(select, ignore)
    overrides = _overrides(severity_overrides or {})
    cache = inputs.cache
    if cache is None:
        return lint_files(
            inputs.files(),
            rules=rules,
            overrides=overrides,
            target_major=target_major,
            target=target,
        )
    key = cache.report_key(
        inputs.sources(),
        rules=[r.code for r in rules],
        overrides=overrides,
        target_major=target_major,
        target=target,
    )
    report = cache.load_report(key)
    if report is None:
        report = lint_files(
            inputs.files(),
            rules=rules,
            overrides=overrides,
            target_major=target_major,
            target=target,
        )
        cache.store_report(key, report)
    return report


def parse_paths(
    paths: Iterable[str | os.PathLike[str]], cache_dir: Path | None = None
) -> list[SqlFile]:
    """Every SQL file under `paths`, parsed (taken from the cache in `cache_dir` where it
    holds them, stored there where not), in lint order. InputError as `lint_paths`."""
    found = find_sql_files([str(p) for p in paths])
    return _Inputs(found, ParseCache(cache_dir) if cache_dir is not None else None).files()


def spec_coverage(
    spec: str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]], cache_dir: Path | None
) -> CoverageResult:
    """`coverage.coverage` of the spec file `spec` over the SQL files under `paths`, taken from
    the cache in `cache_dir` when neither the spec file's bytes nor any file changed (the
    static replay of a large project takes seconds), stored there when computed."""
    found = find_sql_files([str(p) for p in paths])
    inputs = _Inputs(found, ParseCache(cache_dir) if cache_dir is not None else None)
    with gc_paused():  # the parsed files and the replayed catalog, as in `lint_paths`
        return _spec_coverage(spec, inputs)


def _spec_coverage(spec: str | os.PathLike[str], inputs: _Inputs) -> CoverageResult:
    from schemacheck.coverage import CoverageResult, coverage  # only with --spec

    cache = inputs.cache
    if cache is None:
        return coverage(spec, inputs.files())
    key: str | None = None
    with contextlib.suppress(OSError):  # unreadable: `coverage` names the problem
        key = cache.result_key("coverage", inputs.sources(), Path(spec).read_bytes())
    found = cache.load_result(key) if key is not None else None
    if isinstance(found, CoverageResult):
        return found
    result = coverage(spec, inputs.files())
    if key is not None:
        cache.store_result(key, result)
    return result


def _overrides(raw: Mapping[str, Severity]) -> dict[str, Severity]:
    return {_known(k, "severity").code: v for k, v in raw.items()}


@dataclass
class _Raised:
    rule: Rule
    hit: Hit
    statement: Statement | None
    file: SqlFile


@dataclass
class _SupState:
    sup: Suppression
    path: str
    used: set[str] = field(default_factory=set)


def lint_files(
    files: Sequence[SqlFile],
    *,
    rules: Sequence[Rule] | None = None,
    overrides: Mapping[str, Severity] | None = None,
    target_major: int | None = None,
    target: str = "",
) -> Report:
    """Run `rules` (default: all) over already parsed files, in the order given."""
    active = tuple(rules) if rules is not None else all_rules()
    sev = dict(overrides or {})
    whole = sorted(files, key=lambda f: f.sort_key)
    ordered = tuple(sorted(with_sections(whole), key=lambda f: f.sort_key))
    forward_of = undone_by(whole)
    by_ident = {f.ident: f for f in ordered}
    rollback_of = {fwd.ident: by_ident[rb] for rb, fwd in forward_of.items()}
    raised: list[_Raised] = []
    not_checked: list[str] = []
    statement_rules = [r for r in active if r.scope == "statement" and r.code != "SC034"]
    file_rules = [r for r in active if r.scope == "file" and r.code != "SC034"]
    history = History(ordered)
    by_role_kind: dict[tuple[str, str], list[Rule]] = {}

    def _rules_for(role: str, kind: str) -> list[Rule]:
        """The statement rules to call for a statement of `kind` in a file of `role`, in order."""
        found = by_role_kind.get((role, kind))
        if found is None:
            found = [
                r
                for r in statement_rules
                if role in r.roles and (r.kinds is None or kind in r.kinds)
            ]
            by_role_kind[(role, kind)] = found
        return found

    for f in ordered:
        base = Context(
            file=f,
            files=ordered,
            forward=forward_of.get(f.ident),
            rollback=rollback_of.get(f.ident),
            target_major=target_major,
            run=history,
        )
        for p in f.problems:
            if p.kind == "untokenizable":
                not_checked.append(f"{f.path}:{p.line}: {p.message}")
        new_tables: set[str] = set()
        for s in f.statements:
            ctx = Context(
                file=f,
                files=ordered,
                forward=base.forward,
                rollback=base.rollback,
                target_major=target_major,
                statement=s,
                new_tables=frozenset(new_tables),
                run=history,
            )
            if s.understood:
                for r in _rules_for(f.role, s.kind):
                    _run(r, ctx, s, raised, not_checked)
            if s.kind == "do" and f.role in _CHANGING_ROLES and runs_changes(s):
                not_checked.append(
                    f"{f.path}:{s.line}: the statements this DO block runs are not linted "
                    "(it changes the schema or rows)"
                )
            _track_new_tables(s, new_tables)
        for r in file_rules:
            if f.role in r.roles:
                _run(r, base, None, raised, not_checked)

    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    states = _suppression_states(ordered)
    for item in raised:
        finding = _finding(item, sev)
        hit_by = _suppressed_by(item, states)
        if hit_by is None:
            findings.append(finding)
        else:
            why = f"`-- schemacheck: {_directive(hit_by.sup)}` at {hit_by.path}:{hit_by.sup.line}"
            reason = f"{why}: {hit_by.sup.reason}" if hit_by.sup.reason else why
            suppressed.append(Suppressed(finding, reason))
    unused_rule = next((r for r in active if r.code == UNUSED_SUPPRESSION), None)
    if unused_rule is not None:
        findings.extend(_unused(states, unused_rule, {r.code for r in active}, sev))
        for f in ordered:
            for p in f.problems:
                if p.kind == "bad_suppression" and f.role in unused_rule.roles:
                    findings.append(
                        Finding(
                            code=unused_rule.code,
                            slug=unused_rule.slug,
                            severity=sev.get(unused_rule.code, unused_rule.severity),
                            message=p.message,
                            location=Location(f.path, p.line, p.column),
                            help=unused_rule.help,
                        )
                    )
    n_statements = sum(len(f.statements) for f in ordered)
    return Report(
        command="lint",
        findings=Report.sorted_findings(findings),
        suppressed=tuple(suppressed),
        not_checked=tuple(not_checked),
        target=target,
        meta=(
            ("files", str(len(whole))),
            ("statements", str(n_statements)),
            ("rules", str(len(active))),
            ("target_major", str(target_major) if target_major else "any"),
        ),
    )


def _run(
    r: Rule, ctx: Context, s: Statement | None, raised: list[_Raised], not_checked: list[str]
) -> None:
    try:
        for hit in r.check(ctx):
            raised.append(_Raised(r, hit, hit.statement or s, ctx.file))
    except Exception as e:  # a rule bug must not hide the other findings; it is reported
        where = f"{ctx.file.path}:{s.line}" if s is not None else ctx.file.path
        not_checked.append(f"{where}: rule {r.code} failed: {type(e).__name__}: {e}")


# what a file makes that its later statements lock nobody else out of (empty, and unseen
# by other sessions until the file commits): tables, and materialized views (indexed too)
_NEW_RELATIONS = frozenset(
    {"create_table", "create_table_as", "create_foreign_table", "create_materialized_view"}
)


def _track_new_tables(s: Statement, new_tables: set[str]) -> None:
    f = s.facts
    if s.kind in _NEW_RELATIONS and f.name:
        new_tables.add(qualified(f.name))
    elif s.kind in ("drop_table", "drop_materialized_view"):
        for n in f.names:
            new_tables.discard(qualified(n))
    elif s.kind == "alter_table" and f.table is not None and qualified(f.table) in new_tables:
        for a in f.actions:
            if a.action == "rename_table" and a.new_name:
                new_tables.discard(qualified(f.table))
                schema = schema_of(f.table)
                new_tables.add(f"{schema}.{a.new_name}")


def _finding(item: _Raised, sev: Mapping[str, Severity]) -> Finding:
    r, hit = item.rule, item.hit
    if hit.line:
        loc = Location(item.file.path, hit.line, hit.column)
    elif item.statement is not None:
        loc = item.statement.location
    else:
        loc = Location(item.file.path)
    return Finding(
        code=r.code,
        slug=r.slug,
        severity=sev.get(r.code, r.severity),
        message=hit.message,
        object=hit.object,
        location=loc,
        help=hit.help or r.help,
    )


def _suppression_states(files: Sequence[SqlFile]) -> dict[int, _SupState]:
    states: dict[int, _SupState] = {}
    for f in files:
        for sup in f.suppressions:
            states[id(sup)] = _SupState(sup, f.path)
        for s in f.statements:
            for sup in s.suppressions:
                states[id(sup)] = _SupState(sup, f.path)
    return states


def _suppressed_by(item: _Raised, states: Mapping[int, _SupState]) -> _SupState | None:
    r = item.rule
    candidates: list[Suppression] = []
    if item.statement is not None:
        candidates.extend(item.statement.suppressions)
    candidates.extend(item.file.suppressions)
    for sup in candidates:
        if sup.matches(r.code, r.slug):
            state = states[id(sup)]
            for c in sup.codes:
                if c in ("ALL", r.code, r.slug):
                    state.used.add(c)
            return state
    return None


def _directive(sup: Suppression) -> str:
    return ("ignore-file " if sup.file_wide else "ignore ") + ", ".join(sup.codes)


def _unused(
    states: Mapping[int, _SupState], r: Rule, active: set[str], sev: Mapping[str, Severity]
) -> list[Finding]:
    out: list[Finding] = []
    for state in states.values():
        sup = state.sup
        for c in sup.codes:
            if c in state.used:
                continue
            known = find_rule(c) if c != "ALL" else None
            if c != "ALL" and known is None:
                message = f"suppression names unknown rule {c!r}"
            elif known is not None and known.code not in active:
                continue  # the rule did not run, so it could not match
            else:
                what = "this file" if sup.file_wide else "the statement it precedes"
                message = f"suppression of {c} matched nothing in {what}"
            out.append(
                Finding(
                    code=r.code,
                    slug=r.slug,
                    severity=sev.get(r.code, r.severity),
                    message=message,
                    location=Location(state.path, sup.line, sup.column),
                    help=r.help,
                )
            )
    return out
