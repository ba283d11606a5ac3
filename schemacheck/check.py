"""`schemacheck check`: apply the migrations to a throwaway database, audit the result, and
prove the rollbacks: up, down (must equal the schema before), up again (must equal the first up).

With `each_rollback`, each migration's rollback is then proven on its own, on a fresh
database: right after its migration it must give back the schema of just before it, and the
migration applied again the schema of its first apply (`prove_each_rollback`).

Files are applied as their migration tool sends them (`schemacheck.tool_queries`): a
golang-migrate file or a dbmate `transaction:false` section as one query, a goose file with
its ENVSUB references substituted from this process's environment.

Each step's problems become findings; a step that cannot run (a migration fails) stops the
steps that depend on it and says so, while the findings gathered so far are kept.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import psycopg
from psycopg import sql

from schemacheck.audit import LiveState, audit
from schemacheck.compare import MISMATCH, MISSING, UNEXPECTED, Outcome, diff, render_value
from schemacheck.ddl import FileRole, SqlFile
from schemacheck.ddl.parse import display_name, parse_file, sql_files, undone_by
from schemacheck.embedded import DatabaseServer, SqlPart, execute_statement, split_statements
from schemacheck.errors import InputError, SqlExecutionError
from schemacheck.findings import Finding, Location, Severity
from schemacheck.goose_envsub import UnsetVariable
from schemacheck.introspect import introspect
from schemacheck.introspect.versions import VersionTable
from schemacheck.model import Catalog, Kind
from schemacheck.spec import SpecDocument
from schemacheck.spec.load import parse_spec_document
from schemacheck.tool_queries import ToolPart, apply_parts, one_query_tool


@dataclass(frozen=True)
class Plan:
    """The files of one check, in the order they are applied. A migration holding its own
    rollback (dbmate, goose) is applied as its up section, and its down section is a rollback."""

    prerequisites: tuple[Path, ...]
    migrations: tuple[SqlPart, ...]
    rollbacks: tuple[SqlPart, ...]
    checks: tuple[Path, ...]
    # for each migration, in the same order, the rollbacks that undo it (newest first), and
    # the rollbacks that undo none of them: for proving each rollback on its own
    undo: tuple[tuple[RollbackPart, ...], ...] = ()
    unpaired: tuple[RollbackPart, ...] = ()
    # the roles the files create (CREATE ROLE / USER / GROUP): roles belong to the server, not
    # to the scratch database, so those a step made are dropped with its database
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RollbackPart:
    """A rollback to apply, and the line its statements start at (a down section's first
    statement; 0 for a whole file)."""

    part: SqlPart
    line: int = 0

    @property
    def label(self) -> str:
        name = display_name(self.part.path)
        return f"{name} (its down section)" if self.part.section == "down" else name


def plan(files: Sequence[SqlFile]) -> Plan:
    """Prerequisites and migrations by version; rollbacks newest first; checks by name."""

    def of(role: FileRole) -> list[SqlFile]:
        return [f for f in files if f.role == role]

    def part(f: SqlFile) -> SqlPart:
        section = f.section or ("up" if f.down is not None else "")
        return ToolPart(Path(f.path), section, f.tool_transaction, one_query_tool(f))

    def rollback(f: SqlFile) -> RollbackPart:
        line = f.statements[0].line if f.section == "down" and f.statements else 0
        return RollbackPart(part(f), line)

    downs = [f.down for f in files if f.down is not None]
    rollbacks = sorted(of("rollback") + downs, key=lambda f: f.sort_key, reverse=True)
    forward_of = undone_by(files)
    undone: dict[tuple[str, str], list[SqlFile]] = {f.ident: [] for f in of("migration")}
    for r in rollbacks:
        forward = forward_of.get(r.ident)
        if forward is not None and forward.ident in undone:
            undone[forward.ident].append(r)
    paired = {r.ident for rs in undone.values() for r in rs}
    return Plan(
        prerequisites=tuple(Path(f.path) for f in of("prerequisite")),
        migrations=tuple(part(f) for f in of("migration")),
        rollbacks=tuple(part(f) for f in rollbacks),
        checks=tuple(Path(f.path) for f in of("check")),
        undo=tuple(tuple(rollback(r) for r in undone[f.ident]) for f in of("migration")),
        unpaired=tuple(rollback(r) for r in rollbacks if r.ident not in paired),
        roles=frozenset(
            n.name
            for f in files
            for s in f.statements
            if s.kind in _ROLE_CREATES
            for n in s.facts.names
        ),
    )


_T = TypeVar("_T")
_ROLE_CREATES = frozenset({"create_role", "create_user", "create_group"})


def discover_directory(sql_dir: Path) -> tuple[list[SqlFile], list[tuple[Path, str]]]:
    """Every SQL file under `sql_dir`, parsed in lint order, and from the same walk the files
    left out with why (`schemacheck.ddl.parse.sql_files`; InputError when it is not a
    directory)."""
    if not sql_dir.is_dir():
        raise InputError(f"{sql_dir}: no such directory of SQL files")
    found, left_out = sql_files([sql_dir])
    return sorted((parse_file(q) for q in found), key=lambda f: f.sort_key), left_out


def unapplied_notes(files: Sequence[SqlFile]) -> tuple[str, ...]:
    """A not-checked line for each file `check` does not apply: neither its folder nor its name
    makes it a prerequisite, migration, rollback or check (`schemacheck.ddl.classify_path`)."""
    return tuple(
        f"{f.path}: not applied (its folder or name does not say it is a prerequisite, "
        "migration, rollback or check)"
        for f in files
        if f.role == "other"
    )


def plan_directory(sql_dir: Path) -> Plan:
    return plan(discover_directory(sql_dir)[0])


@dataclass(frozen=True)
class Snapshot:
    """The catalog and recorded versions after one step, and each table's columns in their
    order (the catalog model does not keep it)."""

    catalog: Catalog
    versions: tuple[int, ...] | None
    column_orders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class CheckRun:
    """Findings and notes gathered while the check runs."""

    findings: list[Finding] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


STEP_RULES = {
    "SC920": ("migration-failed", "A migration failed to apply; fix it before anything else."),
    "SC921": (
        "rollback-leaves-object",
        "The rollback leaves behind an object the migration created; drop it in the rollback.",
    ),
    "SC922": (
        "rollback-removes-prior-object",
        "An object that existed before the migration is gone after its rollback: the "
        "rollback dropped it (often through CASCADE), or the migration dropped it (or a "
        "column it used) and the rollback did not make it again. Drop only what the "
        "migration created, and make again what it dropped.",
    ),
    "SC923": (
        "rollback-changes-prior-object",
        "After the rollback this object differs from before the migration.",
    ),
    "SC924": (
        "rollback-keeps-version",
        "The rollback leaves the migration's version recorded, so tooling believes it is "
        "still applied; delete the version row in the rollback.",
    ),
    "SC925": ("rollback-failed", "A rollback failed to apply."),
    "SC926": (
        "reapply-differs",
        "Applying the migrations again after the rollbacks gives a different schema than "
        "the first time.",
    ),
    "SC927": ("smoke-test-failed", "A check script failed inside its rolled-back transaction."),
    "SC928": (
        "rollback-reorders-columns",
        "After the rollback a table has the columns it had before, in another order: SELECT *, "
        "INSERT without a column list and COPY read them differently. Rebuild the table in the "
        "rollback if the order matters.",
    ),
    "SC929": (
        "envsub-variable-unset",
        "A variable that goose's `-- +goose ENVSUB ON` substitutes is not set where check "
        "runs: goose sends an empty string in its place, and so did check. Set it, or write "
        "`${VAR:-default}` (or `${VAR?message}` to make goose refuse the file without it).",
    ),
}
_WARNINGS = frozenset({"SC924", "SC928"})
_INFOS = frozenset({"SC929"})


def step_finding(
    code: str, message: str, *, obj: str = "", location: Location | None = None
) -> Finding:
    slug, help_text = STEP_RULES[code]
    return Finding(code, slug, step_severity(code), message, obj, location, help_text)


def step_severity(code: str) -> Severity:
    """The severity of a check step's finding code."""
    if code in _INFOS:
        return Severity.INFO
    return Severity.WARNING if code in _WARNINGS else Severity.ERROR


