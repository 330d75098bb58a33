"""Per-channel record builders and writers, in exactly the upstream formats of channels.md.

A builder turns one report of an incident into the channel's payload (keys, value formats, name and
ID habits of that upstream system) plus the truth about it. Source ids are given at write time, after
each day's records are sorted, so per-day sequence numbers run in time order as real exports do.
"""

from __future__ import annotations

import copy
import csv
import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from app.generator.data.lexicon import (
    DEPARTMENTS,
    GRID_STATUSES,
    HOTLINE_STATES,
    MIRROR_OUTCOME,
    POLICE_OUTCOMES,
)
from app.generator.incident import Incident, OtherOrder, Report
from app.generator.names import People, Person, malform_phone, mistype_id, mix, nickname, written_name
from app.generator.text import address, render, render_other
from loaders.geo import wgs84_to_gcj02

HOTLINE_HEADER = ("工单编号", "来电时间", "来电人", "来电号码", "诉求类型", "诉求标题", "诉求内容", "诉求地址",
                  "所属区县", "承办单位", "办结时限", "工单状态")
DEPARTMENT_HEADER = ("部门", "行业领域", "排查编号", "排查日期", "当事人", "身份证号", "联系电话", "地址",
                     "纠纷简述", "风险等级", "是否化解")
FILES = {"police": "police110.jsonl", "hotline": "hotline12345.csv", "grid": "grid.jsonl",
         "qrcode": "qrcode.jsonl", "department": "department.csv"}
EPOCH_BEIJING = datetime(1970, 1, 1, 8, 0, 0)
ID_MISTYPE_RATE = 0.02
PHONE_MALFORM_RATE = 0.005
IdTruth = list[tuple[int, str, str]]  # (party index, ID as written, true ID)


@dataclass(slots=True)
class Mention:
    """A party slot of a record and the true person or organization in it."""

    index: int
    party_id: str
    is_org: bool
    other_side: bool = False  # named as the other side (110's 对方当事人), not as a claimant


@dataclass(slots=True)
class Record:
    """One upstream record with its truth, waiting for its source id."""

    channel: str
    when: datetime
    order: int
    payload: Any  # dict for JSON Lines channels, list of cells for CSV channels
    mentions: list[Mention]
    category: str
    incident_id: str
    community_code: str
    flags: tuple[str, ...]
    grid_code: str = ""
    position: str = ""
    coord_type: str = ""
    planted: bool = False
    has_org: bool = False  # the incident has a respondent organization (whether or not this record names it)
    id_key: tuple[str, ...] = ()
    source_id: str = ""
    reexport: str = ""  # "", "duplicate" or "correction"
    id_mentions: IdTruth = field(default_factory=list)


