"""Flyway's placeholder replacement (`schemacheck.flyway_placeholders`): the values, where they
are read from, the placeholders Flyway refuses, and QA's migration applied once substituted."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from schemacheck.embedded import apply_sql_files
from schemacheck.errors import SqlExecutionError, UsageError
from schemacheck.flyway_placeholders import (
    FlywaySettings,
    PlaceholderError,
    config_files,
    connection_names,
    flyway_migration,
    read_settings,
    substitute,
    substitute_migration,
)
from schemacheck.lint import lint_paths

NOW = datetime(2026, 3, 4, 5, 6, 7)


def _sub(text: str, settings: FlywaySettings | None = None, path: str = "V1__x.sql") -> str:
    return substitute(
        text,
        path,
        settings or FlywaySettings(),
        database="scratch",
        user="checker",
        now=NOW,
        working_directory="/work/project",
    )


def _project(root: Path, files: dict[str, str]) -> Path:
    """A repository (its `.git` ends the search for configuration) holding `files`."""
    (root / ".git").mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_default_placeholders_take_what_check_knows() -> None:
    settings = FlywaySettings(table="history", environment="ci")
    text = (
        "${flyway:defaultSchema}|${flyway:user}|${flyway:database}|${flyway:timestamp}|"
        "${flyway:filename}|${flyway:workingDirectory}|${flyway:table}|${flyway:environment}"
    )
    assert _sub(text, settings, "db/migration/V3__grants.sql") == (
        "public|checker|scratch|2026-03-04 05:06:07|V3__grants.sql|/work/project|history|ci"
    )
    assert _sub("${flyway:defaultSchema}", FlywaySettings(schemas=("app", "b"))) == "app"
    assert _sub("${flyway:defaultSchema}", FlywaySettings(default_schema="x", schemas=("a",))) == (
        "x"
    )
    assert _sub("${flyway:table}|${flyway:environment}") == "flyway_schema_history|default"


def test_user_placeholders_everywhere_whatever_their_case() -> None:
    settings = FlywaySettings(placeholders={"role": "reader", "empty": ""})
    text = (
        "-- grants ${ROLE}\n"
        "GRANT SELECT ON t TO ${role};\n"
        "COMMENT ON TABLE t IS 'for ${Role}${empty}';\n"
    )
    assert _sub(text, settings) == (
        "-- grants reader\nGRANT SELECT ON t TO reader;\nCOMMENT ON TABLE t IS 'for reader';\n"
    )
    # as Flyway's reader: a `$` that starts no placeholder takes the next character with it
    assert _sub("SELECT $${role}, $1, '$', ${role}", settings) == "SELECT $${role}, $1, '$', reader"
    assert _sub("SELECT $$a$$ AS ${role}", settings) == "SELECT $$a$$ AS reader"


def test_prefix_suffix_and_replacement_off() -> None:
    custom = FlywaySettings(prefix="#[", suffix="]#", placeholders={"s": "app"})
    assert _sub("CREATE SCHEMA #[s]#; SELECT '${s}'", custom) == "CREATE SCHEMA app; SELECT '${s}'"
    off = FlywaySettings(replacement=False)
    assert _sub("GRANT SELECT ON t TO ${role};", off) == "GRANT SELECT ON t TO ${role};"
    sep = FlywaySettings(separator="!")
    assert _sub("${flyway!user}", sep) == "checker"


def test_a_placeholder_without_a_value_names_file_line_and_placeholder() -> None:
    text = "CREATE TABLE t (id int);\n\nGRANT SELECT ON t TO ${role};\n"
    with pytest.raises(PlaceholderError) as caught:
        _sub(text, path="db/migration/V2__grant.sql")
    message = str(caught.value)
    assert message.startswith(
        "db/migration/V2__grant.sql:3: Flyway: no value provided for placeholder ${role} "
    )
    assert "FLYWAY_PLACEHOLDERS_ROLE" in message and "\n" not in message
    with pytest.raises(PlaceholderError, match=r"V1__x\.sql:1: Flyway: no default placeholder "):
        _sub("SELECT '${flyway:schema}'")
    with pytest.raises(PlaceholderError, match=r"V1__x\.sql:2: .*never closed with \}"):
        _sub("SELECT 1;\nSELECT '${role';\n")


def test_flyway_conf_toml_and_environment(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {
            "flyway.conf": (
                "# the project's settings\n"
                "flyway.placeholders.role=from_root\n"
                "flyway.placeholders.owner : ${OWNER_NAME}\n"
                "flyway.placeholders.long=a,\\\n    b\n"
                "flyway.table=history\n"
            ),
            "db/flyway.toml": (
                "[flyway]\n"
                'environment = "ci"\n'
                "[flyway.placeholders]\n"
                'role = "from_db"\n'
                "[environments.ci]\n"
                'schemas = ["app", "extra"]\n'
                "[environments.ci.flyway.placeholders]\n"
                'tenant = "${env.TENANT}"\n'
                "[environments.other.flyway.placeholders]\n"
                'tenant = "never"\n'
            ),
            "db/migration/V1__x.sql": "SELECT 1;\n",
        },
    )
    migration = root / "db/migration/V1__x.sql"
    assert config_files(migration) == [root / "flyway.conf", root / "db/flyway.toml"]
    env = {"OWNER_NAME": "alice", "TENANT": "t1", "FLYWAY_PLACEHOLDERS_EXTRA": "e"}
    settings = read_settings(migration, env)
    assert dict(settings.placeholders) == {
        "role": "from_db",  # the nearer file wins
        "owner": "alice",
        "long": "a,b",
        "tenant": "t1",
        "extra": "e",
    }
    assert (settings.table, settings.environment, settings.schema) == ("history", "ci", "app")
    env |= {"FLYWAY_PLACEHOLDERS_ROLE": "from_env", "FLYWAY_DEFAULT_SCHEMA": "other"}
    overridden = read_settings(migration, env)
    assert overridden.placeholders["role"] == "from_env"
    assert overridden.schema == "other"
    off = read_settings(migration, {"FLYWAY_PLACEHOLDER_REPLACEMENT": "false"})
    assert off.replacement is False


def test_configuration_above_the_repository_root_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "flyway.conf").write_text("flyway.placeholders.role=outside\n")
    root = _project(tmp_path / "repo", {"sql/V1__x.sql": "SELECT 1;\n"})
    assert config_files(root / "sql/V1__x.sql") == []
    assert read_settings(root / "sql/V1__x.sql", {}).placeholders == {}


def test_configuration_flyway_would_not_take_is_one_line(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        {"flyway.conf": "flyway.placeholderReplacement=maybe\n", "V1__x.sql": "SELECT 1;\n"},
    )
    with pytest.raises(UsageError, match=r"flyway\.conf:1: placeholderReplacement: expected"):
        read_settings(root / "V1__x.sql", {})
    (root / "flyway.conf").unlink()
    (root / "flyway.toml").write_text("[flyway\n")
    with pytest.raises(UsageError, match=r"flyway\.toml:1.*invalid TOML"):
        read_settings(root / "V1__x.sql", {})


def test_only_flyway_migrations_are_substituted(tmp_path: Path) -> None:
    assert [flyway_migration(n) for n in ("V1__a.sql", "v1_2__b.sql", "U3__c.sql", "R__d.sql")] == [
        True,
        True,
        True,
        True,
    ]
    assert not flyway_migration("001_x.sql") and not flyway_migration("V1_x.sql")
    root = _project(tmp_path, {"flyway.conf": "flyway.placeholders.role=reader\n"})
    text = "GRANT SELECT ON t TO ${role};\n"
    dsn = "host=localhost dbname=scratch user=checker"
    assert substitute_migration(text, root / "001_x.sql", dsn, {}) == text
    assert substitute_migration(text, root / "V1__x.sql", dsn, {}) == (
        "GRANT SELECT ON t TO reader;\n"
    )
    assert connection_names("postgresql://u@h:5/db1", {}) == ("db1", "u")
    assert connection_names("host=h", {"PGUSER": "pu"}) == ("pu", "pu")


def test_lint_names_each_placeholder_of_a_grant(tmp_path: Path) -> None:
    _project(
        tmp_path,
        {"V1__t.sql": "GRANT SELECT ON ${flyway:defaultSchema}.users TO ${role};\n"},
    )
    report = lint_paths([tmp_path / "V1__t.sql"])
    messages = [f.message for f in report.findings if f.code == "SC000"]
    assert len(messages) == 1
    assert "the placeholders ${flyway:defaultSchema} and ${role}" in messages[0]


def test_qa_migrations_apply_once_substituted(tmp_path: Path, fresh_db: str) -> None:
    """QA's Flyway project: the schema and role placeholders of each migration, substituted as
    Flyway does from flyway.toml and the connection, apply; the raw text does not."""
    database, user = connection_names(fresh_db, {})
    root = _project(
        tmp_path,
        {
            "flyway.toml": (
                f'[flyway]\ndefaultSchema = "app"\n[flyway.placeholders]\nrole = "{user}"\n'
            ),
            "db/migration/V1__t.sql": (
                "CREATE TABLE ${flyway:defaultSchema}.users (id int PRIMARY KEY);\n"
                "CREATE INDEX users_id ON ${flyway:defaultSchema}.users (id);\n"
                "GRANT SELECT ON ${flyway:defaultSchema}.users TO ${role};\n"
                "COMMENT ON TABLE ${flyway:defaultSchema}.users IS "
                "'made by ${flyway:user} in ${flyway:database} (${flyway:filename})';\n"
            ),
            "db/migration/V2__n.sql": (
                "ALTER TABLE ${flyway:defaultSchema}.users ADD COLUMN n int NOT NULL;\n"
                "CREATE INDEX users_n ON ${flyway:defaultSchema}.users (n);\n"
            ),
        },
    )
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA app")  # Flyway creates its default schema
    with pytest.raises(SqlExecutionError, match=r"V1__t\.sql:1: .*syntax error"):
        apply_sql_files(fresh_db, [root / "db/migration/V1__t.sql"])
    out = tmp_path / "sent"
    out.mkdir()
    sent = []
    for name in ("V1__t.sql", "V2__n.sql"):
        source = root / "db/migration" / name
        text = substitute_migration(source.read_text(), source, fresh_db, {})
        assert "${" not in text
        (out / name).write_text(text)
        sent.append(out / name)
    apply_sql_files(fresh_db, sent)
    with psycopg.connect(fresh_db) as conn:
        columns = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'app' AND table_name = 'users' ORDER BY ordinal_position"
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'app' ORDER BY 1"
        ).fetchall()
        comment = conn.execute("SELECT obj_description('app.users'::regclass)").fetchone()
        granted = conn.execute(
            "SELECT has_table_privilege(%s, 'app.users', 'SELECT')", (user,)
        ).fetchone()
    assert columns == [("id",), ("n",)]
    assert indexes == [("users_id",), ("users_n",), ("users_pkey",)]
    assert comment == (f"made by {user} in {database} (V1__t.sql)",)
    assert granted == (True,)