def strict(catalog: Catalog) -> Catalog:
    """The same catalog with every table and schema strict, and the database too (a schema
    or extension it does not hold is an extra): for before/after equality."""
    return Catalog(
        catalog.objects,
        strict_tables=frozenset(r for r in catalog.objects if r.kind is Kind.TABLE),
        strict_schemas=frozenset(r.schema for r in catalog.objects),
        prerequisites=catalog.prerequisites,
        source=catalog.source,
        strict_database=True,
    )


def read(dsn: str, spec: SpecDocument) -> Snapshot:
    prereq = spec.catalog.prerequisites
    found = introspect(
        dsn,
        version_table=prereq.version_table if prereq else "public.schema_migrations",
        version_column=prereq.version_column if prereq else "version",
    )
    versions = found.schema_versions if found.version_table is VersionTable.FOUND else None
    with psycopg.connect(dsn, autocommit=True) as conn:
        orders = {table: tuple(names) for table, names in conn.execute(_COLUMN_ORDERS)}
    return Snapshot(found.catalog, versions, orders)


# each table's columns by attnum: `schema.table` -> names
_COLUMN_ORDERS = """
SELECT n.nspname || '.' || c.relname, array_agg(a.attname::text ORDER BY a.attnum)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
GROUP BY 1
"""


