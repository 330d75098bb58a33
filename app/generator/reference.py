"""The centre's risk-prevention database: key persons, key places, notices and keyword libraries."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.generator.areas import AreaModel, Community
from app.generator.data.lexicon import CONTROL_LEVELS, CRIMES, KEY_PERSON_TYPES, KEY_PLACE_TYPES, KEYWORDS
from app.generator.names import KEY_BASE, OrgNamer, People, Person, mix

KEY_PERSONS_HEADER = ("姓名", "身份证号", "人员类别", "管控级别", "现住地址", "前科情况", "列管日期")
KEY_PLACES_HEADER = ("场所名称", "场所类型", "地址", "经度", "纬度", "所属网格")
NOTICES_HEADER = ("编号", "下发日期", "对象姓名", "身份证号", "事由", "下发单位", "接收单位")
KEYWORD_TITLES = {"extreme": "极端言行", "violence": "暴力冲突", "group": "群体聚集/涉众", "sensitive": "敏感涉稳"}

NOTICE_REASONS = {
    "刑满释放人员": "{name}刑满释放后与家人及邻里矛盾突出，请做好帮教和重点稳控",
    "社区矫正对象": "{name}社区矫正期间多次与他人发生纠纷，请加强监管教育",
    "严重精神障碍患者": "{name}近期病情不稳定，监护人看护不力，请落实监护防范肇事肇祸",
    "吸毒人员": "{name}有复吸迹象且与家人矛盾激化，请加强管控",
    "重点信访人员": "{name}诉求长期未化解、情绪偏激，请做好思想疏导和稳控工作",
    "重点青少年": "{name}近期与社会闲散人员交往密切，请做好关爱帮扶",
    "涉众型经济案件利益受损人员": "{name}投资受损后多次串联维权，请做好解释疏导",
}
NOTICE_DEFAULT = "{name}近期矛盾纠纷风险上升，请做好排查化解和稳控工作"


@dataclass(frozen=True, slots=True)
class KeyPerson:
    """A key person of the reference database and how they are listed."""

    person: Person
    kind: str
    level: str
    record: str
    listed: date
    address: str


def key_person(people: People, community: Community, k: int) -> KeyPerson:
    """Key person k of a community, derived deterministically."""
    person = people.get(community.index, KEY_BASE + k)
    rng = random.Random(mix(people.seed, 2, community.index, k))
    kinds, weights = zip(*KEY_PERSON_TYPES, strict=True)
    kind = rng.choices(kinds, weights=weights)[0]
    year = rng.randint(min(2023, max(2008, person.birth.year + 18)), 2023)  # records start at adulthood
    if kind == "刑满释放人员":
        record = f"{year}年因{rng.choice(CRIMES)}被判处有期徒刑{rng.choice('一二三四五六七八')}年"
    elif kind == "社区矫正对象":
        record = f"{max(year, 2022)}年因{rng.choice(CRIMES)}被判处有期徒刑一年，缓刑二年"
    elif kind == "吸毒人员":
        record = f"{year}年因吸食毒品被行政拘留十五日"
    else:
        record = rng.choice(("无", "无", ""))
    listed = date(2018, 1, 1) + timedelta(days=rng.randrange(7 * 365))
    estate = community.estates[person.home[0]]
    building = f"{person.home[1]}组" if community.rural else f"{person.home[1]}号楼"
    addr = f"{community.district.name}{community.street.name}{estate}{building}"
    return KeyPerson(person, kind, rng.choice(CONTROL_LEVELS), record, listed, addr)


def write_key_persons(path: Path, people: People, areas: AreaModel) -> int:
    """Stream every community's key persons; returns the row count."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(KEY_PERSONS_HEADER)
        for community in areas.communities:
            for k in range(community.key_persons):
                kp = key_person(people, community, k)
                writer.writerow((kp.person.name, kp.person.id_number, kp.kind, kp.level, kp.address, kp.record,
                                 kp.listed.isoformat()))
                rows += 1
    return rows


def write_key_places(path: Path, areas: AreaModel, counts: list[int], orgs: OrgNamer, seed: int) -> int:
    """Stream key places, counts[i] of them in community i, each inside one of its grids."""
    rows = 0
    rng = random.Random(f"{seed}:places")
    kinds = [kind for kind, _ in KEY_PLACE_TYPES]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(KEY_PLACES_HEADER)
        for community, count in zip(areas.communities, counts, strict=True):
            for _ in range(count):
                kind = rng.choice(kinds)
                template = rng.choice(dict(KEY_PLACE_TYPES)[kind])
                name = template.format(brand=orgs.brand(rng.randrange(4000)), estate=rng.choice(community.estates),
                                       road=rng.choice(community.district.city.roads),
                                       district=community.district.name, k=rng.randint(1, 9))
                grid = rng.randint(1, community.n_grids)
                lng, lat = community.grid_box(grid).point(rng)
                addr = f"{community.district.name}{community.street.name}{community.name}"
                writer.writerow((name, kind, addr, f"{lng:.6f}", f"{lat:.6f}", community.grid_code(grid)))
                rows += 1
    return rows


@dataclass(slots=True)
class Notice:
    """A work-prompt or risk-warning letter already sent about a key person."""

    day: date
    person: Person
    reason: str
    issuer: str
    receiver: str
    code: str = ""


def make_notice(kp: KeyPerson, community: Community, day: date, rng: random.Random) -> Notice:
    """A notice about a key person, issued by the city or district centre."""
    reason = NOTICE_REASONS.get(kp.kind, NOTICE_DEFAULT).format(name=kp.person.name)
    district = community.district
    if rng.random() < 0.6:
        issuer, receiver = f"{district.city.name}综治中心", f"{district.name}综治中心"
    else:
        issuer, receiver = f"{district.name}综治中心", f"{community.street.name}综治中心"
    return Notice(day, kp.person, reason, issuer, receiver)


def number_notices(notices: list[Notice], rng: random.Random) -> None:
    """Give codes in date order, one running number per letter type and year (TSH-2024-1207)."""
    notices.sort(key=lambda n: (n.day, n.person.pid))
    counters: dict[tuple[str, int], int] = {}
    for notice in notices:
        prefix = "TSH" if rng.random() < 0.7 else "JSH"
        key = (prefix, notice.day.year)
        counters[key] = counters.get(key, 0) + 1
        notice.code = f"{prefix}-{notice.day.year}-{counters[key]:04d}"


def write_notices(path: Path, notices: list[Notice]) -> int:
    """Write the notices table."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NOTICES_HEADER)
        for n in notices:
            writer.writerow((n.code, n.day.isoformat(), n.person.name, n.person.id_number, n.reason, n.issuer,
                             n.receiver))
    return len(notices)


def write_keywords(folder: Path) -> dict[str, int]:
    """The four keyword libraries, a comment line first; returns words per library."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, words in KEYWORDS.items():
        lines = [f"# {KEYWORD_TITLES[name]} ({name}): one word or phrase a line", *words]
        (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts[name] = len(words)
    return counts
