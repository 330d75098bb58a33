"""HTTP latency of the investigators' API: related cases and graph neighbourhoods, p50 / p99 and requests/s.

    .venv/bin/python -m bench.bench_api                      # the configured graph (NEO4J_URI or local)
    .venv/bin/python -m bench.bench_api --requests 400 --clients 8 --port 8765
    .venv/bin/python -m bench.bench_api --province 1000000 --neo4j-port 7743 --clients 1,8 --workers 2

Serves the app with uvicorn (`--workers` processes) in a subprocess on 127.0.0.1, logs in as the bootstrap
administrator (and as a district analyst when districts exist), then runs a bounded number of requests from
concurrent clients (threads with httpx) for each `--clients` count. Without `--province` it measures whatever
data the configured graph holds; with `--province N` it uses its own Neo4j (var/neo4j-bench-api, `--neo4j-port`)
and writes a synthetic province of N disputes with hub persons, phones and places there first unless the
store already holds it (bench/province_graph.py; `--rebuild` wipes it). `--dump FILE` writes the related-case
answers of the sampled disputes (for comparing two versions: `--app-dir` serves another checkout).
Not a test: prints the figures and the machine they come from.
"""

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.auth import service as auth
from app.db import local
from app.db.graph import Graph
from app.db.schema import apply_schema, wipe
from app.settings import REPO_ROOT, Settings, get_settings
from bench import province_graph

BENCH_USER = "bench-analyst"
BENCH_PASSWORD = "bench-analyst-password"
NEIGHBOURHOOD = "/api/v1/graph/neighbourhood?node="


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of processes and all their descendants so far (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family, frontier = set(pids), list(pids)
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in family]
        family.update(children)
        frontier += children
    total = 0.0
    for pid in family:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def machine() -> str:
    """One line about the machine: CPU, cores, memory, Python, load."""
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.processor() or platform.machine()}, nproc {os.cpu_count()}, {memory / 2**30:.1f} GiB, "
            f"Python {platform.python_version()}, load average {load}")


def bench_settings(args: argparse.Namespace) -> Settings:
    """The configured graph, or with --province the benchmark's own Neo4j (unless NEO4J_URI is set)."""
    if not args.province or os.environ.get("NEO4J_URI"):
        return get_settings()
    return Settings(
        neo4j_uri=None, neo4j_password=os.environ.get("NEO4J_PASSWORD", "caselink-bench"),
        caselink_neo4j_port=args.neo4j_port,
        caselink_neo4j_home=REPO_ROOT / "var" / "neo4j-bench-api", caselink_neo4j_heap=args.heap,
        caselink_neo4j_pagecache=args.pagecache, caselink_scheduler=False, caselink_demo=False,
    )


def server_env(settings: Settings) -> dict[str, str]:
    """The environment of the served app: the benchmark's graph, no scheduler, no demo."""
    return {**os.environ, "CASELINK_SCHEDULER": "false", "CASELINK_DEMO": "false",
            "NEO4J_URI": settings.neo4j_uri or "", "NEO4J_PASSWORD": settings.neo4j_password,
            "CASELINK_NEO4J_PORT": str(settings.caselink_neo4j_port),
            "CASELINK_NEO4J_HOME": str(settings.caselink_neo4j_home)}


