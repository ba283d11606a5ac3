"""The lint cache: same findings from the cache, only changed files parsed again, bad entries
rebuilt, nothing written without a cache directory."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from schemacheck.ddl import cache as cache_module
from schemacheck.ddl import parse
from schemacheck.ddl import prune as prune_module
from schemacheck.ddl.cache import ParseCache
from schemacheck.findings import Report, Severity
from schemacheck.lint import lint_paths


@pytest.fixture
def tree(tmp_path: Path, sql_dir: Path) -> Path:
    """A copy of the Batch 3 SQL tree, free to edit."""
    dst = tmp_path / "sql"
    shutil.copytree(sql_dir, dst)
    return dst


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths really parsed, in order (the cache parses through `parse.parse_bytes`).

    The code fingerprint is pinned for the test: it follows the package's module times, which
    an edit elsewhere in a source checkout may change while the test runs."""
    pinned = cache_module.code_fingerprint()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: pinned)
    seen: list[str] = []
    real: Callable[..., object] = parse.parse_bytes

    def counting(data: bytes, path: str, **kw: object) -> object:
        seen.append(path)
        return real(data, path, **kw)

    monkeypatch.setattr(parse, "parse_bytes", counting)
    return seen


def _same(a: Report, b: Report) -> None:
    assert a.findings == b.findings
    assert a.suppressed == b.suppressed
    assert a.not_checked == b.not_checked
    assert a.meta == b.meta


def _entries(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in cache.rglob("*.pickle") if p.parent.parent.name == kind)


