"""Text grammars: turn an incident into the title, description and address a channel would write.

Each category has several issues, each issue several core clauses; a text is an opening, a core,
optional detail and escalation clauses, one clause per flag the incident carries, a demand and a
closing. The same incident keeps its facts (place, amount, names) across channels, so two reports of
one incident overlap in words, while their framing differs by channel.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.generator.areas import Community
from app.generator.data.categories import Category
from app.generator.data.lexicon import (
    CLOSERS,
    ESCALATIONS,
    FLAG_CLAUSES,
    NON_DISPUTE_UNITS,
    OPENERS,
    PRONOUN,
    TYPOS,
)
from app.generator.incident import Incident, OtherOrder, amount_text, round_amount
from app.generator.names import Person, written_name

DURATIONS = ("一周", "半个多月", "一个多月", "两个月", "三个多月", "半年", "一年多", "好几天", "十来天")
WHENS = ("昨晚10点多", "今天上午", "今天下午", "昨天夜里", "凌晨1点左右", "晚上8点左右", "刚才", "前天晚上")
EMOJI = ("😡", "🙏", "😭", "👍", "🤬", "😤", "❗❗")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A channel's text for one report."""

    title: str
    body: str
    flags: tuple[str, ...]


def home_place(community: Community, person: Person | None, rng: random.Random) -> tuple[str, str, str]:
    """(estate, building, place) of a person's home, or of a random home in the community."""
    if person is not None and person.community == community.index:
        estate_i, building, unit, room = person.home
    else:
        estate_i = rng.randrange(len(community.estates))
        building, unit, room = rng.randint(1, 32), rng.randint(1, 6), rng.randint(1, 18) * 100 + rng.randint(1, 4)
    estate = community.estates[estate_i]
    if community.rural:
        group = f"{building}组"
        return estate, group, f"{estate}{group}{unit}号"
    bld = f"{building}号楼"
    place = f"{estate}{bld}{unit}单元" + (f"{room}室" if rng.random() < 0.4 else "")
    return estate, bld, place


def build_slots(category: Category, community: Community, claimant: Person | None, rng: random.Random,
                *, major: bool, group_n: int, org_name: str = "") -> dict[str, str]:
    """The facts every record of an incident shares."""
    estate, bld, place = home_place(community, claimant, rng)
    roads = community.district.city.roads
    road, road2 = rng.sample(roads, 2)
    low, high = category.amount
    amount = round_amount(max(low, 100), max(high, 200), rng) if high else rng.randint(2, 60) * 100
    if major and high:
        amount = max(amount, round_amount(100_000, max(high, 200_000) * 2, rng))
    slots = {
        "estate": estate, "bld": bld, "place": place, "road": road, "road2": road2,
        "amt": amount_text(amount, rng), "bigamt": amount_text(max(amount, 100_000), rng),
        "n": str(group_n), "dur": rng.choice(DURATIONS), "when": rng.choice(WHENS),
        "mu": rng.choice(("0.5", "1", "1.5", "2", "3", "5", "8")), "age": str(rng.randint(78, 96)),
        "width": rng.choice(("0.5", "1", "1.2", "2")), "k": str(rng.randint(3, 12)),
        "fee": _fee(category, rng), "shop": _shop(rng),
    }
    slots["site"] = _site(category, community, slots, org_name, rng)
    return slots


def _fee(category: Category, rng: random.Random) -> str:
    """A fee phrase: property-fee rise, or compensation per square metre for demolition."""
    if category.name == "征地拆迁":
        return f"每平方米仅补偿{rng.choice((900, 1100, 1200, 1500, 1800))}元"
    old = rng.choice((0.6, 0.8, 1.0, 1.2))
    return f"由每平方米{old}元上调至{round(old + rng.choice((0.3, 0.4, 0.5, 0.7)), 1)}元"


def _shop(rng: random.Random) -> str:
    """An online shop as a buyer names it."""
    return rng.choice(("一家数码网店", "一家家具网店", "某电商平台旗舰店", "一家服装网店", "某直播间"))


def _site(category: Category, community: Community, slots: dict[str, str], org_name: str,
          rng: random.Random) -> str:
    """Where the incident happened, by the category's kind of place."""
    kind = category.place
    if kind == "road":
        return f"{slots['road']}与{slots['road2']}交叉口"
    if kind in ("hospital", "school") and org_name:
        return org_name
    if kind == "site":
        return f"{slots['estate']}项目工地" if not community.rural else f"{community.name}{rng.choice('东西南北')}工地"
    if kind == "shop":
        return f"{slots['estate']}底商" if not community.rural else f"{community.name}街面"
    if kind == "field":
        return f"{community.name}{rng.choice(('北地', '南地', '东坡', '西岗'))}"
    return slots["place"]


def address(inc: Incident, channel: str, rng: random.Random) -> str:
    """The free-text address a channel writes: more or less of the administrative prefix."""
    comm = inc.community
    site = inc.slots["site"]
    district, street = comm.district.name, comm.street.name
    style = rng.random()
    if channel == "police" or style < 0.35:
        return f"{district}{street}{site}" if site.startswith(comm.name) else f"{district}{street}{comm.name}{site}"
    if style < 0.7:
        return f"{district}{site}"
    if style < 0.9:
        return site
    return f"{site}附近"


