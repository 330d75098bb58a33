"""Area resolution speed: reports resolved per second on a synthetic city of 2,400 grid polygons.

    .venv/bin/python -m bench.bench_areas

A mix of 40 % WGS-84 points, 20 % GCJ-02 points, 20 % grid codes and 20 % addresses the gazetteer
has not seen; best of three rounds of 10,000 reports on one core.
"""

import random
import time
from datetime import datetime

import shapely
from shapely.geometry import box

from loaders.areas import Area, AreaIndex, AreaResolver
from loaders.geo import wgs84_to_gcj02
from loaders.model import StandardReport
from loaders.normalise import BEIJING

CITY = "410600"


def _area(code: str, name: str, level: str, parent: str | None, geometry: object = None) -> Area:
    return Area.model_validate({"code": code, "name": name, "level": level, "parent": parent, "geometry": geometry})


def _report(**fields: object) -> StandardReport:
    base = {"channel": "police110", "source_id": "x", "reported_at": datetime(2025, 5, 1, 8, tzinfo=BEIJING),
            "text": "纠纷"}
    return StandardReport.model_validate(base | fields)


def synthetic_city() -> list[Area]:
    """4 districts x 10 streets x 10 communities x 6 grids, polygons densified to ~100 vertices."""
    rnd = random.Random(7)
    chars = "长风书苑世悦城关红旗天山朝歌淇滨华夏建业金山银河翠园春秋明月清泉东方阳光和平幸福康宁"
    used: set[str] = set()

    def fresh(suffix: str) -> str:
        while (name := "".join(rnd.sample(chars, 2)) + suffix) in used:
            pass
        used.add(name)
        return name

    areas = [_area(CITY, "鹤壁市", "city", None)]
    for d in range(4):
        district = f"4106{d + 1:02d}"
        areas.append(_area(district, fresh("区"), "district", CITY))
        for s in range(10):
            street = f"{district}{s + 1:03d}"
            areas.append(_area(street, fresh("街道"), "street", district))
            for c in range(10):
                community = f"{street}{c + 1:03d}"
                x, y = 114.0 + (d * 10 + s) * 0.012, 35.5 + c * 0.01
                outline = shapely.segmentize(box(x, y, x + 0.012, y + 0.01), 0.0002)
                areas.append(_area(community, fresh("社区"), "community", street, outline))
                for g in range(6):
                    cell = shapely.segmentize(box(x + g * 0.002, y, x + (g + 1) * 0.002, y + 0.01), 0.0002)
                    areas.append(_area(f"{community}{g + 1:03d}", f"第{g + 1}网格", "grid", community, cell))
    return areas


def synthetic_reports(index: AreaIndex, count: int, salt: int) -> list[StandardReport]:
    """A mix: 40 % WGS-84 points, 20 % GCJ-02 points, 20 % grid codes, 20 % addresses new per salt."""
    rnd = random.Random(salt)
    grids = [(a.code, a.geometry.bounds) for a in index if a.level == "grid" and a.geometry is not None]
    places = [
        "".join(a.name for a in reversed(index.ancestors(c.code)) if a.level != "city") + c.name[:2]
        for c in index
        if c.level == "community"
    ]
    reports = []
    for i in range(count):
        kind = i % 5
        code, (minx, miny, maxx, maxy) = rnd.choice(grids)
        if kind < 3:
            lng, lat = rnd.uniform(minx, maxx), rnd.uniform(miny, maxy)
            datum = "gcj02" if kind == 2 else "wgs84"
            if datum == "gcj02":
                lng, lat = wgs84_to_gcj02(lng, lat)
            reports.append(_report(source_id=str(i), lng=lng, lat=lat, coord_type=datum))
        elif kind == 3:
            reports.append(_report(channel="grid", source_id=str(i), grid_code=code))
        else:
            address = f"{rnd.choice(places)}小区{salt}-{i}号楼"
            reports.append(_report(channel="hotline12345", source_id=str(i), address=address))
    return reports



def main() -> None:
    """Print the best reports/s of three rounds."""
    index = AreaIndex(synthetic_city())
    resolver = AreaResolver(index, CITY)
    assert index.tokenizer is not None  # built before timing: it loads jieba's dictionary once
    rates = []
    for salt in range(3):
        reports = synthetic_reports(index, 10000, salt)  # addresses new to the gazetteer's cache
        started = time.perf_counter()
        for report in reports:
            resolver.resolve(report)
        rates.append(len(reports) / (time.perf_counter() - started))
    print(f"area resolution: {max(rates):,.0f} reports/s (best of 3; rounds: "
          f"{', '.join(f'{r:,.0f}' for r in rates)})")


if __name__ == "__main__":
    main()
