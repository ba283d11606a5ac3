"""sqitch projects: `sqitch.plan` read into the changes in deploy order, and the files under
`deploy/`, `revert/` and `verify/` linted in that order (their version is their change's place
in the plan), reverts still paired with the deploy of their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.ddl import classify_path, pair_rollbacks, sqitch
from schemacheck.ddl.sqitch import read_plan
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

    monkeypatch.setattr(sqitch, "read_plan", counted)
    lint_paths([tmp_path])
    # p's plan, and q's missing one looked for once; nothing for r, which is no sqitch project
    assert sorted(Path(r).parent.name for r in reads) == ["p", "q"]


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
