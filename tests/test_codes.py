"""`schemacheck explain` knows the codes of the audit, check and lint --spec coverage (SC9xx)
as well as the lint rules: each code is one thing, and each page names its slug and
severity."""

from __future__ import annotations

import io

from schemacheck.check import STEP_RULES
from schemacheck.cli import run
from schemacheck.codes import finding_codes
from schemacheck.rules import all_rules


def test_every_code_is_one_thing() -> None:
    codes = finding_codes()
    assert set(STEP_RULES) <= set(codes)  # every check step's code is explained
    assert {"SC900", "SC901", "SC902", "SC910", "SC911", "SC912", "SC950"} <= set(codes)
    assert not set(codes) & {r.code for r in all_rules()}
    slugs = [c.slug for c in codes.values()] + [r.slug for r in all_rules()]
    assert len(slugs) == len(set(slugs))


def test_explain_prints_a_step_code_by_code_or_slug() -> None:
    for key in ("SC928", "sc928", "rollback-reorders-columns"):
        out, err = io.StringIO(), io.StringIO()
        assert run(["explain", key], out, err) == 0
        page = out.getvalue()
        assert page.startswith("# SC928 `rollback-reorders-columns`\n")
        assert "Default severity: **warning**. Reported by `check`." in page
    out, err = io.StringIO(), io.StringIO()
    assert run(["explain", "SC999"], out, err) == 2
    assert err.getvalue().count("\n") == 1 and "SC999" in err.getvalue()
