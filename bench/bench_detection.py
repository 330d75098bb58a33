"""Detection speed: incremental latency per record, a day's new disputes, and the full pass.

    .venv/bin/python -m bench.bench_detection --communities 60 --days 120 --per-day 5 --new-day 3000
    .venv/bin/python -m bench.bench_detection --port 7742 --home neo4j-bench-mine --nightly --fingerprint /tmp/fp

Builds a synthetic city straight into the graph (bulk-created disputes with keywords, places, persons
and organizations; no ingest), on its own Neo4j (var/<--home>, default var/neo4j-bench-detect on port
7706, wiped first) or on NEO4J_URI. Prints the figures (wall clock, client CPU and, for its own Neo4j, the
server's CPU), the queries' share of each phase and the PROFILE of the main detection queries (index use,
db hits). `--nightly` times a second full pass (links and warnings in place); `--fingerprint PATH` dumps every
link, warning and route to PATH-<phase>.json and prints their hashes, so two versions of the code can be shown
to agree on one city; `--scale province` is about a million disputes in the full pass's 180 days."""

import argparse
import hashlib
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.db import local
from app.db.graph import Graph
from app.db.schema import apply_schema, wipe
from app.detection.models import load_rules
from app.detection.service import detect_all, detect_disputes
from app.detection.surge import clear_baseline_cache
from app.settings import REPO_ROOT, Settings
from bench.bench_ingest import machine
from tests.detection.fixtures import BEIJING, create_disputes, dispute_row, load_areas

CATEGORIES = {"物业纠纷": 0.25, "邻里纠纷": 0.2, "婚姻家庭": 0.15, "劳资纠纷": 0.1, "噪音扰民": 0.1, "其他纠纷": 0.2}
TOPICS = 10
START = datetime(2025, 1, 1, tzinfo=BEIJING)
BUILD_BATCH = 10_000
# Presets: `province` is about a million disputes in the full pass's 180 days.
SCALES: dict[str, dict[str, Any]] = {
    "city": {"communities": 60, "days": 120, "per_day": 5},
    "province": {"communities": 1100, "days": 185, "per_day": 5, "heap": "3g", "pagecache": "3g"},
}
PROFILED = ("list_block_disputes", "list_repeat_blocks", "count_street_repeats", "count_surge_blocks",
            "get_person_histories", "get_respondent_facts")


def bench_settings(args: argparse.Namespace) -> Settings:
    """The benchmark's own Neo4j, so nobody's data is wiped."""
    if os.environ.get("NEO4J_URI"):
        return Settings()
    return Settings(
        neo4j_uri=None, neo4j_password="caselink-bench", caselink_neo4j_port=args.port,
        caselink_neo4j_home=REPO_ROOT / "var" / args.home, caselink_neo4j_heap=args.heap,
        caselink_neo4j_pagecache=args.pagecache, caselink_scheduler=False, caselink_demo=False,
    )