def _a_form(channel: str, person: Person | None, rng: random.Random) -> str:
    """How the reporting party is referred to in the body text."""
    if channel in PRONOUN:
        return rng.choice(PRONOUN[channel])
    return written_name(person, rng) if person is not None else "当事人"


def _b_form(channel: str, person: Person | None, rng: random.Random) -> str:
    """How the other party is referred to: full name, 张某, or nothing after the relation word."""
    if person is None:
        return ""
    if channel in ("grid", "department"):
        return written_name(person, rng)
    if channel == "police":
        return person.name if rng.random() < 0.7 else ""
    return person.surname + "某" if rng.random() < 0.5 else ""


def _org_form(channel: str, inc: Incident, rng: random.Random) -> str:
    """The respondent organization as a channel names it."""
    if inc.org is None:
        return "对方"
    if channel in ("hotline", "qrcode") and rng.random() < 0.5:
        return inc.org.short
    return inc.org.name


def _pick_core(inc: Incident, rng: random.Random) -> str:
    """A core clause consistent with whether the incident has an organization."""
    cores = inc.issue.cores
    if 0 <= inc.core_index < len(cores):
        return cores[inc.core_index]
    usable = [c for c in cores if ("{org}" in c) == (inc.org is not None)] or list(cores)
    return rng.choice(usable)


def render(inc: Incident, channel: str, reporter: int, rng: random.Random) -> Rendered:
    """The title and body one channel writes for one report of an incident."""
    me = inc.persons[reporter] if inc.persons else None
    others = [p for i, p in enumerate(inc.persons) if i != reporter]
    other = others[0] if others else None
    slots = dict(inc.slots)
    slots.update(a=_a_form(channel, me, rng), b=_b_form(channel, other, rng), rel=inc.relation(other, rng),
                 org=_org_form(channel, inc, rng))
    slots["place"] = inc.slots["site"] if inc.category.place != "home" else inc.slots["place"]
    clauses = [_pick_core(inc, rng)]
    clauses += rng.sample(inc.category.details, k=min(len(inc.category.details), rng.choice((0, 1, 1, 2))))
    if channel in ("police", "grid") and rng.random() < 0.2:
        clauses.append(rng.choice(ESCALATIONS))
    clauses += [_flag_clause(inc, flag, rng) for flag in inc.flags]
    if rng.random() < 0.8:
        clauses.append(rng.choice(inc.category.demands))
    body = _assemble(channel, [c.format_map(slots) for c in clauses], rng)
    title = rng.choice(inc.issue.titles).format_map(slots)
    return Rendered(title, noisy(body, channel, rng), inc.flags)


def _flag_clause(inc: Incident, flag: str, rng: random.Random) -> str:
    """A clause that expresses one flag, fitted to the category where it has its own wording."""
    if flag == "group" and inc.category.group_clauses:
        return rng.choice(inc.category.group_clauses)
    if flag == "major":
        return rng.choice(FLAG_CLAUSES[f"major_{inc.major_kind}"])
    return rng.choice(FLAG_CLAUSES[flag])


def _assemble(channel: str, clauses: list[str], rng: random.Random) -> str:
    """Opening + clauses + closing, with the punctuation a person would use."""
    opener = rng.choice(OPENERS[channel])
    closer = rng.choice(CLOSERS[channel])
    text = opener + "，".join(clauses)
    if rng.random() < 0.85:
        text += "。" + closer
    return text + ("！" if channel == "qrcode" and rng.random() < 0.3 else "。")


def noisy(text: str, channel: str, rng: random.Random) -> str:
    """Now and then a typo, an abbreviation, an emoji, HTML or a line break, as in real exports."""
    if channel != "department" and rng.random() < 0.05:
        hits = [(good, bad) for good, bad in TYPOS if good in text]
        if hits:
            good, bad = rng.choice(hits)
            text = text.replace(good, bad, 1)
    roll = rng.random()
    if channel == "qrcode" and roll < 0.04:
        text += rng.choice(EMOJI)
    elif channel == "hotline" and roll < 0.006:
        text = "<p>" + text.replace("。", "。<br/>", 1) + "</p>"
    elif channel in ("grid", "department") and roll < 0.01:
        text = text.replace("，", "，\n", 1)
    elif channel == "police" and roll < 0.002:
        text = text + ("现场情况补充：" + text) * 6  # a very long re-typed narrative
    return text


def render_other(order: OtherOrder, rng: random.Random) -> tuple[str, str, str, str]:
    """(request type, title, content, handling unit) of a non-dispute hotline order."""
    kind, title, content, unit_key = order.topic
    text = noisy(content.format_map(order.slots), "hotline", rng)
    unit = NON_DISPUTE_UNITS[unit_key].format(district=order.community.district.name)
    return kind, title, text, unit


def other_slots(community: Community, caller: Person, rng: random.Random) -> dict[str, str]:
    """Slots for non-dispute topics."""
    estate, _, place = home_place(community, caller, rng)
    road, road2 = rng.sample(community.district.city.roads, 2)
    return {"estate": estate, "place": place, "road": road, "road2": road2, "when": rng.choice(WHENS),
            "dur": rng.choice(DURATIONS), "age": str(rng.randint(80, 95))}
