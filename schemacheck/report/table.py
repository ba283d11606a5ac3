"""Terminal table (tabulate): findings, then what was ignored and what was not checked."""

from __future__ import annotations

from tabulate import tabulate

from schemacheck.findings import Finding, Report, Severity


def _findings_table(findings: tuple[Finding, ...]) -> str:
    """Severity, code, file location (only when some finding has one) and message; messages
    already name their object."""
    with_location = any(f.location for f in findings)
    headers = ["severity", "code", *(["where"] if with_location else []), "message"]
    rows = [
        [
            f.severity.label,
            f.code,
            *([str(f.location) if f.location else ""] if with_location else []),
            f.message,
        ]
        for f in findings
    ]
    return tabulate(rows, headers=headers)


def summary(report: Report) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity is s) for s in Severity}
    parts = [f"{counts[s]} {s.label}" for s in sorted(Severity, reverse=True)]
    ignored = f", {len(report.suppressed)} ignored" if report.suppressed else ""
    return f"{len(report.findings)} findings ({', '.join(parts)}){ignored}"


def render(report: Report) -> str:
    lines: list[str] = []
    if report.target:
        lines.append(f"schemacheck {report.command}: {report.target}")
    if report.findings:
        lines.append(_findings_table(report.findings))
    else:
        lines.append("No findings.")
    if report.suppressed:
        lines.append("")
        lines.append("Ignored (not counted):")
        rows = [[s.finding.code, s.finding.object, s.reason] for s in report.suppressed]
        lines.append(tabulate(rows, headers=["code", "object", "why"]))
    if report.not_checked:
        lines.append("")
        lines.append("Not checked: " + "; ".join(report.not_checked))
    lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
