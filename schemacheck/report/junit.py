"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure Pipelines, ...).

One `<testsuite name="schemacheck COMMAND">` inside `<testsuites>`. Each finding is a testcase
whose classname is its file (or, without a file, its object) and whose name is `CODE slug`;
errors and warnings carry `<failure type=SEVERITY message=...>`, info findings pass with the
message in `<system-out>`. Suppressed findings are `<skipped>` testcases with the reason. A
report with no findings has one passing testcase, so the CI system shows that the check ran.
Characters XML 1.0 cannot hold are written as `\\xNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from schemacheck.findings import Finding, Report, Severity

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Replace characters that XML 1.0 forbids even when escaped."""
    return _INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def classname(f: Finding) -> str:
    """The group a finding's testcase belongs to: its file, else its object."""
    if f.location is not None and f.location.path:
        return f.location.path.replace("\\", "/")
    return f.object or "schemacheck"


def details(f: Finding) -> str:
    """The body of a failure: where, what, and what to do."""
    lines = [f.message]
    if f.location is not None:
        lines.append(f"at {f.location}")
    if f.object:
        lines.append(f"object: {f.object}")
    if f.expected is not None:
        lines.append(f"expected: {f.expected}")
    if f.actual is not None:
        lines.append(f"actual: {f.actual}")
    if f.help:
        lines.append(f"help: {f.help}")
    return "\n".join(lines)


def _testcase(suite: ET.Element, f: Finding) -> ET.Element:
    name = f"{f.code} {f.slug}".strip()
    return ET.SubElement(suite, "testcase", classname=xml_text(classname(f)), name=xml_text(name))


def _finding_case(suite: ET.Element, f: Finding) -> None:
    case = _testcase(suite, f)
    if f.severity >= Severity.WARNING:
        failure = ET.SubElement(case, "failure", type=f.severity.label, message=xml_text(f.message))
        failure.text = xml_text(details(f))
    else:
        ET.SubElement(case, "system-out").text = xml_text(details(f))


def _skipped_case(suite: ET.Element, f: Finding, reason: str) -> None:
    case = _testcase(suite, f)
    skipped = ET.SubElement(case, "skipped", message=xml_text(reason))
    skipped.text = xml_text(details(f))


def _sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    line = f.location.line if f.location else 0
    column = f.location.column if f.location else 0
    return (classname(f), line, column, f.code, f.message)


def counts(report: Report) -> dict[str, str]:
    """The count attributes shared by `<testsuites>` and `<testsuite>`."""
    failures = sum(1 for f in report.findings if f.severity >= Severity.WARNING)
    tests = max(len(report.findings), 1) + len(report.suppressed)
    return {
        "tests": str(tests),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(len(report.suppressed)),
    }


def suite(report: Report) -> ET.Element:
    """The `<testsuites>` element holding the one suite."""
    attrs = counts(report)
    root = ET.Element("testsuites", {"name": "schemacheck", **attrs})
    name = xml_text(f"schemacheck {report.command}")
    node = ET.SubElement(root, "testsuite", {"name": name, **attrs})
    if report.target or report.not_checked:
        props = ET.SubElement(node, "properties")
        if report.target:
            ET.SubElement(props, "property", name="target", value=xml_text(report.target))
        for item in report.not_checked:
            ET.SubElement(props, "property", name="not_checked", value=xml_text(item))
    for f in sorted(report.findings, key=_sort_key):
        _finding_case(node, f)
    if not report.findings:
        clean = {"classname": xml_text(f"schemacheck.{report.command}"), "name": "no findings"}
        ET.SubElement(node, "testcase", clean)
    for s in sorted(report.suppressed, key=lambda s: _sort_key(s.finding)):
        _skipped_case(node, s.finding, s.reason)
    return root


def render(report: Report) -> str:
    root = suite(report)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
