"""HTTP latency of the investigators' API: related cases and graph neighbourhoods, p50 / p99 and requests/s.

    .venv/bin/python -m bench.bench_api                      # the configured graph (NEO4J_URI or local)
    .venv/bin/python -m bench.bench_api --requests 400 --clients 8 --port 8765

Serves the app with uvicorn in a subprocess on 127.0.0.1 over whatever data the graph holds, logs in
as the bootstrap administrator (and as a district analyst when districts exist), then runs a bounded
number of requests from concurrent clients (threads with httpx). Not a test: prints the figures and the
machine they come from.
"""

import argparse
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

import httpx

from app.auth import service as auth
from app.db.graph import Graph
from app.settings import REPO_ROOT, get_settings

BENCH_USER = "bench-analyst"
BENCH_PASSWORD = "bench-analyst-password"
NEIGHBOURHOOD = "/api/v1/graph/neighbourhood?node="


def machine() -> str:
    """One line about the machine: CPU, cores, memory, Python."""
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return (f"{platform.processor() or platform.machine()}, nproc {os.cpu_count()}, {memory / 2**30:.1f} GiB, "
            f"Python {platform.python_version()}")


@contextmanager
def serve(port: int) -> Iterator[str]:
    """uvicorn with the app (same environment, no scheduler) in a subprocess; yields its URL once /health answers."""
    env = {**os.environ, "CASELINK_SCHEDULER": "false", "CASELINK_DEMO": "false"}
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"uvicorn exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
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


def busiest_district(graph: Graph) -> str:
    """The district with most disputes, for the scoped user."""
    rows = graph.read("count_disputes_by_area", scope="", level="district", start=datetime(1900, 1, 1, tzinfo=UTC),
                      end=datetime(9999, 1, 1, tzinfo=UTC))
    return next((r["code"] for r in rows if r["code"]), "")


def run(name: str, urls: list[str], base: str, headers: dict[str, str], clients: int) -> None:
    """Send every URL once from `clients` threads; print p50, p99 and requests/s."""
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
        one(client, urls[0])
        latencies.clear()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(lambda url: one(client, url), urls))
        elapsed = time.perf_counter() - started
    _report(name, latencies, elapsed, errors)


def _report(name: str, latencies: list[float], elapsed: float, errors: int) -> None:
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    print(f"{name:<34} n={len(ordered):>5}  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  "
          f"{len(ordered) / elapsed:7.1f} req/s  errors {errors}")


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


def main() -> None:
    """Serve, sample, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=400, help="requests per mix")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = get_settings()
    graph = Graph.connect(settings)
    counts = {r["label"]: r["count"] for r in graph.read("count_store_nodes")}
    disputes, persons = sample(graph, "", 200, args.seed)
    if not disputes:
        raise SystemExit("the graph holds no disputes: load data first (caselink load …)")
    district = busiest_district(graph)
    local_disputes, local_persons = sample(graph, district, 200, args.seed)
    auth.add_user(graph=graph, username=BENCH_USER, password=BENCH_PASSWORD, role="analyst", area_code=district)
    graph.close()
    print(f"machine: {machine()}")
    print(f"graph: {counts}")
    print(f"{args.clients} clients, {args.requests} requests per mix, {len(disputes)} disputes and "
          f"{len(persons)} persons sampled")
    with serve(args.port) as base:
        admin = token(base, settings.caselink_admin_user, settings.caselink_admin_password)
        for name, urls in plans(disputes, persons, args.requests).items():
            run(f"{name} [admin]", urls(), base, admin, args.clients)
        analyst = token(base, BENCH_USER, BENCH_PASSWORD)
        for name, urls in plans(local_disputes, local_persons, args.requests).items():
            run(f"{name} [analyst {district}]", urls(), base, analyst, args.clients)


if __name__ == "__main__":
    main()
