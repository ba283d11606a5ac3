"""`[tool.schemacheck]` in pyproject.toml: discovery, every key, one-line errors, flags on top."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from schemacheck.config import Config, find_pyproject, load_config, merge_cli
from schemacheck.errors import UsageError
from schemacheck.findings import Severity
from schemacheck.model import Kind, ObjectRef

FULL = """\
[project]
name = "app"

[tool.schemacheck]
select = ["SC001", "index-not-concurrent"]
ignore = ["SC003"]
severity = { SC002 = "error", drop-cascade = "off", SC004 = "Info" }
fail-on = "error"
target-version = 16
paths = ["sql", "more/sql"]
spec = "expected/batch3.json"
audit.ignore = ["public.*_tmp", "kind=index"]
"""


def write(directory: Path, text: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory that is also the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def error_of(text: str, project: Path) -> str:
    write(project, text)
    with pytest.raises(UsageError) as info:
        load_config()
    message = str(info.value)
    assert "\n" not in message
    return message


# --- discovery and defaults ------------------------------------------------------------------


def test_no_pyproject_means_defaults(project: Path) -> None:
    if find_pyproject(project) is not None:
        pytest.skip("a pyproject.toml sits above the temporary directory")
    assert load_config() == Config()
    assert load_config(start=project) == Config()


def test_pyproject_without_the_table_means_defaults(project: Path) -> None:
    write(project, '[project]\nname = "app"\n\n[tool.ruff]\nline-length = 100\n')
    assert load_config() == Config()
    assert load_config(explicit=project / "pyproject.toml") == Config()


def test_found_by_walking_up_and_paths_are_relative_to_it(project: Path) -> None:
    path = write(project, FULL)
    nested = project / "sql" / "deep"
    nested.mkdir(parents=True)
    assert find_pyproject(nested) == path.resolve()
    config = load_config(start=nested)
    assert config.source == path.resolve()
    assert config.paths == (project.resolve() / "sql", project.resolve() / "more/sql")
    assert config.spec == project.resolve() / "expected/batch3.json"


def test_walk_stops_at_the_nearest_pyproject(project: Path) -> None:
    write(project, FULL)
    inner = project / "sub"
    inner.mkdir()
    write(inner, '[project]\nname = "sub"\n')
    assert load_config(start=inner) == Config()


def test_every_key(project: Path) -> None:
    write(project, FULL)
    config = load_config()
    assert config.select == ("SC001", "index-not-concurrent")
    assert config.ignore == ("SC003",)
    assert config.severity == (("SC002", "error"), ("drop-cascade", "off"), ("SC004", "info"))
    assert config.fail_on == "error"
    assert config.target_version == 16
    assert config.audit_ignore == ("public.*_tmp", "kind=index")


def test_explicit_file_anywhere(tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text('[tool.schemacheck]\nfail-on = "never"\n', encoding="utf-8")
    assert load_config(explicit=other).fail_on == "never"


def test_explicit_missing_file(project: Path) -> None:
    with pytest.raises(UsageError, match=r"^nope\.toml: no such file$"):
        load_config(explicit=Path("nope.toml"))


# --- what a Config answers -------------------------------------------------------------------


def test_enabled_and_severity_for(project: Path) -> None:
    write(project, FULL)
    config = load_config()
    assert config.enabled("SC001", "drop-cascade") is False  # selected, but severity off
    assert config.enabled("SC002", "index-not-concurrent") is True  # selected by slug
    assert config.enabled("sc002", "INDEX-NOT-CONCURRENT") is True
    assert config.enabled("SC005", "other") is False  # not selected
    assert config.severity_for("SC002", "index-not-concurrent", Severity.WARNING) is Severity.ERROR
    assert config.severity_for("SC001", "drop-cascade", Severity.ERROR) is None
    assert config.severity_for("SC004", "x", Severity.ERROR) is Severity.INFO
    assert config.severity_for("SC009", "x", Severity.WARNING) is Severity.WARNING
    assert Config(ignore=("SC003",)).enabled("SC003", "x") is False
    assert Config().enabled("SC003", "x") is True


def test_code_wins_over_slug() -> None:
    config = Config(severity=(("slug", "off"), ("SC1", "error")))
    assert config.severity_for("SC1", "slug", Severity.INFO) is Severity.ERROR


def test_audit_ignore_rules_name_their_file(project: Path) -> None:
    write(project, FULL)
    rules = load_config().audit_ignore_rules()
    assert [r.kind for r in rules] == [None, Kind.INDEX]
    assert rules[0].matches(ObjectRef(Kind.TABLE, "public", "users_tmp"))
    assert rules[0].describe() == "ignored by 'public.*_tmp' (pyproject.toml audit.ignore)"


# --- mistakes: one line naming the file and the key ------------------------------------------

T = "pyproject.toml: [tool.schemacheck] "


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'severity = { SC001 = "fatal" }',
            "severity.SC001: unknown severity 'fatal' (error, warning, info, off)",
        ),
        ("severity = { SC001 = 3 }", "severity.SC001: expected a string, got an integer"),
        ('severity = ["SC001"]', "severity: expected a table of rule = severity, got an array"),
        ('severity = { "SC 1" = "off" }', "severity.SC 1: 'SC 1' is not a rule code or slug"),
        ('select = "SC001"', "select: expected an array of strings, got a string"),
        ('select = ["SC001", 2]', "select[1]: expected a string, got an integer"),
        ('ignore = ["SC*"]', "ignore[0]: 'SC*' is not a rule code or slug"),
        ('ignore = [""]', "ignore[0]: must not be empty"),
        ('fail-on = "fatal"', "fail-on: unknown value 'fatal' (error, warning, info, never)"),
        ("fail-on = true", "fail-on: expected a string, got a boolean"),
        ("target-version = 9", "target-version: PostgreSQL 9 is not supported (10..18)"),
        ("target-version = 19", "target-version: PostgreSQL 19 is not supported (10..18)"),
        ('target-version = "16"', "target-version: expected an integer, got a string"),
        ("target-version = true", "target-version: expected an integer, got a boolean"),
        ("target-version = 16.0", "target-version: expected an integer, got a float"),
        ('paths = "sql"', "paths: expected an array of strings, got a string"),
        ("spec = 1", "spec: expected a string, got an integer"),
        ('audit = "x"', "audit: expected a table, got a string"),
        ('audit.ignore = "public.*"', "audit.ignore: expected an array of strings, got a string"),
        ('audit.include = ["x"]', "audit.include: unknown key (known: ignore)"),
        ('fail_on = "error"', "fail_on: unknown key; did you mean 'fail-on'?"),
        ("target_version = 16", "target_version: unknown key; did you mean 'target-version'?"),
        (
            "colour = 1",
            "colour: unknown key (known: select, ignore, severity, fail-on, target-version, "
            "paths, spec, audit)",
        ),
    ],
)
def test_bad_values(project: Path, body: str, message: str) -> None:
    assert error_of(f"[tool.schemacheck]\n{body}\n", project) == T + message


def test_bad_audit_ignore_pattern(project: Path) -> None:
    message = error_of('[tool.schemacheck]\naudit.ignore = ["ok", "kind=idx"]\n', project)
    assert message.startswith(T + "audit.ignore[1]: unknown kind 'idx' in ignore 'kind=idx'")


def test_table_of_the_wrong_type(project: Path) -> None:
    assert error_of("[tool]\nschemacheck = 1\n", project) == (
        "pyproject.toml: [tool.schemacheck]: expected a table, got an integer"
    )
    assert (
        error_of('tool = "x"\n', project) == "pyproject.toml: tool: expected a table, got a string"
    )


def test_invalid_toml_names_file_and_line(project: Path) -> None:
    text = '[project]\nname = "app"\n\n[tool.schemacheck]\nfail-on = \n'
    assert error_of(text, project) == "pyproject.toml:5:11: invalid TOML: Invalid value"


def test_invalid_toml_at_end_of_document(project: Path) -> None:
    message = error_of('[tool.schemacheck]\nselect = ["SC001",\n', project)
    assert message.startswith("pyproject.toml:2: invalid TOML: ")


def test_not_utf8(project: Path) -> None:
    (project / "pyproject.toml").write_bytes(b'[tool.schemacheck]\nspec = "\xff"\n')
    with pytest.raises(UsageError, match=r"^pyproject\.toml:2: invalid TOML: not UTF-8$"):
        load_config()


def test_file_outside_the_current_directory_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    path = write(outside, '[tool.schemacheck]\nfail-on = "x"\n')
    with pytest.raises(UsageError) as info:
        load_config(explicit=path)
    assert str(info.value).startswith(f"{path}: [tool.schemacheck] fail-on: ")


# --- flags override the file -----------------------------------------------------------------


def args(**values: object) -> argparse.Namespace:
    return argparse.Namespace(**values)


def test_flags_not_given_keep_the_file(project: Path) -> None:
    write(project, FULL)
    config = load_config()
    unset = args(
        select=None,
        ignore=None,
        fail_on=None,
        target_version=None,
        paths=[],
        spec=None,
        audit_ignore=[],
        format="table",
    )
    assert merge_cli(config, unset) == config
    assert merge_cli(config, args()) == config


def test_flags_given_override_the_file(project: Path) -> None:
    write(project, FULL)
    merged = merge_cli(
        load_config(),
        args(
            select=["SC010,SC011", "SC012"],
            ignore=["drop-cascade"],
            fail_on="WARNING",
            target_version="14",
            paths=["migrations"],
            spec="other.json",
            audit_ignore=["kind=view"],
        ),
    )
    assert merged.select == ("SC010", "SC011", "SC012")
    assert merged.ignore == ("drop-cascade",)
    assert merged.fail_on == "warning"
    assert merged.target_version == 14
    assert merged.paths == (Path("migrations"),)
    assert merged.spec == Path("other.json")
    assert merged.audit_ignore == ("kind=view",)
    assert merged.severity == load_config().severity  # no flag: the file's value stays


def test_flags_are_checked_like_the_file() -> None:
    with pytest.raises(UsageError, match=r"^--target-version: PostgreSQL 9 is not supported"):
        merge_cli(Config(), args(target_version=9))
    with pytest.raises(UsageError, match=r"^--fail-on: unknown value 'sometimes'"):
        merge_cli(Config(), args(fail_on="sometimes"))
    with pytest.raises(UsageError, match=r"^--select\[0\]: 'SC 1' is not a rule code or slug"):
        merge_cli(Config(), args(select=["SC 1"]))
    with pytest.raises(UsageError, match=r"^--ignore\[0\]: unknown kind 'idx'"):
        merge_cli(Config(), args(audit_ignore=["kind=idx"]))