class Builder:
    """Builds channel payloads; holds the run's people and random stream."""

    def __init__(self, people: People, rng: random.Random, multi_city: bool) -> None:
        self.people = people
        self.rng = rng
        self.multi_city = multi_city

    # --- shared field habits ---

    def _id(self, person: Person, present: float, record_ids: IdTruth, index: int,
            protect: bool = False) -> str:
        """The ID number as written: often present, sometimes empty, ~2 % mistyped."""
        if self.rng.random() >= present:
            return ""
        written = person.id_number
        if not protect and self.rng.random() < ID_MISTYPE_RATE:
            written = mistype_id(written, self.rng)
        record_ids.append((index, written, person.id_number))
        return written

    def _phone(self, person: Person) -> str:
        """The phone as written, rarely malformed."""
        if self.rng.random() < PHONE_MALFORM_RATE:
            return malform_phone(person.phone, self.rng)
        return person.phone

    def _position(self, inc: Incident, ok_rate: float, none_rate: float) -> tuple[tuple[float, float] | None, str]:
        """A WGS-84 point in the incident's grid, or a missing / zero / out-of-range one."""
        roll = self.rng.random()
        if roll < ok_rate:
            return inc.community.grid_box(inc.grid).point(self.rng), "ok"
        if roll < ok_rate + none_rate:
            return None, "missing"
        if roll < ok_rate + none_rate + (1 - ok_rate - none_rate) * 0.6:
            return (0.0, 0.0), "zero"
        lng, lat = inc.community.grid_box(inc.grid).point(self.rng)
        bad = self.rng.choice(((lat, lng), (lng * 10, lat), (116.4074, 39.9042), (lng, lat + 90)))
        return bad, "out_of_range"

    def _base(self, channel: str, inc: Incident, rep: Report, payload: Any, mentions: list[Mention],
              flags: tuple[str, ...]) -> Record:
        """A record with the incident's truth filled in."""
        return Record(channel=channel, when=rep.when, order=rep.order, payload=payload, mentions=mentions,
                      category=inc.category.name, incident_id=inc.iid, community_code=inc.community.code,
                      flags=flags, grid_code=inc.grid_code, planted=bool(inc.planted), has_org=inc.org is not None)

    # --- 110 ---

    def police(self, inc: Incident, rep: Report) -> Record:
        """A 110 incident pushed by the police platform."""
        rng = self.rng
        text = render(inc, "police", rep.reporter, rng)
        dsr, mentions, ids = self._dsr(inc, rep)
        point, status = self._position(inc, 0.75, 0.15)
        comm = inc.community
        payload = {
            "JJDBH": "", "BJSJ": f"{rep.when:%Y%m%d%H%M%S}", "BJRXM": dsr[0]["XM"], "BJRZJHM": dsr[0]["ZJHM"],
            "BJDH": dsr[0]["LXDH"], "SFDZ": address(inc, "police", rng), "XZQH": comm.district.code,
            "JD": round(point[0], 6) if point else None, "WD": round(point[1], 6) if point else None,
            "JQLBMC": inc.category.police, "BJNR": text.body,
            "CJDW": f"{comm.district.police_unit}{comm.street.short}派出所",
            "CJJG": MIRROR_OUTCOME if rep.mirrored and rng.random() < 0.5 else rng.choice(POLICE_OUTCOMES),
            "DSR": dsr,
        }
        record = self._base("police", inc, rep, payload, mentions, text.flags)
        record.position, record.coord_type = status, "wgs84"
        record.id_key = (comm.district.code, f"{rep.when:%Y%m%d}", f"{rep.when:%H%M%S}")
        record.id_mentions = ids
        return record

    def _dsr(self, inc: Incident, rep: Report) -> tuple[list[dict[str, str]], list[Mention], IdTruth]:
        """The parties list: the reporter first, then the other party, then others (an org now and then)."""
        rng = self.rng
        order = [rep.reporter] + [i for i in range(len(inc.persons)) if i != rep.reporter]
        dsr: list[dict[str, str]] = []
        mentions: list[Mention] = []
        ids: IdTruth = []
        for slot, i in enumerate(order):
            person = inc.persons[i]
            prior = i == inc.prior_index
            dsr.append({"XM": person.name, "ZJHM": self._id(person, 1.0 if prior else 0.92, ids, slot, prior),
                        "LXDH": self._phone(person) if slot == 0 or rng.random() < 0.8 else "",
                        "SF": "报警人" if slot == 0 else "对方当事人" if slot == 1 else "其他",
                        "QKBS": "1" if prior else "0"})
            mentions.append(Mention(slot, person.pid, False, other_side=slot == 1))
        if inc.org is not None and rng.random() < 0.15:
            dsr.append({"XM": inc.org.name, "ZJHM": "", "LXDH": "", "SF": "对方当事人", "QKBS": "0"})
            mentions.append(Mention(len(dsr) - 1, inc.org.oid, True))
        return dsr, mentions, ids

    # --- 12345 ---

    def hotline(self, inc: Incident, rep: Report) -> Record:
        """A 12345 work order about a dispute; the caller is the reporting party."""
        rng = self.rng
        caller = inc.persons[rep.reporter]
        text = render(inc, "hotline", rep.reporter, rng)
        kind = rng.choices(("投诉", "求助", "举报", "咨询"), weights=(55, 30, 10, 5))[0]
        street = inc.community.street
        unit = (f"{street.district.name}{street.name}办事处" if not street.rural
                else f"{street.district.name}{street.name}人民政府")
        if rng.random() < 0.3:
            key, _, _ = inc.category.departments[0]
            unit = "市" + _short_department(key)
        row = self._hotline_row(rep.when, _caller_name(caller, rng), self._phone(caller), kind, text.title,
                                text.body, address(inc, "hotline", rng),
                                inc.community.district.name if rng.random() < 0.8 else "", unit)
        record = self._base("hotline", inc, rep, row, [Mention(0, caller.pid, False)], text.flags)
        record.id_key = (inc.community.district.city.hotline_prefix, f"{rep.when:%Y%m%d}")
        return record

    def hotline_other(self, order: OtherOrder) -> Record:
        """A 12345 work order that is not a dispute."""
        rng = self.rng
        kind, title, content, unit = render_other(order, rng)
        addr = _other_address(order, rng)
        district = order.community.district.name if addr and rng.random() < 0.85 else ""
        row = self._hotline_row(order.when, _caller_name(order.caller, rng), self._phone(order.caller), kind,
                                title, content, addr, district, unit)
        record = Record(channel="hotline", when=order.when, order=order.order, payload=row,
                        mentions=[Mention(0, order.caller.pid, False)], category="none", incident_id="",
                        community_code=order.community.code if addr else "", flags=())
        record.id_key = (order.community.district.city.hotline_prefix, f"{order.when:%Y%m%d}")
        return record

    def _hotline_row(self, when: datetime, name: str, phone: str, kind: str, title: str, content: str,
                     addr: str, district: str, unit: str) -> list[str]:
        """The 12 cells of a hotline row; both time formats occur, due time in the row's format."""
        slash = self.rng.random() < 0.4
        due = when + timedelta(days=self.rng.choice((1, 3, 5, 5, 7, 15)))
        state = self.rng.choice(HOTLINE_STATES)
        return ["", hotline_time(when, slash), name, phone, kind, title, content, addr, district, unit,
                hotline_time(due, slash), state]

    # --- grid ---

    def grid(self, inc: Incident, rep: Report) -> Record:
        """A grid worker's app report."""
        rng = self.rng
        text = render(inc, "grid", rep.reporter, rng)
        parties, mentions, ids = self._grid_parties(inc, rep.when.date())
        point, status = self._position(inc, 0.85, 0.12)
        worker = self.people.get(inc.community.index, 2900 + inc.grid)
        payload: dict[str, Any] = {
            "eventId": "", "gridCode": inc.grid_code,
            "reporterId": f"WGY-{inc.community.district.city.area_code}-{inc.community.index * 10 + inc.grid:04d}",
            "reporterName": worker.name, "reportTime": rep.when.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
            "eventType": inc.category.name if rng.random() < 0.85 else "其他", "title": text.title,
            "description": text.body,
        }
        if point is not None:
            payload["location"] = {"lng": round(point[0], 6), "lat": round(point[1], 6)}
        payload.update({
            "address": address(inc, "grid", rng), "parties": parties,
            "involvedCount": max(len(inc.persons), inc.involved), "status": rng.choice(GRID_STATUSES),
            "attachments": [f"https://example.invalid/p/{mix(rep.order, k) % 16**8:08x}.jpg"
                            for k in range(rng.choice((0, 0, 1, 1, 2, 3)))],
        })
        record = self._base("grid", inc, rep, payload, mentions, text.flags)
        record.position, record.coord_type = status, "wgs84"
        record.id_key = (inc.grid_code, f"{rep.when:%Y%m%d}")
        record.id_mentions = ids
        return record

    def _grid_parties(self, inc: Incident, day: date) -> tuple[list[dict[str, Any]], list[Mention], IdTruth]:
        """The incident's persons as grid parties, and the organization half of the time."""
        parties: list[dict[str, Any]] = []
        mentions: list[Mention] = []
        ids: IdTruth = []
        for i, person in enumerate(inc.persons):
            parties.append(self._grid_party(person, day, ids, i, i == inc.prior_index))
            mentions.append(Mention(i, person.pid, False))
        if inc.org is not None and self.rng.random() < 0.5:
            parties.append({"name": inc.org.name, "role": "被申请人"})
            mentions.append(Mention(len(parties) - 1, inc.org.oid, True))
        return parties, mentions, ids

    def _grid_party(self, person: Person, day: date, ids: IdTruth, index: int,
                    protect: bool) -> dict[str, Any]:
        """One party as a grid worker records it; any field may be missing."""
        rng = self.rng
        party: dict[str, Any] = {"name": written_name(person, rng)}
        roll = rng.random()
        if roll < 0.55 or protect:
            party["idCard"] = self._id(person, 1.0, ids, index, protect)
        elif roll < 0.8:
            party["idCard"] = ""
        if rng.random() < 0.85:
            party["phone"] = self._phone(person)
        party["role"] = "当事人"
        if rng.random() < 0.7:
            party["age"] = person.age_on(day)
        if rng.random() < 0.5:
            party["occupation"] = person.occupation
        return party

    # --- QR code ---

    def qrcode(self, inc: Incident, rep: Report) -> Record:
        """A citizen's QR-code clue; positions mostly GCJ-02 as WeChat reports them."""
        rng = self.rng
        person = inc.persons[rep.reporter]
        text = render(inc, "qrcode", rep.reporter, rng)
        phone = self._phone(person) if rng.random() < 0.75 else ""
        point, status = self._position(inc, 0.8, 0.17)
        coord_type = "gcj02" if rng.random() < 0.88 else "wgs84"
        if point is not None and status == "ok" and coord_type == "gcj02":
            point = wgs84_to_gcj02(*point)
        payload = {
            "clue_id": "", "submitted_at": epoch_ms(rep.when), "scene": inc.community.code, "phone": phone,
            "nickname": nickname(rng), "content": text.body,
            "photos": [f"https://example.invalid/q/{mix(rep.order, k) % 10**6}.jpg"
                       for k in range(rng.choice((0, 1, 1, 2, 3)))],
            "longitude": round(point[0], 6) if point else None, "latitude": round(point[1], 6) if point else None,
            "coord_type": coord_type,
        }
        mentions = [Mention(0, person.pid, False)] if phone else []
        record = self._base("qrcode", inc, rep, payload, mentions, text.flags)
        record.position, record.coord_type = status, coord_type
        record.id_key = (f"{rep.when:%Y%m%d%H%M}",)
        return record

    # --- departments ---

    def department(self, inc: Incident, rep: Report) -> Record:
        """A department's screening row; orgs come last, so ID lists may simply stop early."""
        rng = self.rng
        text = render(inc, "department", rep.reporter, rng)
        key, sector, _ = rng.choices(inc.category.departments, weights=[w for *_, w in inc.category.departments])[0]
        dept = department_name(key, inc.community.district.city.name, self.multi_city)
        names, ids, phones, mentions = [], [], [], []
        id_truth: IdTruth = []
        for i, person in enumerate(inc.persons):
            names.append(written_name(person, rng))
            ids.append(self._id(person, 1.0 if i == inc.prior_index else 0.85, id_truth, i, i == inc.prior_index))
            phones.append(self._phone(person) if rng.random() < 0.7 else "")
            mentions.append(Mention(i, person.pid, False))
        if inc.org is not None and rng.random() < 0.7:
            names.append(inc.org.name)
            phones.append(f"{inc.community.district.city.area_code}-{3000000 + int(inc.org.oid[1:], 16) % 999999}"
                          if rng.random() < 0.5 else "")
            mentions.append(Mention(len(names) - 1, inc.org.oid, True))
        if inc.prior_index < 0 and rng.random() < 0.3:
            ids = ids[: rng.randrange(len(ids) + 1)]  # the ID column is often shorter than the names
            id_truth = [t for t in id_truth if t[0] < len(ids)]
        risk = "高" if inc.flags else rng.choice(("中", "低", "低"))
        row = [dept, sector, "", department_date(rep.when.date(), rng.random() < 0.3), "、".join(names),
               "、".join(ids), "、".join(phones), address(inc, "department", rng), text.body, risk,
               rng.choice(("是", "否", "否"))]
        record = self._base("department", inc, rep, row, mentions, text.flags)
        record.id_key = (dept, DEPARTMENTS[key][1])
        record.id_mentions = id_truth
        return record


