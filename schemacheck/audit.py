"""The post-migration audit: a live catalog against the spec, plus the prerequisites
(schema-version table, lowest version, the spec's own versions recorded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemacheck.compare import diff, to_finding
from schemacheck.findings import Finding, Report, Severity, Suppressed
from schemacheck.ignore import IgnoreRule, first_match
from schemacheck.model import Catalog, Kind, ObjectRef, Prerequisites
from schemacheck.normalize import qualified_name
from schemacheck.spec import SpecDocument

# What the catalog model does not cover: reported as not checked, never counted as equal.
NOT_MODELED: tuple[str, ...] = (
    "privileges (GRANT/REVOKE) and ownership",
    "row-level security policies",
    "comments",
    "domains, composite and range types",
    "collations, statistics objects, storage parameters",
    "publications, subscriptions, event triggers",
)


@dataclass(frozen=True)
class LiveState:
    """What the audit needs from a live database: its catalog and its recorded versions
    (None when the version table cannot be read; `versions_problem` says why)."""

    catalog: Catalog
    versions: tuple[int, ...] | None
    target: str
    versions_problem: str = "does not exist"


def audit(
    spec: SpecDocument,
    live: LiveState,
    *,
    ignores: Sequence[IgnoreRule] = (),
    not_checked: Iterable[str] = NOT_MODELED,
    spec_path: str = "",
) -> Report:
    """Compare the live catalog with the spec; ignored findings are kept in `suppressed`.
    Tables and columns the spec marks as prerequisites say so in their findings (indexes,
    constraints and triggers on such tables may come from the spec's own migrations)."""
    notes = dict(spec.origins)
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    for outcome in diff(spec.catalog, live.catalog):
        ref = outcome.ref
        note = notes.get(ref, "")
        if ref.kind is Kind.COLUMN and ref.table_ref is not None:
            note = notes.get(ref.table_ref, "")
        finding = to_finding(outcome, note=note)
        rule = first_match(ignores, ref)
        if rule is None:
            findings.append(finding)
        else:
            suppressed.append(Suppressed(finding, rule.describe()))
    prereq = spec.catalog.prerequisites
    if prereq is not None:
        findings.extend(prerequisite_findings(prereq, live))
    return Report(
        command="audit",
        findings=Report.sorted_findings(findings),
        suppressed=tuple(suppressed),
        not_checked=tuple(not_checked),
        target=live.target,
        meta=(("spec", spec_path),) if spec_path else (),
    )


def version_table_ref(prereq: Prerequisites) -> ObjectRef:
    schema, _, table = qualified_name(prereq.version_table).partition(".")
    return ObjectRef(Kind.TABLE, schema, table)


# slug and help of the schema-version checks (all errors)
PREREQUISITE_RULES: dict[str, tuple[str, str]] = {
    "SC910": (
        "schema-version-table-missing",
        "Apply the earlier migrations that create the schema-version table.",
    ),
    "SC911": (
        "schema-version-too-low",
        "Apply the earlier migrations these depend on before running them.",
    ),
    "SC912": (
        "migration-not-recorded",
        "Apply the migration, or record its version if it was applied by hand.",
    ),
}


def prerequisite_findings(prereq: Prerequisites, live: LiveState) -> list[Finding]:
    """Schema-version checks: the table exists, holds at least `min_version`, and records
    every version the spec's migrations apply (nothing pending)."""
    obj = str(version_table_ref(prereq))
    if live.versions is None:
        return [
            Finding(
                "SC910",
                PREREQUISITE_RULES["SC910"][0],
                Severity.ERROR,
                f"{prereq.version_table} {live.versions_problem}: cannot tell which migrations ran",
                obj,
                help=PREREQUISITE_RULES["SC910"][1],
            )
        ]
    out: list[Finding] = []
    current = max(live.versions, default=None)
    if prereq.min_version is not None and (current is None or current < prereq.min_version):
        out.append(
            Finding(
                "SC911",
                PREREQUISITE_RULES["SC911"][0],
                Severity.ERROR,
                f"schema version is {current if current is not None else '(none)'}, "
                f"expected at least {prereq.min_version}",
                obj,
                help=PREREQUISITE_RULES["SC911"][1],
                expected=f"version >= {prereq.min_version}",
                actual=f"version {current}",
            )
        )
    recorded = set(live.versions)
    for version in prereq.applied_versions:
        if version not in recorded:
            out.append(
                Finding(
                    "SC912",
                    PREREQUISITE_RULES["SC912"][0],
                    Severity.ERROR,
                    f"migration {version} is not recorded in {prereq.version_table}",
                    obj,
                    help=PREREQUISITE_RULES["SC912"][1],
                    expected=f"version {version} recorded",
                    actual="not recorded",
                )
            )
    return out