@contextmanager
def serve(port: int, env: dict[str, str], workers: int = 1, app_dir: Path = REPO_ROOT) -> Iterator[tuple[str, int]]:
    """The app served as `caselink serve` does (app/server.py) in a subprocess run from `app_dir`;
    yields its URL and pid once /health answers."""
    if (app_dir / "app" / "server.py").exists():
        command = [sys.executable, "-m", "app.server", "--host", "127.0.0.1", "--port", str(port),
                   "--log-level", "warning", "--workers", str(workers)]
    else:  # an older checkout: plain uvicorn
        command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
                   "--port", str(port), "--log-level", "warning", "--workers", str(workers)]
    process = subprocess.Popen(command, cwd=app_dir, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the API did not answer within 120 s")


def token(base: str, username: str, password: str) -> dict[str, str]:
    """Bearer headers of a user."""
    response = httpx.post(f"{base}/api/v1/auth/token", data={"username": username, "password": password})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def sample(graph: Graph, scope: str, size: int, seed: int) -> tuple[list[str], list[str]]:
    """Dispute ids and person ids of a jurisdiction to ask about (the busiest persons always included)."""
    rows = graph.read("list_case_keys", scope=scope, limit=500_000)
    disputes = [r["key"] for r in rows if r["label"] == "Dispute"]
    persons = sorted((r for r in rows if r["label"] == "Person"), key=lambda r: -len(r["area_codes"]))
    rng = random.Random(seed)
    busiest = [p["key"] for p in persons[:5]]
    return rng.sample(disputes, min(size, len(disputes))), busiest + [
        p["key"] for p in rng.sample(persons, min(size, len(persons)))]


def sample_province(graph: Graph, disputes: int, size: int, seed: int) -> tuple[list[str], list[str]]:
    """Random disputes of the whole synthetic province and their persons, the five busiest hub persons first."""
    rng = random.Random(seed)
    ids = [f"D{n:016x}" for n in rng.sample(range(disputes), min(size, disputes))]
    pids = [r["pid"] for r in graph.read("list_bench_parties", ids=ids)]
    hubs = [province_graph.pid(n) for n in range(5)]
    return ids, hubs + sorted(set(pids) - set(hubs))[:size]


def busiest_district(graph: Graph) -> str:
    """The district with most disputes, for the scoped user."""
    rows = graph.read("count_disputes_by_area", scope="", level="district", start=datetime(1900, 1, 1, tzinfo=UTC),
                      end=datetime(9999, 1, 1, tzinfo=UTC))
    return next((r["code"] for r in rows if r["code"]), "")


def run(name: str, urls: list[str], base: str, headers: dict[str, str], clients: int, measured: list[int]) -> None:
    """Send every URL once from `clients` threads; print p50, p99, requests/s and the CPU per request of the
    `measured` processes (the API's, then Neo4j's when local)."""
    latencies: list[float] = []
    errors = 0

    def one(client: httpx.Client, url: str) -> None:
        nonlocal errors
        start = time.perf_counter()
        response = client.get(url)
        latencies.append(time.perf_counter() - start)
        if response.status_code != 200:
            errors += 1

    with httpx.Client(base_url=base, headers=headers, timeout=60,
                      limits=httpx.Limits(max_connections=clients)) as client:
        for url in urls[:clients * 4]:
            one(client, url)
        latencies.clear()
        errors = 0
        cpu = [cpu_seconds([pid]) for pid in measured]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(lambda url: one(client, url), urls))
        elapsed = time.perf_counter() - started
        cpu = [cpu_seconds([pid]) - before for pid, before in zip(measured, cpu, strict=True)]
    _report(f"{name} {clients}c", latencies, elapsed, errors, [1000 * c / len(urls) for c in cpu])


def _report(name: str, latencies: list[float], elapsed: float, errors: int, cpu_ms: list[float]) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    cpu = " + ".join(f"{ms:.1f}" for ms in cpu_ms)
    print(f"{name:<44} n={len(ordered):>5}  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  "
          f"{len(ordered) / elapsed:6.1f} req/s  cpu/req {cpu} ms  errors {errors}", flush=True)


def plans(disputes: list[str], persons: list[str], requests: int) -> dict[str, Callable[[], list[str]]]:
    """The request mixes, each bounded to `requests` URLs."""
    def cycle(items: list[str], make: Callable[[str], str]) -> list[str]:
        return [make(items[i % len(items)]) for i in range(requests)]

    return {
        "related (dispute)": lambda: cycle(disputes, lambda d: f"/api/v1/disputes/{d}/related"),
        "neighbourhood hops=2 (dispute)": lambda: cycle(disputes, lambda d: f"{NEIGHBOURHOOD}Dispute:{d}&hops=2"),
        "neighbourhood hops=2 (person)": lambda: cycle(persons, lambda p: f"{NEIGHBOURHOOD}Person:{p}&hops=2"),
        "neighbourhood hops=3 (person)": lambda: cycle(persons, lambda p: f"{NEIGHBOURHOOD}Person:{p}&hops=3"),
    }