def apply(dsn: str, paths: Sequence[Path | SqlPart], run: CheckRun, code: str) -> bool:
    """Apply files in order; a failure becomes a finding with its file and line."""
    exc = _try_apply(dsn, paths, run)
    if exc is not None:
        run.findings.append(
            step_finding(
                code,
                f"{display_name(exc.path)}: {exc.message}",
                location=Location(exc.path, exc.line),
            )
        )
    return exc is None


# what a difference from the schema before the migrations is, after a rollback
_ROLLBACK_CODES = {UNEXPECTED: "SC921", MISSING: "SC922", MISMATCH: "SC923"}


def _rollback_outcomes(before: Snapshot, after: Snapshot) -> Iterator[Finding]:
    for outcome in diff(strict(before.catalog), after.catalog):
        yield step_finding(
            _ROLLBACK_CODES[outcome.kind], _describe(outcome, "before"), obj=str(outcome.ref)
        )
    for table, new, old in _reordered(before, after):
        yield step_finding(
            "SC928",
            f"table {table} has its columns in another order after the rollback: ({new}), "
            f"was ({old}) before",
            obj=f"table {table}",
        )


def _reordered(before: Snapshot, after: Snapshot) -> Iterator[tuple[str, str, str]]:
    """The tables with the same columns before and after, in another order: (table, the
    order after, the order before)."""
    for table, old in before.column_orders.items():
        new = after.column_orders.get(table)
        if new is not None and new != old and sorted(new) == sorted(old):
            yield table, ", ".join(new), ", ".join(old)


def _describe(outcome: Outcome, baseline: str) -> str:
    ref = outcome.ref
    if outcome.kind == UNEXPECTED:
        return f"{ref.kind} {ref.qualified} is still there after the rollback"
    if outcome.kind == MISSING:
        return f"{ref.kind} {ref.qualified} existed {baseline} the migrations and is gone"
    return (
        f"{ref.kind} {ref.qualified}: {outcome.attribute} is "
        f"{render_value(outcome.actual)}, was {render_value(outcome.expected)} {baseline}"
    )


def check_database(
    server: DatabaseServer,
    spec: SpecDocument | None,
    files: Plan,
    *,
    smoke: bool,
    target: str,
    each_rollback: bool = False,
) -> CheckRun:
    """Run every database step on a fresh database of `server`, dropped afterwards; with
    `each_rollback`, then prove each rollback against its own migration on another one.
    Without a spec the schema is not audited (a not-checked note says so); every other step
    runs."""
    run = CheckRun()
    if spec is None:
        run.not_checked.append(
            "audit against a spec (no spec: give one with --spec FILE or spec in "
            "[tool.schemacheck])"
        )
    used = spec if spec is not None else parse_spec_document({"spec_version": 1, "schemas": {}})
    _on_fresh_database(
        server,
        lambda dsn: _steps(dsn, used, files, run, smoke=smoke, target=target, audited=spec),
        files.roles,
    )
    if each_rollback:
        if any(files.undo):
            prove_each_rollback(server, used, files, run)
            _drop_whole_run_repeats(run)
        else:
            run.not_checked.append("each rollback on its own (no migration has a rollback)")
    return run


def _drop_whole_run_repeats(run: CheckRun) -> None:
    """Leave out a finding of the whole run's rollback (no file) about an object a rollback's
    own proof reports with the same code and its file: that one tells where to fix it."""
    located = {(f.code, f.object) for f in run.findings if f.location is not None and f.object}
    kept = [
        f
        for f in run.findings
        if f.location is not None or not f.object or (f.code, f.object) not in located
    ]
    if len(kept) < len(run.findings):
        run.steps.append(
            f"{len(run.findings) - len(kept)} findings of the whole rollback left out: a "
            "rollback's own proof reports the same object with its file"
        )
        run.findings[:] = kept


