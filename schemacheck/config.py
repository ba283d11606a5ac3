"""Configuration: `[tool.schemacheck]` in pyproject.toml, with command-line flags on top.

The file is the one given explicitly, or the nearest `pyproject.toml` found by walking up from
the current directory (the walk stops at the first one, with or without the table). No file, or
a file without the table, means the defaults. Every mistake is one `UsageError` line naming the
file and the key (`pyproject.toml: [tool.schemacheck] fail-on: ...`), or file:line for TOML
that does not parse.

    [tool.schemacheck]
    select = ["SC001", "ban-cascade"]              # only these rules (default: all)
    ignore = ["SC003"]                           # never these rules
    severity = { SC002 = "error", ban-cascade = "off" }
    fail-on = "warning"                          # error, warning, info or never
    target-version = 16                          # PostgreSQL major, 10..18
    paths = ["sql"]                              # relative to this pyproject.toml
    spec = "expected/batch3.json"                # relative to this pyproject.toml
    audit.ignore = ["public.*_tmp", "kind=index"]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from schemacheck.errors import UsageError
from schemacheck.findings import Severity
from schemacheck.ignore import IgnoreRule

PYPROJECT = "pyproject.toml"
TABLE = "[tool.schemacheck]"
SEVERITIES = ("error", "warning", "info", "off")
FAIL_ON = ("error", "warning", "info", "never")
TARGET_VERSIONS = range(10, 19)
KEYS = ("select", "ignore", "severity", "fail-on", "target-version", "paths", "spec", "audit")
AUDIT_KEYS = ("ignore",)

_Check = Callable[[Any, str], Any]
_RULE_ID = re.compile(r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$")
_TOML_PLACE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


@dataclass(frozen=True)
class Config:
    """Settings for one run. `None` means "not set": the command's own default applies.

    `severity` maps a rule code or slug to error, warning, info or off. `paths` and `spec` from
    the file are resolved against the pyproject's directory; from the command line they stay as
    given. `source` is the file the settings came from, if any."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    target_version: int | None = None
    paths: tuple[Path, ...] = ()
    spec: Path | None = None
    audit_ignore: tuple[str, ...] = ()
    source: Path | None = None

    def _setting(self, code: str, slug: str) -> str | None:
        settings = {key.lower(): value for key, value in self.severity}
        return settings.get(code.lower()) or settings.get(slug.lower())

    def enabled(self, code: str, slug: str) -> bool:
        """Whether a rule runs: selected (or no selection), not ignored, not set to off."""
        names = {code.lower(), slug.lower()}
        if self.select and not names & {s.lower() for s in self.select}:
            return False
        if names & {i.lower() for i in self.ignore}:
            return False
        return self._setting(code, slug) != "off"

    def severity_for(self, code: str, slug: str, default: Severity) -> Severity | None:
        """The configured severity of a rule (its code wins over its slug); None when off."""
        setting = self._setting(code, slug)
        if setting is None:
            return default
        return None if setting == "off" else Severity.parse(setting)

    def audit_ignore_rules(self) -> tuple[IgnoreRule, ...]:
        """The `audit.ignore` patterns as ignore rules that name where they came from."""
        origin = f"{_display(self.source)} audit.ignore" if self.source else "audit.ignore"
        return tuple(IgnoreRule.parse(text, origin) for text in self.audit_ignore)


# --- value checks, shared by the file and the command line ----------------------------------