def test_second_run_reads_the_cache_and_gives_the_same_report(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    uncached = lint_paths([tree])
    n_files = len(parsed)
    assert n_files == len(list(tree.rglob("*.sql"))) > 10
    assert uncached.findings, "the Batch 3 tree has findings to compare"
    assert not cache.exists()

    first = lint_paths([tree], cache_dir=cache)
    assert len(parsed) == 2 * n_files  # cold: every file parsed once more
    assert len(_entries(cache, "files")) == n_files
    assert len(_entries(cache, "reports")) == 1
    _same(first, uncached)

    second = lint_paths([tree], cache_dir=cache)
    assert len(parsed) == 2 * n_files  # warm: nothing parsed
    _same(second, uncached)


def test_report_miss_still_uses_parsed_files(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    before = len(parsed)
    narrowed = lint_paths([tree], cache_dir=cache, select=["SC003"])
    assert len(parsed) == before  # new rule selection: new report, files from the cache
    assert {f.code for f in narrowed.findings} <= {"SC003"}
    _same(narrowed, lint_paths([tree], select=["SC003"]))
    assert len(_entries(cache, "reports")) == 2
    before = len(parsed)  # the uncached run just above parsed everything once more

    as_info = lint_paths([tree], cache_dir=cache, severity_overrides={"SC003": Severity.INFO})
    plain = lint_paths([tree], cache_dir=cache)
    sc003 = [f for f in as_info.findings if f.code == "SC003"]
    assert sc003 and all(f.severity is Severity.INFO for f in sc003)
    assert any(f.code == "SC003" and f.severity is not Severity.INFO for f in plain.findings)
    assert len(parsed) == before


def test_one_changed_byte_reparses_that_file_only(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    target = next(tree.glob("migrations/119_*.sql"))
    before = lint_paths([tree], cache_dir=cache)
    sc001 = [f for f in before.findings if f.code == "SC001" and f.location]
    assert [(f.location.path if f.location else "") for f in sc001] == [str(target)]
    assert "idx_messages_encryption_version" in sc001[0].message

    data = bytearray(target.read_bytes())
    at = data.index(b"CREATE INDEX idx_") + len(b"CREATE INDEX id")
    data[at] = ord("y")  # idx_messages_... -> idy_messages_...: one byte
    target.write_bytes(bytes(data))
    parsed.clear()
    after = lint_paths([tree], cache_dir=cache)
    assert parsed == [str(target)]
    assert after.findings != before.findings
    after_sc001 = [f for f in after.findings if f.code == "SC001"]
    assert len(after_sc001) == 1
    assert "idy_messages_encryption_version" in after_sc001[0].message
    parsed.clear()
    _same(after, lint_paths([tree]))

    # the old bytes again: both versions' entries are kept, nothing is parsed
    data[at] = ord("x")
    target.write_bytes(bytes(data))
    parsed.clear()
    _same(lint_paths([tree], cache_dir=cache), before)
    assert parsed == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle",
        b"\x80\x05garbage",
    ],
)
def test_corrupt_entries_are_ignored_and_rebuilt(
    tree: Path, tmp_path: Path, parsed: list[str], damage: bytes
) -> None:
    cache = tmp_path / "cache"
    good = lint_paths([tree], cache_dir=cache)
    n_files = len(_entries(cache, "files"))
    for p in _entries(cache, "files") + _entries(cache, "reports"):
        p.write_bytes(damage)
    parsed.clear()
    again = lint_paths([tree], cache_dir=cache)
    _same(again, good)
    assert len(parsed) == n_files  # every damaged file entry was parsed again
    parsed.clear()
    _same(lint_paths([tree], cache_dir=cache), good)
    assert parsed == []  # and rewritten whole


def test_entry_of_another_version_is_ignored(
    tree: Path, tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    good = lint_paths([tree], cache_dir=cache)
    n_files = len(parsed)
    # an entry whose content says it was written by other code, under the right name
    other = ParseCache(cache)
    monkeypatch.setattr(other, "fingerprint", "another version")
    for p in _entries(cache, "files") + _entries(cache, "reports"):
        kind, key = p.parent.parent.name, p.stem
        assert other._load(kind, key) is None  # written under our fingerprint: refused
        other._store(kind, key, "a stale value")
    parsed.clear()
    _same(lint_paths([tree], cache_dir=cache), good)
    assert len(parsed) == n_files


def test_no_cache_dir_writes_nothing(tree: Path, tmp_path: Path) -> None:
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    lint_paths([tree])
    lint_paths([tree], cache_dir=None)
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_unwritable_cache_dir_is_not_an_error(tree: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    _same(lint_paths([tree], cache_dir=blocker), lint_paths([tree]))
    assert blocker.read_text(encoding="utf-8").startswith("a file")


# ---------------------------------------------------------------- pruning

DAY = 24 * 3600
OLD = 40 * DAY  # older than MAX_AGE


def _age(paths: list[Path], seconds: float) -> None:
    t = time.time() - seconds
    for p in paths:
        os.utime(p, (t, t))


def _stamp(cache: Path) -> Path:
    return cache / f"v{cache_module.FORMAT}" / prune_module.STAMP


def _edit(tree: Path, n: int) -> Path:
    """Change one migration's bytes (a comment), so the next run stores a file and a report."""
    target = sorted(tree.glob("migrations/*.sql"))[0]
    target.write_bytes(target.read_bytes() + f"\n-- edit {n}\n".encode())
    return target


def _plant(cache: Path, kind: str, name: str, age: float) -> Path:
    p = cache / f"v{cache_module.FORMAT}" / kind / name[:2] / f"{name}.pickle"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(b"an entry no run reads any more")
    _age([p], age)
    return p


def test_constants_are_thirty_days_and_one_day() -> None:
    assert prune_module.MAX_AGE == 30 * DAY
    assert prune_module.PRUNE_INTERVAL == DAY


def test_a_hit_refreshes_the_entry_and_a_full_hit_touches_only_the_report(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    files, reports = _entries(cache, "files"), _entries(cache, "reports")
    _age([*files, *reports, _stamp(cache)], OLD)
    stamp_before = _stamp(cache).stat().st_mtime

    lint_paths([tree], cache_dir=cache)  # full hit: reads the report only, stores nothing
    now = time.time()
    assert [p.stat().st_mtime > now - DAY for p in reports] == [True]
    assert all(p.stat().st_mtime < now - 30 * DAY for p in files)
    assert _entries(cache, "files") == files  # stored nothing, so nothing pruned
    assert _stamp(cache).stat().st_mtime == stamp_before

    parsed.clear()
    lint_paths([tree], cache_dir=cache, select=["SC003"])  # report miss: every file read
    assert parsed == []
    assert all(p.stat().st_mtime > time.time() - DAY for p in files)


def test_old_unused_entries_go_after_a_run_that_stored_and_used_ones_stay(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    files, reports = _entries(cache, "files"), _entries(cache, "reports")
    n_files = len(files)
    _age([*files, *reports, _stamp(cache)], OLD)
    recent = _plant(cache, "files", "ab" + "0" * 62, 29 * DAY)  # unused, but not for 30 days
    fanout = _plant(cache, "reports", "zz" + "0" * 62, OLD).parent  # alone in its fan-out

    target = _edit(tree, 1)
    parsed.clear()
    lint_paths([tree], cache_dir=cache)
    assert parsed == [str(target)]

    files_after, reports_after = _entries(cache, "files"), _entries(cache, "reports")
    assert not set(reports) & set(reports_after)  # the old report: not read, removed
    assert len(reports_after) == 1
    assert recent.exists()
    assert not fanout.exists()  # emptied fan-out directory removed
    # the edited file's old entry went; the others were read (refreshed) and stay
    assert len(set(files) - set(files_after)) == 1
    assert len([p for p in files_after if p != recent]) == n_files
    assert _stamp(cache).stat().st_mtime > time.time() - DAY


def test_prune_runs_at_most_once_a_day(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)  # first prune: writes the stamp
    assert _stamp(cache).is_file()
    planted = _plant(cache, "files", "cd" + "1" * 62, OLD)

    _edit(tree, 1)
    lint_paths([tree], cache_dir=cache)  # stored something, but pruned less than a day ago
    assert planted.exists()

    _age([_stamp(cache)], DAY + 60)
    _edit(tree, 2)
    lint_paths([tree], cache_dir=cache)
    assert not planted.exists()
    assert _stamp(cache).stat().st_mtime > time.time() - 3600


def test_other_format_directories_go_and_nothing_else_in_the_cache_root(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    outside = tmp_path / "outside"
    (outside / "files" / "ab").mkdir(parents=True)
    kept_outside = outside / "files" / "ab" / "precious.pickle"
    kept_outside.write_text("not the cache's", encoding="utf-8")
    _age([kept_outside], OLD)

    old_format = cache / "v1" / "files" / "ab"
    old_format.mkdir(parents=True)
    (old_format / "x.pickle").write_bytes(b"v1 entry")
    (cache / "v1" / "files" / "link").symlink_to(outside)  # rmtree must not follow it
    (cache / "v2").mkdir()
    in_use = cache / "v99" / "files"  # another version's, pruned by it recently
    in_use.mkdir(parents=True)
    (cache / "v99" / prune_module.STAMP).write_bytes(b"")
    _age([cache / "v99" / prune_module.STAMP], DAY)
    unrelated = [cache / "notes.txt", cache / "v1x", cache / "version", cache / "V7"]
    unrelated[0].write_text("the user's", encoding="utf-8")
    for d in unrelated[1:]:
        d.mkdir()
        (d / "keep.pickle").write_bytes(b"the user's")
    linked = cache / "v5"  # a link named like a format directory: left alone
    linked.symlink_to(outside)
    os.utime(linked, (time.time() - OLD,) * 2, follow_symlinks=False)
    _age([old_format.parent.parent, cache / "v2", cache / "v99", *unrelated], OLD)
    _age([cache / "v1" / "files" / "ab" / "x.pickle"], OLD)

    lint_paths([tree], cache_dir=cache)
    assert not (cache / "v1").exists()
    assert not (cache / "v2").exists()
    assert (cache / "v99" / "files").is_dir()
    assert unrelated[0].read_text(encoding="utf-8") == "the user's"
    for d in unrelated[1:]:
        assert (d / "keep.pickle").read_bytes() == b"the user's"
    assert linked.is_symlink()
    assert kept_outside.read_text(encoding="utf-8") == "not the cache's"
    assert (cache / f"v{cache_module.FORMAT}" / "reports").is_dir()


def test_links_inside_the_cache_are_not_followed(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    outside = tmp_path / "outside"
    outside.mkdir()
    precious = outside / "precious.pickle"
    precious.write_text("not the cache's", encoding="utf-8")
    _age([precious], OLD)
    files = cache / f"v{cache_module.FORMAT}" / "files"
    (files / "zz").symlink_to(outside)  # a fan-out directory that is a link
    (files / "ab").mkdir(exist_ok=True)
    (files / "ab" / "link.pickle").symlink_to(precious)  # an entry that is a link
    for link in (files / "zz", files / "ab" / "link.pickle"):  # the links themselves old
        os.utime(link, (time.time() - OLD,) * 2, follow_symlinks=False)
    _age([_stamp(cache)], OLD)

    _edit(tree, 1)
    lint_paths([tree], cache_dir=cache)
    assert precious.read_text(encoding="utf-8") == "not the cache's"
    assert (files / "zz").is_symlink()
    assert (files / "ab" / "link.pickle").is_symlink()


@pytest.mark.parametrize("failure", ["cannot-remove", "vanishes"])
def test_a_failing_prune_does_not_fail_the_lint(
    tree: Path,
    tmp_path: Path,
    parsed: list[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    planted = _plant(cache, "files", "ef" + "2" * 62, OLD)
    _age([_stamp(cache)], OLD)
    tried: list[str] = []
    real: Callable[[str], None] = prune_module._remove_file

    def failing(p: str) -> None:
        tried.append(p)
        if failure == "cannot-remove":  # as in a read-only directory
            raise PermissionError(13, "Permission denied", p)
        os.unlink(p)  # removed by someone else first: the real removal finds nothing
        real(p)

    monkeypatch.setattr(prune_module, "_remove_file", failing)
    _edit(tree, 1)
    report = lint_paths([tree], cache_dir=cache)
    assert tried == [str(planted)]
    assert planted.exists() == (failure == "cannot-remove")
    parsed.clear()
    _same(report, lint_paths([tree]))


def test_unwritable_stamp_means_no_prune(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    lint_paths([tree], cache_dir=cache)
    stamp = _stamp(cache)
    stamp.unlink()
    stamp.mkdir()  # a directory where the stamp file should be: it cannot be opened
    _age([stamp], OLD)
    planted = _plant(cache, "files", "ab" + "3" * 62, OLD)
    _edit(tree, 1)
    report = lint_paths([tree], cache_dir=cache)
    assert planted.exists()
    assert report.findings


def test_spec_coverage_is_kept_until_the_spec_or_a_file_changes(
    tree: Path,
    tmp_path: Path,
    parsed: list[str],
    repo_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`lint --spec`: the spec coverage (a static replay of every file) is stored with the
    lint results and read back while neither the spec file's bytes nor any SQL file change."""
    from schemacheck import coverage as coverage_module
    from schemacheck.lint import spec_coverage

    replays: list[int] = []
    real_replay = coverage_module.replay

    def counting(*args: object, **kwargs: object) -> object:
        replays.append(1)
        return real_replay(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(coverage_module, "replay", counting)
    spec = tmp_path / "spec.json"
    shutil.copyfile(repo_root / "expected" / "batch3.json", spec)
    cache = tmp_path / "cache"

    first = spec_coverage(spec, [tree], cache)
    assert first.clean and len(replays) == 1
    parsed.clear()
    again = spec_coverage(spec, [tree], cache)
    assert (again, len(replays), parsed) == (first, 1, [])  # neither replayed nor parsed

    text = spec.read_text().replace('"device_keys_unique_device"', '"device_keys_unique_dev"')
    spec.write_text(text)  # the spec changed: computed again, and the change is seen
    changed = spec_coverage(spec, [tree], cache)
    assert len(replays) == 2 and not changed.clean
    assert any("device_keys_unique_dev" in f.object for f in changed.findings)

    _edit(tree, 1)  # a file changed: computed again
    spec_coverage(spec, [tree], cache)
    assert len(replays) == 3


@pytest.mark.parametrize("cached", [False, True])
def test_lint_with_spec_reads_and_parses_each_file_once(
    tree: Path,
    tmp_path: Path,
    parsed: list[str],
    repo_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    cached: bool,
) -> None:
    """`lint --spec`: the lint and the spec coverage share the files read and parsed, with or
    without a cache, and give what each gives alone."""
    from schemacheck.ddl import cache as cache_mod
    from schemacheck.lint import lint_with_coverage, spec_coverage

    reads: list[str] = []
    real_read = cache_mod.parse.read_source

    def counting_read(path: object) -> bytes:
        reads.append(str(path))
        return real_read(path)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_mod.parse, "read_source", counting_read)
    import schemacheck.lint as lint_module

    monkeypatch.setattr(lint_module, "read_source", counting_read)
    spec = repo_root / "expected" / "batch3.json"
    cache = tmp_path / "cache" if cached else None
    n_files = len(list(tree.rglob("*.sql")))

    report, coverage = lint_with_coverage([tree], spec, cache_dir=cache)
    assert sorted(parsed) == sorted(set(parsed)) and len(parsed) == n_files
    assert sorted(reads) == sorted(set(reads)) and len(reads) == n_files

    alone_cache = tmp_path / "alone" if cached else None
    assert coverage == spec_coverage(spec, [tree], alone_cache)
    _same(report, lint_paths([tree], cache_dir=alone_cache))


def test_a_lint_run_imports_neither_the_database_driver_nor_the_replay(
    tree: Path, tmp_path: Path
) -> None:
    """lint needs no database: a run (first or cached) imports neither psycopg nor the static
    replay's engine, which cost an unchanged re-run a sixth of its time."""
    import subprocess
    import sys

    code = (
        "import io, sys\n"
        "from schemacheck.cli import run\n"
        "run(['lint', '--cache-dir', sys.argv[1], '--format', 'json', sys.argv[2]],"
        " io.StringIO(), io.StringIO())\n"
        "print(sorted(m for m in ('psycopg', 'schemacheck.replay.engine') if m in sys.modules))\n"
    )
    for _ in range(2):  # parsed, then from the cache
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "cache"), str(tree)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == "[]"


def test_a_diesel_migrations_metadata_is_part_of_its_cache_key(tmp_path: Path) -> None:
    """`run_in_transaction = false` in metadata.toml takes a Diesel file out of Diesel's
    transaction: a changed metadata.toml alone changes the report of a cached run."""
    folder = tmp_path / "migrations" / "2024-01-01-000000_idx"
    folder.mkdir(parents=True)
    (folder / "up.sql").write_text("CREATE INDEX CONCURRENTLY i ON t (x);\n")
    (folder / "down.sql").write_text("DROP INDEX CONCURRENTLY IF EXISTS i;\n")
    cache = tmp_path / "cache"

    def sc007() -> int:
        report = lint_paths([tmp_path / "migrations"], cache_dir=cache)
        return sum(f.code == "SC007" for f in report.findings)

    assert sc007() == 2  # in Diesel's transaction, both files
    (folder / "metadata.toml").write_text("run_in_transaction = false\n")
    assert sc007() == 0
    (folder / "metadata.toml").write_text("run_in_transaction = true\n")
    assert sc007() == 2
