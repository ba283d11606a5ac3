"""Each rule's documentation page is a test: its `## Bad` example raises the rule, its
`## Good` example does not.

Examples are linted as a migration file (`migrations/100_doc.sql`), as a check script
(`checks/doc.sql`) for rules that only look at check and other files, or, when the page has a
`## Forward migration` block, as the rollback (`rollbacks/100_doc.rollback.sql`) of that
migration. A page's `## Other migration` block is linted beside the example, and an example
(or that block) whose first line is `-- file: PATH` is linted as PATH. Bytes that cannot sit
in a docstring are written `<0xE9>`.
"""

from __future__ import annotations

import re

import pytest

from schemacheck.ddl import parse_bytes
from schemacheck.ddl.statement import SqlFile
from schemacheck.lint import lint_files
from schemacheck.rules import Rule, all_rules, explain

RULES = all_rules()
_BLOCK = re.compile(r"^## (?P<title>[^\n]+)\n+```(?P<lang>\w*)\n(?P<body>.*?)\n```", re.M | re.S)
_BYTE = re.compile(r"<0x([0-9A-Fa-f]{2})>")
_FILE_LINE = re.compile(r"^-- file: (\S+)")


def blocks(doc: str) -> dict[str, tuple[str, str]]:
    """section title -> (fence language, the first fenced block right under the title)."""
    found = _BLOCK.finditer(doc)
    return {m.group("title").strip(): (m.group("lang"), m.group("body")) for m in found}


def _raw(sql: str) -> bytes:
    out = b""
    pos = 0
    for m in _BYTE.finditer(sql):
        out += sql[pos : m.start()].encode("utf-8") + bytes([int(m.group(1), 16)])
        pos = m.end()
    return out + sql[pos:].encode("utf-8")


def doc_files(rule: Rule, example: str) -> tuple[list[SqlFile], str]:
    """The files to lint for one example, and the path of the example among them."""
    found = blocks(rule.doc)
    files = []
    if "Other migration" in found:  # a migration beside the example (its path on line 1)
        other = found["Other migration"][1]
        files.append(parse_bytes(_raw(other), _path_of(other, "migrations/099_other.sql")))
    if "Forward migration" in found:
        forward = parse_bytes(_raw(found["Forward migration"][1]), "migrations/100_doc.sql")
        path = "rollbacks/100_doc.rollback.sql"
        return [*files, forward, parse_bytes(_raw(example), path)], path
    path = "migrations/100_doc.sql" if "migration" in rule.roles else "checks/doc.sql"
    path = _path_of(example, path)
    return [*files, parse_bytes(_raw(example), path)], path


def _path_of(example: str, default: str) -> str:
    """The path an example names on its first line (`-- file: migrations/101_doc.sql`)."""
    m = _FILE_LINE.match(example)
    return m.group(1) if m else default


def raised_in(rule: Rule, example: str) -> list[str]:
    files, path = doc_files(rule, example)
    report = lint_files(files)
    return [f.message for f in report.findings if f.code == rule.code and f.location.path == path]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_page_has_bad_and_good_sql(rule: Rule) -> None:
    found = blocks(rule.doc)
    for title in ("Bad", "Good"):
        assert title in found, f"{rule.code}: no `## {title}` block"
        assert found[title][0] == "sql", f"{rule.code}: the {title} block is not ```sql"
    assert explain(rule.code).count("```sql") >= 2


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_raises_the_rule(rule: Rule) -> None:
    assert raised_in(rule, blocks(rule.doc)["Bad"][1]) != []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_good_example_does_not_raise_the_rule(rule: Rule) -> None:
    assert raised_in(rule, blocks(rule.doc)["Good"][1]) == []
