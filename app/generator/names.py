"""The true person population, resident ID numbers (GB 11643), phones and organization names.

Persons are never stored: person (community c, number j) is derived from a hash of (seed, c, j), so
the province profile needs no population table. ID order codes and phone numbers come from
bijections of the person number, which makes them unique per person by construction.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from app.generator.areas import AreaModel, City, Community, District
from app.generator.data.people import (
    GIVEN_CHARS,
    NAME_VARIANTS,
    NICKNAMES,
    OCCUPATIONS,
    ORG_BRAND_CHARS,
    SURNAMES,
    WHOLE_NAMES,
)

PERSONS_PER_COMMUNITY = 5000
PRIOR_BASE = 3000  # persons 3000..3999 of a community: prior-record persons who are not key persons
KEY_BASE = 4000  # persons 4000..4999: the community's key persons (重点人员)

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
BIRTH_START = date(1950, 1, 1)
BIRTH_DAYS = (date(2006, 12, 31) - BIRTH_START).days + 1
ORDER_SPACE = BIRTH_DAYS * 1000  # (birth day, 3-digit order code) pairs available per district
MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "156", "157", "158", "159", "180", "181", "182", "183", "185", "186", "187",
                   "188", "189", "191", "193", "195", "198", "199")
_MASK = (1 << 64) - 1


def mix(*values: int) -> int:
    """A 64-bit hash of integers (splitmix64 rounds), stable across runs unlike hash()."""
    h = 0x9E3779B97F4A7C15
    for value in values:
        h = ((h ^ (value & _MASK)) * 0xBF58476D1CE4E5B9) & _MASK
        h ^= h >> 31
        h = (h * 0x94D049BB133111EB) & _MASK
        h ^= h >> 29
    return h


def _coprime(start: int, modulus: int) -> int:
    """The first integer from `start` that is coprime to `modulus`."""
    return next(a for a in itertools.count(start) if math.gcd(a, modulus) == 1)


def check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def id_is_valid(id_number: str) -> bool:
    """Whether an 18-character resident ID has a correct check character."""
    return len(id_number) == 18 and id_number[:17].isdigit() and check_digit(id_number[:17]) == id_number[17]


def mistype_id(id_number: str, rng: random.Random) -> str:
    """Change one of the first 17 digits; every such change breaks the check (11 is prime)."""
    pos = rng.randrange(17)
    digit = rng.choice([d for d in "0123456789" if d != id_number[pos]])
    return id_number[:pos] + digit + id_number[pos + 1:]


def malform_phone(phone: str, rng: random.Random) -> str:
    """A phone as mistyped by hand: a digit dropped, doubled, or an O for a 0."""
    kind = rng.randrange(3)
    pos = rng.randrange(1, len(phone))
    if kind == 0:
        return phone[:pos] + phone[pos + 1:]
    if kind == 1:
        return phone[:pos] + phone[pos] + phone[pos:]
    return phone.replace("0", "O", 1) if "0" in phone else phone + "1"


@dataclass(frozen=True, slots=True)
class Person:
    """A true person of the population."""

    pid: str
    community: int
    number: int
    name: str
    surname: str
    gender: str  # "M" or "F"
    birth: date
    id_number: str
    phone: str
    occupation: str
    home: tuple[int, int, int, int]  # estate index, building (or house number), unit, room

    def age_on(self, day: date) -> int:
        """Age in whole years on a day."""
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    @property
    def honorific(self) -> str:
        """Surname + 先生/女士, how hotline operators write most callers."""
        return self.surname + ("先生" if self.gender == "M" else "女士")


class _Weighted:
    """Weighted choice by a uniform number in [0, 1), via cumulative weights."""

    def __init__(self, items: list[str], weights: list[float]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, u: float) -> str:
        """The item at quantile u."""
        return self.items[bisect.bisect_right(self.cumulative, u * self.cumulative[-1])]


_SURNAMES = _Weighted(list(SURNAMES), list(SURNAMES.values()))
_WHOLE = {key: _Weighted(list(names), [1.0 / (rank + 3) for rank in range(len(names))])
          for key, names in WHOLE_NAMES.items()}


def _cohort(year: int) -> str:
    """Naming fashion by birth year."""
    return "old" if year < 1970 else "mid" if year < 1990 else "young"


class People:
    """The population of a run: derives any person from (community, number) on demand."""

    def __init__(self, seed: int, areas: AreaModel) -> None:
        self.seed = seed
        self.areas = areas
        self._order_a = _coprime(7_654_321 + seed % 1000, ORDER_SPACE)
        self._order_b = mix(seed, 11) % ORDER_SPACE
        self._phone_a = _coprime(48_271_537 + seed % 1000, 10**8)
        self._phone_b = mix(seed, 13) % 10**8
        self.get = lru_cache(maxsize=200_000)(self._derive)

    def pid(self, community: int, number: int) -> str:
        """The truth id of a person."""
        return f"P{community:05d}{number:04d}"

    def _derive(self, community: int, number: int) -> Person:
        """Build person `number` of community `community` deterministically."""
        comm = self.areas.communities[community]
        rng = random.Random(mix(self.seed, 1, community, number))
        unique = comm.local_index * PERSONS_PER_COMMUNITY + number
        order = (unique * self._order_a + self._order_b) % ORDER_SPACE
        birth = BIRTH_START + timedelta(days=order % BIRTH_DAYS)
        sequence = order // BIRTH_DAYS
        gender = "M" if sequence % 2 else "F"
        first17 = f"{comm.district.code}{birth:%Y%m%d}{sequence:03d}"
        surname = _SURNAMES.pick(rng.random())
        return Person(
            pid=self.pid(community, number), community=community, number=number,
            name=surname + self._given(rng, gender, birth.year), surname=surname, gender=gender, birth=birth,
            id_number=first17 + check_digit(first17), phone=self._phone(community, number, comm, rng),
            occupation=self._occupation(rng, birth, comm), home=self._home(rng, comm),
        )

    def _given(self, rng: random.Random, gender: str, year: int) -> str:
        """A given name: mostly a whole common name of the cohort, sometimes composed."""
        if rng.random() < 0.6:
            return _WHOLE[(_cohort(year), gender)].pick(rng.random())
        chars = GIVEN_CHARS[gender]
        if rng.random() < 0.25:
            return rng.choice(chars)
        return rng.choice(chars) + rng.choice(chars)

    def _phone(self, community: int, number: int, comm: Community, rng: random.Random) -> str:
        """A unique mobile (or landline), except that some family members share one."""
        if number % 2 == 1 and rng.random() < 0.06:
            return self.get(community, number - 1).phone  # family phone: a different person, same number
        digits = ((community * PERSONS_PER_COMMUNITY + number) * self._phone_a + self._phone_b) % 10**8
        if rng.random() < 0.06:
            return f"{comm.district.city.area_code}-{2 + digits % 7}{digits // 100 % 10**6:06d}"
        return MOBILE_PREFIXES[digits % len(MOBILE_PREFIXES)] + f"{digits:08d}"

    def _occupation(self, rng: random.Random, birth: date, comm: Community) -> str:
        """An occupation plausible for age and place."""
        if birth.year < 1963:
            return "农民" if comm.rural and rng.random() < 0.6 else "退休"
        if birth.year > 2003 and rng.random() < 0.5:
            return "学生"
        return "农民" if comm.rural and rng.random() < 0.4 else rng.choice(OCCUPATIONS)

    def _home(self, rng: random.Random, comm: Community) -> tuple[int, int, int, int]:
        """Where the person lives inside the community."""
        if comm.rural:
            return (0, rng.randint(1, 12), rng.randint(1, 160), 0)
        room = rng.randint(1, 18) * 100 + rng.randint(1, 4)
        return (rng.randrange(len(comm.estates)), rng.randint(1, 32), rng.randint(1, 6), room)


def written_name(person: Person, rng: random.Random, variant_rate: float = 0.03) -> str:
    """The person's name as a clerk types it: now and then a same-sound character."""
    if rng.random() >= variant_rate or len(person.name) < 2:
        return person.name
    given = person.name[len(person.surname):]
    swaps = [i for i, ch in enumerate(given) if ch in NAME_VARIANTS]
    if not swaps:
        return person.name
    i = rng.choice(swaps)
    return person.surname + given[:i] + NAME_VARIANTS[given[i]] + given[i + 1:]


