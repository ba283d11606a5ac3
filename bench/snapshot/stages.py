"""Where `schemacheck snapshot` spends its time and memory, stage by stage.

    python3 bench/snapshot/stages.py DSN [OUTPUT]

Runs the same steps as the command (`introspect()`, then `encode_spec` into the file), split
apart and one after another: each catalog query (server time plus row transfer into psycopg
rows), building the model objects of each kind, `Catalog.of`, `dump_catalog` and
`orjson.dumps` of the whole document, then `encode_spec` streamed into the file as the
command does it (one schema's document at a time). For each stage: seconds, the process's RSS
after it and the peak RSS so far. Here the queries run one after another on one connection;
the command splits them between two connections sharing one snapshot and overlaps them with
building the objects; the last line times `introspect()` as the command runs it.
"""

from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

import orjson

from schemacheck.files import write_atomic
from schemacheck.gcpause import gc_paused
from schemacheck.introspect.build import BUILDERS
from schemacheck.introspect.connect import Timeouts, snapshot
from schemacheck.introspect.filters import SchemaFilter
from schemacheck.introspect.reader import introspect
from schemacheck.introspect.sqlfiles import KINDS, kind_query
from schemacheck.model import Catalog, CatalogObject
from schemacheck.spec.dump import dump_catalog, encode_spec


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.start = self.last
        print(f"{'stage':<32} {'s':>7} {'rss MB':>8} {'peak MB':>8}  note")

    def lap(self, stage: str, note: str = "") -> None:
        now = time.perf_counter()
        print(
            f"{stage:<32} {now - self.last:7.2f} {rss_mb():8.0f} {peak_mb():8.0f}  {note}",
            flush=True,
        )
        self.last = time.perf_counter()

    def total(self) -> None:
        print(f"{'total':<32} {time.perf_counter() - self.start:7.2f}")


def main(dsn: str, output: str) -> int:
    clock = Clock()
    params = SchemaFilter.of().params()
    rows_by_kind = {}
    server_times: dict[str, float] = {}
    with snapshot(dsn, Timeouts(statement_ms=600_000)) as (session, _info):
        clock.lap("connect + snapshot")
        for kind in KINDS:
            query = kind_query(kind, session.server_version)
            rows_by_kind[kind] = session.fetch_rows(query, params, label=kind)[1]
            clock.lap(f"query {kind}", f"{len(rows_by_kind[kind]):,} rows")
        for kind in KINDS:
            query = "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + kind_query(
                kind, session.server_version
            )
            plan = session.fetch(query, params)[0]["QUERY PLAN"][0]
            server_times[kind] = (plan["Planning Time"] + plan["Execution Time"]) / 1000
        clock.lap("EXPLAIN ANALYZE (warm) of each")
    objects: list[CatalogObject] = []
    for kind in KINDS:
        build = BUILDERS[kind]
        objects.extend(build(row) for row in rows_by_kind[kind])
        clock.lap(f"build {kind}")
    del rows_by_kind
    gc.collect()
    clock.lap("free rows", f"{len(objects):,} objects")
    catalog = Catalog.of(objects, source="bench")
    del objects
    clock.lap("Catalog.of")
    doc = dump_catalog(catalog)
    clock.lap("dump_catalog (whole document)")
    text = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    clock.lap("orjson.dumps (whole document)", f"{len(text) / 1e6:.1f} MB")
    del doc, text
    write_atomic(output, encode_spec(catalog))
    clock.lap("encode_spec + write (streamed)", "as the command: a schema at a time")
    clock.total()
    del catalog
    started = time.perf_counter()
    introspect(dsn)
    print(
        f"\nintrospect() as the command runs it (kind queries on two connections sharing one "
        f"snapshot, each kind built while the next queries run; then Catalog.keyed), warm: "
        f"{time.perf_counter() - started:.2f} s"
    )
    print("\nserver-side time of each query, warm (EXPLAIN ANALYZE, planning + execution):")
    for kind, seconds in server_times.items():
        print(f"  {kind:<14} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    output = sys.argv[2] if len(sys.argv) > 2 else "/tmp/stages.json"
    with gc_paused():  # as the command runs
        sys.exit(main(sys.argv[1], output))
