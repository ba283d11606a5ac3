"""Every lint rule against its data-driven cases (see `rulecases` for the format)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rulecases import CASES, Case, all_cases, files_of, found_lines, lint_root, read_case, roots

from schemacheck.lint import lint_paths
from schemacheck.rules import all_rules

CASE_LIST = all_cases()


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASE_LIST])
def test_case(case: Case) -> None:
    found = found_lines(case)
    expected: dict[str, list[int]] = defaultdict(list)
    for code, line in case.raised:
        expected[code].append(line)
    for code, lines in expected.items():
        assert found[code] == sorted(lines), f"{code}: expected on lines {sorted(lines)}"
    for code in case.absent:
        assert found[code] == [], f"{code} raised where the case says it must not be"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    raising: set[str] = set()
    passing: set[str] = set()
    for case in CASE_LIST:
        if case.xfail:
            continue
        raising.update(c for c, _ in case.raised)
        passing.update(case.absent)
    codes = [r.code for r in all_rules()]
    assert [c for c in codes if c not in raising] == [], "rules with no case that raises them"
    assert [c for c in codes if c not in passing] == [], "rules with no case that must pass"


def test_cases_name_only_known_rules_and_lint_cleanly() -> None:
    known = {r.code for r in all_rules()}
    for case in CASE_LIST:
        assert case.codes <= known, f"{case.id}: unknown {sorted(case.codes - known)}"
    for root in roots():
        crashed = [n for n in lint_root(root).not_checked if ": rule SC" in n]
        assert crashed == [], f"{root}: a rule failed"


def test_expect_lines_are_read_strictly(tmp_path: Path) -> None:
    bad = tmp_path / "x.sql"
    bad.write_text("-- expect: SC001 on line 3\nSELECT 1;\n")
    with pytest.raises(ValueError, match="cannot read"):
        read_case(bad, tmp_path)
    both = tmp_path / "y.sql"
    both.write_text("-- expect: SC001 at 2\n-- expect: none of SC001\nSELECT 1;\n")
    with pytest.raises(ValueError, match="both expected and excluded"):
        read_case(both, tmp_path)
    ctx = tmp_path / "z.sql"
    ctx.write_text("-- a forward migration\nSELECT 1;\n")
    assert read_case(ctx, tmp_path) is None


def test_every_case_file_belongs_to_a_linted_project() -> None:
    linted = {p for root in roots() for p in files_of(root)}
    on_disk = set(CASES.rglob("*.sql"))
    assert on_disk - linted == set()


def test_batch3_smoke_tests_1_and_2_raise_trigger_test_without_update(sql_dir: Path) -> None:
    report = lint_paths([sql_dir / "checks"], select=["SC038"])
    found = {(Path(f.location.path).name, f.location.line) for f in report.findings}
    expected = set()
    for name in ("smoke_1_oauth_connection.sql", "smoke_2_device_key_registration.sql"):
        text = (sql_dir / "checks" / name).read_text()
        select = text.rfind("SELECT", 0, text.index("updated_at > created_at"))
        expected.add((name, text.count("\n", 0, select) + 1))
    assert found == expected