def dump(path: Path, base: str, headers: dict[str, dict[str, str]], disputes: dict[str, list[str]]) -> None:
    """Write the related-case answers of every sampled dispute per user, to compare two versions."""
    answers: dict[str, dict[str, object]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for user, ids in disputes.items():
            answers[user] = {d: client.get(f"/api/v1/disputes/{d}/related", headers=headers[user]).json()
                             for d in ids}
    path.write_text(json.dumps(answers, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    print(f"related answers written to {path}")


def prepare(settings: Settings, args: argparse.Namespace) -> Graph:
    """Connect (starting the own Neo4j), and write the synthetic province unless it is there already."""
    if args.province and settings.uses_local_neo4j:
        local.start(settings)
    graph = Graph.connect(settings)
    if not args.province:
        return graph
    if args.rebuild:
        wipe(graph)
    apply_schema(graph)
    if not graph.read("list_bench_parties", ids=[f"D{args.province - 1:016x}"]):
        started = time.perf_counter()
        province_graph.build(graph, args.province, seed=args.seed)
        print(f"province of {args.province} disputes written in {time.perf_counter() - started:.0f} s (not timed)")
    return graph


def main() -> None:
    """Serve, sample, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400, help="requests per mix")
    parser.add_argument("--clients", default="8", help="concurrent clients, comma-separated for several runs")
    parser.add_argument("--port", type=int, default=8765, help="HTTP port of the served app")
    parser.add_argument("--workers", type=int, default=None, help="uvicorn workers (default CASELINK_WORKERS)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--province", type=int, default=0, help="disputes of the synthetic province (0: no)")
    parser.add_argument("--rebuild", action="store_true", help="wipe the own Neo4j and write the province anew")
    parser.add_argument("--neo4j-port", type=int, default=7743)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="3g")
    parser.add_argument("--only", default="", help="comma-separated words: run only mixes whose name holds one")
    parser.add_argument("--dump", type=Path, default=None, help="write the related answers of the sample here")
    parser.add_argument("--app-dir", type=Path, default=REPO_ROOT, help="serve the app of this checkout")
    args = parser.parse_args()
    settings = bench_settings(args)
    graph = prepare(settings, args)
    counts = {r["label"]: r["count"] for r in graph.read("count_store_nodes")}
    if args.province:
        disputes, persons = sample_province(graph, args.province, 200, args.seed)
        district = province_graph.busiest_district()
    else:
        disputes, persons = sample(graph, "", 200, args.seed)
        district = busiest_district(graph)
    if not disputes:
        raise SystemExit("the graph holds no disputes: load data first (caselink load …)")
    local_disputes, local_persons = sample(graph, district, 200, args.seed)
    auth.add_user(graph=graph, username=BENCH_USER, password=BENCH_PASSWORD, role="analyst", area_code=district)
    graph.close()
    workers = args.workers or settings.caselink_workers
    clients = [int(c) for c in args.clients.split(",")]
    print(f"machine: {machine()}")
    print(f"graph: {counts}")
    print(f"uvicorn workers {workers}, clients {clients}, {args.requests} requests per mix, {len(disputes)} disputes "
          f"and {len(persons)} persons sampled; cpu/req: API processes + Neo4j")
    only = [w for w in args.only.split(",") if w]
    neo4j_pid = local.status(settings).pid if settings.uses_local_neo4j else None
    with serve(args.port, server_env(settings), workers, args.app_dir) as (base, pid):
        measured = [pid] + ([neo4j_pid] if neo4j_pid else [])
        users = {"admin": token(base, settings.caselink_admin_user, settings.caselink_admin_password),
                 f"analyst {district}": token(base, BENCH_USER, BENCH_PASSWORD)}
        samples = {"admin": (disputes, persons), f"analyst {district}": (local_disputes, local_persons)}
        if args.dump:
            dump(args.dump, base, users, {user: ids for user, (ids, _) in samples.items()})
        for user, (ids, pids) in samples.items():
            for name, urls in plans(ids, pids, args.requests).items():
                if only and not any(word in name for word in only):
                    continue
                for count in clients:
                    run(f"{name} [{user}]", urls(), base, users[user], count, measured)
    print(f"machine after: {machine()}")


if __name__ == "__main__":
    main()
