"""Files parsed in worker processes give the same report as files parsed in this process, with
and without the cache, on a corpus large enough for `lint_paths` to use the workers."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from schemacheck.ddl import cache as cache_module
from schemacheck.ddl import pool
from schemacheck.ddl.statement import SqlFile
from schemacheck.findings import Report
from schemacheck.lint import lint_paths
from schemacheck.report import renderer


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    """The lint benchmark's generated migrations (about 5,000 statements) plus `sql/`."""
    spec = importlib.util.spec_from_file_location("lint_corpus", repo_root / "bench/lint/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("pool") / "corpus"
    module.generate(out, 5000, seed=11)
    assert sum(len(p.read_bytes()) for p in out.rglob("*.sql")) >= pool.POOL_MIN_BYTES
    return out


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many files each use of the worker processes parsed (the fingerprint pinned, as
    module times may change while the test runs)."""
    pinned = cache_module.code_fingerprint()
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: pinned)
    monkeypatch.setattr(pool, "workers", lambda: 2)
    used: list[int] = []
    real: Callable[[Sequence[pool.Job]], list[SqlFile]] = pool._pooled

    def counting(jobs: Sequence[pool.Job]) -> list[SqlFile]:
        used.append(len(jobs))
        return real(jobs)

    monkeypatch.setattr(pool, "_pooled", counting)
    return used


def _in_process(monkeypatch: pytest.MonkeyPatch, run: Callable[[], Report]) -> Report:
    with monkeypatch.context() as m:
        m.setattr(pool, "POOL_MIN_FILES", 10**9)
        return run()


def _json(r: Report) -> str:
    return renderer("json")(r)


def test_pooled_report_is_the_in_process_report(
    corpus: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    n_files = len(list(corpus.rglob("*.sql")))
    here = _in_process(monkeypatch, lambda: lint_paths([corpus]))
    assert pooled == []
    assert here.findings
    there = lint_paths([corpus])
    assert pooled == [n_files]
    assert _json(there) == _json(here)
    assert there.suppressed == here.suppressed
    assert there.not_checked == here.not_checked


def test_pooled_cache_entries_serve_the_in_process_run(
    corpus: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    n_files = len(list(corpus.rglob("*.sql")))
    here = _in_process(monkeypatch, lambda: lint_paths([corpus]))
    cache = tmp_path / "cache"
    cold = lint_paths([corpus], cache_dir=cache)
    assert pooled == [n_files]
    assert _json(cold) == _json(here)
    entries = [p for p in cache.rglob("*.pickle") if p.parent.parent.name == "files"]
    assert len(entries) == n_files  # the workers wrote every file's entry

    # the report entry removed: the files come back from the entries the workers wrote
    for p in cache.rglob("*.pickle"):
        if p.parent.parent.name == "reports":
            p.unlink()
    loader = cache_module.ParseCache(cache)
    loader.parse_all(cache_module.read_sources(loader, [corpus]))
    assert (loader.loaded, loader.parsed) == (n_files, 0)
    assert pooled == [n_files]
    warm = _in_process(monkeypatch, lambda: lint_paths([corpus], cache_dir=cache))
    assert _json(warm) == _json(here)


def test_pooled_files_come_back_when_the_cache_cannot_be_written(
    corpus: Path, pooled: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The workers hand their files over through files: with a cache directory that cannot
    be written (here under a regular file), they use the run's scratch directory instead, and
    nothing is parsed twice."""
    n_files = len(list(corpus.rglob("*.sql")))
    here = _in_process(monkeypatch, lambda: lint_paths([corpus]))
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    parsed: list[str] = []
    real_parse = pool.parse.parse_bytes

    def counting(data: bytes, path: str) -> SqlFile:
        parsed.append(path)
        return real_parse(data, path)

    monkeypatch.setattr(pool.parse, "parse_bytes", counting)
    there = lint_paths([corpus], cache_dir=blocker / "cache")
    assert pooled == [n_files]
    assert _json(there) == _json(here)
    assert len(parsed) < n_files  # only this process's share: the workers' files came back
    assert not list(tmp_path.glob("**/*.pickle"))
