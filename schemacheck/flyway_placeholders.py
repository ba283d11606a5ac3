"""Flyway's placeholder replacement, for `schemacheck check`.

Flyway replaces `${name}` in a SQL migration's text (its statements, strings and comments
alike) before it sends the migration: its default placeholders (`${flyway:defaultSchema}`,
`${flyway:user}`, `${flyway:database}`, `${flyway:timestamp}`, `${flyway:filename}`,
`${flyway:workingDirectory}`, `${flyway:table}`, `${flyway:environment}`) and the user's
(`flyway.placeholders.<name>`), names matched whatever their case. A placeholder without a
value makes Flyway refuse the migration ("No value provided for placeholder"), and so it does
`check` (`PlaceholderError`, one line naming the file, the line and the placeholder).

Where the values come from (`read_settings`), later ones winning:

- the `flyway.conf` and `flyway.toml` files of the migration's folder and of each folder above
  it up to the repository's root (the first folder holding `.git`; without one, the
  filesystem's root), the farthest read first, so the nearest file wins, and in one folder
  `flyway.toml` after `flyway.conf`. In `flyway.conf`: `flyway.placeholders.<name>=value`,
  `flyway.placeholderReplacement`, `flyway.placeholderPrefix`, `flyway.placeholderSuffix`,
  `flyway.placeholderSeparator`, `flyway.defaultSchema`, `flyway.schemas`, `flyway.table`,
  `flyway.environment`, and `${VAR}` in a value from the environment. In `flyway.toml` the
  same keys under `[flyway]`, `[flyway.placeholders]`, the chosen environment's `schemas`
  (`[environments.<name>]`) and its own `[environments.<name>.flyway]` settings, and
  `${env.VAR}` in a value from the environment;
- the environment: `FLYWAY_PLACEHOLDERS_<NAME>`, `FLYWAY_PLACEHOLDER_REPLACEMENT`,
  `FLYWAY_PLACEHOLDER_PREFIX`, `FLYWAY_PLACEHOLDER_SUFFIX`, `FLYWAY_PLACEHOLDER_SEPARATOR`,
  `FLYWAY_DEFAULT_SCHEMA`, `FLYWAY_SCHEMAS`, `FLYWAY_TABLE`, `FLYWAY_ENVIRONMENT`.

The default placeholders take what check knows: the database and user of the connection, the
default schema configured (else the first of `schemas`, else `public`), the migration file's
name, this process's working directory, the history table configured (else
`flyway_schema_history`) and the environment configured (else `default`).
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg.conninfo

from schemacheck.config import read_toml
from schemacheck.errors import InputError, UsageError

__all__ = [
    "DEFAULT_PLACEHOLDERS",
    "FlywaySettings",
    "PlaceholderError",
    "config_files",
    "flyway_migration",
    "read_settings",
    "substitute",
    "substitute_migration",
]

CONF_NAMES = ("flyway.conf", "flyway.toml")
DEFAULT_PLACEHOLDERS = (
    "defaultSchema",
    "user",
    "database",
    "timestamp",
    "filename",
    "workingDirectory",
    "table",
    "environment",
)
# Flyway's default names for SQL migrations: versioned `V1__x.sql`, undo `U1__x.sql`,
# repeatable `R__x.sql`
_FLYWAY_NAME = re.compile(r"^(?:[VvUu]\d+(?:[._]\d+)*|R)__.*\.sql$")


class PlaceholderError(InputError):
    """A placeholder Flyway would find no value for: Flyway refuses the migration."""


@dataclass(frozen=True)
class FlywaySettings:
    """What Flyway's placeholder replacement needs from its configuration. `placeholders` is
    keyed by the lower-cased name (Flyway matches names whatever their case); `sources` names
    the configuration files read, the nearest last."""

    replacement: bool = True
    prefix: str = "${"
    suffix: str = "}"
    separator: str = ":"
    placeholders: Mapping[str, str] = field(default_factory=dict)
    default_schema: str | None = None
    schemas: tuple[str, ...] = ()
    table: str = "flyway_schema_history"
    environment: str = "default"
    sources: tuple[str, ...] = ()

    @property
    def schema(self) -> str:
        """The schema `${flyway:defaultSchema}` stands for."""
        return self.default_schema or (self.schemas[0] if self.schemas else "public")


def flyway_migration(path: str | os.PathLike[str]) -> bool:
    """Whether a file is named as Flyway names its SQL migrations (`V1__x.sql`, `U1__x.sql`,
    `R__x.sql`): Flyway replaces placeholders in such a file."""
    return _FLYWAY_NAME.match(Path(path).name) is not None


def config_files(path: str | os.PathLike[str]) -> list[Path]:
    """The Flyway configuration files that hold for the migration at `path`, the farthest
    first: `flyway.conf` then `flyway.toml` of each folder from the repository's root (the
    first folder above holding `.git`, else the filesystem's root) down to the file's own."""
    here = Path(path).resolve().parent
    chain: list[Path] = []
    for folder in (here, *here.parents):
        chain.append(folder)
        if (folder / ".git").exists():
            break
    return [
        folder / name
        for folder in reversed(chain)
        for name in CONF_NAMES
        if (folder / name).is_file()
    ]


def read_settings(
    path: str | os.PathLike[str], environ: Mapping[str, str] | None = None
) -> FlywaySettings:
    """The settings for the migration at `path`: its configuration files (`config_files`),
    then the environment (`environ`, default: this process's). UsageError (one line, the
    file and line) for a file that cannot be read or a value Flyway would not take."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    placeholders: dict[str, str] = {}
    sources: list[str] = []
    for conf in config_files(path):
        sources.append(str(conf))
        if conf.suffix == ".toml":
            _read_toml_settings(conf, env, values, placeholders)
        else:
            _read_conf_settings(conf, env, values, placeholders)
    for key, value in env.items():
        if key.startswith("FLYWAY_PLACEHOLDERS_") and len(key) > len("FLYWAY_PLACEHOLDERS_"):
            placeholders[key[len("FLYWAY_PLACEHOLDERS_") :].lower()] = value
        elif key in _ENV_KEYS:
            values[_ENV_KEYS[key]] = (
                _split_schemas(value) if key == "FLYWAY_SCHEMAS" else value,
                f"environment variable {key}",
            )
    settings = FlywaySettings(placeholders=placeholders, sources=tuple(sources))
    for key, (value, where) in values.items():
        settings = _apply(settings, key, value, where)
    return settings