def _on_fresh_database(
    server: DatabaseServer, work: Callable[[str], _T], roles: frozenset[str] = frozenset()
) -> _T:
    """`work` on a new database of `server`, dropped afterwards, with those of `roles` (the
    roles the files create) that were not there before: the next step starts clean. Returns
    what `work` returns."""
    dsn = server.create_database()
    name = psycopg.conninfo.conninfo_to_dict(dsn).get("dbname")
    existed = _present_roles(dsn, roles)
    try:
        return work(dsn)
    finally:
        if isinstance(name, str):
            server.drop_database(name)
        _drop_roles(server.dsn(), sorted(roles - existed))


def _present_roles(dsn: str, roles: frozenset[str]) -> frozenset[str]:
    if not roles:
        return frozenset()
    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [sorted(roles)]
        ).fetchall()
    return frozenset(r[0] for r in rows)


def _drop_roles(dsn: str, roles: Sequence[str]) -> None:
    """Drop roles a step made (their objects went with its database); one still holding
    something elsewhere is left."""
    if not roles:
        return
    with psycopg.connect(dsn, autocommit=True) as conn:
        for role in roles:
            with contextlib.suppress(psycopg.Error):
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _steps(
    dsn: str,
    spec: SpecDocument,
    files: Plan,
    run: CheckRun,
    *,
    smoke: bool,
    target: str,
    audited: SpecDocument | None,
) -> None:
    if not apply(dsn, files.prerequisites, run, "SC920"):
        run.not_checked.append("migrations, audit and rollbacks (a prerequisite failed)")
        return
    before = read(dsn, spec)
    if not apply(dsn, files.migrations, run, "SC920"):
        run.not_checked.append("audit and rollbacks (a migration failed)")
        return
    first_up = read(dsn, spec)
    run.steps.append(
        f"applied {len(files.prerequisites)} prerequisite and "
        f"{len(files.migrations)} migration files"
    )
    if audited is not None:
        live = LiveState(first_up.catalog, first_up.versions, target)
        run.findings.extend(audit(audited, live).findings)
    if smoke:
        run_smoke_tests(dsn, files.checks, run)
    if not files.rollbacks:
        run.not_checked.append("rollbacks (no rollback files)")
        return
    if not apply(dsn, files.rollbacks, run, "SC925"):
        run.not_checked.append("rollback equality and re-apply (a rollback failed)")
        return
    down = read(dsn, spec)
    run.steps.append(f"applied {len(files.rollbacks)} rollback files")
    run.findings.extend(_rollback_outcomes(before, down))
    run.findings.extend(_kept_versions(before, down, spec))
    if not apply(dsn, files.migrations, run, "SC926"):
        run.not_checked.append("re-apply equality (re-applying a migration failed)")
        return
    second_up = read(dsn, spec)
    run.steps.append("re-applied the migrations")
    for outcome in diff(strict(first_up.catalog), second_up.catalog):
        run.findings.append(
            step_finding("SC926", _describe(outcome, "after the first up"), obj=str(outcome.ref))
        )


def _left_recorded(before: Snapshot, down: Snapshot, spec: SpecDocument) -> tuple[str, list[int]]:
    """The version table's name, and the versions `down` records that `before` did not."""
    prereq = spec.catalog.prerequisites
    table = prereq.version_table if prereq else "the version table"
    if before.versions is None or down.versions is None:
        return table, []
    return table, sorted(set(down.versions) - set(before.versions))


def _kept_versions(before: Snapshot, down: Snapshot, spec: SpecDocument) -> Iterator[Finding]:
    table, kept = _left_recorded(before, down, spec)
    for version in kept:
        yield step_finding(
            "SC924",
            f"version {version} is still recorded in {table} after its rollback",
            obj=f"table {table}",
        )


