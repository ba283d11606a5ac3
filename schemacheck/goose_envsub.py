"""goose's ENVSUB, for `schemacheck check`.

goose substitutes environment references in the lines between `-- +goose ENVSUB ON` and
`-- +goose ENVSUB OFF` before it sends them (with github.com/mfridman/interpolate, one line at
a time). `envsub` does the same from check's own environment: `$VAR`, `${VAR}`,
`${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:offset[:length]}`,
`${VAR?message}` (unset: goose fails), `$$` and `\\$` for a `$`. An unset `$VAR` or `${VAR}`
becomes an empty string, as goose makes it, and is named (`UnsetVariable`); what goose refuses
(an unset `${VAR?...}`, a `$` not followed by a name) raises `EnvSubstitutionError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from schemacheck.errors import InputError

__all__ = ["GOOSE_ENVSUB", "GOOSE_UP", "EnvSubstitutionError", "UnsetVariable", "envsub"]


class EnvSubstitutionError(InputError):
    """goose would refuse to substitute the environment into a line (exit code 2): an unset
    variable written `${VAR?message}`, or a `$` not followed by a variable's name."""


@dataclass(frozen=True)
class UnsetVariable:
    """A variable goose's ENVSUB substitutes with an empty string, being unset: where."""

    path: str
    line: int
    name: str


# goose's annotations: a line starting with `--` that holds `+goose` (goose reads the rest,
# case-insensitively, after removing the `--` and the `+goose`)
GOOSE_ENVSUB = re.compile(r"^--[ \t]*\+goose[ \t]+envsub[ \t]+on[ \t]*\r?$", re.I | re.M)
GOOSE_UP = re.compile(r"^--[ \t]*\+goose[ \t]+up[ \t]*\r?$", re.I | re.M)


def _annotation(line: str) -> str | None:
    """The annotation a goose line holds, lower-cased with its spaces kept (`envsub on`,
    `statementbegin`), or None for a line that holds none."""
    if not line.strip().startswith("--") or "+goose" not in line:
        return None
    return line.replace("--", "").replace("+goose", "", 1).strip().lower()


def envsub(text: str, env: Mapping[str, str], source: str, notes: list[UnsetVariable]) -> str:
    """`text` (a goose migration) with the environment substituted into the lines goose
    substitutes: those between `-- +goose ENVSUB ON` and `OFF` that it sends (not the
    annotations, nor the comments and blank lines before a statement, which goose drops).
    Appends to `notes` each variable substituted empty because it is unset; raises
    EnvSubstitutionError (`file:line: ...`) where goose fails."""
    out: list[str] = []
    on = in_block = started = False
    empty = True  # no statement begun: goose drops comments and blank lines
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        cmd = _annotation(body)
        if cmd is not None:
            if cmd in ("up", "down"):
                started, empty = True, True
            elif cmd == "statementbegin":
                in_block = True
            elif cmd == "statementend":
                in_block, empty = False, True
            elif cmd in ("envsub on", "envsub off"):
                on = cmd == "envsub on"
            out.append(line)
            continue
        if (not started and not body.strip()) or (
            empty and (body.strip().startswith("--") or body == "")
        ):
            out.append(line)
            continue
        if on:
            body = _Interpolation(body, env, (source, number), notes).expand()
        out.append(body + ending)
        empty = False
        if not in_block and _ends_statement(body):
            empty = True
    return "".join(out)


def _ends_statement(line: str) -> bool:
    """goose's test for a line that ends a statement: its last word before a `--` word ends
    with `;`."""
    last = ""
    for word in line.split():
        if word.startswith("--"):
            break
        last = word
    return last.endswith(";")


class _Interpolation:
    """One line expanded as github.com/mfridman/interpolate does (its grammar, one pass)."""

    def __init__(
        self,
        text: str,
        env: Mapping[str, str],
        where: tuple[str, int],
        notes: list[UnsetVariable],
    ) -> None:
        self.text, self.env, self.where, self.notes = text, env, where, notes
        self.pos = 0

    def expand(self) -> str:
        return self._expression("")

    def _fail(self, what: str) -> EnvSubstitutionError:
        return EnvSubstitutionError(
            f"{self.where[0]}:{self.where[1]}: goose ENVSUB: {what}; goose refuses this line, "
            "so check does too"
        )

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _expression(self, stop: str) -> str:
        text, out = self.text, []
        while self.pos < len(text) and not (stop and text[self.pos] in stop):
            rest = text[self.pos : self.pos + 2]
            if rest == "\\\\":
                out.append("\\\\")
                self.pos += 2
            elif rest in ("\\$", "$$"):
                out.append("$")
                self.pos += 2
            elif rest == "$(":
                out.append("$(")
                self.pos += 2
            elif text[self.pos] == "$" and self.pos < len(text) - 1:
                out.append(self._expansion())
            else:
                start = self.pos
                self.pos += 1
                while self.pos < len(text) and text[self.pos] not in "$\\" + stop:
                    self.pos += 1
                out.append(text[start : self.pos])
        return "".join(out)

    def _identifier(self) -> str:
        start = self.pos
        if not self._peek().isalpha():
            found = self._peek() or "the end of the line"
            raise self._fail(f"a variable's name must start with a letter, found {found!r}")
        while self.pos < len(self.text) and (
            self.text[self.pos].isalnum() or self.text[self.pos] == "_"
        ):
            self.pos += 1
        return self.text[start : self.pos]

    def _value(self, name: str) -> str | None:
        return self.env.get(name)

    def _plain(self, name: str) -> str:
        value = self._value(name)
        if value is None:
            unset = UnsetVariable(*self.where, name)
            if unset not in self.notes:
                self.notes.append(unset)
            return ""
        return value

    def _expansion(self) -> str:
        self.pos += 1  # the `$`
        if self._peek() != "{":
            return self._plain(self._identifier())
        self.pos += 1
        name = self._identifier()
        op = self._peek()
        if op == "}":
            self.pos += 1
            return self._plain(name)
        self.pos += 1
        value = self._value(name)
        if op == ":" and self._peek() == "-":
            self.pos += 1
            word = self._expression("}")
            result = value or word
        elif op == "-":
            word = self._expression("}")
            result = word if value is None else value
        elif op == "?":
            message = self._expression("}")
            if value is None:
                raise self._fail(f"${name}: {message or 'not set'}")
            result = value
        elif op == ":":
            result = self._substring(name, value or "")
        else:
            raise self._fail(f"${{{name}{op}...}} is not an expansion goose knows")
        if self._peek() != "}":
            raise self._fail(f"${{{name}...}} is not closed with }}")
        self.pos += 1
        return result

    def _substring(self, name: str, value: str) -> str:
        def number(stops: str) -> int:
            start = self.pos
            while self.pos < len(self.text) and self.text[self.pos] not in stops:
                self.pos += 1
            try:
                return int(self.text[start : self.pos].strip())
            except ValueError:
                raise self._fail(
                    f"${{{name}:...}}: {self.text[start : self.pos]!r} is not a number "
                    "(goose does not support ${VAR:?message})"
                ) from None

        start = number(":}")
        start = max(0, start + len(value) if start < 0 else start)
        start = min(start, len(value))
        if self._peek() != ":":
            return value[start:]
        self.pos += 1
        length = number("}")
        end = start + length if length >= 0 else max(start, len(value) + length)
        return value[start : min(end, len(value))]
