"""Planted cases the later precision/recall tests look for.

- repeat clusters: one community, one category and issue, 10-25 incidents within 90 days;
- respondent clusters: one company in many disputes from different claimants across communities;
- prior records: key persons (some with notices already sent) and persons with a police record who
  later appear as a party in a new 110 incident (QKBS "1").
Planted incidents are fixed before the year is streamed and use part of each channel's quota.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.generator.areas import Community
from app.generator.data.categories import CATEGORY_BY_NAME, Category, Issue
from app.generator.incident import FLAG_ORDER, Incident, Report
from app.generator.names import PRIOR_BASE, Org, Person
from app.generator.reference import KeyPerson, Notice, key_person, make_notice, number_notices
from app.generator.text import build_slots
from app.generator.world import CROWD_SIZES, World

REPEAT_THEMES: tuple[tuple[str, str, float], ...] = (
    ("物业纠纷", "漏水", 3), ("物业纠纷", "电梯", 3), ("物业纠纷", "物业费", 2), ("物业纠纷", "停车管理", 1),
    ("噪音扰民", "广场舞", 1), ("噪音扰民", "夜间噪音", 1), ("施工扰民", "夜间施工", 1.5),
    ("停车纠纷", "车位被占", 1), ("环境污染", "餐饮油烟", 1), ("宠物纠纷", "犬只扰民", 1),
)
RESPONDENT_KINDS: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("labour", "劳资纠纷", ("拖欠工资",), 0.4), ("property", "物业纠纷", ("漏水", "电梯", "物业费"), 0.2),
    ("finance", "集资金融", ("理财兑付", "养老项目"), 0.15), ("merchant", "消费纠纷", ("预付卡",), 0.15),
    ("rental", "租赁纠纷", ("押金",), 0.1),
)
PRIOR_CATEGORIES = ("婚姻家庭", "邻里纠纷", "民间借贷", "婚恋情感", "继承赡养", "损害赔偿")
# Planted repeat incidents are at least this many days apart (beyond the 48 h and 72 h incident-merge windows).
CLUSTER_GAP_DAYS = 3
REPEAT_CHANNELS = (("grid", 0.35), ("hotline", 0.25), ("qrcode", 0.25), ("police", 0.15))
RESPONDENT_CHANNELS = (("department", 0.3), ("hotline", 0.3), ("police", 0.2), ("grid", 0.2))


@dataclass(slots=True)
class PriorCase:
    """A planted prior-record appearance."""

    person: Person
    key: bool
    notice: Notice | None
    incident: Incident


@dataclass(slots=True)
class Plan:
    """Everything planted, by day, with the truth rows it implies."""

    by_day: dict[int, list[tuple[Incident, list[Report]]]] = field(default_factory=lambda: defaultdict(list))
    used: Counter[str] = field(default_factory=Counter)
    clusters: list[tuple[str, Incident]] = field(default_factory=list)
    respondents: list[Incident] = field(default_factory=list)
    priors: list[PriorCase] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class Planner:
    """Lays out the planted cases within per-channel budgets."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.plan = Plan()
        profile = world.profile
        self.budget = {c: profile.channel_total(c) // 2 for c in ("police", "hotline", "grid", "qrcode", "department")}
        self.last_day = profile.days - 1
        self.planted_key_persons: set[tuple[int, int]] = set()

    def build(self) -> Plan:
        """Plan all three kinds of planted cases and the notices."""
        for number in range(self.world.profile.repeat_clusters):
            self._repeat_cluster(f"RC{number + 1:04d}")
        for number in range(self.world.profile.respondent_orgs):
            self._respondent_cluster(number)
        self._prior_records()
        self._background_notices()
        number_notices(self.plan.notices, self.rng)
        return self.plan

    # --- helpers ---

    def _channel(self, choices: tuple[tuple[str, float], ...]) -> str | None:
        """A channel with budget left, by weight."""
        open_ = [(c, w) for c, w in choices if self.plan.used[c] < self.budget[c]]
        if not open_:
            return None
        return self.rng.choices([c for c, _ in open_], weights=[w for _, w in open_])[0]

    def _add(self, incident: Incident, reports: list[Report]) -> None:
        """Book an incident's reports against the budgets."""
        for report in reports:
            self.plan.used[report.channel] += 1
        self.plan.by_day[self.world.day_index(incident.when)].append((incident, reports))

    def _report(self, channel: str, when: datetime, reporter: int = 0) -> Report:
        """A report with a fresh tie-breaker."""
        return Report(channel, when, reporter, order=self.world.next_order())

    @staticmethod
    def _org_core(issue: Issue, rng: random.Random, with_org: bool) -> int:
        """Index of a core clause that does (or does not) name the organization."""
        fitting = [i for i, core in enumerate(issue.cores) if ("{org}" in core) == with_org]
        return rng.choice(fitting) if fitting else 0

    # --- repeat clusters ---

    def _repeat_cluster(self, cluster_id: str) -> None:
        """10-25 similar incidents in one community within 90 days, on different days."""
        rng, world = self.rng, self.world
        community = self._hot_community()
        name, issue_key, _ = rng.choices(REPEAT_THEMES, weights=[w for *_, w in REPEAT_THEMES])[0]
        category = CATEGORY_BY_NAME[name]
        issue = next(i for i in category.issues if i.key == issue_key)
        first = world.resident(community, rng)
        org = world.org_for(category, issue, community, first, rng) if category.org_kind else None
        shared = build_slots(category, community, first, rng, major=False, group_n=rng.choice(CROWD_SIZES),
                             org_name=org.name if org else "")
        core = self._org_core(issue, rng, org is not None)
        start = rng.randrange(max(1, self.last_day - 89))
        size = rng.randint(10, 25)
        claimants: list[Person] = [first]
        for offset in _spaced(sorted(int(89 * rng.random() ** 0.8) for _ in range(size)), CLUSTER_GAP_DAYS, 89):
            channel = self._channel(REPEAT_CHANNELS)
            if channel is None:
                return
            when = world.moment(start + offset, channel, rng)
            incident = self._cluster_incident(category, issue, community, when, shared, org, claimants)
            incident.core_index = core if rng.random() < 0.7 else -1
            incident.planted, incident.cluster_id = "repeat", cluster_id
            self._add(incident, [self._report(channel, when)])
            self.plan.clusters.append((cluster_id, incident))

    def _hot_community(self) -> Community:
        """An urban community of at least median activity that holds no cluster yet."""
        taken = {incident.community.index for _, incident in self.plan.clusters}
        urban = [c for c in self.world.areas.communities if not c.rural and c.index not in taken]
        pool = urban or self.world.areas.communities
        weights = sorted(c.weight for c in pool)
        median = weights[len(weights) // 2]
        return self.rng.choice([c for c in pool if c.weight >= median])

    def _cluster_incident(self, category: Category, issue: Issue, community: Community, when: datetime,
                          shared: dict[str, str], org: Org | None, claimants: list[Person]) -> Incident:
        """One incident of a repeat cluster: same place and issue, new or returning claimant."""
        rng, world = self.rng, self.world
        claimant = rng.choice(claimants) if rng.random() < 0.3 else world.resident(community, rng)
        claimants.append(claimant)
        persons = [claimant]
        if category.persons[0] >= 2:
            other = world.resident(community, rng)
            if other.pid != claimant.pid:
                persons.append(other)
        flags: set[str] = set()
        if len(claimants) > 4 and rng.random() < 0.7:
            flags.add("repeat")
        involved = 0
        if len(claimants) > 8 and rng.random() < 0.15:
            flags.add("group")
            involved = rng.choice(CROWD_SIZES)
        if rng.random() < 0.04:
            flags.add("sensitive")
        slots = dict(shared, when=rng.choice(("昨晚10点多", "今天上午", "今天下午", "凌晨1点左右")))
        return Incident(iid=world.next_incident_id(), category=category, issue=issue, community=community,
                        grid=rng.randint(1, community.n_grids), when=when, persons=persons, org=org, slots=slots,
                        flags=tuple(f for f in FLAG_ORDER if f in flags), rel_index=rng.randrange(3),
                        involved=max(involved, len(persons)))

    # --- respondent clusters ---

    def _respondent_cluster(self, number: int) -> None:
        """One company as respondent in 8-20 disputes from claimants across 3-8 communities."""
        rng, world = self.rng, self.world
        kind, name, issue_keys, _ = rng.choices(RESPONDENT_KINDS, weights=[w for *_, w in RESPONDENT_KINDS])[0]
        category = CATEGORY_BY_NAME[name]
        city = world.community(rng).district.city
        in_city = [c for c in world.areas.communities if c.district.city is city]
        places = rng.sample(in_city, k=min(len(in_city), rng.randint(3, 8)))
        org = world.orgs.company(city, kind, number)
        for _ in range(rng.randint(8, 20)):
            channel = self._channel(RESPONDENT_CHANNELS)
            if channel is None:
                return
            community = rng.choice(places)
            when = world.moment(self._respondent_day(kind), channel, rng)
            issue_key = rng.choice(issue_keys)
            issue = next(i for i in category.issues if i.key == issue_key)
            persons = world.persons_for(category, community, rng, count=rng.randint(1, 2))
            incident = world.incident(category, community, when, rng, issue=issue, persons=persons, org=org,
                                      repeat_rate=0.1)
            incident.core_index = self._org_core(issue, rng, True)
            incident.planted = "respondent"
            self._add(incident, [self._report(channel, when)])
            self.plan.respondents.append(incident)

    def _respondent_day(self, kind: str) -> int:
        """Unpaid wages cluster around the Spring Festival; the rest spread over the year."""
        if kind == "labour" and self.rng.random() < 0.5:
            return self.rng.choice((self.rng.randrange(0, 45), self.rng.randrange(max(0, self.last_day - 60),
                                                                                  self.last_day + 1)))
        return self.rng.randrange(self.last_day + 1)

    # --- prior records ---

    def _prior_records(self) -> None:
        """Key persons and persons with a record who appear as a party in a new 110 incident."""
        rng, world = self.rng, self.world
        used = self.planted_key_persons
        non_key: Counter[int] = Counter()
        candidates = [c for c in world.areas.communities if c.key_persons > 0]
        for _ in range(world.profile.prior_records):
            if self.plan.used["police"] >= self.budget["police"] or not candidates:
                return
            community = rng.choice(candidates)
            kp: KeyPerson | None = None
            if rng.random() < 0.8:
                k = rng.randrange(community.key_persons)
                if (community.index, k) in used:
                    continue
                used.add((community.index, k))
                kp = key_person(world.people, community, k)
                person = kp.person
            else:
                person = world.people.get(community.index, PRIOR_BASE + non_key[community.index])
                non_key[community.index] += 1
            self._prior_case(community, person, kp)

    def _prior_case(self, community: Community, person: Person, kp: KeyPerson | None) -> None:
        """The new incident of a prior-record person, and the notice sent before it if any."""
        rng, world = self.rng, self.world
        day_index = rng.randrange(min(20, self.last_day), self.last_day + 1)
        when = world.moment(day_index, "police", rng)
        category = CATEGORY_BY_NAME[rng.choice(PRIOR_CATEGORIES)]
        victim = world.resident(community, rng)
        incident = world.incident(category, community, when, rng, persons=[victim, person], use_org=False,
                                  repeat_rate=0.05)
        incident.prior_index, incident.planted = 1, "prior"
        reports = [self._report("police", when)]
        if rng.random() < 0.25:
            second = self._channel((("grid", 0.5), ("department", 0.3), ("hotline", 0.2)))
            later = when + timedelta(hours=rng.uniform(2, 72))
            if second and world.day_index(later) <= self.last_day:
                reports.append(self._report(second, later))
        self._add(incident, reports)
        notice = None
        if kp is not None and rng.random() < 0.6:
            notice = self._notice_before(community, kp, when.date())
        self.plan.priors.append(PriorCase(person, kp is not None, notice, incident))

    def _notice_before(self, community: Community, kp: KeyPerson, before: date) -> Notice:
        """A notice sent between the listing (or 2024) and a few days before the incident."""
        first = max(kp.listed, date(2024, 1, 1))
        last = max(first, before - timedelta(days=3))
        day = first + timedelta(days=self.rng.randrange((last - first).days + 1))
        notice = make_notice(kp, community, day, self.rng)
        self.plan.notices.append(notice)
        return notice

    def _background_notices(self) -> None:
        """Notices about other key persons, who do not appear in any record."""
        rng, world = self.rng, self.world
        candidates = [c for c in world.areas.communities if c.key_persons > 0]
        planted = self.planted_key_persons
        wanted = max(0, world.profile.notices - len(self.plan.notices))
        seen: set[tuple[int, int]] = set()
        for _ in range(wanted * 2):
            if len(seen) >= wanted or not candidates:
                break
            community = rng.choice(candidates)
            k = rng.randrange(community.key_persons)
            if (community.index, k) in planted or (community.index, k) in seen:
                continue
            seen.add((community.index, k))
            day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
            self.plan.notices.append(make_notice(key_person(world.people, community, k), community, day, rng))


def _spaced(days: list[int], gap: int, last: int) -> list[int]:
    """Sorted days moved apart by at least `gap` and kept within 0..last (room for them is assumed).

    Two reports about one building within the incident-merge window (48 h, config/ingest.yaml) are rightly
    one incident, so planted incidents of a repeat cluster must not fall that close.
    """
    spaced: list[int] = []
    for day in days:
        spaced.append(max(day, spaced[-1] + gap) if spaced else day)
    for i in range(len(spaced) - 1, -1, -1):
        spaced[i] = min(spaced[i], last if i == len(spaced) - 1 else spaced[i + 1] - gap)
    return spaced
