"""SARIF, GitHub annotations and JUnit XML: real content for known reports, and SARIF checked
against the official SARIF 2.1.0 JSON schema."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from schemacheck.findings import Finding, Location, Report, Severity, Suppressed
from schemacheck.report import FORMATS, github, junit, sarif

SHARED = Path(__file__).resolve().parents[2] / "shared"
SARIF_SCHEMA = SHARED / "schemas/sarif-schema-2.1.0.json"

CASCADE = Finding(
    "SC001",
    "drop-cascade",
    Severity.ERROR,
    "DROP TABLE ... CASCADE drops dependents, e.g. views: a, b",
    object="table public.users",
    location=Location("sql/118_rollback.sql", 3, 1),
    help="Drop each dependent explicitly.",
)
INDEX = Finding(
    "SC002",
    "index-not-concurrent",
    Severity.WARNING,
    "CREATE INDEX locks messages",
    location=Location("sql/119 up.sql", 12),
)
WINDOW = Finding(
    "SC003",
    "time-window-delete",
    Severity.INFO,
    "100% of rows\nwritten in the last minute",
    location=Location("sql\\checks.sql"),
)
MISSING = Finding(
    "SC901",
    "missing-object",
    Severity.ERROR,
    "table public.oauth_tokens is missing",
    object="table public.oauth_tokens",
    help="Apply migration 118.",
)
MISMATCH = Finding(
    "SC903",
    "mismatched-object",
    Severity.WARNING,
    "column public.users.email: type is text, expected character varying(255)",
    object="column public.users.email",
    expected="type: character varying(255)",
    actual="type: text",
)

EMPTY = Report("lint")
LINT = Report("lint", findings=(CASCADE, INDEX, WINDOW))
AUDIT = Report(
    "audit",
    findings=(MISSING, MISMATCH),
    target="app@db:5432/app",
    not_checked=("function bodies (no sqlglot dialect support)",),
)
AUDIT_WITH_SPEC = Report("audit", findings=(MISSING,), meta=(("spec", "expected/batch3.json"),))
SUPPRESSED = Report(
    "check",
    findings=(CASCADE,),
    suppressed=(
        Suppressed(MISSING, "ignored by 'public.*_tmp' (--ignore)"),
        Suppressed(INDEX, "ignored by a comment in sql/119 up.sql:11"),
    ),
)
REPORTS = {
    "empty": EMPTY,
    "lint": LINT,
    "audit": AUDIT,
    "audit-spec": AUDIT_WITH_SPEC,
    "suppressed": SUPPRESSED,
}


def test_formats_are_registered() -> None:
    assert FORMATS["sarif"] is sarif.render
    assert FORMATS["github"] is github.render
    assert FORMATS["junit"] is junit.render


# --- SARIF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: the official SARIF schema lives there")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    assert schema["$schema"] == cls.META_SCHEMA["$schema"]
    cls.check_schema(schema)
    return cls(schema, format_checker=FormatChecker())


# jsonschema checks the "uri" formats only with an optional package; check them here instead.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _uris(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [v for k, v in node.items() if k in {"uri", "informationUri"}]
        return found + [u for v in node.values() for u in _uris(v)]
    if isinstance(node, list):
        return [u for v in node for u in _uris(v)]
    return []


def _sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(sarif.render(report))
    return document


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_sarif_is_valid_against_the_official_schema(sarif_validator: Any, name: str) -> None:
    document = _sarif(REPORTS[name])
    errors = sorted(sarif_validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert all(URI_REFERENCE.match(uri) for uri in _uris(document))


def test_sarif_validator_rejects_a_broken_document(sarif_validator: Any) -> None:
    document = _sarif(LINT)
    document["runs"][0]["results"][0]["level"] = "fatal"
    del document["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(document))) == 2


def test_sarif_run_tool_and_rules() -> None:
    document = _sarif(LINT)
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "schemacheck"
    assert driver["version"]
    assert [r["id"] for r in driver["rules"]] == ["SC001", "SC002", "SC003"]
    rule = driver["rules"][0]
    assert rule["name"] == "drop-cascade"
    assert rule["shortDescription"] == {"text": "Drop cascade"}
    assert rule["help"] == {"text": "Drop each dependent explicitly."}
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [
        "error",
        "warning",
        "note",
    ]
    assert "help" not in driver["rules"][1]


def test_sarif_results_point_at_rules_and_files() -> None:
    run = _sarif(LINT)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    cascade, index, window = run["results"]
    assert cascade["level"] == "error"
    assert cascade["message"]["text"] == CASCADE.message
    (loc,) = cascade["locations"]
    assert loc["physicalLocation"] == {
        "artifactLocation": {"uri": "sql/118_rollback.sql", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 1},
    }
    assert loc["logicalLocations"] == [
        {"name": "public.users", "fullyQualifiedName": "public.users", "kind": "table"}
    ]
    assert index["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "sql/119%20up.sql", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12},
    }
    assert window["level"] == "note"
    assert window["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "sql/checks.sql", "uriBaseId": "%SRCROOT%"}
    }


def test_sarif_audit_findings_have_logical_locations_only() -> None:
    run = _sarif(AUDIT)["runs"][0]
    missing, mismatch = run["results"]
    assert missing["locations"] == [
        {
            "logicalLocations": [
                {
                    "name": "public.oauth_tokens",
                    "fullyQualifiedName": "public.oauth_tokens",
                    "kind": "table",
                }
            ]
        }
    ]
    assert mismatch["properties"]["expected"] == "type: character varying(255)"
    assert mismatch["properties"]["actual"] == "type: text"
    assert run["properties"] == {"command": "audit", "target": "app@db:5432/app"}
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == [
        "not checked: function bodies (no sqlglot dialect support)"
    ]


def test_sarif_anchors_live_objects_at_the_spec_file_when_known() -> None:
    (res,) = _sarif(AUDIT_WITH_SPEC)["runs"][0]["results"]
    (loc,) = res["locations"]
    assert loc["physicalLocation"] == {
        "artifactLocation": {"uri": "expected/batch3.json", "uriBaseId": "%SRCROOT%"}
    }
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "public.oauth_tokens"


def test_sarif_fingerprints_are_stable_and_distinct() -> None:
    first = _sarif(LINT)["runs"][0]["results"]
    again = _sarif(Report("lint", findings=(WINDOW, CASCADE, INDEX)))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["schemacheck/v1"] for r in first]
    assert len(set(prints)) == 3
    assert {r["partialFingerprints"]["schemacheck/v1"] for r in again} == set(prints)
    moved = Finding(
        CASCADE.code,
        CASCADE.slug,
        CASCADE.severity,
        CASCADE.message,
        CASCADE.object,
        Location("sql/118_rollback.sql", 40, 7),
    )
    assert sarif.fingerprint(moved) == sarif.fingerprint(CASCADE)
    other_file = Finding(CASCADE.code, CASCADE.slug, CASCADE.severity, CASCADE.message)
    assert sarif.fingerprint(other_file) != sarif.fingerprint(CASCADE)


def test_sarif_suppressions() -> None:
    run = _sarif(SUPPRESSED)["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SC001", "SC002", "SC901"]
    live, external, in_source = run["results"]
    assert "suppressions" not in live
    assert external["ruleId"] == "SC901"
    assert external["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "ignored by 'public.*_tmp' (--ignore)",
        }
    ]
    assert in_source["ruleId"] == "SC002"
    assert in_source["suppressions"][0]["kind"] == "inSource"


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("ignored by '-- schemacheck: ignore SC001 reviewed' (line 2)", "inSource"),
        ("ignored at sql/118_rollback.sql:2", "inSource"),
        ("ignored by 'SC001' (pyproject.toml [tool.schemacheck] ignore)", "external"),
        ("ignored by 'public.*' (expected/batch3.json ignore)", "external"),
    ],
)
def test_sarif_suppression_kind(reason: str, kind: str) -> None:
    assert sarif.suppression(Suppressed(CASCADE, reason))["kind"] == kind


def test_sarif_empty_report() -> None:
    run = _sarif(EMPTY)["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert "toolExecutionNotifications" not in run["invocations"][0]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("sql/a.sql", "sql/a.sql"),
        ("./sql/a.sql", "sql/a.sql"),
        ("sql\\sub\\a b.sql", "sql/sub/a%20b.sql"),
        ("sql/100%.sql", "sql/100%25.sql"),
        ("/abs/sql/a.sql", "file:///abs/sql/a.sql"),
        ("C:\\repo\\a.sql", "file:///C:/repo/a.sql"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri


# --- GitHub annotations ----------------------------------------------------------------------


def test_github_annotations_for_a_known_report() -> None:
    assert github.render(LINT).splitlines() == [
        "::error file=sql/118_rollback.sql,line=3,col=1,title=SC001 drop-cascade::"
        "DROP TABLE ... CASCADE drops dependents, e.g. views: a, b",
        "::warning file=sql/119 up.sql,line=12,title=SC002 index-not-concurrent::"
        "CREATE INDEX locks messages",
        "::notice file=sql/checks.sql,title=SC003 time-window-delete::"
        "100%25 of rows%0Awritten in the last minute",
        "schemacheck lint: 3 findings (1 error, 1 warning, 1 info)",
    ]


def test_github_findings_without_a_file_have_no_file_property() -> None:
    assert github.render(AUDIT).splitlines() == [
        "::error title=SC901 missing-object::table public.oauth_tokens is missing",
        "::warning title=SC903 mismatched-object::"
        "column public.users.email: type is text, expected character varying(255)",
        "not checked: function bodies (no sqlglot dialect support)",
        "schemacheck audit: 2 findings (1 error, 1 warning, 0 info)",
    ]


def test_github_escapes_properties_and_data() -> None:
    nasty = Finding(
        "SC1,2",
        "a:b",
        Severity.WARNING,
        "50% done\r\nnext, line: ::error::x",
        location=Location("dir,x/a:b%.sql", 2, 3),
    )
    assert github.annotation(nasty) == (
        "::warning file=dir%2Cx/a%3Ab%25.sql,line=2,col=3,title=SC1%2C2 a%3Ab::"
        "50%25 done%0D%0Anext, line: ::error::x"
    )
    assert github.escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"
    assert github.escape_data("%\r\n:,") == "%25%0D%0A:,"


def test_github_summary_counts_ignored_and_flattens_plain_lines() -> None:
    report = Report("check", suppressed=(Suppressed(MISSING, "ignored"),), not_checked=("a\n::b",))
    assert github.render(report).splitlines() == [
        "not checked: a ::b",
        "schemacheck check: 0 findings (0 error, 0 warning, 0 info), 1 ignored",
    ]


# --- JUnit XML -------------------------------------------------------------------------------


def _junit(report: Report) -> ET.Element:
    text = junit.render(report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def _counts(node: ET.Element) -> dict[str, str]:
    return {k: node.attrib[k] for k in ("tests", "failures", "errors", "skipped")}


def test_junit_one_suite_with_a_testcase_per_finding() -> None:
    root = _junit(LINT)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.attrib["name"] == "schemacheck lint"
    expected = {"tests": "3", "failures": "2", "errors": "0", "skipped": "0"}
    assert _counts(suite) == expected
    assert _counts(root) == expected
    cases = suite.findall("testcase")
    assert [(c.attrib["classname"], c.attrib["name"]) for c in cases] == [
        ("sql/118_rollback.sql", "SC001 drop-cascade"),
        ("sql/119 up.sql", "SC002 index-not-concurrent"),
        ("sql/checks.sql", "SC003 time-window-delete"),
    ]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.attrib == {"type": "error", "message": CASCADE.message}
    assert failure.text is not None
    assert "at sql/118_rollback.sql:3:1" in failure.text
    assert "help: Drop each dependent explicitly." in failure.text
    second = cases[1].find("failure")
    assert second is not None
    assert second.attrib["type"] == "warning"
    assert cases[2].find("failure") is None
    out = cases[2].find("system-out")
    assert out is not None
    assert out.text is not None
    assert out.text.startswith("100% of rows\nwritten")


def test_junit_groups_by_file_or_object() -> None:
    report = Report("check", findings=(MISSING, INDEX, CASCADE, MISMATCH))
    cases = _junit(report).findall("testsuite/testcase")
    assert [c.attrib["classname"] for c in cases] == [
        "column public.users.email",
        "sql/118_rollback.sql",
        "sql/119 up.sql",
        "table public.oauth_tokens",
    ]


def test_junit_clean_report_has_one_passing_testcase() -> None:
    (suite,) = _junit(EMPTY).findall("testsuite")
    assert _counts(suite) == {"tests": "1", "failures": "0", "errors": "0", "skipped": "0"}
    (case,) = suite.findall("testcase")
    assert case.attrib == {"classname": "schemacheck.lint", "name": "no findings"}
    assert list(case) == []


def test_junit_suppressed_findings_are_skipped() -> None:
    (suite,) = _junit(SUPPRESSED).findall("testsuite")
    assert _counts(suite) == {"tests": "3", "failures": "1", "errors": "0", "skipped": "2"}
    skipped = [c for c in suite.findall("testcase") if c.find("skipped") is not None]
    reasons = [c.find("skipped").attrib["message"] for c in skipped]  # type: ignore[union-attr]
    assert reasons == [
        "ignored by a comment in sql/119 up.sql:11",
        "ignored by 'public.*_tmp' (--ignore)",
    ]


def test_junit_escapes_markup_and_control_characters() -> None:
    nasty = Finding(
        "SC9",
        "x",
        Severity.ERROR,
        'a < b & "c" \x1b[31m\nnext',
        object='table public."we<ird>"',
    )
    report = Report("audit", findings=(nasty,), target="u@h/<db>", not_checked=("x & y",))
    suite = _junit(report).find("testsuite")
    assert suite is not None
    props = {p.attrib["name"]: p.attrib["value"] for p in suite.iter("property")}
    assert props == {"target": "u@h/<db>", "not_checked": "x & y"}
    case = suite.find("testcase")
    assert case is not None
    assert case.attrib["classname"] == 'table public."we<ird>"'
    failure = case.find("failure")
    assert failure is not None
    assert failure.attrib["message"] == 'a < b & "c" \\x1b[31m\nnext'


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_json_is_the_documented_document(name: str) -> None:
    from schemacheck.report import json_format

    report = REPORTS[name]
    text = FORMATS["json"](report)
    assert text.endswith("}\n") and text.startswith('{\n  "report_version": 1,')
    document = json.loads(text)
    assert document == json.loads(json.dumps(json_format.report_dict(report)))
    assert document["summary"]["findings"] == len(report.findings)
    assert [f["code"] for f in document["findings"]] == [f.code for f in report.findings]


def test_json_keeps_non_ascii_text_as_utf8() -> None:
    finding = Finding("SC003", "ban-cascade", Severity.ERROR, "drops «Grüße» — and more")
    text = FORMATS["json"](Report("lint", findings=(finding,)))
    assert "«Grüße» — and more" in text
    assert json.loads(text)["findings"][0]["message"] == finding.message