def nickname(rng: random.Random) -> str:
    """A WeChat display name, never a real name."""
    return rng.choice(NICKNAMES)


# --- organizations -------------------------------------------------------------------------------

ORG_SUFFIXES: dict[str, tuple[str, ...]] = {
    "property": ("物业服务有限公司", "物业管理有限公司"),
    "labour": ("建筑劳务有限公司", "劳务派遣有限公司", "建筑劳务有限公司"),
    "construction": ("建筑工程有限公司", "建设集团有限公司", "市政工程有限公司"),
    "developer": ("置业有限公司", "房地产开发有限公司"),
    "factory": ("化工有限公司", "新材料有限公司", "机械制造有限公司", "陶瓷有限公司", "食品有限公司"),
    "merchant": ("商贸有限公司", "健身服务有限公司", "家居有限公司", "电器有限公司", "教育咨询有限公司"),
    "finance": ("投资管理有限公司", "财富管理有限公司", "融资担保有限公司"),
    "rental": ("房屋租赁有限公司", "公寓管理有限公司"),
    "school": ("教育培训学校",),
}
ORG_SHORT: dict[str, str] = {
    "property": "物业", "labour": "劳务", "construction": "建工", "developer": "置业", "factory": "厂",
    "merchant": "", "finance": "投资", "rental": "公寓", "school": "培训学校",
}
INSURERS = ("中国人民财产保险股份有限公司{city}分公司", "中国平安财产保险股份有限公司{city}中心支公司",
            "中国太平洋财产保险股份有限公司{city}中心支公司", "中国人寿保险股份有限公司{city}分公司")
