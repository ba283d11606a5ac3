"""Findings: frozen data that every formatter renders and nothing else computes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `>=` means "at least as serious as"."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return (
                f"{self.path}:{self.line}:{self.column}"
                if self.column
                else f"{self.path}:{self.line}"
            )
        return self.path


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how serious, on what object or where, and what to do."""

    code: str
    slug: str
    severity: Severity
    message: str
    object: str = ""
    location: Location | None = None
    help: str = ""
    expected: str | None = None
    actual: str | None = None


@dataclass(frozen=True)
class Suppressed:
    """A finding that an ignore rule hid, with the rule that hid it: listed, never lost."""

    finding: Finding
    reason: str


@dataclass(frozen=True)
class Report:
    """The outcome of one command: findings, what was deliberately ignored, and what the
    tool could not check (reported, never counted as equal)."""

    command: str
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()
    not_checked: tuple[str, ...] = ()
    target: str = ""
    meta: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @staticmethod
    def sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
        return tuple(
            sorted(
                findings,
                key=lambda f: (
                    f.location.path if f.location else "",
                    f.location.line if f.location else 0,
                    -f.severity,
                    f.code,
                    f.object,
                ),
            )
        )

    def at_or_above(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity >= severity)