_ENV_KEYS = {
    "FLYWAY_PLACEHOLDER_REPLACEMENT": "placeholderReplacement",
    "FLYWAY_PLACEHOLDER_PREFIX": "placeholderPrefix",
    "FLYWAY_PLACEHOLDER_SUFFIX": "placeholderSuffix",
    "FLYWAY_PLACEHOLDER_SEPARATOR": "placeholderSeparator",
    "FLYWAY_DEFAULT_SCHEMA": "defaultSchema",
    "FLYWAY_SCHEMAS": "schemas",
    "FLYWAY_TABLE": "table",
    "FLYWAY_ENVIRONMENT": "environment",
}
_KNOWN_KEYS = frozenset(_ENV_KEYS.values())


def _apply(settings: FlywaySettings, key: str, value: Any, where: str) -> FlywaySettings:
    if key == "placeholderReplacement":
        return replace(settings, replacement=_boolean(value, where))
    if key == "schemas":
        return replace(settings, schemas=tuple(_text(v, where) for v in value))
    text = _text(value, where)
    if key in ("placeholderPrefix", "placeholderSuffix") and not text:
        raise UsageError(f"{where}: {key}: Flyway needs a non-empty value")
    if key == "placeholderPrefix":
        return replace(settings, prefix=text)
    if key == "placeholderSuffix":
        return replace(settings, suffix=text)
    if key == "placeholderSeparator":
        return replace(settings, separator=text)
    if key == "defaultSchema":
        return replace(settings, default_schema=text)
    if key == "table":
        return replace(settings, table=text)
    return replace(settings, environment=text)