def prove_each_rollback(
    server: DatabaseServer, spec: SpecDocument, files: Plan, run: CheckRun
) -> None:
    """Prove each migration's rollback on its own, on new databases of `server`: after the
    prerequisites, each migration in version order is applied; where it has a rollback, the
    rollback must bring back the schema of just before the migration, and applying the
    migration again must give the schema of its first apply. After a rollback or re-apply
    that fails, the proof goes on from the next migration on another new database, where the
    migrations up to it are applied forward only (the failed one's database is in a state no
    deploy reaches); a migration that fails to apply ends it."""
    for r in files.unpaired:
        run.not_checked.append(
            f"{r.part.path}: not proven on its own (it undoes none of the migrations applied)"
        )
    proven, restarts = 0, 0
    resume: int | None = 0
    while resume is not None:
        step = functools.partial(_prove_from, spec=spec, files=files, run=run, first=resume)
        resume, count = _on_fresh_database(server, step, files.roles)
        proven += count
        restarts += resume is not None
    again = f" (on {restarts + 1} databases: after a failure the proof goes on)" if restarts else ""
    run.steps.append(f"proved {proven} rollbacks each against its own migration{again}")


def _prove_from(
    dsn: str, spec: SpecDocument, files: Plan, run: CheckRun, first: int
) -> tuple[int | None, int]:
    """On the empty database `dsn`: the prerequisites and the migrations before `first`
    (forward only), then each rollback proven from migration `first` on. Returns where to go
    on from after a failed rollback or re-apply (None: done, or stopped), and how many
    rollbacks were proven."""
    pairs = list(zip(files.migrations, files.undo, strict=True))
    failed = _try_apply(dsn, [*files.prerequisites, *(m for m, _ in pairs[:first])], run)
    if failed is not None:
        what = "prerequisite" if first == 0 else "re-applying"
        run.not_checked.append(
            f"each rollback on its own ({what} {display_name(failed.path)} failed: "
            f"{failed.message})"
        )
        _unproven(pairs[first:], display_name(failed.path), run)
        return None, 0
    proven = 0
    current: Snapshot | None = None  # the schema now, when it was read
    for k in range(first, len(pairs)):
        migration, undo = pairs[k]
        if undo and current is None:
            current = read(dsn, spec)
        failed = _try_apply(dsn, [migration], run)
        if failed is not None:
            run.not_checked.append(
                f"each rollback on its own from {display_name(migration.path)} on (it failed to "
                f"apply: {display_name(failed.path)}:{failed.line}: {failed.message})"
            )
            _unproven(pairs[k:], display_name(migration.path), run)
            return None, proven
        if not undo or current is None:
            current = None
            continue
        current = _prove_rollback(dsn, spec, migration, undo, current, run)
        if current is None:  # the rollback or re-apply failed: a finding says so
            return (k + 1 if k + 1 < len(pairs) else None), proven
        proven += 1
    return None, proven


def _unproven(
    rest: Sequence[tuple[SqlPart, tuple[RollbackPart, ...]]], stop: str, run: CheckRun
) -> None:
    """A not-checked line for each rollback the proof did not reach."""
    for _, undo in rest:
        for r in undo:
            run.not_checked.append(
                f"{r.part.path}: not proven on its own (the proof stopped at {stop})"
            )


def _prove_rollback(
    dsn: str,
    spec: SpecDocument,
    migration: SqlPart,
    undo: Sequence[RollbackPart],
    before: Snapshot,
    run: CheckRun,
) -> Snapshot | None:
    """Undo the just applied `migration` and apply it again: findings for every difference,
    and the schema after, or None when the rollback or the re-apply failed."""
    up = read(dsn, spec)
    m = display_name(migration.path)
    rb = " and ".join(r.label for r in undo)
    failed = _try_apply(dsn, [r.part for r in undo], run)
    if failed is not None:
        _failure(run, "SC925", failed, f"undoing {m} on its own")
        return None
    down = read(dsn, spec)
    at = Location(str(undo[0].part.path), undo[0].line)
    for outcome in diff(strict(before.catalog), down.catalog):
        made = outcome.ref in up.catalog.objects
        run.findings.append(
            step_finding(
                _ROLLBACK_CODES[outcome.kind],
                _describe_undo(outcome, rb, m, made=made),
                obj=str(outcome.ref),
                location=at,
            )
        )
    for table, new, old in _reordered(before, down):
        run.findings.append(
            step_finding(
                "SC928",
                f"rollback {rb} leaves table {table} with its columns in another order after "
                f"undoing {m}: ({new}), was ({old})",
                obj=f"table {table}",
                location=at,
            )
        )
    table, kept = _left_recorded(before, down, spec)
    for version in kept:
        run.findings.append(
            step_finding(
                "SC924",
                f"rollback {rb} leaves version {version} recorded in {table} after undoing {m}",
                obj=f"table {table}",
                location=at,
            )
        )
    failed = _try_apply(dsn, [migration], run)
    if failed is not None:
        _failure(run, "SC926", failed, f"re-applying {m} after rollback {rb}")
        return None
    again = read(dsn, spec)
    for outcome in diff(strict(up.catalog), again.catalog):
        run.findings.append(
            step_finding(
                "SC926",
                _describe_reapply(outcome, rb, m),
                obj=str(outcome.ref),
                location=Location(str(migration.path)),
            )
        )
    return again


