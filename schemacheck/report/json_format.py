"""JSON output, versioned: `report_version` changes only when a field changes meaning.

{
  "report_version": 1, "tool": "schemacheck", "tool_version": "...", "command": "audit",
  "target": "user@host:5432/db",
  "summary": {"findings": N, "error": N, "warning": N, "info": N, "suppressed": N},
  "findings": [{"code", "slug", "severity", "message", "object", "location": {"path",
                "line", "column"} | null, "help", "expected", "actual"}],
  "suppressed": [{"finding": {...}, "reason": "..."}],
  "not_checked": ["..."]
}
"""

from __future__ import annotations

from typing import Any

import orjson

from schemacheck import __version__
from schemacheck.findings import Finding, Report, Severity

REPORT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    location = None
    if f.location is not None:
        location = {"path": f.location.path, "line": f.location.line, "column": f.location.column}
    return {
        "code": f.code,
        "slug": f.slug,
        "severity": f.severity.label,
        "message": f.message,
        "object": f.object,
        "location": location,
        "help": f.help,
        "expected": f.expected,
        "actual": f.actual,
    }


def report_dict(report: Report) -> dict[str, Any]:
    summary: dict[str, int] = {"findings": len(report.findings)}
    for severity in sorted(Severity, reverse=True):
        summary[severity.label] = sum(1 for f in report.findings if f.severity is severity)
    summary["suppressed"] = len(report.suppressed)
    return {
        "report_version": REPORT_VERSION,
        "tool": "schemacheck",
        "tool_version": __version__,
        "command": report.command,
        "target": report.target,
        "summary": summary,
        "findings": [finding_dict(f) for f in report.findings],
        "suppressed": [
            {"finding": finding_dict(s.finding), "reason": s.reason} for s in report.suppressed
        ],
        "not_checked": list(report.not_checked),
    }


def render(report: Report) -> str:
    """Indented JSON; orjson, because the standard encoder falls back to pure Python when it
    indents (3-4x slower on a large report). Text is UTF-8, not \\u-escaped."""
    return orjson.dumps(report_dict(report), option=orjson.OPT_INDENT_2).decode() + "\n"
