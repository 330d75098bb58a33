"""One incident, several reports: decide whether a new report describes an existing dispute.

The rule (config/ingest.yaml, documented in docs/ingest.md "One incident, several reports"):
- same party: the two records share a resolved person or a valid phone, were reported within
  `same_party.window_hours`, and describe the same issue (same category, or keyword overlap of at
  least `same_party.min_keyword_overlap`);
- same place: same building-level place, same category, keyword overlap of at least
  `same_place.min_keyword_overlap`, within `same_place.window_hours`.
The closest candidate in time wins; the reason names the shared person, phone or place.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class MergeRules:
    """Thresholds of the incident-merge rule."""

    party_window: timedelta
    party_department_window: timedelta
    party_overlap: float
    party_overlap_any: float
    party_same_day: timedelta
    party_confidence: float
    place_window: timedelta
    place_department_window: timedelta
    place_overlap: float
    place_confidence: float
    building: re.Pattern[str]

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "MergeRules":
        """Read the `incident_merge` section of config/ingest.yaml."""
        party, place = config["same_party"], config["same_place"]
        return cls(
            party_window=timedelta(hours=party["window_hours"]),
            party_department_window=timedelta(hours=party["department_window_hours"]),
            party_overlap=party["min_keyword_overlap"],
            party_overlap_any=party["min_keyword_overlap_any_category"],
            party_same_day=timedelta(hours=party["same_category_hours"]),
            party_confidence=party["confidence"],
            place_window=timedelta(hours=place["window_hours"]),
            place_department_window=timedelta(hours=place["department_window_hours"]),
            place_overlap=place["min_keyword_overlap"],
            place_confidence=place["confidence"],
            building=re.compile(place["building_pattern"]),
        )

    def widest_window(self) -> timedelta:
        """The longest look-back any rule uses (for the candidate query)."""
        return max(self.party_window, self.party_department_window, self.place_window, self.place_department_window)

    def is_building(self, place_key: str | None) -> bool:
        """Whether a place key is precise enough (a building or a site) for the same-place rule."""
        return bool(place_key and self.building.search(place_key))


@dataclass
class IncidentCandidate:
    """An existing dispute a report may belong to, and what it shares with the report."""

    dispute_id: str
    occurred_at: datetime
    category: str | None
    keywords: set[str]
    place_key: str | None
    shared: dict[str, set[str]] = field(default_factory=dict)
    channels: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class IncidentProbe:
    """What the rule needs of a new report."""

    key: str
    reported_at: datetime
    category: str | None
    keywords: set[str]
    place_key: str | None
    pids: set[str]
    phones: set[str]
    channel: str = ""


@dataclass(frozen=True)
class MergeDecision:
    """The dispute a report joins, with the reason kept on the OF_DISPUTE link."""

    dispute_id: str
    reason: str
    confidence: float


def keyword_overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient of two keyword sets (shared over the smaller set)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def decide(probe: IncidentProbe, candidates: list[IncidentCandidate], rules: MergeRules) -> MergeDecision | None:
    """The dispute this report describes again, or None for a new incident."""
    best: tuple[timedelta, MergeDecision] | None = None
    for candidate in candidates:
        decision = _match(probe, candidate, rules)
        if decision is None:
            continue
        gap = abs(probe.reported_at - candidate.occurred_at)
        if best is None or gap < best[0]:
            best = (gap, decision)
    return best[1] if best else None


def _match(probe: IncidentProbe, candidate: IncidentCandidate, rules: MergeRules) -> MergeDecision | None:
    gap = abs(probe.reported_at - candidate.occurred_at)
    overlap = keyword_overlap(probe.keywords, candidate.keywords)
    same_category = bool(probe.category and probe.category == candidate.category)
    people = candidate.shared.get("person", set()) | candidate.shared.get("phone", set())
    screening = probe.channel == "department" or "department" in candidate.channels
    party_window = rules.party_department_window if screening else rules.party_window
    several = len(candidate.shared.get("person", set())) >= 2
    same_issue = (
        (same_category and (overlap >= rules.party_overlap or gap <= rules.party_same_day or several))
        or (several and overlap >= rules.party_overlap)
        or overlap >= rules.party_overlap_any
    )
    if people and gap <= party_window and same_issue:
        via = "person" if candidate.shared.get("person") else "phone"
        reason = f"same {via} {sorted(people)[0]} within {_hours(gap)} h"
        if same_category:
            reason += f", same category {probe.category}"
        return MergeDecision(candidate.dispute_id, reason, rules.party_confidence)
    place_window = rules.place_department_window if screening else rules.place_window
    if (
        rules.is_building(probe.place_key)
        and probe.place_key == candidate.place_key
        and gap <= place_window
        and same_category
        and overlap >= rules.place_overlap
    ):
        reason = f"same place {probe.place_key} within {_hours(gap)} h, same category, keyword overlap {overlap:.2f}"
        return MergeDecision(candidate.dispute_id, reason, rules.place_confidence)
    return None


def _hours(gap: timedelta) -> str:
    return f"{gap.total_seconds() / 3600:.1f}"
