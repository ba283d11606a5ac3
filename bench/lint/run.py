"""Lint benchmark: `schemacheck lint` (cold and with its cache warm) against squawk, on one
generated corpus, in one run.

    pip install -r bench/lint/requirements.txt
    python3 bench/lint/run.py [--statements 52000] [--repeat 3] [--out bench/results/lint.json]

Generates the corpus (`bench/lint/corpus.py`, under `bench/.work/lint/corpus`), then times, each
as a fresh process on the same files and writing a JSON report to a file:

- schemacheck cold: an empty cache directory;
- schemacheck re-run: the same cache directory, nothing changed (median of --repeat runs);
- squawk cold: its first run over the files; squawk re-run: median of --repeat more runs
  (squawk keeps no cache, so the two differ only by what the OS has cached).

The code measured is the committed `schemacheck` package (`git archive HEAD`, unpacked under
`bench/.work/lint/code`, compiled to bytecode as an install leaves it, and put first on
PYTHONPATH), so edits made in the working tree while
the benchmark runs neither change the numbers nor invalidate the cache between runs;
`--worktree` measures the installed (working tree) code instead. `schemacheck lint --cache-dir
DIR` (as `python3 -m schemacheck`) is used when that code has it; otherwise the same
`lint_paths(..., cache_dir=DIR)` call is made through `python3 -c`. Prints a Markdown table of
statements per second; the statement count is the one schemacheck reports.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import DEFAULT_OUT, generate  # noqa: E402

ROOT = HERE.parents[1]
WORK = ROOT / "bench" / ".work" / "lint"

PY_LINT = """
import sys
from pathlib import Path
from schemacheck.lint import lint_paths
from schemacheck.report import renderer
report = lint_paths([sys.argv[1]], cache_dir=Path(sys.argv[2]))
sys.stdout.write(renderer("json")(report))
"""


ENV = dict(os.environ)


def snapshot_code() -> None:
    """Unpack HEAD's package and run every schemacheck process on it, from outside the tree."""
    code = WORK / "code"
    if code.exists():
        shutil.rmtree(code)
    code.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "HEAD", "schemacheck"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    # compiled to bytecode, as `pip install` leaves a package: without it every run compiles
    # each module it imports again where PYTHONDONTWRITEBYTECODE is set
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code)], check=True)
    ENV["PYTHONPATH"] = str(code)


def has_lint_command() -> bool:
    help_of = [sys.executable, "-m", "schemacheck", "lint", "--help"]
    sub = subprocess.run(help_of, capture_output=True, text=True, env=ENV, cwd=WORK).stdout
    return "--cache-dir" in sub and "--format" in sub


def schemacheck_cmd(corpus: Path, cache: Path, command: bool) -> list[str]:
    if command:
        lint = [sys.executable, "-m", "schemacheck", "lint"]
        return [*lint, "--cache-dir", str(cache), "--format", "json", str(corpus)]
    return [sys.executable, "-c", PY_LINT, str(corpus), str(cache)]


def timed(cmds: list[list[str]], out: Path, cwd: Path = WORK) -> float:
    """Wall seconds for running `cmds` one after the other, output appended to `out`."""
    out.write_bytes(b"")
    start = time.perf_counter()
    with out.open("ab") as fh:
        for cmd in cmds:
            done = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, cwd=cwd, env=ENV)
            if done.returncode not in (0, 1):
                err = done.stderr.decode(errors="replace").strip()[-300:]
                raise SystemExit(f"{cmd[0]} exited {done.returncode}: {err}")
    return time.perf_counter() - start


def squawk_batches(corpus: Path, batch: int = 2000) -> list[list[str]]:
    rel = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.sql"))
    chunks = [rel[i : i + batch] for i in range(0, len(rel), batch)]
    return [["squawk", "--reporter", "json", *chunk] for chunk in chunks]


