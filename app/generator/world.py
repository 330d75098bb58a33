"""The simulated city: who lives where, when things happen, and how background incidents arise."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, time, timedelta

from app.generator.areas import AreaModel, Community, apportion
from app.generator.data.categories import CATEGORIES, CHANNEL_AFFINITY, SEASONALITY, Category, Issue
from app.generator.incident import FLAG_ORDER, Incident
from app.generator.names import Org, OrgNamer, People, Person
from app.generator.profiles import CHANNELS, Profile
from app.generator.text import build_slots

# Share of reports by hour of day, per channel: 110 peaks in the evening, grid workers keep office hours.
HOURS: dict[str, tuple[float, ...]] = {
    "police": (2, 1.5, 1, .8, .6, .8, 1.5, 2.5, 3.5, 4, 4.5, 5, 5, 4.5, 4.5, 5, 5, 5.5, 6.5, 7, 7.5, 7, 5.5, 3.5),
    "hotline": (.3, .2, .1, .1, .1, .3, 1, 3, 6, 8, 8, 7, 5, 4, 6, 7, 7, 6, 5, 4, 3, 2, 1, .5),
    "grid": (0, 0, 0, 0, 0, 0, .2, 1, 5, 8, 8, 7, 3, 2, 6, 8, 7, 5, 2, 1, .5, .2, 0, 0),
    "qrcode": (.5, .2, .1, .1, .1, .3, 1, 2, 4, 5, 5, 5, 4, 4, 4, 4, 4, 4, 5, 6, 6, 5, 3, 1.5),
    "department": (0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 5, 4, 1, 0, 3, 5, 5, 3, 0, 0, 0, 0, 0, 0),
}
MONTH_FACTOR = {1: 1.15, 2: 0.9, 3: 1.0, 4: 1.0, 5: 1.05, 6: 1.05, 7: 1.1, 8: 1.1, 9: 1.0, 10: 0.95, 11: 0.95,
                12: 1.1}
WEEKDAY_FACTOR: dict[str, tuple[float, ...]] = {  # Monday first
    "police": (1, 1, 1, 1, 1.05, 1.15, 1.15),
    "hotline": (1.1, 1.05, 1, 1, 1, 0.8, 0.75),
    "grid": (1.1, 1.1, 1.1, 1.1, 1.05, 0.5, 0.4),
    "qrcode": (1, 1, 1, 1, 1, 1.1, 1.1),
    "department": (1.2, 1.2, 1.2, 1.2, 1.1, 0.08, 0.05),
    "other": (1.1, 1.05, 1, 1, 1, 0.8, 0.75),
}
SPRING_FESTIVAL = (date(2025, 1, 28), date(2025, 2, 4))
HOLIDAY_FACTOR = {"police": 1.1, "hotline": 0.7, "grid": 0.35, "qrcode": 0.8, "department": 0.05, "other": 0.6}
PAIR_CATEGORIES = ("婚姻家庭", "婚恋情感")  # the other party is usually of the opposite sex
FREQUENT_SHARE = 0.15  # picks that go to the few chronic disputants of a community
INJURY_CATEGORIES = frozenset({"婚姻家庭", "邻里纠纷", "劳资纠纷", "医疗纠纷", "交通事故", "损害赔偿", "校园纠纷",
                               "婚恋情感", "宠物纠纷", "房屋宅基地"})
CROWD_SIZES = (10, 15, 20, 20, 30, 30, 40, 50, 60)  # "20余名": people round crowd sizes


class World:
    """Population, places and the background rates of a run."""

    def __init__(self, profile: Profile, seed: int, areas: AreaModel) -> None:
        self.profile = profile
        self.seed = seed
        self.areas = areas
        self.people = People(seed, areas)
        self.orgs = OrgNamer(seed)
        self._size_population()
        self._community_cum = list(itertools.accumulate(c.weight for c in areas.communities))
        self._category_tables = self._category_weights()
        self._org_counters: dict[tuple[str, str], int] = {}
        self.org_base = profile.respondent_orgs + 4 * len(areas.communities)  # planted and estate orgs first
        self._incidents = 0
        self._orders = 0

    def _size_population(self) -> None:
        """Give each community a pool of dispute-prone residents and its share of key persons."""
        profile = self.profile
        dispute_records = sum(profile.channel_total(c) for c in CHANNELS)
        slots = dispute_records / 1.1 * 1.8 + profile.hotline_other
        weights = [c.weight for c in self.areas.communities]
        for community, pool in zip(self.areas.communities, apportion(round(slots * 0.9), weights), strict=True):
            community.pool = min(2800, max(8, pool))
        for community, count in zip(self.areas.communities, apportion(profile.key_persons, weights), strict=True):
            community.key_persons = min(999, count)

    def _category_weights(self) -> dict[tuple[str, int], tuple[list[Category], list[float]]]:
        """Cumulative category weights per (channel, month)."""
        tables = {}
        for channel in CHANNELS:
            affinity = CHANNEL_AFFINITY.get(channel, {})
            for month in range(1, 13):
                weights = [c.weight * affinity.get(c.name, 1.0) * SEASONALITY.get(c.name, {}).get(month, 1.0)
                           for c in CATEGORIES]
                tables[(channel, month)] = (list(CATEGORIES), list(itertools.accumulate(weights)))
        return tables

    # --- counters ---

    def next_incident_id(self) -> str:
        """A new true incident id."""
        self._incidents += 1
        return f"I{self._incidents:07d}"

    @property
    def incident_count(self) -> int:
        """Incidents created so far."""
        return self._incidents

    def next_order(self) -> int:
        """A tie-breaker that keeps sorting deterministic."""
        self._orders += 1
        return self._orders

    # --- time ---

    def day(self, index: int) -> date:
        """The calendar day of a day index."""
        return self.profile.start + timedelta(days=index)

    def day_index(self, moment: datetime) -> int:
        """The day index of a moment."""
        return (moment.date() - self.profile.start).days

    def moment(self, day_index: int, channel: str, rng: random.Random) -> datetime:
        """A time of day typical for the channel."""
        hour = rng.choices(range(24), weights=HOURS[channel])[0]
        return datetime.combine(self.day(day_index), time(hour, rng.randrange(60), rng.randrange(60)))

    def day_weight(self, day_index: int, channel: str) -> float:
        """Relative volume of a channel on a day (month, weekday, Spring Festival)."""
        day = self.day(day_index)
        weight = MONTH_FACTOR[day.month] * WEEKDAY_FACTOR[channel][day.weekday()]
        if SPRING_FESTIVAL[0] <= day <= SPRING_FESTIVAL[1]:
            weight *= HOLIDAY_FACTOR[channel]
        return weight

    # --- places and people ---

    def community(self, rng: random.Random) -> Community:
        """A community, weighted by how much happens there."""
        return rng.choices(self.areas.communities, cum_weights=self._community_cum)[0]

    def resident(self, community: Community, rng: random.Random) -> Person:
        """A dispute-prone resident; a small set of frequent disputants is drawn far more often."""
        if rng.random() < FREQUENT_SHARE:
            return self.people.get(community.index, int(max(2, community.pool // 15) * rng.random()))
        return self.people.get(community.index, int(community.pool * rng.random()))

    def community_for(self, category: Category, rng: random.Random) -> Community:
        """A community whose setting suits the category (no property companies in villages)."""
        community = self.community(rng)
        for _ in range(20):
            if category.setting == "any" or (category.setting == "rural") == community.rural:
                break
            community = self.community(rng)
        return community

    def persons_for(self, category: Category, community: Community, rng: random.Random,
                    count: int | None = None) -> list[Person]:
        """The persons of an incident: claimant first, mostly neighbours from the same community."""
        wanted = count or rng.randint(*category.persons)
        chosen = [self.resident(community, rng)]
        district = community.district.communities
        for _ in range(wanted * 6):
            if len(chosen) >= wanted:
                break
            place = community if rng.random() < 0.9 else rng.choice(district)
            person = self.resident(place, rng)
            if person.pid in {p.pid for p in chosen}:
                continue
            if category.name in PAIR_CATEGORIES and person.gender == chosen[0].gender and rng.random() < 0.9:
                continue
            chosen.append(person)
        return chosen

    # --- organizations ---

    def org_for(self, category: Category, issue: Issue, community: Community, claimant: Person,
                rng: random.Random) -> Org | None:
        """The respondent organization, when the category has one and the issue's text names it."""
        with_org = [("{org}" in core) for core in issue.cores]
        if category.org_kind is None or not any(with_org):
            return None
        if not all(with_org) and rng.random() >= category.org_rate:
            return None
        kind = category.org_kind
        city = community.district.city
        if kind == "property":
            estate = claimant.home[0] if claimant.community == community.index else 0
            return self.orgs.company(city, kind, self.profile.respondent_orgs + community.index * 4 + estate)
        if kind in ("hospital", "insurer"):
            return OrgNamer.institution(kind, community, rng)
        if kind == "school" and rng.random() < 0.6:
            return OrgNamer.school(community.district, rng)
        key = (city.code, kind)
        self._org_counters[key] = self._org_counters.get(key, self.org_base) + 1
        return self.orgs.company(city, kind, self._org_counters[key])

    # --- incidents ---

    def category_for(self, channel: str, month: int, rng: random.Random) -> Category:
        """A category as it arrives through a channel in a month."""
        categories, cum = self._category_tables[(channel, month)]
        return rng.choices(categories, cum_weights=cum)[0]

    @staticmethod
    def flags_for(category: Category, rng: random.Random, repeat_rate: float) -> tuple[tuple[str, ...], str, int]:
        """(flags, kind of major, people involved) drawn from the category's rates."""
        flags: set[str] = set()
        involved = 0
        if rng.random() < category.group_rate:
            flags.add("group")
            involved = rng.choice(CROWD_SIZES)
        if rng.random() < category.sensitive_rate * (3 if flags else 1):
            flags.add("sensitive")
        if rng.random() < repeat_rate:
            flags.add("repeat")
        major_kind = ""
        if rng.random() < category.major_rate:
            flags.add("major")
            if category.name in INJURY_CATEGORIES and (not category.amount[1] or rng.random() < 0.5):
                major_kind = "injury"
            elif involved >= 20 or not category.amount[1]:
                major_kind = "people"
                involved = max(involved, rng.choice(CROWD_SIZES[4:]))
                flags.add("group")  # many people involved is a group matter too
            else:
                major_kind = "amount"
        return tuple(f for f in FLAG_ORDER if f in flags), major_kind, involved

    def incident(self, category: Category, community: Community, when: datetime, rng: random.Random, *,
                 issue: Issue | None = None, persons: list[Person] | None = None, org: Org | None = None,
                 repeat_rate: float = 0.06, use_org: bool = True) -> Incident:
        """A new incident with its shared facts."""
        issue = issue or rng.choice(category.issues)
        persons = persons or self.persons_for(category, community, rng)
        if org is None and use_org:
            org = self.org_for(category, issue, community, persons[0], rng)
        flags, major_kind, involved = self.flags_for(category, rng, repeat_rate)
        slots = build_slots(category, community, persons[0], rng, major="major" in flags,
                            group_n=involved or rng.choice(CROWD_SIZES), org_name=org.name if org else "")
        return Incident(iid=self.next_incident_id(), category=category, issue=issue, community=community,
                        grid=rng.randint(1, community.n_grids), when=when, persons=persons, org=org, slots=slots,
                        flags=flags, rel_index=rng.randrange(3), major_kind=major_kind,
                        involved=max(involved, len(persons)))