CITY_HOSPITALS = ("{city}人民医院", "{city}第一人民医院", "{city}中医院", "{city}妇幼保健院", "{city}第三人民医院")
DISTRICT_HOSPITALS = ("{district}人民医院", "{district}中医院", "{district}妇幼保健院")
_BRAND_CHARS = tuple(dict.fromkeys(ORG_BRAND_CHARS))
_BRANDS = tuple(a + b for a in _BRAND_CHARS for b in _BRAND_CHARS if a != b)


@dataclass(frozen=True, slots=True)
class Org:
    """An organization party (respondent)."""

    oid: str
    name: str
    short: str
    kind: str


def make_org(name: str, short: str, kind: str) -> Org:
    """An organization with a stable truth id derived from its (unique) name."""
    return Org("O" + hashlib.blake2b(name.encode(), digest_size=5).hexdigest(), name, short, kind)


class OrgNamer:
    """Unique organization names per (city, kind): counter n maps bijectively onto brand names."""

    def __init__(self, seed: int) -> None:
        self._a = _coprime(1_237 + seed % 97, len(_BRANDS))
        self._b = mix(seed, 17) % len(_BRANDS)

    def brand(self, n: int) -> str:
        """The n-th brand of the permutation; distinct n give distinct brands."""
        lap, n = divmod(n, len(_BRANDS))
        base = _BRANDS[(n * self._a + self._b) % len(_BRANDS)]
        return base if lap == 0 else base + _BRAND_CHARS[lap % len(_BRAND_CHARS)]

    def company(self, city: City, kind: str, n: int) -> Org:
        """The n-th company of a kind in a city."""
        brand = self.brand(n)
        suffixes = ORG_SUFFIXES[kind]
        suffix = suffixes[mix(n, len(kind)) % len(suffixes)]
        short = brand + (ORG_SHORT[kind] or suffix[:2])
        return make_org(f"{city.name}{brand}{suffix}", short, kind)

    @staticmethod
    def institution(kind: str, community: Community, rng: random.Random) -> Org:
        """A hospital or insurer: few per city, so they recur as respondents naturally."""
        district = community.district
        city = district.city
        if kind == "insurer":
            name = rng.choice(INSURERS).format(city=city.name)
            return make_org(name, name[2:4] + "保险", kind)
        roll = rng.random()
        if roll < 0.4:
            name = rng.choice(CITY_HOSPITALS).format(city=city.name)
        elif roll < 0.8 or not community.rural:
            name = rng.choice(DISTRICT_HOSPITALS).format(district=district.name)
        else:
            name = f"{district.name}{community.street.name}卫生院"
        return make_org(name, name.replace(city.name, "市"), kind)

    @staticmethod
    def school(district: District, rng: random.Random) -> Org:
        """A public school of the district."""
        name = f"{district.name}{rng.choice(('第一中学', '第二中学', '第三中学', '实验小学', '实验中学', '第五小学'))}"
        return make_org(name, name.removeprefix(district.name), "school")
