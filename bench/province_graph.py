"""A synthetic province for the API benchmark, written straight into the graph (no ingest).

17 cities × 6 districts × 10 streets × 8 communities (8,160 communities, two grids each), `disputes`
disputes over 2025 with one grid report each (one in ten also a hotline report with a contact phone),
parties drawn from a person pool of 1.2 × disputes with skewed degrees: a dozen hub persons (Zipf,
the busiest with thousands of disputes), 20,000 repeat persons (a few disputes each) and the rest
once or twice. Hub organizations, hub phones (one number held by hundreds of persons) and hub places
(markets) likewise, so every hub cap of the related-case queries is exercised. Deterministic per seed.
"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from app.db.graph import Graph, chunked

Row = dict[str, Any]
CITIES, DISTRICTS, STREETS, COMMUNITIES = 17, 6, 10, 8
CATEGORIES = ("物业纠纷", "邻里纠纷", "婚姻家庭", "劳资纠纷", "噪音扰民", "其他纠纷")
TOPICS = 8
HUB_PERSONS, HUB_PERSON_SHARE = 12, 0.008
REPEAT_PERSONS, REPEAT_SHARE = 20_000, 0.05
HUB_ORGS, ORGS = 5, 20_000
HUB_PHONES, HUB_PHONE_HOLDERS = 5, 300
HUB_PLACES, HUB_PLACE_SHARE = 8, 0.005
START = datetime(2025, 1, 1, tzinfo=UTC)


def communities() -> list[str]:
    """The 12-digit community codes of the province."""
    return [f"41{c:02d}{d:02d}{s:03d}{m:03d}" for c in range(1, CITIES + 1) for d in range(1, DISTRICTS + 1)
            for s in range(1, STREETS + 1) for m in range(1, COMMUNITIES + 1)]


def busiest_district() -> str:
    """The district the benchmark's analyst works in (holds the hub persons' home community)."""
    return communities()[0][:6]


def area_rows() -> list[Row]:
    """Province, cities, districts, streets, communities and two grids each."""
    rows = [_area("410000", "province", None)]
    for code in communities():
        city, district, street = code[:4] + "00", code[:6], code[:9]
        rows += [_area(city, "city", "410000"), _area(district, "district", city), _area(street, "street", district),
                 _area(code, "community", street), _area(f"{code}001", "grid", code), _area(f"{code}002", "grid", code)]
    return list({r["code"]: r for r in rows}.values())


def _area(code: str, level: str, parent: str | None) -> Row:
    return {"code": code, "name": f"{level}{code}", "level": level, "label": level.capitalize(), "parent": parent,
            "geometry": None, "lng": None, "lat": None}


def pid(n: int) -> str:
    """Person id of pool index n."""
    return f"P{n:08d}"


def person_rows(persons: int, seed: int) -> Iterator[Row]:
    """Every person of the pool: 60 % with a phone (hub phones shared by hundreds), half with an ID number
    (one in a hundred duplicated on the next record)."""
    rng = random.Random(seed)
    for n in range(persons):
        phones = []
        if n < HUB_PHONES * HUB_PHONE_HOLDERS * 10 and n % 10 == 0:
            phones.append(f"1390000{n // 10 // HUB_PHONE_HOLDERS:04d}")
        elif rng.random() < 0.6:
            phones.append(f"13{n:09d}")
        base = n - 1 if n % 100 == 1 else n
        ids = [f"410{base:011d}{base % 10:03d}X"] if n % 100 in (0, 1) or rng.random() < 0.5 else []
        yield {"pid": pid(n), "name": f"人{n}", "phones": phones, "id_numbers": ids}


class Province:
    """Draws disputes with skewed party, organization and place degrees."""

    def __init__(self, disputes: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.communities = communities()
        self.persons = int(disputes * 1.2)
        self.hub_weights = [1 / (k + 1) for k in range(HUB_PERSONS)]
        self.words = {c: [[f"{c[:2]}{t}词{w}" for w in range(8)] for t in range(TOPICS)] for c in CATEGORIES}

    def person(self) -> int:
        """A pool index: hubs, repeat persons, or anyone."""
        roll = self.rng.random()
        if roll < HUB_PERSON_SHARE:
            return self.rng.choices(range(HUB_PERSONS), weights=self.hub_weights)[0]
        if roll < HUB_PERSON_SHARE + REPEAT_SHARE:
            return HUB_PERSONS + self.rng.randrange(REPEAT_PERSONS)
        return self.rng.randrange(self.persons)

    def dispute(self, n: int) -> Row:
        """Dispute number n with its parties, place and reports."""
        r = self.rng
        community = self.communities[0] if r.random() < 0.002 else r.choice(self.communities)
        area = f"{community}00{r.choice((1, 2))}"
        when = START + timedelta(minutes=r.randrange(365 * 24 * 60))
        category = r.choice(CATEGORIES)
        keywords = [*r.sample(self.words[category][r.randrange(TOPICS)], 4), f"杂{r.randrange(300)}"]
        closed = r.random() < 0.5
        dispute_id = f"D{n:016x}"
        parties = sorted({self.person() for _ in range(r.choice((1, 2, 2, 3)))})
        roles = (["申请人"], ["被申请人"], ["当事人"])
        orgs = []
        if r.random() < 0.1:
            key = r.randrange(HUB_ORGS) if r.random() < 0.2 else HUB_ORGS + r.randrange(ORGS)
            orgs.append({"key": f"ORG{key:06d}", "name": f"公司{key}", "roles": ["被申请人"]})
        places = []
        if r.random() < HUB_PLACE_SHARE:
            key = r.randrange(HUB_PLACES)
            places.append({"key": f"MARKET-{key}", "name": f"市场{key}"})
        elif r.random() < 0.5:
            key, name = f"{community}-{r.randrange(40)}号楼", f"{community}小区{r.randrange(40)}号楼"
            places.append({"key": key, "name": name})
        props = {"id": dispute_id, "case_code": f"AJ{area[:6]}-{when:%Y%m%d}-{dispute_id[-6:].upper()}",
                 "category": category, "keywords": keywords, "status": "closed" if closed else "open",
                 "resolution_outcome": "调解成功" if closed else None, "title": f"{category}{n}",
                 "channels": ["grid"], "report_count": 1, "area_code": area, "district_code": area[:6],
                 "street_code": area[:9], "community_code": community, "grid_code": area,
                 "place_key": places[0]["key"] if places else None}
        reports = [self._report("grid", "网格上报", f"G{n}", area, when, None, 1.0, [])]
        if r.random() < 0.1:
            phone = f"13{r.randrange(self.persons):09d}"
            reports.append(self._report("hotline12345", "12345热线", f"H{n}", area, when + timedelta(hours=2),
                                        "同一地点同类事项", 0.9, [phone]))
            props["channels"], props["report_count"] = ["grid", "hotline12345"], 2
        return {"id": dispute_id, "props": props, "occurred_at": when.isoformat(), "area_code": area,
                "parties": [{"pid": pid(p), "roles": roles[i % 3]} for i, p in enumerate(parties)],
                "organizations": orgs, "places": places, "reports": reports}

    @staticmethod
    def _report(channel: str, label: str, source_id: str, area: str, when: datetime, reason: str | None,
                confidence: float, phones: list[str]) -> Row:
        props = {"key": f"{channel}|{source_id}", "channel": channel, "channel_label": label, "source_id": source_id,
                 "title": f"{label}{source_id}", "area_code": area}
        return {"key": props["key"], "props": props, "reported_at": when.isoformat(), "reason": reason,
                "confidence": confidence, "phones": phones}


def build(graph: Graph, disputes: int, seed: int = 11, batch: int = 5000, echo: Any = print) -> None:
    """Write the areas, the person pool and `disputes` disputes (idempotent: MERGE on keys)."""
    rows = area_rows()
    graph.write("merge_areas", rows=rows)
    graph.write("link_area_parents", rows=[{"code": r["code"], "parent": r["parent"]} for r in rows if r["parent"]])
    province = Province(disputes, seed)
    sent = graph.write_batches("create_bench_persons", person_rows(province.persons, seed), batch_size=batch)
    echo(f"  {sent} persons written")
    for done, rows in enumerate(chunked((province.dispute(n) for n in range(disputes)), batch), start=1):
        graph.write("create_bench_disputes", rows=rows)
        if done % 20 == 0:
            echo(f"  {done * batch} disputes written")
