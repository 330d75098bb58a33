"""End-to-end ingest throughput: records/s and peak memory on a generated data set.

    .venv/bin/python -m bench.bench_ingest --profile city --scale 1.0
    .venv/bin/python -m bench.bench_ingest --data var/generated-province   # existing files

Runs against NEO4J_URI or a local Neo4j on its own store (var/neo4j-bench, port 7690), wiping it
first. Also measures a baseline on the same machine, the same path writing one record per transaction, and
prints the ratio; `--server-cpu` attributes the local Neo4j's CPU to named queries.
"""

import argparse
import os
import platform
import resource
import time
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from app.caller import SYSTEM
from app.db import local
from app.db.graph import Graph
from app.db.schema import apply_schema, wipe
from app.ingest.reference import load_reference
from app.ingest.service import channel_paths, load_paths, make_pipeline
from app.settings import REPO_ROOT, Settings
from loaders.channels import get_loader


def bench_settings() -> Settings:
    """The benchmark's own Neo4j, so a developer's data is never wiped."""
    if os.environ.get("NEO4J_URI"):
        return Settings()
    return Settings(
        neo4j_uri=None,
        neo4j_password="caselink-bench",
        caselink_neo4j_port=7690,
        caselink_neo4j_home=REPO_ROOT / "var" / "neo4j-bench",
        caselink_neo4j_heap="4g",
        caselink_neo4j_pagecache="2g",
        caselink_scheduler=False,
        caselink_demo=False,
    )


def process_cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process so far (0 when unknown, e.g. a remote Neo4j)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServerCpuGraph(Graph):
    """A Graph that also adds up the local Neo4j process's CPU seconds per named query (statements run one at a
    time from the write thread; the prefetch thread's hash reads overlap them, so the split is approximate)."""

    def __init__(self, graph: Graph, server_pid: int | None) -> None:
        super().__init__(graph.driver, graph.database, graph.catalog)
        self.server_pid = server_pid
        self.server_cpu: Counter[str] = Counter()

    def _run(self, name: str, params: dict[str, Any], routing: Any) -> list[dict[str, Any]]:
        before = process_cpu_seconds(self.server_pid)
        try:
            return super()._run(name, params, routing)
        finally:
            self.server_cpu[name] += process_cpu_seconds(self.server_pid) - before

    def run_in(self, tx: Any, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run inside a transaction, adding up the server's CPU (its commit is not counted here)."""
        before = process_cpu_seconds(self.server_pid)
        try:
            return super().run_in(tx, name, **params)
        finally:
            self.server_cpu[name] += process_cpu_seconds(self.server_pid) - before


def machine() -> str:
    """One line about the machine the figures come from."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {pages / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}"
    )


def baseline_per_record(graph: Graph, settings: Settings, data: Path, limit: int, hooks: list | None) -> float:
    """Records/s of the same shared path writing one record per transaction (batch size 1) on the first
    `limit` police records of an empty graph: the per-row loader the batched path is compared with."""
    pipeline = make_pipeline(graph=graph, settings=settings, caller=SYSTEM, hooks=hooks)
    pipeline.batch_size = 1
    items = list(islice(get_loader("police110").read_file(data / "police110.jsonl"), limit))
    start = time.perf_counter()
    pipeline.ingest(items)
    return len(items) / (time.perf_counter() - start)


def fresh_graph_with_reference(graph: Graph, settings: Settings, data: Path) -> float:
    """Wipe the bench store, apply the schema and load the reference data; returns the reference load's seconds."""
    wipe(graph)
    apply_schema(graph)
    start = time.perf_counter()
    load_reference(graph=graph, settings=settings, directory=data / "reference")
    return time.perf_counter() - start


def main() -> None:
    """Generate (or take) a data set, load it end to end and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default="city")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--hooks", action="store_true", help="also run scoring/detection on arrival")
    parser.add_argument("--baseline-records", type=int, default=1000,
                        help="records of the one-record-per-transaction baseline")
    parser.add_argument("--server-cpu", action="store_true",
                        help="attribute the local Neo4j's CPU to named queries (the loader waits a little more)")
    args = parser.parse_args()
    data = args.data or REPO_ROOT / "var" / f"bench-{args.profile}-{args.scale}"
    if not (data / "police110.jsonl").exists():
        from app.generator import generate

        start = time.perf_counter()
        generate(profile=args.profile, seed=args.seed, out=data, scale=args.scale)
        print(f"generated {data} in {time.perf_counter() - start:.1f} s")
    settings = bench_settings()
    if settings.uses_local_neo4j:
        local.start(settings)
    graph = Graph.connect(settings)
    if args.server_cpu:
        graph = ServerCpuGraph(graph, local.status(settings).pid if settings.uses_local_neo4j else None)
    hooks = None if args.hooks else []
    fresh_graph_with_reference(graph, settings, data)
    baseline = baseline_per_record(graph, settings, data, args.baseline_records, hooks)
    reference_s = fresh_graph_with_reference(graph, settings, data)
    graph.timings.clear()
    if args.server_cpu:
        graph.server_cpu.clear()
    neo4j_pid = local.status(settings).pid if settings.uses_local_neo4j else None
    neo4j_cpu, loader_cpu = process_cpu_seconds(neo4j_pid), time.process_time()
    start = time.perf_counter()
    summary = load_paths(
        graph=graph, settings=settings, caller=SYSTEM, hooks=hooks, paths=channel_paths(data)
    )
    elapsed = time.perf_counter() - start
    loader_cpu = time.process_time() - loader_cpu
    load_server_cpu = Counter(graph.server_cpu) if args.server_cpu else Counter()
    neo4j_cpu = process_cpu_seconds(neo4j_pid) - neo4j_cpu
    totals = summary.totals()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    again = load_paths(
        graph=graph, settings=settings, caller=SYSTEM, hooks=hooks, paths=channel_paths(data)
    ).totals()
    reload_s = time.perf_counter() - start
    rate = totals["read"] / elapsed
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"data: {data}" + ("" if args.data else f" ({args.profile}, scale {args.scale})"))
    print(f"reference data: {reference_s:.1f} s")
    print(
        f"records: {totals} in {elapsed:.1f} s -> {rate:,.0f} records/s end to end"
        f"{' (with scoring/detection hooks)' if args.hooks else ''}"
    )
    print(f"peak memory of the loader process: {peak:,.0f} MiB")
    # CPU seconds stay comparable when other work shares the cores; wall-clock time does not.
    print(f"CPU: loader {loader_cpu:.1f} s ({1000 * loader_cpu / totals['read']:.2f} ms/record), "
          f"Neo4j {neo4j_cpu:.1f} s ({1000 * neo4j_cpu / totals['read']:.2f} ms/record)"
          f"{'' if neo4j_pid else ' (Neo4j not local: not measured)'}")
    print(f"reload of the same files: {again} in {reload_s:.1f} s -> {again['read'] / reload_s:,.0f} records/s")
    print(f"baseline, same path one record per transaction ({args.baseline_records} police records): "
          f"{baseline:,.0f} records/s -> batches are {rate / baseline:.1f}x faster")
    print("seconds per named query (top 12):")
    for name, seconds in graph.timings.most_common(12):
        print(f"  {name:40s} {seconds:7.2f}")
    if args.server_cpu:
        print("Neo4j CPU per named query, ms per record (top 15):")
        for name, seconds in load_server_cpu.most_common(15):
            print(f"  {name:40s} {1000 * seconds / totals['read']:7.3f}")
    graph.close()


if __name__ == "__main__":
    main()