def statement_count(corpus: Path, cache: Path) -> int:
    """The statements schemacheck counted (read back through the now warm cache)."""
    code = (
        "import sys; from pathlib import Path; from schemacheck.lint import lint_paths; "
        "print(dict(lint_paths([sys.argv[1]], cache_dir=Path(sys.argv[2])).meta)['statements'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(cache)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
        cwd=WORK,
    )
    return int(out.stdout.strip())


def findings_count(report_json: Path) -> int:
    total = 0
    for line in report_json.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("["):
            total += len(json.loads(line))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description="lint benchmark against squawk")
    ap.add_argument("--statements", type=int, default=52000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lint.json")
    ap.add_argument("--worktree", action="store_true", help="measure the installed code")
    ap.add_argument(
        "--spec",
        type=Path,
        help="also time `lint --spec SPEC` (the static replay and spec coverage of the corpus): "
        "without a cache, and re-run with the cache warm",
    )
    a = ap.parse_args()
    if shutil.which("squawk") is None:
        raise SystemExit("squawk not found: pip install -r bench/lint/requirements.txt")

    corpus = DEFAULT_OUT
    n_files, _ = generate(corpus, a.statements, seed=7)
    cache = WORK / "cache"
    if cache.exists():
        shutil.rmtree(cache)
    if not a.worktree:
        snapshot_code()
    command = has_lint_command()
    how = "schemacheck lint --cache-dir" if command else "python3 -c lint_paths(cache_dir=)"
    how += "" if a.worktree else " (code at HEAD)"
    sc_out, sq_out = WORK / "schemacheck.json", WORK / "squawk.json"
    sc_cmd = [schemacheck_cmd(corpus, cache, command)]

    sc_cold = timed(sc_cmd, sc_out)
    statements = statement_count(corpus, cache)
    sc_warm = statistics.median(timed(sc_cmd, sc_out) for _ in range(a.repeat))
    sq_cmds = squawk_batches(corpus)
    sq_cold = timed(sq_cmds, sq_out, cwd=corpus)
    sq_warm = statistics.median(timed(sq_cmds, sq_out, cwd=corpus) for _ in range(a.repeat))
    sq_version = subprocess.run(["squawk", "--version"], capture_output=True, text=True).stdout

    rows = [
        ("schemacheck lint, cold (empty cache)", sc_cold),
        ("schemacheck lint, re-run (nothing changed)", sc_warm),
        (f"{sq_version.strip()}, cold", sq_cold),
        (f"{sq_version.strip()}, re-run", sq_warm),
    ]
    if a.spec is not None and command:
        spec_cmd = [*sc_cmd[0][:-1], "--spec", str(a.spec.resolve()), str(corpus)]
        no_cache = [c for c in spec_cmd if c not in ("--cache-dir", str(cache))]
        uncached = timed([[*no_cache, "--no-cache"]], sc_out)
        timed([spec_cmd], sc_out)  # fills the cache
        rows.append(("schemacheck lint --spec, no cache", uncached))
        rerun = timed([spec_cmd], sc_out)
        rows.append(("schemacheck lint --spec, re-run (nothing changed)", rerun))
    print(f"{n_files} files, {statements} statements ({how}); median of {a.repeat} re-runs\n")
    print("| run | seconds | statements/s |")
    print("| --- | ---: | ---: |")
    for name, secs in rows:
        print(f"| {name} | {secs:.2f} | {statements / secs:,.0f} |")
    cold_ratio, warm_ratio = sc_cold / sq_cold, sc_warm / sq_warm
    print(
        f"\ncold: schemacheck takes {cold_ratio:.1f}x squawk's time (target <= 3x: "
        f"{'met' if cold_ratio <= 3 else 'NOT met'}); re-run: {warm_ratio:.2f}x "
        f"(target < 1x: {'met' if warm_ratio < 1 else 'NOT met'})"
    )
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(
        json.dumps(
            {
                "files": n_files,
                "statements": statements,
                "how": how,
                "cpu_count": os.cpu_count(),
                "squawk": sq_version.strip(),
                "squawk_findings": findings_count(sq_out),
                "seconds": {name: round(secs, 3) for name, secs in rows},
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
