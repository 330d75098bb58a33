"""The administrative hierarchy (city > district > street > community > grid) and its geometry.

Every unit is an axis-aligned rectangle in WGS-84 nested in its parent; grids are a lattice inside
their community. Grids are never stored: a grid's polygon is computed from its community on demand,
which keeps the province profile's memory proportional to communities, not grids.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from app.generator.data.henan import (
    CITIES,
    GENERIC_ROADS,
    HEBI_CODE,
    HEBI_ROADS,
    HEBI_STREETS,
    SAMPLE_COMMUNITIES,
    CityData,
)
from app.generator.data.places import (
    CHINESE_DIGITS,
    ESTATE_BRANDS,
    ESTATE_SUFFIXES,
    STEMS,
    VILLAGE_PREFIXES,
    VILLAGE_SUFFIXES,
)

# Persons are numbered community * PERSONS_PER_COMMUNITY + j; see names.py.
MAX_COMMUNITIES = 20_000
BIG_COMMUNITY_CAP = 5.0  # the busiest community sees at most this many times the median's disputes
GRID_MARGIN = 0.15  # points stay this fraction of a cell away from its edges, so rounding never crosses


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in degrees."""

    min_lng: float
    min_lat: float
    max_lng: float
    max_lat: float

    def split(self, n: int) -> list[Box]:
        """Cut into n cells of a near-square lattice, row by row; the last row's cells are wider."""
        cols = max(1, math.ceil(math.sqrt(n)))
        rows = math.ceil(n / cols)
        height = (self.max_lat - self.min_lat) / rows
        cells: list[Box] = []
        for row in range(rows):
            in_row = cols if row < rows - 1 else n - cols * (rows - 1)
            width = (self.max_lng - self.min_lng) / in_row
            top = self.max_lat - row * height
            for col in range(in_row):
                left = self.min_lng + col * width
                cells.append(Box(left, top - height, left + width, top))
        return cells

    def ring(self) -> list[list[float]]:
        """The closed exterior ring, counter-clockwise, rounded to 7 decimals."""
        corners = [(self.min_lng, self.min_lat), (self.max_lng, self.min_lat), (self.max_lng, self.max_lat),
                   (self.min_lng, self.max_lat), (self.min_lng, self.min_lat)]
        return [[round(lng, 7), round(lat, 7)] for lng, lat in corners]

    def point(self, rng: random.Random) -> tuple[float, float]:
        """A random point well inside the box, as (lng, lat)."""
        dx = (self.max_lng - self.min_lng) * GRID_MARGIN
        dy = (self.max_lat - self.min_lat) * GRID_MARGIN
        return (rng.uniform(self.min_lng + dx, self.max_lng - dx), rng.uniform(self.min_lat + dy, self.max_lat - dy))

    def overlaps(self, other: Box) -> bool:
        """Whether the interiors intersect."""
        return (self.min_lng < other.max_lng and other.min_lng < self.max_lng
                and self.min_lat < other.max_lat and other.min_lat < self.max_lat)


@dataclass(slots=True)
class City:
    """A prefecture-level city."""

    code: str
    name: str
    area_code: str
    hotline_prefix: str
    box: Box
    roads: tuple[str, ...]

    @property
    def short(self) -> str:
        """The name without 市, as used in company names."""
        return self.name.removesuffix("市")


@dataclass(slots=True)
class District:
    """A county-level division (区 / 县 / county-level 市)."""

    code: str
    name: str
    city: City
    box: Box
    communities: list[Community] = field(default_factory=list)

    @property
    def is_county(self) -> bool:
        """Counties and county-level cities are mostly rural."""
        return not self.name.endswith("区")

    @property
    def police_unit(self) -> str:
        """The district's public security bureau."""
        return f"{self.name}公安分局" if not self.is_county else f"{self.name}公安局"


