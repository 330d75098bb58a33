"""The true incidents behind the records: who, where, when, what, and the facts the texts share."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from app.generator.areas import Community
from app.generator.data.categories import Category, Issue
from app.generator.names import Org, Person

FLAG_ORDER = ("major", "repeat", "group", "sensitive")


@dataclass(slots=True)
class Incident:
    """One real-world dispute; every record about it shares its facts."""

    iid: str
    category: Category
    issue: Issue
    community: Community
    grid: int
    when: datetime
    persons: list[Person]  # the claimant first
    org: Org | None
    slots: dict[str, str]
    flags: tuple[str, ...]
    rel_index: int
    major_kind: str = ""
    involved: int = 1
    core_index: int = -1  # planted clusters pin the core so their records say the same thing
    planted: str = ""  # "", "repeat", "respondent" or "prior"
    cluster_id: str = ""
    prior_index: int = -1  # which person has a prior record (QKBS "1"), -1 for none

    @property
    def grid_code(self) -> str:
        """The 15-digit code of the incident's grid."""
        return self.community.grid_code(self.grid)

    def relation(self, other: Person | None, rng: random.Random) -> str:
        """The relation word for the other party, by that party's gender."""
        male, female = self.category.relations
        words = female if other is not None and other.gender == "F" else male
        if other is None and rng.random() < 0.5:
            words = female
        return words[self.rel_index % len(words)]


@dataclass(slots=True)
class Report:
    """One channel's record of an incident, before it gets its source id."""

    channel: str
    when: datetime
    reporter: int  # index into incident.persons
    mirrored: bool = False
    order: int = 0  # tie-breaker for identical timestamps


@dataclass(slots=True)
class OtherOrder:
    """A hotline work order that is not a dispute (咨询 social security, utilities...)."""

    caller: Person
    community: Community
    when: datetime
    topic: tuple[str, str, str, str]
    slots: dict[str, str] = field(default_factory=dict)
    order: int = 0


def amount_text(amount: int, rng: random.Random) -> str:
    """Money as people write it: 8600元, 3.7万元, 37万余元."""
    if amount < 10000:
        return f"{amount}元"
    wan = amount / 10000
    if wan >= 10 and rng.random() < 0.3:
        return f"{int(wan)}万余元"
    text = f"{wan:.1f}".rstrip("0").rstrip(".")
    return f"{text}万元"


def round_amount(low: int, high: int, rng: random.Random) -> int:
    """A log-uniform amount rounded the way people quote it."""
    value = int(low * (high / low) ** rng.random())
    step = 100 if value < 10000 else 1000 if value < 100000 else 10000
    return max(step, value // step * step)