def _boolean(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise UsageError(f"{where}: placeholderReplacement: expected true or false, got {value!r}")


def _text(value: Any, where: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise UsageError(f"{where}: expected a string, got {type(value).__name__}")


def _split_schemas(value: str) -> list[str]:
    return [s.strip() for s in value.split(",") if s.strip()]


# `${VAR}` in a flyway.conf value, `${env.VAR}` in a flyway.toml value: from the environment
_CONF_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TOML_ENV = re.compile(r"\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}")


def _from_env(value: str, pattern: re.Pattern[str], env: Mapping[str, str]) -> str:
    return pattern.sub(lambda m: env.get(m.group(1), m.group(0)), value)


def _read_conf_settings(
    conf: Path,
    env: Mapping[str, str],
    values: dict[str, Any],
    placeholders: dict[str, str],
) -> None:
    try:
        text = conf.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise UsageError(f"{conf}: cannot read: {reason or exc}") from None
    for line, key, value in _properties(text):
        value = _from_env(value, _CONF_ENV, env)
        where = f"{conf}:{line}"
        if key.startswith("flyway.placeholders.") and len(key) > len("flyway.placeholders."):
            placeholders[key[len("flyway.placeholders.") :].lower()] = value
        elif key.startswith("flyway.") and key[len("flyway.") :] in _KNOWN_KEYS:
            name = key[len("flyway.") :]
            values[name] = (_split_schemas(value) if name == "schemas" else value, where)


# a properties line's key ends at the first unescaped `=`, `:` or whitespace
_KEY_END = re.compile(r"(?<!\\)(?:\s*[=:]\s*|\s+)")


def _properties(text: str) -> list[tuple[int, str, str]]:
    """The key/value pairs of a Java properties file (as Flyway reads `flyway.conf`), each
    with the line it starts on: `#` and `!` comments, `=`, `:` or whitespace between key and
    value, a line ending in `\\` continued on the next."""
    pairs: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = i
        logical = lines[i].lstrip()
        i += 1
        if not logical or logical[0] in "#!":
            continue
        while _continued(logical) and i < len(lines):
            logical = logical[:-1] + lines[i].lstrip()
            i += 1
        if _continued(logical):
            logical = logical[:-1]
        m = _KEY_END.search(logical)
        key, value = (logical[: m.start()], logical[m.end() :]) if m else (logical, "")
        pairs.append((start + 1, _unescape(key), _unescape(value)))
    return pairs


def _continued(line: str) -> bool:
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        c = m.group(1)
        if c.startswith("u") and len(c) == 5:
            return chr(int(c[1:], 16))
        return {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(c, c)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", one, text)


def _read_toml_settings(
    conf: Path,
    env: Mapping[str, str],
    values: dict[str, Any],
    placeholders: dict[str, str],
) -> None:
    data = read_toml(conf)
    flyway = _table(data.get("flyway", {}), f"{conf}: flyway")
    environment = flyway.get("environment", values.get("environment", ("default", ""))[0])
    environment = _text(environment, f"{conf}: flyway.environment")
    environments = _table(data.get("environments", {}), f"{conf}: environments")
    chosen = _table(environments.get(environment, {}), f"{conf}: environments.{environment}")
    if "schemas" in chosen:
        schemas = chosen["schemas"]
        if not isinstance(schemas, list):
            schemas = _split_schemas(_text(schemas, f"{conf}: environments.{environment}"))
        values["schemas"] = (schemas, f"{conf}: environments.{environment}.schemas")
    scoped = _table(chosen.get("flyway", {}), f"{conf}: environments.{environment}.flyway")
    for table, prefix in ((flyway, "flyway"), (scoped, f"environments.{environment}.flyway")):
        for key, value in table.items():
            where = f"{conf}: {prefix}.{key}"
            if key == "placeholders":
                for name, given in _table(value, where).items():
                    text = _text(given, f"{where}.{name}")
                    placeholders[name.lower()] = _from_env(text, _TOML_ENV, env)
            elif key in _KNOWN_KEYS:
                if isinstance(value, str):
                    value = _from_env(value, _TOML_ENV, env)
                if key == "schemas" and isinstance(value, str):
                    value = _split_schemas(value)
                values[key] = (value, where)
    values.setdefault("environment", (environment, f"{conf}: flyway.environment"))


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UsageError(f"{where}: expected a table, got {type(value).__name__}")
    return value


def substitute(
    text: str,
    path: str | os.PathLike[str],
    settings: FlywaySettings,
    *,
    database: str,
    user: str,
    now: datetime | None = None,
    working_directory: str | None = None,
) -> str:
    """`text` as Flyway sends the migration at `path`: each placeholder replaced by its value,
    read as Flyway's reader does (from a prefix to the next suffix, inside strings and
    comments too; a prefix that only starts after a character that began one, as in `$${x}`,
    is left as is). PlaceholderError (`file:line: ...`) for a placeholder without a value or
    never closed. Unchanged when `settings.replacement` is off."""
    if not settings.replacement or settings.prefix not in text:
        return text
    prefix, suffix = settings.prefix, settings.suffix
    values = dict(settings.placeholders)
    values.update(_defaults(path, settings, database, user, now, working_directory))
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        # read ahead while what was read could still be the prefix (as Flyway's reader does)
        j = i
        while j < n and j - i < len(prefix) and text[j] == prefix[j - i]:
            j += 1
        if j - i < len(prefix):
            # the characters read, the one that broke the match too, are text: as in Flyway's
            # reader, none of them starts a prefix (`$${x}` stays as it is)
            taken = min(j + 1, n)
            out.append(text[i:taken])
            i = taken
            continue
        close = text.find(suffix, j)
        if close < 0:
            where = f"{path}:{text.count(chr(10), 0, i) + 1}"
            raise PlaceholderError(
                f"{where}: Flyway: the placeholder {text[i : i + 40].splitlines()[0]}... is "
                f"never closed with {suffix}; Flyway refuses this migration, so check does too"
            )
        name = text[j:close]
        value = values.get(name.lower())
        if value is None:
            line = text.count("\n", 0, i) + 1
            raise PlaceholderError(_unknown(str(path), line, name, settings))
        out.append(value)
        i = close + len(suffix)
    return "".join(out)


def _defaults(
    path: str | os.PathLike[str],
    settings: FlywaySettings,
    database: str,
    user: str,
    now: datetime | None,
    working_directory: str | None,
) -> dict[str, str]:
    moment = now if now is not None else datetime.now()
    given = {
        "defaultSchema": settings.schema,
        "user": user,
        "database": database,
        "timestamp": moment.strftime("%Y-%m-%d %H:%M:%S"),
        "filename": Path(path).name,
        "workingDirectory": working_directory if working_directory is not None else os.getcwd(),
        "table": settings.table,
        "environment": settings.environment,
    }
    return {f"flyway{settings.separator}{k}".lower(): v for k, v in given.items()}


def _unknown(path: str, line: int, name: str, settings: FlywaySettings) -> str:
    shown = f"{settings.prefix}{name}{settings.suffix}"
    refuses = "Flyway refuses this migration, so check does too"
    if "flyway:" in name or name.lower().startswith(f"flyway{settings.separator}".lower()):
        known = ", ".join(f"flyway{settings.separator}{k}" for k in DEFAULT_PLACEHOLDERS)
        return f"{path}:{line}: Flyway: no default placeholder {shown} (it has {known}); {refuses}"
    env = "FLYWAY_PLACEHOLDERS_" + re.sub(r"\W", "_", name).upper()
    return (
        f"{path}:{line}: Flyway: no value provided for placeholder {shown} (set "
        f"flyway.placeholders.{name} in flyway.conf, {name} under [flyway.placeholders] in "
        f"flyway.toml, or {env}); {refuses}"
    )


def connection_names(dsn: str, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The database and user a connection string names, with libpq's defaults (PGDATABASE,
    PGUSER, the login name; the database defaults to the user)."""
    env = os.environ if environ is None else environ
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    user = str(params.get("user") or env.get("PGUSER") or _login())
    database = str(params.get("dbname") or env.get("PGDATABASE") or user)
    return database, user


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid
        return "postgres"


def substitute_migration(
    text: str,
    path: str | os.PathLike[str],
    dsn: str,
    environ: Mapping[str, str] | None = None,
) -> str:
    """`text` of the migration at `path` as Flyway sends it to the database of `dsn`
    (`substitute` with `read_settings` of its folder); `text` unchanged for a file Flyway
    does not name as a migration (`flyway_migration`) or one without the prefix."""
    if not flyway_migration(path):
        return text
    settings = read_settings(path, environ)
    if not settings.replacement or settings.prefix not in text:
        return text
    database, user = connection_names(dsn, environ)
    return substitute(text, path, settings, database=database, user=user)