def _type_name(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    names |= {list: "an array", dict: "a table"}
    return names.get(type(value), f"a {type(value).__name__}")


def _bad(where: str, message: str) -> UsageError:
    return UsageError(f"{where}: {message}")


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _bad(where, f"expected a string, got {_type_name(value)}")
    if not value.strip():
        raise _bad(where, "must not be empty")
    return value.strip()


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _bad(where, f"expected an array of strings, got {_type_name(value)}")
    return tuple(_string(item, f"{where}[{i}]") for i, item in enumerate(value))


def _rule_id(value: str, where: str) -> str:
    if not _RULE_ID.match(value):
        raise _bad(where, f"{value!r} is not a rule code or slug")
    return value


def _rule_ids(value: object, where: str) -> tuple[str, ...]:
    items = _strings(value, where)
    return tuple(_rule_id(item, f"{where}[{i}]") for i, item in enumerate(items))


def _choice(value: object, where: str, choices: tuple[str, ...], what: str) -> str:
    text = _string(value, where).lower()
    if text not in choices:
        raise _bad(where, f"unknown {what} {value!r} ({', '.join(choices)})")
    return text


def _severities(value: object, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _bad(where, f"expected a table of rule = severity, got {_type_name(value)}")
    return tuple(
        (_rule_id(key, f"{where}.{key}"), _choice(level, f"{where}.{key}", SEVERITIES, "severity"))
        for key, level in value.items()
    )


def _fail_on(value: object, where: str) -> str:
    return _choice(value, where, FAIL_ON, "value")


def _target_version(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(where, f"expected an integer, got {_type_name(value)}")
    if value not in TARGET_VERSIONS:
        low, high = TARGET_VERSIONS[0], TARGET_VERSIONS[-1]
        raise _bad(where, f"PostgreSQL {value} is not supported ({low}..{high})")
    return value


def _ignore_patterns(value: object, where: str) -> tuple[str, ...]:
    items = _strings(value, where)
    for i, item in enumerate(items):
        IgnoreRule.parse(item, f"{where}[{i}]")
    return items


def _unknown_keys(table: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in known:
            close = get_close_matches(key.replace("_", "-"), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
            raise _bad(f"{where}{key}", f"unknown key{hint}")


# --- the file -----------------------------------------------------------------------------


def _display(path: Path) -> str:
    """A path as the user would write it: relative to the current directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in `start` or a directory above it."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / PYPROJECT
        if candidate.is_file():
            return candidate
    return None


def _toml_error(name: str, text: str, exc: tomllib.TOMLDecodeError) -> UsageError:
    message = str(exc)
    match = _TOML_PLACE.search(message)
    if match is None:
        return UsageError(f"{name}: invalid TOML: {message}")
    line = match.group(1) or str(max(1, len(text.splitlines())))
    column = f":{match.group(2)}" if match.group(2) else ""
    return UsageError(f"{name}:{line}{column}: invalid TOML: {message[: match.start()]}")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; unreadable, not UTF-8 or invalid -> one UsageError line."""
    name = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"{name}:{line}: invalid TOML: not UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(name, text, exc) from None


def _section(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise _bad(f"{name}: tool", f"expected a table, got {_type_name(tool)}")
    section = tool.get("schemacheck")
    if section is not None and not isinstance(section, dict):
        raise _bad(f"{name}: {TABLE}", f"expected a table, got {_type_name(section)}")
    return section


def _audit_ignore(section: dict[str, Any], where: str) -> tuple[str, ...]:
    audit = section.get("audit", {})
    if not isinstance(audit, dict):
        raise _bad(f"{where}audit", f"expected a table, got {_type_name(audit)}")
    _unknown_keys(audit, AUDIT_KEYS, f"{where}audit.")
    return _ignore_patterns(audit.get("ignore", []), f"{where}audit.ignore")


def _optional(section: dict[str, Any], key: str, check: _Check, where: str) -> Any:
    value = section.get(key)
    return None if value is None else check(value, f"{where}{key}")


def _from_section(section: dict[str, Any], path: Path) -> Config:
    where = f"{_display(path)}: {TABLE} "
    _unknown_keys(section, KEYS, where)
    base = path.resolve().parent
    spec: str | None = _optional(section, "spec", _string, where)
    return Config(
        select=_rule_ids(section.get("select", []), f"{where}select"),
        ignore=_rule_ids(section.get("ignore", []), f"{where}ignore"),
        severity=_severities(section.get("severity", {}), f"{where}severity"),
        fail_on=_optional(section, "fail-on", _fail_on, where),
        target_version=_optional(section, "target-version", _target_version, where),
        paths=tuple(base / p for p in _strings(section.get("paths", []), f"{where}paths")),
        spec=None if spec is None else base / spec,
        audit_ignore=_audit_ignore(section, where),
        source=path,
    )


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Read `[tool.schemacheck]` from `explicit`, or from the nearest pyproject.toml above
    `start` (default: the current directory). Missing file or table -> the defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"{explicit}: no such file")
        path: Path | None = explicit
    else:
        path = find_pyproject(start if start is not None else Path.cwd())
    if path is None:
        return Config()
    section = _section(read_toml(path), _display(path))
    return Config() if section is None else _from_section(section, path)


# --- the command line ---------------------------------------------------------------------


def _split(values: Iterable[str]) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _as_list(value: object) -> list[Any]:
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list | tuple) else [value]


_FLAGS: tuple[tuple[str, str, _Check], ...] = (
    ("select", "--select", lambda v, w: _rule_ids(_split(_as_list(v)), w)),
    ("ignore", "--ignore", lambda v, w: _rule_ids(_split(_as_list(v)), w)),
    ("fail_on", "--fail-on", _fail_on),
    ("target_version", "--target-version", lambda v, w: _target_version(_int(v), w)),
    ("paths", "PATH", lambda v, w: tuple(Path(p) for p in _strings(_as_list(v), w))),
    ("spec", "--spec", lambda v, w: Path(_string(str(v), w))),
    ("audit_ignore", "--ignore", lambda v, w: _ignore_patterns(_as_list(v), w)),
)


def _int(value: object) -> object:
    """A flag's text as an integer when it is one (argparse may not have converted it)."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def _given(value: object) -> bool:
    """Given on the command line: not None, and not the empty list argparse gives for a
    repeatable flag or an optional positional left out."""
    return value is not None and value != [] and value != ()


def merge_cli(config: Config, args: argparse.Namespace) -> Config:
    """Flags that were given override the file. Reads the attributes `select`, `ignore`
    (rule codes), `fail_on`, `target_version`, `paths`, `spec` and `audit_ignore` (object
    patterns) when present; each is checked as strictly as in the file."""
    changes: dict[str, Any] = {}
    for attribute, flag, check in _FLAGS:
        value = getattr(args, attribute, None)
        if _given(value):
            changes[attribute] = check(value, flag)
    return dataclasses.replace(config, **changes)
