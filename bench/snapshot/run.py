"""Live introspection benchmark: `schemacheck snapshot` against pg_dump and schemainspect.

    python3 bench/snapshot/run.py                    # full size: 20,000 tables in 800 schemas
    python3 bench/snapshot/run.py --small            # 500 tables in 20 schemas
    python3 bench/snapshot/run.py --tables 2000 --schemas 80 --repeat 1

A throwaway PostgreSQL server (the machine's binaries of pg_dump's major) holds the catalog
(see catalog.py). The built data directory is kept under bench/.work/ (git-ignored) keyed by
size and major, and copied into each new throwaway server, so only the first run of a size
pays for the build; `--rebuild` builds afresh.

For each repetition and each tool: the server is restarted (fresh shared buffers, fresh
backend catalog caches; the OS page cache is left alone) and the tool runs once in a fresh
process ("cold"), then once more at once ("warm"). The medians over repetitions are reported.
Peak memory is the child process's maximum RSS (os.wait4), the server's memory not included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
REPO = BENCH.parent
WORK = BENCH / ".work"
RESULTS = BENCH / "results"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import catalog  # noqa: E402

from schemacheck.embedded import ThrowawayServer, find_binaries  # noqa: E402

MAJOR = 15
DBNAME = "bench"
BENCH_SETTINGS = {
    # pg_dump takes an ACCESS SHARE lock on every table in one transaction
    "max_locks_per_transaction": "1024",
    "shared_buffers": "256MB",
}


class BenchServer(ThrowawayServer):
    """A throwaway server whose data directory may start as a copy of a kept one."""

    def __init__(self, seed: Path | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.seed = seed

    def _initdb(self) -> None:
        if self.seed is not None and self.seed.is_dir():
            subprocess.run(["cp", "-a", str(self.seed), str(self._data)], check=True)
            return
        super()._initdb()

    def _configure(self) -> None:
        super()._configure()
        lines = [f"{k} = {v}" for k, v in BENCH_SETTINGS.items()]
        with (self._data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("# benchmark\n" + "\n".join(lines) + "\n")

    def stop_clean(self) -> None:
        """Stop with a checkpoint (`-m fast`), so the data directory can be kept or restarted."""
        pg_ctl = str(self._program("pg_ctl"))
        argv = [pg_ctl, "-D", str(self._data), "-m", "fast", "-w", "stop"]
        if self._run(argv, self.directory / "pg_ctl.log", timeout=300) != 0:
            raise RuntimeError("pg_ctl stop failed")

    def restart(self) -> None:
        self.stop_clean()
        self._start_postmaster()

    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DBNAME}"

    def keep_data(self, target: Path) -> None:
        """Copy the (stopped) data directory to `target`, replacing it."""
        tmp = target.with_name(target.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cp", "-a", str(self._data), str(tmp)], check=True)
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)


@dataclass
class Sample:
    seconds: float
    rss_kb: int
    output_bytes: int


@dataclass
class Tool:
    name: str
    argv: list[str]
    output: Path
    cold: list[Sample] = field(default_factory=list)
    warm: list[Sample] = field(default_factory=list)
    failure: str = ""


def measure(argv: list[str], output: Path, log: Path) -> Sample:
    """Run `argv` once; wall time, the child's peak RSS (KiB on Linux) and the output size."""
    output.unlink(missing_ok=True)
    with log.open("ab") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {child.returncode}; see {log}")
    return Sample(seconds, int(usage.ru_maxrss), output.stat().st_size)


def tools(server: BenchServer, pg_bin: Path, out_dir: Path) -> list[Tool]:
    url = server.url()
    sc_out = out_dir / "schemacheck.json"
    pd_out = out_dir / "pg_dump.sql"
    si_out = out_dir / "schemainspect.sql"
    return [
        Tool(
            "schemacheck snapshot",
            [sys.executable, "-m", "schemacheck", "snapshot", "--dsn", url, "-o", str(sc_out)],
            sc_out,
        ),
        Tool(
            "pg_dump --schema-only",
            [str(pg_bin / "pg_dump"), "--schema-only", "-f", str(pd_out), "-d", url],
            pd_out,
        ),
        Tool(
            "schemainspect",
            [sys.executable, str(HERE / "schemainspect_probe.py"), url, str(si_out)],
            si_out,
        ),
    ]


def median(samples: list[Sample], attr: str) -> float:
    return float(statistics.median(getattr(s, attr) for s in samples))