def _describe_undo(outcome: Outcome, rollback: str, migration: str, *, made: bool) -> str:
    ref = outcome.ref
    what = f"{ref.kind} {ref.qualified}"
    if outcome.kind == UNEXPECTED:
        origin = f"that {migration} created" if made else f"that was not there before {migration}"
        return f"rollback {rollback} leaves {what} {origin}"
    if outcome.kind == MISSING:
        return f"{what}, which existed before {migration}, is gone after rollback {rollback}"
    return (
        f"rollback {rollback} leaves {what} with {outcome.attribute} "
        f"{render_value(outcome.actual)}, was {render_value(outcome.expected)} before {migration}"
    )


def _describe_reapply(outcome: Outcome, rollback: str, migration: str) -> str:
    ref = outcome.ref
    what = f"{ref.kind} {ref.qualified}"
    again = f"re-applying {migration} after rollback {rollback}"
    if outcome.kind == UNEXPECTED:
        return f"{again} gives {what}, which its first apply did not"
    if outcome.kind == MISSING:
        return f"{again} does not give {what}, which its first apply did"
    return (
        f"{again} gives {what} with {outcome.attribute} {render_value(outcome.actual)}, "
        f"was {render_value(outcome.expected)} after its first apply"
    )


def _try_apply(
    dsn: str, paths: Sequence[Path | SqlPart], run: CheckRun
) -> SqlExecutionError | None:
    """Apply `paths` as their tools do (`schemacheck.tool_queries.apply_parts`): the failure,
    or None. Each variable goose's ENVSUB substituted empty becomes a finding (once)."""
    unset: list[UnsetVariable] = []
    try:
        apply_parts(dsn, paths, notes=unset)
    except SqlExecutionError as exc:
        return exc
    finally:
        for u in unset:
            finding = step_finding(
                "SC929",
                f"{display_name(u.path)}: ${u.name} is not set; goose ENVSUB substitutes an "
                "empty string for it, and so did check",
                location=Location(u.path, u.line),
            )
            if finding not in run.findings:
                run.findings.append(finding)
    return None


def _failure(run: CheckRun, code: str, exc: SqlExecutionError, doing: str) -> None:
    """A failed file as a finding, unless the same failure is already one (the check before
    ran the same file and it failed at the same line)."""
    location = Location(exc.path, exc.line)
    if any(f.code == code and f.location == location for f in run.findings):
        return
    message = f"{display_name(exc.path)}: {exc.message} ({doing})"
    run.findings.append(step_finding(code, message, location=location))


_TRANSACTION_CONTROL = re.compile(
    r"\s*(BEGIN|COMMIT|END|ROLLBACK|ABORT|START\s+TRANSACTION|PREPARE\s+TRANSACTION)\b", re.I
)


def run_smoke_tests(dsn: str, checks: Sequence[Path], run: CheckRun) -> None:
    """Run each check script inside one transaction that is always rolled back; the
    script's own BEGIN/COMMIT/ROLLBACK are skipped so nothing it does can be committed."""
    for path in checks:
        text = path.read_text("utf-8")
        with psycopg.connect(dsn) as conn:
            try:
                for statement in split_statements(text, str(path)):
                    if _TRANSACTION_CONTROL.match(statement.text):
                        continue
                    execute_statement(conn, statement)  # COPY FROM STDIN with its data
            except psycopg.Error as exc:
                message = " ".join((exc.diag.message_primary or str(exc)).split())
                run.findings.append(
                    step_finding(
                        "SC927",
                        f"{path.name}: {message}",
                        location=Location(str(path), statement.line),
                    )
                )
            finally:
                conn.rollback()
        run.steps.append(f"ran {path.name} (rolled back)")
