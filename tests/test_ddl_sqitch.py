"""sqitch projects: `sqitch.plan` read into the changes in deploy order, and the files under
`deploy/`, `revert/` and `verify/` linted in that order (their version is their change's place
in the plan), reverts still paired with the deploy of their name; `sqitch.conf` followed where
it places the plan and the folders elsewhere, changes found at any depth below their folder.
The fixtures `sqitch_nested` and `sqitch_conf` go through `lint` and `check` (real PostgreSQL)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from schemacheck.cli import run
from schemacheck.ddl import classify_path, pair_rollbacks, parse_text, sqitch
from schemacheck.ddl.sqitch import read_conf, read_plan
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_paths, parse_paths

FLIPR = b"""%syntax-version=1.0.0
%project=flipr
%uri=https://example.com/

# the first changes
appschema 2013-12-30T23:19:29Z Marge N. <marge@example.com> # App schema.
users [appschema] 2013-12-30T23:49:00Z Marge N. <marge@example.com> # Creates table.
@v1.0.0 2013-12-31T00:00:00Z Marge N. <marge@example.com> # Tag v1.0.0.
  flips [appschema users !oldflips] 2014-01-01T00:00:00Z Marge N. <marge@example.com>
users [users@v1.0.0] 2014-01-02T00:00:00Z Marge N. <marge@example.com> # Reworked users.
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def _plan(*names: str) -> str:
    """A plan deploying `names` in order (a name starting with @ is a tag)."""
    lines = ["%syntax-version=1.0.0", "%project=p", ""]
    for i, name in enumerate(names):
        lines.append(f"{name} 2024-01-{i + 1:02d}T00:00:00Z Dev <dev@example.com> # step {i}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- reading the plan


def test_plan_changes_in_order_with_pragmas_tags_and_dependencies() -> None:
    plan = read_plan(FLIPR)
    assert plan.project == "flipr"
    assert plan.pragmas == {
        "syntax-version": "1.0.0",
        "project": "flipr",
        "uri": "https://example.com/",
    }
    assert plan.tags == ("v1.0.0",)
    assert [c.name for c in plan.changes] == ["appschema", "users", "flips", "users"]
    # the earlier instance of a reworked change is named with the tag after it
    assert plan.names == ("appschema", "users@v1.0.0", "flips", "users")
    assert plan.changes[2].requires == ("appschema", "users")
    assert plan.changes[2].conflicts == ("oldflips",)
    assert plan.changes[3].requires == ("users@v1.0.0",)


def test_reworked_change_positions() -> None:
    plan = read_plan(FLIPR)
    assert plan.position("appschema") == 1
    assert plan.position("users@v1.0.0") == 2  # the earlier instance's files
    assert plan.position("flips") == 3
    assert plan.position("users") == 4  # the plain name is the latest instance
    assert plan.position("v1.0.0") is None  # a tag is no change
    assert plan.position("nope") is None


def test_a_change_reworked_twice_takes_each_tag_between() -> None:
    plan = read_plan(_plan("users", "@v1", "users", "@v2", "@v2.1", "orders", "users").encode())
    assert plan.names == ("users@v1", "users@v2", "orders", "users")
    assert plan.position("users@v1") == 1
    # sqitch names the files with the first of the tags between that has them: either
    assert plan.position("users@v2") == 2
    assert plan.position("users@v2.1") == 2
    assert plan.position("orders") == 3
    assert plan.position("users") == 4
    assert plan.position("orders@v2") is None  # orders was never reworked


def test_malformed_lines_are_skipped_never_raised() -> None:
    plan = read_plan(
        b"%project=p\n"
        b"%\n"
        b"first 2024-01-01T00:00:00Z Dev <dev@example.com>\n"
        b"no_timestamp Dev <dev@example.com> # not a change line\n"
        b"bad:name 2024-01-02T00:00:00Z Dev <dev@example.com>\n"
        b"[orphan] 2024-01-02T00:00:00Z Dev <dev@example.com>\n"
        b"@ 2024-01-02T00:00:00Z Dev <dev@example.com>\n"
        b"-reverted 2024-01-02T00:00:00Z Dev <dev@example.com>\n"
        b"\xff\xfe garbage \x00\n"
        b"+second 2024-01-03T00:00:00Z Dev <dev@example.com> # with a + operator\n"
        b"third [first unclosed 2024-01-04T00:00:00Z Dev <dev@example.com>\n"
        b"fourth 2024-01-05T00:00:00Z"
    )
    assert plan.names == ("first", "second", "fourth")
    assert plan.position("fourth") == 3
    assert plan.project == "p"


def test_read_plan_from_a_path(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_bytes(FLIPR)
    assert read_plan(tmp_path / "sqitch.plan") == read_plan(FLIPR)
    assert read_plan(str(tmp_path / "sqitch.plan")).names[-1] == "users"
    with pytest.raises(OSError):
        read_plan(tmp_path / "missing.plan")
    assert sqitch.plan_in(str(tmp_path / "nowhere")) is None  # no plan: None, not an error


# ---------------------------------------------------------------- versions and lint order


def test_files_take_their_change_position(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_bytes(FLIPR)
    sqitch.forget()
    root = tmp_path.as_posix()
    assert classify_path(f"{root}/deploy/appschema.sql") == ("migration", 1)
    assert classify_path(f"{root}/deploy/users@v1.0.0.sql") == ("migration", 2)
    assert classify_path(f"{root}/revert/users@v1.0.0.sql") == ("rollback", 2)
    assert classify_path(f"{root}/verify/flips.sql") == ("check", 3)
    assert classify_path(f"{root}/deploy/users.sql") == ("migration", 4)
    assert classify_path(f"{root}/revert/users.sql") == ("rollback", 4)
    # not in the plan: as without one (none, or the one its name holds)
    assert classify_path(f"{root}/deploy/scratch.sql") == ("migration", None)
    assert classify_path(f"{root}/deploy/0007_x.sql") == ("migration", 7)
    # only sqitch's directories beside the plan take positions
    assert classify_path(f"{root}/migrations/users.sql") == ("migration", None)


def test_a_change_named_with_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_text(_plan("schema/users", "schema/orders"))
    sqitch.forget()
    root = tmp_path.as_posix()
    assert classify_path(f"{root}/deploy/schema/orders.sql") == ("migration", 2)
    assert classify_path(f"{root}/revert/schema/users.sql") == ("rollback", 1)
    assert classify_path(f"{root}/deploy/other/users.sql") == ("migration", None)


_NOT_NULL_FIRST = {
    # in name order the SET NOT NULL comes first, with nothing proving the column yet
    "deploy/a_set_not_null.sql": "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n",
    "deploy/b_prove.sql": "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL);\n",
    "deploy/c_table.sql": "CREATE TABLE IF NOT EXISTS t (c int);\n",
}


def test_no_plan_keeps_name_order(tmp_path: Path) -> None:
    _write(tmp_path, _NOT_NULL_FIRST)
    files = parse_paths([tmp_path])
    assert [Path(f.path).name for f in files] == [
        "a_set_not_null.sql",
        "b_prove.sql",
        "c_table.sql",
    ]
    assert [f.version for f in files] == [None, None, None]
    assert [f.code for f in lint_paths([tmp_path], select=["SC009"]).findings] == ["SC009"]


def test_project_is_linted_in_plan_order(tmp_path: Path) -> None:
    _write(tmp_path, _NOT_NULL_FIRST)
    (tmp_path / "sqitch.plan").write_text(_plan("c_table", "b_prove", "a_set_not_null"))
    files = parse_paths([tmp_path])
    assert [(Path(f.path).name, f.version) for f in files] == [
        ("c_table.sql", 1),
        ("b_prove.sql", 2),
        ("a_set_not_null.sql", 3),
    ]
    # the validated CHECK now comes before the SET NOT NULL: PostgreSQL 12+ skips the scan
    assert lint_paths([tmp_path], select=["SC009"]).findings == ()
    assert lint_paths([tmp_path], select=["SC009"], target_major=11).findings != ()


def test_an_edited_plan_is_read_again_by_the_next_run(tmp_path: Path) -> None:
    _write(tmp_path, _NOT_NULL_FIRST)
    cache = tmp_path / ".cache"
    plan = tmp_path / "sqitch.plan"
    plan.write_text(_plan("c_table", "b_prove", "a_set_not_null"))
    assert lint_paths([tmp_path], select=["SC009"], cache_dir=cache).findings == ()
    plan.write_text(_plan("c_table", "a_set_not_null", "b_prove"))
    report = lint_paths([tmp_path], select=["SC009"], cache_dir=cache)
    assert [f.code for f in report.findings] == ["SC009"]
    assert [Path(f.path).name for f in parse_paths([tmp_path], cache)] == [
        "c_table.sql",
        "a_set_not_null.sql",
        "b_prove.sql",
    ]


def test_files_not_in_the_plan_are_not_parsed(tmp_path: Path) -> None:
    _write(tmp_path, {**_NOT_NULL_FIRST, "deploy/a0_unplanned.sql": "SELECT 1;\n"})
    (tmp_path / "sqitch.plan").write_text(_plan("c_table", "b_prove", "a_set_not_null"))
    names = [Path(f.path).name for f in parse_paths([tmp_path])]
    assert names == ["c_table.sql", "b_prove.sql", "a_set_not_null.sql"]


def test_each_plan_is_read_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "p", _NOT_NULL_FIRST)
    _write(tmp_path / "p", {f"revert/{n}": "SELECT 1;\n" for n in ("a.sql", "b.sql")})
    _write(tmp_path / "p", {"verify/a.sql": "SELECT 1;\n"})
    (tmp_path / "p/sqitch.plan").write_text(_plan("c_table", "b_prove", "a_set_not_null"))
    _write(tmp_path / "q", {"deploy/x.sql": "SELECT 1;\n", "revert/x.sql": "SELECT 1;\n"})
    _write(tmp_path / "r", {"migrations/0001_x.sql": "SELECT 1;\n"})
    reads: list[str] = []
    real = sqitch.read_plan

    def counted(source: bytes | str) -> sqitch.Plan:
        reads.append(str(source))
        return real(source)

    _write(tmp_path / "s", {"db/up/x.sql": "SELECT 1;\n", "db/down/x.sql": "SELECT 1;\n"})
    (tmp_path / "s/sqitch.conf").write_text(
        "[core]\n  plan_file = db/s.plan\n  deploy_dir = db/up\n  revert_dir = db/down\n"
    )
    (tmp_path / "s/db/s.plan").write_text(_plan("x"))
    confs: list[str] = []
    real_conf = sqitch.read_conf

    def counted_conf(source: bytes | str) -> sqitch.Conf:
        confs.append(str(source))
        return real_conf(source)

    monkeypatch.setattr(sqitch, "read_plan", counted)
    monkeypatch.setattr(sqitch, "read_conf", counted_conf)
    lint_paths([tmp_path])
    # p's plan and s's (the one its conf names), once each; q, with neither a plan nor a conf,
    # and r are no sqitch projects
    assert sorted(Path(r).relative_to(tmp_path).as_posix() for r in reads) == [
        "p/sqitch.plan",
        "s/db/s.plan",
    ]
    assert [Path(c).relative_to(tmp_path).as_posix() for c in confs] == ["s/sqitch.conf"]


# ---------------------------------------------------------------- reverts


def test_reverts_pair_with_the_deploy_of_their_name(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_bytes(FLIPR)
    _write(
        tmp_path,
        {
            "deploy/appschema.sql": "CREATE SCHEMA IF NOT EXISTS flipr;\n",
            "deploy/users@v1.0.0.sql": "CREATE TABLE IF NOT EXISTS flipr.users (id int);\n",
            "deploy/flips.sql": "CREATE TABLE IF NOT EXISTS flipr.flips (id int);\n",
            "deploy/users.sql": "ALTER TABLE flipr.users ADD COLUMN IF NOT EXISTS n text;\n",
            "revert/appschema.sql": "DROP SCHEMA IF EXISTS flipr;\n",
            "revert/users@v1.0.0.sql": "DROP TABLE IF EXISTS flipr.users;\n",
            "revert/flips.sql": "SELECT 1;\n",  # forgets the table
            "revert/users.sql": "ALTER TABLE flipr.users DROP COLUMN IF EXISTS n;\n",
            "verify/flips.sql": "SELECT id FROM flipr.flips WHERE false;\n",
        },
    )
    files = parse_paths([tmp_path])
    pairs = {
        Path(rb).relative_to(tmp_path).as_posix(): Path(fwd.path).relative_to(tmp_path).as_posix()
        for rb, fwd in pair_rollbacks(files).items()
    }
    assert pairs == {
        "revert/appschema.sql": "deploy/appschema.sql",
        "revert/users@v1.0.0.sql": "deploy/users@v1.0.0.sql",
        "revert/flips.sql": "deploy/flips.sql",
        "revert/users.sql": "deploy/users.sql",
    }
    report = lint_paths([tmp_path], select=["SC027"])
    found = {(Path(f.location.path).name, f.code) for f in report.findings if f.location}
    assert found == {("flips.sql", "SC027")}  # only the revert that keeps flipr.flips


def test_plan_positions_never_pair_across_projects(tmp_path: Path) -> None:
    # both projects have a change at position 1, and another project a rollback of version 1
    _write(
        tmp_path,
        {
            "p/deploy/a.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "p/sqitch.plan": _plan("a"),
            "q/deploy/b.sql": "CREATE TABLE IF NOT EXISTS b (id int);\n",
            "q/revert/c.sql": "DROP TABLE IF EXISTS c;\n",
            "q/sqitch.plan": _plan("b", "c"),
            "r/rollbacks/0001_x.sql": "DROP TABLE IF EXISTS x;\n",
        },
    )
    files = parse_paths([tmp_path])
    assert {Path(f.path).name: f.version for f in files} == {
        "a.sql": 1,
        "b.sql": 1,
        "c.sql": 2,
        "0001_x.sql": 1,
    }
    # q's revert/c.sql has no deploy/c.sql; r's rollback of version 1 is no sqitch change's
    assert pair_rollbacks(files) == {}


def test_without_a_plan_reverts_pair_as_before(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "deploy/a.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "deploy/b.sql": "CREATE TABLE IF NOT EXISTS b (id int);\n",
            "revert/b.sql": "DROP TABLE IF EXISTS b;\n",
        },
    )
    files = parse_paths([tmp_path])
    assert [f.version for f in files] == [None, None, None]
    pairs = {Path(rb).name: Path(f.path).parent.name for rb, f in pair_rollbacks(files).items()}
    assert pairs == {"b.sql": "deploy"}


def test_files_parsed_in_worker_processes_take_their_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemacheck.ddl import pool

    names = [f"c{i:02d}" for i in range(20)]
    _write(
        tmp_path, {f"deploy/{n}.sql": f"CREATE TABLE IF NOT EXISTS {n} (id int);\n" for n in names}
    )
    (tmp_path / "sqitch.plan").write_text(_plan(*reversed(names)))
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    files = parse_paths([tmp_path])
    assert [Path(f.path).stem for f in files] == list(reversed(names))
    assert [f.version for f in files] == list(range(1, 21))


def test_sc027_names_planned_changes_by_file_not_by_plan_position(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_text(_plan("schema", "users", "orphan"))
    _write(
        tmp_path,
        {
            "deploy/schema.sql": "CREATE SCHEMA app;\n",
            "deploy/users.sql": "CREATE TABLE app.users (id int);\n",
            "revert/schema.sql": "DROP SCHEMA app;\n",
            "revert/orphan.sql": "DROP TABLE app.gone;\n",
        },
    )
    report = lint_paths([tmp_path], select=["SC027"])
    messages = sorted(
        (Path(f.location.path).as_posix().split("/")[-2:][0], f.message)
        for f in report.findings
        if f.location
    )
    assert messages == [
        ("deploy", "migration users.sql has no rollback file, while other migrations have one"),
        (
            "revert",
            "rollback has no forward migration with the same name: it cannot be checked "
            "against what it should undo",
        ),
    ]


def test_scripts_the_plan_does_not_name_are_left_out_and_listed(tmp_path: Path) -> None:
    # a change dropped from the plan keeps its scripts on disk; sqitch never deploys them
    (tmp_path / "sqitch.plan").write_text(_plan("users"))
    _write(
        tmp_path,
        {
            "deploy/users.sql": "CREATE TABLE users (id int);\n",
            "deploy/2020_09_23_old_function.sql": "DROP TABLE users;\n",
            "revert/users.sql": "DROP TABLE users;\n",
            "revert/2020_09_23_old_function.sql": "CREATE TABLE users (id int);\n",
        },
    )
    assert [Path(f.path).relative_to(tmp_path).as_posix() for f in parse_paths([tmp_path])] == [
        "deploy/users.sql",
        "revert/users.sql",
    ]
    report = lint_paths([tmp_path])
    plan = tmp_path / "sqitch.plan"
    assert sorted(report.not_checked) == [
        f"{tmp_path / d / '2020_09_23_old_function.sql'}: not in {plan}: sqitch does not deploy it"
        for d in ("deploy", "revert")
    ]
    assert not [f for f in report.findings if "old_function" in str(f.location)]


# ---------------------------------------------------------------- sqitch.conf


def test_conf_keeps_the_keys_that_place_files_in_git_config_syntax() -> None:
    conf = read_conf(
        b"# comment\n"
        b"; another\n"
        b"[Core]\n"
        b"\tENGINE = pg\n"
        b"\ttop_dir = db # a comment after the value\n"
        b'\tplan_file = "db/my plan.plan" ; quoted, with a blank\n'
        b"\tdeploy_dir = db/\\\n"
        b"  deploy\n"  # continued on the next line
        b'\trevert_dir = "db/say \\"no\\""\n'
        b"\tverify_dir\n"  # no value: a boolean, no folder
        b'[core "variables"]\n'
        b"\ttop_dir = not/core\n"
        b"[user]\n"
        b"\tname = Dev\n"
    )
    assert conf.settings == {
        ("core", "top_dir"): "db",
        ("core", "plan_file"): "db/my plan.plan",
        ("core", "deploy_dir"): "db/deploy",
        ("core", "revert_dir"): 'db/say "no"',
        ("core.variables", "top_dir"): "not/core",
    }
    assert conf.skipped == ()
    assert conf.get("top_dir") == "db"
    assert conf.get("verify_dir") is None


def test_conf_lines_that_cannot_be_read_are_skipped_never_raised() -> None:
    conf = read_conf(
        b"top_dir = before/any/section\n"  # 1: no section yet
        b"[core]\n"
        b"\ttop_dir = db\n"
        b"\t= no key\n"  # 4
        b'\tplan_file = "unclosed\n'  # 5
        b"\tdeploy_dir = bad \\q escape\n"  # 6
        b"[broken\n"  # 7: and the keys under it are nobody's
        b"\trevert_dir = lost\n"  # 8
        b'[engine "pg"]\n'
        b"\tverify_dir = db/checks\n"
        b"\xff\xfe\x00 garbage\n"  # 11
    )
    assert conf.settings == {("core", "top_dir"): "db", ("engine.pg", "verify_dir"): "db/checks"}
    assert conf.skipped == (1, 4, 5, 6, 7, 8, 11)


def test_engine_and_target_settings_win_over_core() -> None:
    text = (
        b"[core]\n  top_dir = core_top\n  deploy_dir = core_deploy\n  plan_file = core.plan\n"
        b'[engine "pg"]\n  target = prod\n  deploy_dir = pg_deploy\n'
        b'[engine "mysql"]\n  plan_file = mysql.plan\n'
        b'[target "prod"]\n  plan_file = prod.plan\n'
        b'[target "other"]\n  top_dir = other_top\n'
    )
    conf = read_conf(text)
    assert conf.get("top_dir") == "core_top"
    assert conf.get("deploy_dir") == "pg_deploy"  # the engine's over core's
    assert conf.get("plan_file") == "prod.plan"  # the target's over both; mysql's never
    # a target given as a URI names no section
    assert read_conf(text.replace(b"target = prod", b"target = db:pg:prod")).get("plan_file") == (
        "core.plan"
    )


def test_conf_places_the_plan_and_the_folders(tmp_path: Path) -> None:
    (tmp_path / "sqitch.conf").write_text(
        "[core]\n  top_dir = db\n  verify_dir = tests/verify\n"
        '[engine "pg"]\n  revert_dir = db/../undo\n'
    )
    sqitch.forget()
    project = sqitch.project_at(tmp_path.parts)
    assert project is not None
    root = tmp_path.as_posix()
    assert project.plan_file == f"{root}/db/sqitch.plan"  # under top_dir by default
    assert {k: Path(*d).as_posix() for k, d in project.dirs.items()} == {
        "deploy": f"{root}/db/deploy",
        "revert": f"{root}/undo",
        "verify": f"{root}/tests/verify",
    }
    assert project.plan is None  # the plan it names is missing: no positions, no error
    # a conf with lines it cannot read still places files with the lines it can
    (tmp_path / "sqitch.conf").write_bytes(b"[core\n  top_dir = x\n[core]\n top_dir = db2\n")
    sqitch.forget()
    again = sqitch.project_at(tmp_path.parts)
    assert again is not None and again.plan_file == f"{root}/db2/sqitch.plan"
    assert again.conf.skipped == (1, 2)


def test_a_conf_moves_the_scripts_and_the_plan(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "sqitch.conf": "[core]\n  plan_file = plans/main.plan\n  deploy_dir = up\n",
            "plans/main.plan": _plan("b", "a"),
            "sqitch.plan": _plan("a", "b"),  # the default name: not this project's plan
        },
    )
    sqitch.forget()
    root = tmp_path.as_posix()
    assert classify_path(f"{root}/up/a.sql") == ("migration", 2)
    assert classify_path(f"{root}/up/nested/deeper/c.sql") == ("migration", None)
    assert classify_path(f"{root}/revert/b.sql") == ("rollback", 1)  # revert_dir unmoved
    # the default deploy/ is no longer the project's: its files are named by their folder only
    assert classify_path(f"{root}/deploy/a.sql") == ("migration", None)


def test_reverts_pair_when_a_conf_puts_the_folders_apart(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "sqitch.conf": "[core]\n  deploy_dir = db/deploy\n  revert_dir = undo\n",
            "sqitch.plan": _plan("a", "b"),
            "db/deploy/a.sql": "CREATE TABLE IF NOT EXISTS a (id int);\n",
            "db/deploy/b.sql": "CREATE TABLE IF NOT EXISTS b (id int);\n",
            "undo/a.sql": "DROP TABLE IF EXISTS a;\n",
            "undo/b.sql": "SELECT 1;\n",  # forgets the table
        },
    )
    sqitch.forget()
    files = parse_paths([tmp_path])
    pairs = {
        Path(rb).relative_to(tmp_path).as_posix(): Path(fwd.path).relative_to(tmp_path).as_posix()
        for rb, fwd in pair_rollbacks(files).items()
    }
    assert pairs == {"undo/a.sql": "db/deploy/a.sql", "undo/b.sql": "db/deploy/b.sql"}
    report = lint_paths([tmp_path], select=["SC027"])
    found = [
        (Path(f.location.path).relative_to(tmp_path).as_posix(), f.message.split(",")[0])
        for f in report.findings
        if f.location
    ]
    assert found == [("undo/b.sql", "rollback does not undo table public.b")]


# ---------------------------------------------------------------- nested changes


def test_changes_nested_any_depth_below_deploy_take_their_positions(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_text(_plan("app/schema", "app/users/table", "a/b/c/d"))
    sqitch.forget()
    root = tmp_path.as_posix()
    assert classify_path(f"{root}/deploy/app/users/table.sql") == ("migration", 2)
    assert classify_path(f"{root}/revert/app/users/table.sql") == ("rollback", 2)
    assert classify_path(f"{root}/verify/a/b/c/d.sql") == ("check", 3)
    assert classify_path(f"{root}/deploy/app/schema.sql") == ("migration", 1)
    # a folder a role directory is named after, below deploy/: still the deploy script
    assert classify_path(f"{root}/deploy/app/rollbacks/x.sql") == ("migration", None)
    files = [
        parse_text("SELECT 1;", f"{root}/{d}/{n}.sql")
        for d in ("deploy", "revert")
        for n in ("app/users/table", "app/schema")
    ]
    pairs = {
        Path(rb).relative_to(tmp_path).as_posix(): Path(f.path).relative_to(tmp_path).as_posix()
        for rb, f in pair_rollbacks(files).items()
    }
    assert pairs == {
        "revert/app/users/table.sql": "deploy/app/users/table.sql",
        "revert/app/schema.sql": "deploy/app/schema.sql",
    }


# ---------------------------------------------------------------- the commands, on the fixtures

FIXTURES = Path(__file__).parent / "fixtures"
# each project's plan order differs from its name order: SET NOT NULL after the VALIDATE that
# proves the column (SC009 otherwise), tables after the schema and the tables they point at
PROJECTS = {
    "sqitch_nested": ("sqitch.plan", "app/users/email/validate", "app/users/email/not_null"),
    "sqitch_conf": ("db/release.plan", "orders_total_validate", "orders_total_not_null"),
}
SET_NOT_NULL = {
    "sqitch_nested": "deploy/app/users/email/not_null.sql",
    "sqitch_conf": "db/pg/deploy_scripts/orders_total_not_null.sql",
}


def _cli(*argv: str) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    code = run([*argv, "--format", "json"], out, err)
    assert err.getvalue() == ""
    return code, json.loads(out.getvalue())


def _copy(name: str, tmp_path: Path) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    return root


def _swap_in_plan(root: Path, plan: str, first: str, second: str) -> None:
    """Plan `second` before `first` (their lines swapped)."""
    path = root / plan
    lines = path.read_text().splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.startswith(first + " "))
    j = next(n for n, line in enumerate(lines) if line.startswith(second + " "))
    lines[i], lines[j] = lines[j], lines[i]
    path.write_text("".join(lines))


def _lint(root: Path) -> tuple[int, dict[str, Any]]:
    return _cli("lint", str(root), "--select", "SC009,SC027,SC028", "--no-cache")


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_lint_follows_the_plan_of_the_project(name: str, tmp_path: Path) -> None:
    code, report = _lint(FIXTURES / name)
    # in plan order: nothing to say, every revert paired with its deploy, nothing left out
    assert (code, report["findings"], report["not_checked"]) == (0, [], [])
    plan, first, second = PROJECTS[name]
    root = _copy(name, tmp_path)
    _swap_in_plan(root, plan, first, second)
    code, report = _lint(root)
    assert code == 1
    assert [(f["code"], f["location"]["path"]) for f in report["findings"]] == [
        ("SC009", str(root / SET_NOT_NULL[name]))
    ]


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_lint_lists_the_scripts_the_plan_does_not_name(name: str, tmp_path: Path) -> None:
    root = _copy(name, tmp_path)
    extra = root / Path(SET_NOT_NULL[name]).parent / "old" / "drop_everything.sql"
    extra.parent.mkdir()
    extra.write_text("DROP TABLE IF EXISTS x;\n")
    code, report = _lint(root)
    plan = root / PROJECTS[name][0]
    assert report["not_checked"] == [f"{extra}: not in {plan}: sqitch does not deploy it"]
    assert (code, report["findings"]) == (0, [])


def test_lint_reads_what_it_can_of_a_conf_with_bad_lines(tmp_path: Path) -> None:
    root = _copy("sqitch_conf", tmp_path)
    conf = root / "sqitch.conf"
    conf.write_text("this line is no setting\n" + conf.read_text() + "[unclosed\n\tx = 1\n")
    extra = root / "db/pg/deploy_scripts/unplanned.sql"
    extra.write_text("SELECT 1;\n")
    code, report = _lint(root)
    # the lines it can read still place the plan and the folders: linted in plan order (no
    # SC009), the script the plan does not name left out, the lines skipped named
    assert (code, report["findings"]) == (0, [])
    plan = root / "db/release.plan"
    skipped = len(conf.read_text().splitlines()) - 1  # the line `[unclosed` (and `x = 1`)
    assert report["not_checked"] == [
        f"{extra}: not in {plan}: sqitch does not deploy it",
        f"{conf}: lines 1, {skipped}, {skipped + 1} skipped (sqitch refuses such a file): the "
        "rest places the scripts",
    ]


def test_without_its_conf_the_project_is_not_found(tmp_path: Path) -> None:
    root = _copy("sqitch_conf", tmp_path)
    (root / "sqitch.conf").unlink()
    code, report = _lint(root)
    # the folders the conf named are nobody's: no migration, no rollback, files in name order
    assert [(f["code"], f["location"]["path"]) for f in report["findings"]] == [
        ("SC009", str(root / SET_NOT_NULL["sqitch_conf"]))
    ]
    assert code == 1
    files = parse_paths([root])
    assert {(f.role, f.version) for f in files} == {("other", None)}


@pytest.mark.db
@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_check_applies_the_changes_in_plan_order(
    name: str, tmp_path: Path, pg_server: DatabaseServer
) -> None:
    spec = str(FIXTURES / name / "spec.json")

    def check(root: Path) -> tuple[int, dict[str, Any]]:
        argv = ["check", "--sql", str(root), "--spec", spec, "--dsn", pg_server.dsn()]
        return _cli(*argv, "--no-lint")

    # up in plan order, the spec met, each revert in reverse plan order, up again
    code, report = check(FIXTURES / name)
    assert (code, report["findings"], report["not_checked"]) == (0, [], [])
    # the plan in name order instead: the first change needs one planned after it
    root = _copy(name, tmp_path)
    plan = root / PROJECTS[name][0]
    text = plan.read_text().splitlines(keepends=True)
    head = [line for line in text if not line[:1].isalnum()]
    plan.write_text("".join(head + sorted(line for line in text if line[:1].isalnum())))
    code, report = check(root)
    assert code == 1
    assert [(f["code"], Path(f["location"]["path"]).name) for f in report["findings"]] == [
        ("SC920", "table.sql" if name == "sqitch_nested" else "orders.sql")
    ]
    assert report["not_checked"] == ["audit and rollbacks (a migration failed)"]