def size_text(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def table(results: list[Tool]) -> str:
    rows = [
        "| tool | cold s | warm s | peak RSS MB | output size |",
        "|---|---:|---:|---:|---:|",
    ]
    for t in results:
        if t.failure:
            rows.append(f"| {t.name} | failed: {t.failure} | | | |")
            continue
        both = t.cold + t.warm
        rss = max(s.rss_kb for s in both) / 1024
        rows.append(
            f"| {t.name} | {median(t.cold, 'seconds'):.2f} | {median(t.warm, 'seconds'):.2f} "
            f"| {rss:.0f} | {size_text(median(both, 'output_bytes'))} |"
        )
    return "\n".join(rows)


def targets(results: list[Tool]) -> list[str]:
    by = {t.name.split()[0]: t for t in results if not t.failure}
    sc, pd, si = by.get("schemacheck"), by.get("pg_dump"), by.get("schemainspect")
    lines: list[str] = []
    if sc is None:
        return ["schemacheck snapshot failed: no target can be judged"]
    for label in ("cold", "warm"):
        mine = median(getattr(sc, label), "seconds")
        if pd is not None:
            theirs = median(getattr(pd, label), "seconds")
            verdict = "met" if mine < theirs else "NOT met"
            lines.append(
                f"- faster than pg_dump ({label}): {verdict} "
                f"({mine:.2f} s vs {theirs:.2f} s, {theirs / mine:.2f}x)"
            )
        if si is not None:
            theirs = median(getattr(si, label), "seconds")
            verdict = "met" if theirs >= 5 * mine else "NOT met"
            lines.append(
                f"- at least 5x faster than schemainspect ({label}): {verdict} "
                f"({theirs / mine:.2f}x)"
            )
    rss = max(s.rss_kb for s in sc.cold + sc.warm) / 1024
    lines.append(
        f"- well under 500 MB peak memory: {'met' if rss < 250 else 'NOT met'} ({rss:.0f} MB; "
        "'well under' read as below half)"
    )
    return lines


def machine_facts(server: BenchServer, counts: dict[str, int]) -> list[str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        first = Path("/proc/meminfo").read_text().splitlines()[0]
        mem = f"{int(first.split()[1]) / 1024 / 1024:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    settings = ", ".join(f"{k}={v}" for k, v in BENCH_SETTINGS.items())
    return [
        f"- machine: {os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.platform()}",
        f"- PostgreSQL {server.major} ({server.binaries.bindir}), "
        f"Python {platform.python_version()}, server settings: {settings}, fsync off",
        "- catalog: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()),
    ]


def profile(server: BenchServer, out_dir: Path) -> None:
    """Stage timings, then cProfile of the real CLI (both cold: right after a restart)."""
    out = str(out_dir / "profile.json")
    server.restart()
    print("\n## stages (cold)\n", flush=True)
    subprocess.run([sys.executable, str(HERE / "stages.py"), server.url(), out], check=True)
    server.restart()
    prof = out_dir / "snapshot.prof"
    cli = ["-m", "schemacheck", "snapshot", "--dsn", server.url(), "-o", out]
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), *cli], check=True)
    import pstats

    for order in ("tottime", "cumulative"):
        print(f"\n## cProfile of the CLI (cold), top 25 by {order}\n", flush=True)
        pstats.Stats(str(prof)).sort_stats(order).print_stats(25)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=catalog.FULL.tables)
    ap.add_argument("--schemas", type=int, default=catalog.FULL.schemas)
    ap.add_argument("--small", action="store_true", help="500 tables in 20 schemas")
    ap.add_argument("--repeat", type=int, default=3, help="cold+warm pairs per tool (median)")
    ap.add_argument("--rebuild", action="store_true", help="build the catalog afresh")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="instead of the comparison: stage timings (stages.py) and a cProfile of the CLI",
    )
    ap.add_argument(
        "--only", action="append", default=[], help="only tools whose name starts with this"
    )
    args = ap.parse_args()
    size = catalog.SMALL if args.small else catalog.Size(args.tables, args.schemas)

    binaries = find_binaries(prefer=MAJOR)
    pg_bin = Path(f"/usr/lib/postgresql/{binaries.major}/bin")
    if not (pg_bin / "pg_dump").exists():
        pg_bin = binaries.bindir
    seed = WORK / f"pgdata-{binaries.major}-{size.key}"
    if args.rebuild:
        shutil.rmtree(seed, ignore_errors=True)
    out_dir = WORK / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    log = out_dir / "tools.log"
    log.unlink(missing_ok=True)

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    with BenchServer(
        seed if seed.is_dir() else None, binaries=binaries, base_dir=Path("/tmp")
    ) as server:
        if not seed.is_dir():
            print(f"building {size.tables} tables in {size.schemas} schemas ...", flush=True)
            started = time.monotonic()
            server.create_database(DBNAME)
            catalog.build(server.url(), size)
            catalog.vacuum(server.url())
            build_s = time.monotonic() - started
            print(f"built in {build_s:.0f} s; keeping the data directory in {seed}", flush=True)
            server.stop_clean()
            server.keep_data(seed)
            server._start_postmaster()
        else:
            print(f"reusing the data directory kept in {seed}", flush=True)
        counts = catalog.counts(server.url())
        print("catalog: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()), flush=True)

        if args.profile:
            profile(server, out_dir)
            return 0
        results = tools(server, pg_bin, out_dir)
        if args.only:
            results = [t for t in results if any(t.name.startswith(o) for o in args.only)]
        for rep in range(args.repeat):
            for t in results:
                if t.failure:
                    continue
                server.restart()
                url = server.url()
                t.argv = [url if a.startswith("postgresql://") else a for a in t.argv]
                try:
                    cold = measure(t.argv, t.output, log)
                    warm = measure(t.argv, t.output, log)
                except RuntimeError as exc:
                    t.failure = str(exc)
                    print(f"  {t.name}: {exc}", flush=True)
                    continue
                t.cold.append(cold)
                t.warm.append(warm)
                print(
                    f"  run {rep + 1}/{args.repeat} {t.name}: cold {cold.seconds:.2f} s, "
                    f"warm {warm.seconds:.2f} s, "
                    f"peak RSS {max(cold.rss_kb, warm.rss_kb) / 1024:.0f} MB, "
                    f"output {size_text(warm.output_bytes)}",
                    flush=True,
                )
        facts = machine_facts(server, counts)

    report = "\n".join(
        [
            f"# snapshot benchmark, {size.tables} tables in {size.schemas} schemas ({stamp})",
            "",
            *facts,
            f"- medians of {args.repeat} cold/warm pairs per tool",
            "",
            table(results),
            "",
            *targets(results),
            "",
        ]
    )
    print()
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"snapshot-{size.key}-{stamp}.md"
    path.write_text(report, encoding="utf-8")
    print(f"written to {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
