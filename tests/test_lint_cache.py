"""The lint cache: same findings from the cache, only changed files parsed again, bad entries
rebuilt, nothing written without a cache directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from schemacheck.ddl import cache as cache_module
from schemacheck.ddl import parse
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