def _other_address(order: OtherOrder, rng: random.Random) -> str:
    """Where a non-dispute order is about: the road or estate it names, else often nothing."""
    content = order.topic[2]
    if "{road}" in content:
        return order.slots["road"] + rng.choice(("", "附近", "路段"))
    if "{estate}" in content or "{place}" in content:
        return order.slots["place"]
    return "" if rng.random() < 0.7 else order.slots["place"]


def _caller_name(person: Person, rng: random.Random) -> str:
    """How the operator writes the caller: mostly 李女士, sometimes the full name or 匿名."""
    roll = rng.random()
    if roll < 0.65:
        return person.honorific
    if roll < 0.95:
        return person.name
    return "匿名"


def _short_department(key: str) -> str:
    """Common abbreviations of department names (市人社局...)."""
    full = DEPARTMENTS[key][0]
    return {"人力资源和社会保障局": "人社局", "住房和城乡建设局": "住建局", "卫生健康委员会": "卫健委",
            "市场监督管理局": "市场监管局", "自然资源和规划局": "自然资源局"}.get(full, full)


def department_name(key: str, city_name: str, multi_city: bool) -> str:
    """市民政局 in a single-city run; 郑州市民政局 when many cities share the files."""
    return (city_name if multi_city else "市") + DEPARTMENTS[key][0]


