"""`schemacheck rules` lists the lint rule catalogue; `schemacheck explain RULE` prints one
rule's documentation page (what it catches, why, a bad and a good example), or for a code of
the audit, `check` or `lint --spec` (SC9xx) its slug, severity and help."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from schemacheck.errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from schemacheck.rules import Rule


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("rules", help="list the lint rules")
    p.add_argument("--format", default="table", choices=("table", "json"), help="output format")
    p.set_defaults(handler=handle_rules)
    e = sub.add_parser(
        "explain", help="print a lint rule's documentation page, or what an SC9xx code means"
    )
    e.add_argument("rule", metavar="RULE", help="rule or finding code (SC001, SC921) or slug")
    e.set_defaults(handler=handle_explain)


def _roles(r: Rule) -> list[str]:
    from schemacheck.ddl import ROLE_ORDER

    return sorted(r.roles, key=lambda role: ROLE_ORDER[role])


def handle_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.rules import all_rules

    rules = all_rules()
    if args.format == "json":
        rows = [
            {
                "code": r.code,
                "slug": r.slug,
                "severity": r.severity.label,
                "applies_to": _roles(r),
                "help": r.help,
            }
            for r in rules
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_OK
    table = [(r.code, r.slug, r.severity.label, ", ".join(_roles(r)), r.help) for r in rules]
    headers = ("code", "slug", "severity", "applies to", "help")
    from tabulate import tabulate  # only for the text table

    out.write(tabulate(table, headers=headers, maxcolwidths=[None, None, None, 24, 60]) + "\n")
    out.write(f"\n{len(rules)} rules; `schemacheck explain CODE` prints one rule's page\n")
    return EXIT_OK


def handle_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.rules import find_rule

    found = find_rule(args.rule)
    if found is not None:
        out.write(found.explain())
        return EXIT_OK
    from schemacheck.codes import find_code  # audit, check and coverage codes (SC9xx)

    code = find_code(args.rule)
    if code is None:
        raise UsageError(f"explain: unknown rule {args.rule!r} (see `schemacheck rules`)")
    out.write(code.explain())
    return EXIT_OK
