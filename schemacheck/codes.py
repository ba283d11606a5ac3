"""The finding codes that are not lint rules, for `schemacheck explain`: what the audit
(SC900-SC912), `check`'s database steps (SC920-SC929) and `lint --spec`'s coverage
(SC950-SC952) report, each with its slug, default severity and help."""

from __future__ import annotations

from dataclasses import dataclass

from schemacheck.findings import Severity


@dataclass(frozen=True)
class FindingCode:
    """A finding code of a command other than lint's rules."""

    code: str
    slug: str
    severity: Severity
    help: str
    reported_by: str  # the command(s) reporting it

    def explain(self) -> str:
        """Its page, Markdown."""
        return (
            f"# {self.code} `{self.slug}`\n\n"
            f"Default severity: **{self.severity.label}**. Reported by {self.reported_by}.\n\n"
            f"{self.help}\n"
        )


def finding_codes() -> dict[str, FindingCode]:
    """Every code of the audit, check and coverage, by code."""
    # imported here: `explain` of a lint rule needs none of them (check brings psycopg)
    from schemacheck import audit, check, compare, coverage

    out: list[FindingCode] = []
    for code, slug, severity, text in compare.RULES.values():
        out.append(FindingCode(code, slug, severity, text, "`audit`, `drift` and `check`"))
    for code, (slug, text) in audit.PREREQUISITE_RULES.items():
        out.append(FindingCode(code, slug, Severity.ERROR, text, "`audit` and `check`"))
    for code, (slug, text) in check.STEP_RULES.items():
        out.append(FindingCode(code, slug, check.step_severity(code), text, "`check`"))
    for code, slug, severity, text in coverage.RULES.values():
        out.append(FindingCode(code, slug, severity, text, "`lint --spec`"))
    return {c.code: c for c in out}


def find_code(code_or_slug: str) -> FindingCode | None:
    """The finding code of that code or slug, if any."""
    key = code_or_slug.strip()
    codes = finding_codes()
    return codes.get(key.upper()) or next(
        (c for c in codes.values() if c.slug == key.lower()), None
    )