def hotline_time(moment: datetime, slash: bool) -> str:
    """`2025-05-07 08:41:22` or `2025/5/7 8:41`."""
    if slash:
        return f"{moment.year}/{moment.month}/{moment.day} {moment.hour}:{moment.minute:02d}"
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def department_date(day: date, chinese: bool) -> str:
    """`2025-04-03` or `2025年4月3日`."""
    return f"{day.year}年{day.month}月{day.day}日" if chinese else day.isoformat()


def epoch_ms(moment: datetime) -> int:
    """Epoch milliseconds of a Beijing wall-clock time."""
    return int((moment - EPOCH_BEIJING).total_seconds()) * 1000 + moment.microsecond // 1000


class IdAllocator:
    """Gives source ids in each channel's own scheme, in write order."""

    def __init__(self) -> None:
        self._daily: dict[tuple[str, ...], int] = defaultdict(int)
        self._department: dict[str, int] = defaultdict(int)
        self._qr = 0

    def new_day(self) -> None:
        """Per-day sequences restart; keys include the date, so old ones are just dropped."""
        self._daily.clear()

    def assign(self, record: Record) -> None:
        """Set the record's source id and the id field of its payload."""
        channel, key = record.channel, record.id_key
        if channel == "police":
            day_key = key[:2]  # one running number per district and day
            self._daily[day_key] += 1
            sid = f"J{key[0]}{key[1]}{key[2]}{self._daily[day_key]:03d}"
            record.payload["JJDBH"] = sid
        elif channel == "hotline":
            self._daily[key] += 1
            sid = f"{key[0]}-{key[1]}-{self._daily[key]:06d}"
            record.payload[0] = sid
        elif channel == "grid":
            self._daily[key] += 1
            sid = f"WG-{key[0]}-{key[1]}-{self._daily[key]:04d}"
            record.payload["eventId"] = sid
        elif channel == "qrcode":
            self._qr += 1
            sid = f"QHM-{key[0]}-{self._qr % 10000:04d}"
            record.payload["clue_id"] = sid
        else:
            self._department[key[0]] += 1
            number = f"{key[1]}-{record.when.year}-{self._department[key[0]]:04d}"
            record.payload[2] = number
            sid = f"{key[0]}|{number}"  # the loaders' department identity: 部门|排查编号
        record.source_id = sid


