"""GitHub Actions workflow commands: one annotation line per finding, then a plain summary.

`::error file=sql/118.sql,line=12,col=5,title=SC001 slug::message` (`warning` and `notice` for
the lower severities). Property values and the message are escaped the way GitHub's toolkit
escapes them; a finding without a file location gets no `file` property (GitHub then shows it
on the run's summary instead of on a line). Suppressed findings are not annotated; the summary
counts them.
"""

from __future__ import annotations

from schemacheck.findings import Finding, Report, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: `%`, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _properties(f: Finding) -> list[tuple[str, str]]:
    props: list[tuple[str, str]] = []
    if f.location is not None and f.location.path:
        props.append(("file", f.location.path.replace("\\", "/")))
        if f.location.line > 0:
            props.append(("line", str(f.location.line)))
            if f.location.column > 0:
                props.append(("col", str(f.location.column)))
    props.append(("title", f"{f.code} {f.slug}".strip()))
    return props


def annotation(f: Finding) -> str:
    """One workflow command for one finding."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in _properties(f))
    return f"::{_COMMANDS[f.severity]} {props}::{escape_data(f.message)}"


def _plain(text: str) -> str:
    """One plain log line: no line breaks, so nothing in it can start a workflow command."""
    return " ".join(text.split())


def summary(report: Report) -> str:
    """The closing plain-text line: counts by severity, and what was ignored."""
    counts = [
        f"{sum(1 for f in report.findings if f.severity is s)} {s.label}"
        for s in sorted(Severity, reverse=True)
    ]
    line = f"schemacheck {report.command}: {len(report.findings)} findings ({', '.join(counts)})"
    if report.suppressed:
        line += f", {len(report.suppressed)} ignored"
    return line


def render(report: Report) -> str:
    lines = [annotation(f) for f in report.findings]
    lines.extend(f"not checked: {_plain(item)}" for item in report.not_checked)
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