class City:
    """A synthetic city: communities in streets, topic vocabularies, person and organization pools."""

    def __init__(self, communities: int, seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.communities = [f"410603{1 + n // 10:03d}{1 + n % 10:03d}" for n in range(communities)]
        self.words = {c: [[f"{c[:2]}{t}词{w}" for w in range(8)] for t in range(TOPICS)] for c in CATEGORIES}
        self.counter = 0
        # Pools grow with the city (60 communities: 60,000 persons and 400 organizations).
        self.persons, self.organizations = 1000 * communities, round(400 * communities / 60)

    def areas(self) -> list[dict[str, Any]]:
        """City, district, streets, communities and two grids each."""
        rows = [_area("410600", "city", None), _area("410603", "district", "410600")]
        for street in sorted({c[:9] for c in self.communities}):
            rows.append(_area(street, "street", "410603"))
        for code in self.communities:
            rows += [_area(code, "community", code[:9]), _area(f"{code}001", "grid", code),
                     _area(f"{code}002", "grid", code)]
        return rows

    def dispute(self, when: datetime, community: str | None = None) -> dict[str, Any]:
        """One dispute: a category, a topic's words, sometimes a building, persons and an organization."""
        self.counter += 1
        r = self.random
        category = r.choices(list(CATEGORIES), weights=list(CATEGORIES.values()))[0]
        topic = r.randrange(TOPICS)
        keywords = [*r.sample(self.words[category][topic], 5), f"杂{r.randrange(500)}"]
        community = community or r.choice(self.communities)
        persons = [{"pid": f"P{r.randrange(self.persons)}", "name": "某人"} for _ in range(r.choice((1, 2, 2, 3)))]
        orgs = [{"key": f"ORG{r.randrange(self.organizations)}", "name": "某公司"}] if r.random() < 0.1 else []
        return dispute_row(
            f"DB{self.counter:08d}", area_code=f"{community}00{r.choice((1, 2))}", category=category,
            keywords=keywords, occurred_at=when, persons=persons, organizations=orgs,
            place_key=f"{community}-{r.randrange(40)}号楼" if r.random() < 0.5 else None,
        )


def _area(code: str, level: str, parent: str | None) -> dict[str, Any]:
    return {"code": code, "name": f"{level}{code}", "level": level, "label": level.capitalize(), "parent": parent,
            "geometry": None, "lng": None, "lat": None}


def build(graph: Graph, city: City, days: int, per_day: int) -> int:
    """History: `per_day` disputes per community per day over `days` days (Beijing daytime), bulk-created.

    The same graph as `create_fixture_disputes` would write (the pools' unused persons aside), in big UNWIND
    batches of CREATE: a million disputes load in minutes, not an hour.
    """
    load_areas(graph, city.areas())
    for n in range(0, city.persons, 50_000):
        graph.write("create_detection_bench_parties", persons=[{"pid": f"P{k}", "name": "某人"}
                                                     for k in range(n, min(n + 50_000, city.persons))],
                    organizations=[{"key": f"ORG{k}", "name": "某公司"} for k in range(city.organizations)] if n == 0
                    else [])
    created, rows = 0, []
    for day in range(days):
        for _ in range(per_day * len(city.communities)):
            row = city.dispute(START + timedelta(days=day, minutes=city.random.randrange(8 * 60, 22 * 60)))
            rows.append({"props": row["props"], "area_code": row["area_code"],
                         "persons": sorted({p["pid"] for p in row["persons"]}),
                         "organizations": sorted({o["key"] for o in row["organizations"]})})
        if len(rows) >= BUILD_BATCH or day == days - 1:
            graph.write("create_detection_bench_disputes", rows=rows)
            created, rows = created + len(rows), []
    return created


def incremental(graph: Graph, city: City, when: datetime, records: int, warmup: int = 5) -> list[float]:
    """Latency of detection on arrival, one record at a time (the record written first, not timed).

    The first `warmup` records are not counted: they pay for planning the queries once per server.
    """
    timings = []
    for n in range(records + warmup):
        row = city.dispute(when + timedelta(seconds=n))
        create_disputes(graph, [row])
        start = time.perf_counter()
        detect_disputes(graph=graph, scope="", dispute_ids=[row["id"]])
        timings.append(time.perf_counter() - start)
    return timings[warmup:]


def new_day(graph: Graph, city: City, when: datetime, count: int, batch: int,
            server: Callable[[], float]) -> tuple[tuple[float, float, float], int]:
    """A day's new disputes written, then detected in ingest-sized batches: seconds, client and server CPU."""
    rows = [city.dispute(when + timedelta(seconds=20 * n)) for n in range(count)]
    create_disputes(graph, rows, batch_size=5000)
    start, cpu, server_cpu = time.perf_counter(), time.process_time(), server()
    for offset in range(0, count, batch):
        detect_disputes(graph=graph, scope="", dispute_ids=[r["id"] for r in rows[offset:offset + batch]])
    return (time.perf_counter() - start, time.process_time() - cpu, server() - server_cpu), len(rows)


def profile(graph: Graph, city: City, when: datetime) -> None:
    """PROFILE each main detection query on realistic parameters: operators and db hits."""
    community = city.communities[0]
    day = timedelta(days=90)
    params = {
        "list_block_disputes": {"blocks": [{"key": "k", "community_code": community, "street_area": community[:9],
                                            "street_block": None, "categories": ["物业纠纷", "邻里纠纷"],
                                            "start": when - day, "end": when + day, "probes": ["x"],
                                            "keywords": city.words["物业纠纷"][0][:5],
                                            "places": [f"{community}-1号楼"]}]},
        "list_repeat_blocks": {"rows": [{"key": "k", "community": community, "categories": ["物业纠纷", "邻里纠纷"],
                                         "since": when - day, "end": None, "days": 90}]},
        "count_street_repeats": {"rows": [{"key": "k", "street": community[:9], "categories": ["物业纠纷", "邻里纠纷"],
                                           "since": when - day, "end": None, "days": 90, "limit": 50}]},
        "count_surge_blocks": {"rows": [{"key": "k", "community": community, "categories": ["物业纠纷", "邻里纠纷"],
                                         "since": when - timedelta(days=1), "end": None, "observe_days": 30,
                                         "history_days": 365}]},
        "get_person_histories": {"rows": [{"pid": "P1", "end": None, "dispute_days": 730, "notice_days": 730}]},
        "get_respondent_facts": {"rows": [{"key": "ORG1", "end": None, "days": 180}]},
    }
    with graph.driver.session(database=graph.database) as session:
        for name in PROFILED:
            result = session.run("PROFILE " + graph.catalog[name], {"scope": "", **params[name]})
            rows = len(list(result))
            summary = result.consume()
            operators = sorted(_operators(summary.profile))
            seeks = [op for op in operators if "Seek" in op or "Expand" in op]
            print(f"  {name}: {rows} rows, {_db_hits(summary.profile)} db hits; {', '.join(seeks) or 'no index seek'}")


def fingerprint(graph: Graph, path: str | None, phase: str) -> None:
    """Dump every link, warning (without times of writing) and route to `path`-`phase`.json and print its hash.

    Two runs on the same city (same arguments) must print the same hashes whatever the code path.
    """
    if not path:
        return
    warnings = graph.read("list_fingerprint_warnings")
    for row in warnings:
        row["events"] = [{k: v for k, v in e.items() if k != "at"} for e in json.loads(row["events"] or "[]")]
    dump = {"links": graph.read("list_fingerprint_links"), "warnings": warnings,
            "routes": graph.read("list_fingerprint_routes")}
    text = json.dumps(dump, ensure_ascii=False, sort_keys=True, default=str, indent=0)
    with open(f"{path}-{phase}.json", "w", encoding="utf-8") as out:
        out.write(text)
    digest = {k: hashlib.sha256(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str).encode())
              .hexdigest()[:12] for k, v in dump.items()}
    print(f"fingerprint {phase}: {len(dump['links'])} links {digest['links']}, {len(warnings)} warnings "
          f"{digest['warnings']}, {len(dump['routes'])} routes {digest['routes']}")


