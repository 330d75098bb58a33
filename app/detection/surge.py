"""Surge statistics: a community's observed count against its own expected rate (Poisson upper tail).

The expected rate is the community's history for the category group, shrunk toward the city-wide rate
per community (a gamma-Poisson prior worth `prior_days` days) and scaled by the season: last year's
count of the same period city-wide against an average period of the history.
"""

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.db.values import native, native_row
from app.detection.context import BEIJING, Run, SeriesWarningDraft, dispute_lines, evidence
from app.detection.models import DisputeFacts, SurgeRules
from app.warnings.models import COLOUR_NAMES_ZH, Colour


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
    if history_days < 365:
        return 1.0
    year_ago = day - timedelta(days=365)
    same_period = baseline.count(categories, year_ago - timedelta(days=rules.observe_days), year_ago)
    average_period = city_history * rules.observe_days / history_days
    pseudo = rules.season_pseudo_count
    return (same_period + pseudo) / (average_period + pseudo)


_BASELINES: dict[tuple[str, date, date], tuple[float, CityBaseline]] = {}


def surge_drafts(run: Run, rows: dict[str, dict[str, Any]]) -> list[SeriesWarningDraft]:
    """Draft a surge warning for each community and category group whose count is improbably high."""
    rules = run.rules.surge
    if not rows:
        return []
    params = [{k: v for k, v in row.items() if k != "group"} for row in rows.values()]
    found = [native_row(row) for row in run.graph.read("count_surge_blocks", rows=params, scope=run.scope)]
    if not found:
        return []
    baseline = city_baseline(run, [row["anchor"] for row in found])
    flagged = []
    for row in found:
        block = rows[row["key"]]
        result = evaluate(observed=len(row["observed"]), history=row["history"],
                          anchor=row["anchor"].astimezone(BEIJING), categories=block["categories"],
                          baseline=baseline, rules=rules)
        colour = rules.colour_for(result.p_value) if result else None
        if result is not None and colour is not None and result.observed >= rules.min_count:
            latest = sorted(row["observed"], key=lambda item: (item["at"], item["id"]), reverse=True)
            flagged.append((block, row, result, colour, latest[: run.rules.repeat.max_evidence]))
    lines = dispute_lines(run, [item["id"] for *_, latest in flagged for item in latest])
    return [_draft(run, block, row, result, colour, [(item["id"], lines.get(item["id"], item["id"]))
                                                     for item in latest])
            for block, row, result, colour, latest in flagged]


def surge_blocks(run: Run, facts: list[DisputeFacts]) -> dict[str, dict[str, Any]]:
    """One row per (community, category group) that the disputes touch, for `count_surge_blocks`."""
    rules, similarity = run.rules.surge, run.rules.similarity
    rows: dict[str, dict[str, Any]] = {}
    for f in facts:
        if not f.category or not f.community_code:
            continue
        group = similarity.group_of(f.category)
        key = f"{f.community_code}|{group}"
        row = rows.setdefault(key, {
            "key": key, "community": f.community_code, "group": group, "categories": similarity.members(f.category),
            "since": f.occurred_at, "end": run.as_of, "observe_days": rules.observe_days,
            "history_days": rules.history_days,
        })
        row["since"] = run.as_of or min(row["since"], f.occurred_at)
    return rows


def city_baseline(run: Run, anchors: list[datetime]) -> CityBaseline:
    """Daily counts per category over every history the anchors need.

    Arrivals (no as_of) reuse them for `baseline_cache_minutes` per scope and period: the history ends a
    full observation period before the anchor, so new records rarely change it. Full passes read afresh.
    """
    rules = run.rules.surge
    last = max(anchors).astimezone(BEIJING).date() - timedelta(days=rules.observe_days)
    first = min(anchors).astimezone(BEIJING).date() - timedelta(days=rules.observe_days + rules.history_days + 1)
    key = (run.scope, first, last)
    cached = _BASELINES.get(key) if run.as_of is None else None
    if cached and time.monotonic() - cached[0] < rules.baseline_cache_minutes * 60:
        return cached[1]
    start = datetime.combine(first, datetime.max.time(), BEIJING)
    end = datetime.combine(last, datetime.max.time(), BEIJING)
    rows = run.graph.read("count_disputes_by_category_day", start=start, end=end, scope=run.scope)
    communities = run.graph.read_one("count_scope_communities", scope=run.scope) or {}
    first_row = run.graph.read_one("get_first_dispute_time", scope=run.scope) or {}
    first_day = native(first_row.get("first"))
    baseline = CityBaseline.from_rows(
        rows, communities=communities.get("communities") or 1,
        first_day=first_day.astimezone(BEIJING).date() if first_day else None,
    )
    if len(_BASELINES) > 64:
        clear_baseline_cache()
    _BASELINES[key] = (time.monotonic(), baseline)
    return baseline


def clear_baseline_cache() -> None:
    """Forget the cached city-wide baselines (after a bulk load or in tests)."""
    _BASELINES.clear()


def _draft(run: Run, block: dict[str, Any], row: dict[str, Any], result: SurgeResult, colour: Colour,
           latest: list[tuple[str, str]]) -> SeriesWarningDraft:
    rules = run.rules.surge
    fixed = run.rules.repeat.colour_for("community", result.observed)
    fixed_text = f"固定阈值判定：{COLOUR_NAMES_ZH[fixed]}" if fixed else "固定阈值判定：未达阈值"
    return SeriesWarningDraft(
        kind="surge", target_label="Area", target_key=block["community"], target_key_property="code",
        series=block["group"], area_code=block["community"], colour=colour, score=round(-math.log10(
            max(result.p_value, 1e-300)), 2),
        title=f"该社区近{rules.observe_days}天{block['group']}{result.observed}起，"
              f"高于预期{result.expected:.1f}起（p={result.p_value:.2g}）",
        reasons=[
            f"近{rules.observe_days}天观测{result.observed}起，按本社区历史{result.history_days}天"
            f"{result.history}起及全市同类均值（季节系数{result.season_factor:.2f}）预期{result.expected:.2f}起",
            f"泊松上尾概率p={result.p_value:.3g}，低于显著性水平{rules.alpha:g}",
            fixed_text,
        ],
        rule_version=run.rules.version, as_of=row["anchor"],
        evidence=[evidence("surge_observed", f"观测期内纠纷 {line}", "Dispute", dispute_id, "id", 1)
                  for dispute_id, line in latest],
        figures={**result.figures(), "alpha": rules.alpha, "observe_days": rules.observe_days,
                 "category_group": block["group"], "fixed_threshold": fixed or "none"},
    )