# --- bad input ---

BAD_KINDS = ("bad_syntax", "missing_id", "bad_time", "empty_content", "duplicate", "correction")
UNREADABLE = frozenset({"bad_syntax", "missing_id", "bad_time"})
_TIME_FIELD = {"police": "BJSJ", "grid": "reportTime", "qrcode": "submitted_at", "hotline": 1, "department": 3}
_CONTENT_FIELD = {"police": "BJNR", "grid": "description", "qrcode": "content", "hotline": 6, "department": 8}
_BAD_TIMES = {
    "police": ("2025133025", "20251345256199", "2025-05-07 08:41"),
    "grid": ("2025-13-45T25:61:00+08:00", "未知", "2025/05/06 下午"),
    "qrcode": ("昨天下午3点", "17465725200OO", "NaN"),
    "hotline": ("2025-02-30 25:61:00", "2025年5月", "待补录"),
    "department": ("2025年13月5日", "待定", "2025-02-30"),
}


def spoil(record: Record, kind: str, rng: random.Random) -> None:
    """Turn a record's payload into one kind of bad input (in place)."""
    channel, payload = record.channel, record.payload
    if kind == "missing_id":
        if channel == "grid":
            del payload["eventId"]
        elif channel == "qrcode":
            payload["clue_id"] = None
        elif channel == "police":
            payload["JJDBH"] = ""
        else:
            payload[0 if channel == "hotline" else 2] = ""
    elif kind == "bad_time":
        payload[_TIME_FIELD[channel]] = rng.choice(_BAD_TIMES[channel])
    elif kind == "empty_content":
        payload[_CONTENT_FIELD[channel]] = ""


