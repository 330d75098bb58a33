"""Surge statistics: a community's observed count against its own expected rate (Poisson upper tail).

The expected rate is the community's history for the category group, shrunk toward the city-wide rate
per community (a gamma-Poisson prior worth `prior_days` days) and scaled by the season: last year's
count of the same period city-wide against an average period of the history.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.detection.models import SurgeRules


def poisson_sf(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected), summed on the side that keeps precision."""
    if observed <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    if observed > expected:
        # Upper tail summed directly: 1 - CDF loses every digit when p is tiny.
        term = math.exp(-expected + observed * math.log(expected) - math.lgamma(observed + 1))
        total, k = term, observed
        while term > total * 1e-16:
            k += 1
            term *= expected / k
            total += term
        return min(1.0, total)
    term = math.exp(-expected)
    lower = term
    for k in range(1, observed):
        term *= expected / k
        lower += term
    return max(0.0, 1.0 - lower)


@dataclass
class CityBaseline:
    """Daily dispute counts per category in the scope, the number of communities, and where data starts."""

    daily: dict[str, dict[date, int]] = field(default_factory=dict)
    communities: int = 1
    first_day: date | None = None

    @classmethod
    def from_rows(cls, rows: list[dict], *, communities: int, first_day: date | None) -> "CityBaseline":
        """Build the baseline from `count_disputes_by_category_day` rows."""
        daily: dict[str, dict[date, int]] = defaultdict(dict)
        for row in rows:
            day = row["day"].to_native() if hasattr(row["day"], "to_native") else row["day"]
            daily[row["category"] or ""][day] = int(row["disputes"])
        return cls(daily=dict(daily), communities=max(communities, 1), first_day=first_day)

    def count(self, categories: list[str], start: date, end: date) -> int:
        """Disputes of the categories on days in (start, end]."""
        total = 0
        for category in categories:
            for day, n in self.daily.get(category, {}).items():
                if start < day <= end:
                    total += n
        return total


@dataclass(frozen=True)
class SurgeResult:
    """The figures of one community and category group."""

    observed: int
    expected: float
    p_value: float
    history: int
    history_days: int
    prior_rate: float
    season_factor: float

    def figures(self) -> dict[str, float | int]:
        """The figures a surge warning carries."""
        return {
            "observed": self.observed,
            "expected": round(self.expected, 3),
            "p_value": float(f"{self.p_value:.4g}"),
            "history_count": self.history,
            "history_days": self.history_days,
            "prior_rate_per_day": float(f"{self.prior_rate:.4g}"),
            "season_factor": round(self.season_factor, 3),
        }


def evaluate(*, observed: int, history: int, anchor: datetime, categories: list[str],
             baseline: CityBaseline, rules: SurgeRules) -> SurgeResult | None:
    """Expected count and tail p-value of one block, or None when the history is too short to judge."""
    cut = anchor.date() - timedelta(days=rules.observe_days)
    history_days = rules.history_days
    if baseline.first_day is not None:
        history_days = min(history_days, (cut - baseline.first_day).days + 1)
    if history_days < rules.observe_days:
        return None
    city_history = baseline.count(categories, cut - timedelta(days=history_days), cut)
    prior_rate = city_history / (baseline.communities * history_days)
    rate = (history + rules.prior_days * prior_rate) / (history_days + rules.prior_days)
    season = _season_factor(anchor.date(), categories, baseline, rules, history_days, city_history)
    expected = rate * rules.observe_days * season
    p_value = poisson_sf(observed, expected)
    return SurgeResult(observed, expected, p_value, history, history_days, prior_rate, season)


def _season_factor(day: date, categories: list[str], baseline: CityBaseline, rules: SurgeRules,
                   history_days: int, city_history: int) -> float:
    """Last year's same period against an average period of the history (1 without a year of history)."""
    year_ago = day - timedelta(days=365)
    if history_days + rules.observe_days < 365 + rules.observe_days - 1:
        return 1.0
    same_period = baseline.count(categories, year_ago - timedelta(days=rules.observe_days), year_ago)
    average_period = city_history * rules.observe_days / history_days
    pseudo = rules.season_pseudo_count
    return (same_period + pseudo) / (average_period + pseudo)