@dataclass(slots=True)
class Street:
    """A township-level division (街道 / 镇 / 乡)."""

    code: str
    name: str
    district: District
    box: Box

    @property
    def rural(self) -> bool:
        """Towns and townships hold villages, sub-districts hold urban communities."""
        return not self.name.endswith("街道")

    @property
    def short(self) -> str:
        """The name without its 街道/镇/乡 suffix, for police-station names."""
        for suffix in ("路街道", "街街道", "街道", "镇", "乡"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                return self.name.removesuffix(suffix)
        return self.name


@dataclass(slots=True)
class Community:
    """A community (社区) or village (村) with its grids, estates and population sizes."""

    index: int
    local_index: int  # position within its district, for unique resident-ID order codes
    code: str
    name: str
    street: Street
    box: Box
    n_grids: int
    estates: tuple[str, ...]
    weight: float
    pool: int = 0  # residents who can be dispute parties
    key_persons: int = 0

    @property
    def district(self) -> District:
        """The district the community belongs to."""
        return self.street.district

    @property
    def rural(self) -> bool:
        """Whether this is a village."""
        return self.street.rural

    def grid_code(self, number: int) -> str:
        """The 15-digit code of grid `number` (1-based)."""
        return f"{self.code}{number:03d}"

    def grid_box(self, number: int) -> Box:
        """The rectangle of grid `number` (1-based)."""
        return self.box.split(self.n_grids)[number - 1]

    def grid_name(self, number: int) -> str:
        """The grid's display name, e.g. 长风社区第一网格."""
        return f"{self.name}第{chinese_number(number)}网格"


@dataclass(slots=True)
class AreaModel:
    """All units of a profile."""

    cities: list[City]
    districts: list[District]
    streets: list[Street]
    communities: list[Community]


def chinese_number(n: int) -> str:
    """Write 1..99 in Chinese numerals (第十二网格)."""
    if n <= 10:
        return CHINESE_DIGITS[n]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    return f"{head}十{CHINESE_DIGITS[units] if units else ''}"


def build_areas(city_codes: tuple[str, ...], grids: int, rng: random.Random) -> AreaModel:
    """Lay out the hierarchy for the given cities with about `grids` grids in total."""
    chosen = [city for city in CITIES if city.code in city_codes]
    total_districts = sum(len(city.districts) for city in chosen)
    model = AreaModel([], [], [], [])
    for data in chosen:
        city_grids = grids * len(data.districts) / total_districts
        _build_city(model, data, city_grids, rng)
    if len(model.communities) > MAX_COMMUNITIES:
        raise ValueError(f"{len(model.communities)} communities exceed the person-numbering limit")
    weights = sorted(c.weight for c in model.communities)
    cap = BIG_COMMUNITY_CAP * weights[len(weights) // 2]
    for community in model.communities:
        community.weight = min(community.weight, cap)
    return model


def _build_city(model: AreaModel, data: CityData, grids: float, rng: random.Random) -> None:
    """Add one city, its districts and everything below them."""
    city = City(data.code, data.name, data.area_code, data.hotline_prefix, Box(*data.bbox),
                HEBI_ROADS if data.code == HEBI_CODE else GENERIC_ROADS)
    model.cities.append(city)
    n_communities = max(len(data.districts), round(grids / 6))
    weights = [1.25 if name.endswith("区") else 1.0 for _, name in data.districts]
    shares = apportion(n_communities, weights)
    for (code, name), box, share in zip(data.districts, city.box.split(len(data.districts)), shares, strict=True):
        district = District(code, name, city, box)
        model.districts.append(district)
        _build_district(model, district, share, rng)


def _build_district(model: AreaModel, district: District, n_communities: int, rng: random.Random) -> None:
    """Add a district's streets and communities."""
    names = _street_names(district, n_communities, rng)
    shares = apportion(n_communities, [rng.uniform(0.7, 1.3) for _ in names])
    for number, (name, box, share) in enumerate(zip(names, district.box.split(len(names)), shares, strict=True),
                                                start=1):
        street = Street(f"{district.code}{number:03d}", name, district, box)
        model.streets.append(street)
        _build_street(model, street, max(1, share), rng)


def _street_names(district: District, n_communities: int, rng: random.Random) -> list[str]:
    """Real street names for Hebi, generated ones elsewhere; about ten communities a street."""
    wanted = max(1, round(n_communities / 10))
    real = HEBI_STREETS.get(district.code)
    if real:
        return list(real[: max(1, min(len(real), wanted))])
    town_share = 0.7 if district.is_county else 0.2
    names: list[str] = []
    stems = rng.sample(STEMS, k=min(len(STEMS), wanted))
    for stem in stems:
        if rng.random() < town_share:
            names.append(stem + rng.choice(("镇", "镇", "乡")))
        else:
            names.append(stem + rng.choice(("路街道", "街道", "街道")))
    return names


def _build_street(model: AreaModel, street: Street, n_communities: int, rng: random.Random) -> None:
    """Add a street's communities with their grid counts, estates and activity weights."""
    used: set[str] = set()
    for number, box in enumerate(street.box.split(n_communities), start=1):
        code = f"{street.code}{number:03d}"
        name, estates = SAMPLE_COMMUNITIES.get(code) or _community_names(street.rural, used, rng)
        used.add(name)
        weight = rng.lognormvariate(0.0, 0.5) * (0.8 if street.rural else 1.3)
        if rng.random() < 0.03:
            weight *= 3.5  # a few big communities: many disputes with no planted surge
        district = street.district
        community = Community(
            index=len(model.communities), local_index=len(district.communities), code=code, name=name,
            street=street, box=box, n_grids=rng.choice((3, 4, 5, 5, 6, 6, 6, 7, 7, 8, 9)),
            estates=estates, weight=weight,
        )
        district.communities.append(community)
        model.communities.append(community)


def _community_names(rural: bool, used: set[str], rng: random.Random) -> tuple[str, tuple[str, ...]]:
    """A new community or village name, unique within its street, and its estates."""
    for _ in range(50):
        if rural:
            name = rng.choice(VILLAGE_PREFIXES) + rng.choice(VILLAGE_SUFFIXES) + "村"
        else:
            name = rng.choice(STEMS) + "社区"
        if name not in used:
            break
    if rural:
        return name, (name,)
    stem = name.removesuffix("社区")
    estates = [stem + "小区"]
    for _ in range(rng.choice((0, 1, 1, 2))):
        estates.append(rng.choice(ESTATE_BRANDS) + rng.choice(STEMS) + rng.choice(ESTATE_SUFFIXES))
    return name, tuple(dict.fromkeys(estates))


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split an integer total by weights with the largest-remainder method."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    shares = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def write_geojson(model: AreaModel, path: Path) -> int:
    """Stream the hierarchy as a FeatureCollection; returns the number of features."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for feature in _features(model):
            out.write(",\n" if count else "")
            _dump(out, feature)
            count += 1
        out.write("\n]}\n")
    return count


def _dump(out: IO[str], feature: dict[str, Any]) -> None:
    """Write one feature compactly."""
    out.write(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))


def _feature(code: str, name: str, level: str, parent: str | None, box: Box | None) -> dict[str, Any]:
    """A GeoJSON feature of one unit."""
    geometry = {"type": "Polygon", "coordinates": [box.ring()]} if box else None
    return {"type": "Feature", "properties": {"code": code, "name": name, "level": level, "parent": parent},
            "geometry": geometry}


def _features(model: AreaModel) -> Iterator[dict[str, Any]]:
    """Features top-down: cities, districts, streets, then each community followed by its grids."""
    for city in model.cities:
        yield _feature(city.code, city.name, "city", None, None)
    for district in model.districts:
        yield _feature(district.code, district.name, "district", district.city.code, None)
    for street in model.streets:
        yield _feature(street.code, street.name, "street", street.district.code, None)
    for community in model.communities:
        yield _feature(community.code, community.name, "community", community.street.code, community.box)
        for number, box in enumerate(community.box.split(community.n_grids), start=1):
            yield _feature(community.grid_code(number), community.grid_name(number), "grid", community.code, box)
