"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run. `tool.driver.rules` holds one rule per distinct code among the findings and the
suppressed findings; every result points at its rule by `ruleId` and `ruleIndex`. A finding with
a file location gets a physical location (a relative URI with forward slashes, and a region only
when the line is known). A finding on a live object has no file: it gets a logical location with
the object's name, anchored at the spec file when the report's meta names one (`("spec", PATH)`),
because GitHub code scanning rejects a whole upload in which any result lacks a file.
Suppressed findings are results with a `suppressions` entry: `inSource` when the reason quotes a
`schemacheck: ignore` comment or names the finding's own file, `external` otherwise. What the
tool could not check becomes a warning notification of the run's invocation.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from schemacheck import __version__
from schemacheck.findings import Finding, Location, Report, Severity, Suppressed
from schemacheck.model import Kind

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "schemacheck/v1"
SRCROOT = "%SRCROOT%"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_KINDS = frozenset(k.value for k in Kind)
_IGNORE_COMMENT = re.compile(r"schemacheck\s*:\s*ignore", re.IGNORECASE)


def _information_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        meta = metadata("schemacheck")
    except PackageNotFoundError:
        return None
    entries: list[str] = meta.get_all("Project-URL") or []
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"homepage", "home", "documentation", "source", "repository"}:
            return url.strip()
    homes: list[str] = [h.strip() for h in meta.get_all("Home-page") or [] if h.strip()]
    return homes[0] if homes and homes[0].lower() != "unknown" else None


INFORMATION_URI = _information_uri()


def level(severity: Severity) -> str:
    """SARIF level of a severity: error, warning or note."""
    return _LEVELS[severity]


def artifact_uri(path: str) -> str:
    """A file path as a URI reference: forward slashes, percent-encoded, `file:` when absolute."""
    if PureWindowsPath(path).drive:
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/-._~")


def fingerprint(f: Finding) -> str:
    """Stable identity of a finding: the same problem keeps it when lines move."""
    path = f.location.path if f.location else ""
    text = "\0".join((f.code, path, f.object, f.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _artifact_location(path: str) -> dict[str, Any]:
    uri = artifact_uri(path)
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _physical_location(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(loc.path)}
    if loc.line > 0:
        region: dict[str, Any] = {"startLine": loc.line}
        if loc.column > 0:
            region["startColumn"] = loc.column
        physical["region"] = region
    return physical


def _logical_location(obj: str) -> dict[str, Any]:
    """`table public.users` -> kind `table`, fully qualified name `public.users`."""
    kind, _, name = obj.partition(" ")
    if kind in _KINDS and name:
        return {"name": name, "fullyQualifiedName": name, "kind": kind}
    return {"name": obj, "fullyQualifiedName": obj}


def _locations(f: Finding, anchor: str | None) -> list[dict[str, Any]]:
    location: dict[str, Any] = {}
    if f.location is not None:
        location["physicalLocation"] = _physical_location(f.location)
    elif anchor:
        location["physicalLocation"] = _physical_location(Location(anchor))
    if f.object:
        location["logicalLocations"] = [_logical_location(f.object)]
    return [location] if location else []


def _rule(code: str, findings: list[Finding]) -> dict[str, Any]:
    first = findings[0]
    description = first.slug.replace("-", " ").capitalize() if first.slug else code
    rule: dict[str, Any] = {
        "id": code,
        "name": first.slug or code,
        "shortDescription": {"text": description},
        "defaultConfiguration": {"level": level(max(f.severity for f in findings))},
    }
    help_text = next((f.help for f in findings if f.help), "")
    if help_text:
        rule["help"] = {"text": help_text}
    return rule


def rules(findings: list[Finding]) -> list[dict[str, Any]]:
    """One rule per distinct code, sorted by code."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    return [_rule(code, by_code[code]) for code in sorted(by_code)]


def _properties(f: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {"severity": f.severity.label}
    if f.object:
        props["object"] = f.object
    if f.expected is not None:
        props["expected"] = f.expected
    if f.actual is not None:
        props["actual"] = f.actual
    return props


def result(f: Finding, rule_index: int, anchor: str | None = None) -> dict[str, Any]:
    """One SARIF result for a finding."""
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": f.message},
    }
    locations = _locations(f, anchor)
    if locations:
        out["locations"] = locations
    out["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(f)}
    out["properties"] = _properties(f)
    return out


def in_source(s: Suppressed) -> bool:
    """Whether the ignore was written in the analysed file itself: the reason quotes a
    `schemacheck: ignore` comment or names the finding's own file."""
    if _IGNORE_COMMENT.search(s.reason):
        return True
    return s.finding.location is not None and s.finding.location.path in s.reason


def suppression(s: Suppressed) -> dict[str, Any]:
    """`inSource` for an ignore comment in the file, `external` for any other ignore."""
    in_source_kind = in_source(s)
    return {
        "kind": "inSource" if in_source_kind else "external",
        "status": "accepted",
        "justification": s.reason,
    }


def _invocation(report: Report) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.not_checked:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": f"not checked: {item}"}}
            for item in report.not_checked
        ]
    return invocation


def _driver(rule_list: list[dict[str, Any]]) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "schemacheck", "version": __version__}
    if INFORMATION_URI:
        driver["informationUri"] = INFORMATION_URI
    driver["rules"] = rule_list
    return driver


def run(report: Report) -> dict[str, Any]:
    """The single SARIF run for a report."""
    everything = list(report.findings) + [s.finding for s in report.suppressed]
    rule_list = rules(everything)
    index = {rule["id"]: i for i, rule in enumerate(rule_list)}
    anchor = dict(report.meta).get("spec") or None
    results = [result(f, index[f.code], anchor) for f in report.findings]
    for s in report.suppressed:
        suppressed = result(s.finding, index[s.finding.code], anchor)
        suppressed["suppressions"] = [suppression(s)]
        results.append(suppressed)
    properties: dict[str, Any] = {"command": report.command}
    if report.target:
        properties["target"] = report.target
    return {
        "tool": {"driver": _driver(rule_list)},
        "invocations": [_invocation(report)],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": properties,
    }


def render(report: Report) -> str:
    document = {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run(report)]}
    return json.dumps(document, indent=2) + "\n"