def print_timings(graph: Graph, top: int = 8) -> None:
    """The queries that took longest since the last call (seconds, client side), then reset."""
    slow = ", ".join(f"{name} {seconds:.1f}" for name, seconds in graph.timings.most_common(top))
    print(f"  query seconds: {slow}")
    graph.timings.clear()


def server_seconds(pid: int | None) -> float:
    """CPU seconds (user + system) the bench's own Neo4j has used so far; 0 without one (NEO4J_URI).

    With other work on the machine, client plus server CPU is steadier than wall clock.
    """
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _operators(plan: dict) -> set[str]:
    found = {plan["operatorType"].split("@")[0]}
    for child in plan.get("children", []):
        found |= _operators(child)
    return found


def _db_hits(plan: dict) -> int:
    return plan.get("dbHits", 0) + sum(_db_hits(child) for child in plan.get("children", []))


def main() -> None:
    """Build, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--communities", type=int, default=60)
    parser.add_argument("--days", type=int, default=120, help="days of history")
    parser.add_argument("--per-day", type=int, default=5, help="disputes per community per day")
    parser.add_argument("--new-day", type=int, default=3000, help="new disputes of the measured day")
    parser.add_argument("--records", type=int, default=200, help="records timed one by one")
    parser.add_argument("--batch", type=int, default=2000, help="ingest batch size (ids per hook call)")
    parser.add_argument("--full-days", type=int, default=None, help="days of the full pass (default: config)")
    parser.add_argument("--port", type=int, default=7706)
    parser.add_argument("--home", default="neo4j-bench-detect", help="the bench Neo4j's folder under var/")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="1g")
    parser.add_argument("--scale", choices=sorted(SCALES), help="a preset of --communities/--days/--per-day")
    parser.add_argument("--nightly", action="store_true", help="also time a second full pass (links in place)")
    parser.add_argument("--fingerprint", help="dump links, warnings and routes to PATH-<phase>.json, print hashes")
    args = parser.parse_args()
    for key, value in SCALES.get(args.scale, {}).items():
        setattr(args, key, value)
    settings = bench_settings(args)
    args.server_pid = local.start(settings).pid if settings.uses_local_neo4j else None
    graph = Graph.connect(settings)
    try:
        run(graph, args)
    finally:
        graph.close()


def run(graph: Graph, args: argparse.Namespace) -> None:
    """The measurements, printed as they come."""
    wipe(graph)
    apply_schema(graph)
    city = City(args.communities)
    print(f"machine: {machine()}")
    start = time.perf_counter()
    history = build(graph, city, args.days, args.per_day)
    print(f"history: {history} disputes, {args.communities} communities, {args.days} days "
          f"(built in {time.perf_counter() - start:.0f} s, not timed)")
    end = START + timedelta(days=args.days)
    graph.timings.clear()
    if args.records:
        timings = incremental(graph, city, end, args.records)
        ordered = sorted(timings)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        print(f"incremental: {args.records} records one by one: p50 {1000 * statistics.median(timings):.0f} ms, "
              f"p99 {1000 * p99:.0f} ms, max {1000 * ordered[-1]:.0f} ms")
        print_timings(graph)
    if args.new_day:
        cpu = time.process_time()
        seconds, count = new_day(graph, city, end + timedelta(hours=1), args.new_day, args.batch,
                                 lambda: server_seconds(args.server_pid))
        print(f"new day: {count} disputes in batches of {args.batch}: {seconds[0]:.1f} s "
              f"({1000 * seconds[0] / count:.1f} ms per dispute; client CPU {time.process_time() - cpu:.1f} s "
              f"with writing the disputes, {seconds[1]:.1f} s without; server CPU {seconds[2]:.1f} s)")
        print_timings(graph)
        fingerprint(graph, args.fingerprint, "day")
        graph.timings.clear()
    rules = load_rules()
    if args.full_days:
        rules = rules.model_copy(update={"full_pass": rules.full_pass.model_copy(update={"days": args.full_days})})
    for label in ("full pass", "nightly pass") if args.nightly else ("full pass",):
        clear_baseline_cache()
        start, cpu, server = time.perf_counter(), time.process_time(), server_seconds(args.server_pid)
        summary = detect_all(graph=graph, scope="", as_of=end + timedelta(days=1), rules=rules)
        seconds = time.perf_counter() - start
        print(f"{label}: {summary.disputes} disputes of {rules.full_pass.days} days in {seconds:.1f} s "
              f"(client CPU {time.process_time() - cpu:.1f} s, server CPU "
              f"{server_seconds(args.server_pid) - server:.1f} s; {summary.similar_links} similar links, "
              f"warnings {summary.warnings})")
        print_timings(graph)
        fingerprint(graph, args.fingerprint, label.split()[0])
        graph.timings.clear()
    print("profile (one community, 90-day window):")
    profile(graph, city, end)


if __name__ == "__main__":
    main()