def corrected(record: Record, rng: random.Random) -> Record:
    """A later re-export of the same record with changed content (state moved on, outcome filled)."""
    again = copy.copy(record)
    again.payload = copy.deepcopy(record.payload)
    again.reexport = "correction"
    payload = again.payload
    if record.channel == "police":
        payload["CJJG"] = "经民警及社区调解，双方达成和解协议，事态平息。"
    elif record.channel == "grid":
        payload["status"] = "已化解"
        payload["description"] += "（补录：经社区调解已化解。）"
    elif record.channel == "qrcode":
        payload["content"] += "【补充】已上传现场照片。"
        payload["photos"] = [*payload["photos"], f"https://example.invalid/q/{rng.randrange(10**6)}.jpg"]
    elif record.channel == "hotline":
        payload[11] = "已办结"
        payload[6] += "（回访：问题已处理，来电人表示满意。）"
    else:
        payload[9], payload[10] = "低", "是"
    return again


class ChannelFiles:
    """The five upstream files, open for streaming writes."""

    def __init__(self, out: Path, hotline_encoding: str) -> None:
        self._handles: dict[str, IO[str]] = {}
        self._csv: dict[str, Any] = {}
        self.rows: dict[str, int] = defaultdict(int)
        for channel, name in FILES.items():
            encoding = hotline_encoding if channel == "hotline" else "utf-8"
            handle = (out / name).open("w", encoding=encoding, newline="")
            self._handles[channel] = handle
            if channel in ("hotline", "department"):
                writer = csv.writer(handle)
                writer.writerow(HOTLINE_HEADER if channel == "hotline" else DEPARTMENT_HEADER)
                self._csv[channel] = writer

    def write(self, record: Record, bad_syntax: bool, rng: random.Random) -> int:
        """Write one record (or its broken form); returns its 1-based row number in the file."""
        channel = record.channel
        if channel in self._csv:
            cells = record.payload[: rng.randint(4, 8)] if bad_syntax else record.payload
            self._csv[channel].writerow(cells)
        else:
            line = json.dumps(record.payload, ensure_ascii=False)
            if bad_syntax:
                line = _break_json(line, rng)
            self._handles[channel].write(line + "\n")
        self.rows[channel] += 1
        return self.rows[channel]

    def close(self) -> None:
        """Flush and close every file."""
        for handle in self._handles.values():
            handle.close()


def _break_json(line: str, rng: random.Random) -> str:
    """A JSON line as a broken export leaves it: cut short, or a stray quote."""
    if rng.random() < 0.5:
        return line[: max(10, int(len(line) * rng.uniform(0.3, 0.9)))]
    cut = line.find('", "', len(line) // 3)
    return line[:cut] + '"' + line[cut:] if cut > 0 else line[:-1]

