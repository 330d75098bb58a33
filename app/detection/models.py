"""Detection rules (config/detection.yaml) and the shapes detection reads and returns."""

import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, model_validator

from app.settings import get_settings
from app.warnings.models import Colour

COLOURS: tuple[Colour, ...] = ("red", "orange", "yellow", "blue")
Level = Literal["grid", "community", "street"]
LEVELS: tuple[Level, ...] = ("grid", "community", "street")
LEVEL_NAMES_ZH: dict[str, str] = {"grid": "网格", "community": "社区", "street": "街道"}


@lru_cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class SimilarityRules(BaseModel):
    """When two disputes are similar."""

    window_days: int = Field(gt=0)
    min_jaccard: float = Field(gt=0, le=1)
    same_place_min_shared: int = Field(ge=0)
    same_place_score: float = Field(gt=0, le=1)
    related_categories: list[list[str]] = Field(default_factory=list)
    related_category_factor: float = Field(gt=0, le=1)
    # A place key makes same-place links only when it matches (a building or a site); empty: any place key.
    same_place_pattern: str = ""

    # A keyword link between a dispute that names only an estate and one at a building of that estate needs
    # only this Jaccard (None: the same as elsewhere): a screening naming 长风小区 is about the leak at
    # 长风小区3号楼. Two buildings of one estate, or two estate-only disputes, get no such allowance.
    same_estate_min_jaccard: float | None = None
    estate_suffix_pattern: str = ""
    # A keyword link between disputes at two different building-level places needs at least this Jaccard (None: the
    # same as elsewhere): neighbours at other buildings share the generic words of a common issue (杂物, 楼道, 堆放)
    # without being one matter.
    other_building_min_jaccard: float | None = None

    def estate_of(self, place_key: str | None) -> str | None:
        """The estate of a place key: without its trailing building number (长风小区3号楼 -> 长风小区)."""
        if not place_key:
            return None
        if not self.estate_suffix_pattern:
            return place_key
        return _compiled(f"(?:{self.estate_suffix_pattern})$").sub("", place_key) or None

    def keywords_similar(self, score: float, first_place: str | None, second_place: str | None) -> bool:
        """Whether a keyword Jaccard makes a link, given the two disputes' places."""
        if self.other_building_min_jaccard is not None and self.other_buildings(first_place, second_place):
            return score >= self.other_building_min_jaccard
        if score >= self.min_jaccard:
            return True
        if self.same_estate_min_jaccard is None or score < self.same_estate_min_jaccard:
            return False
        estate = self.estate_of(first_place)
        return estate is not None and estate == self.estate_of(second_place) and (
            (first_place == estate) != (second_place == estate))

    def other_buildings(self, first_place: str | None, second_place: str | None) -> bool:
        """Whether two place keys are both building level (or a site) and different."""
        return first_place != second_place and self.precise_place(first_place) and self.precise_place(second_place)

    def precise_place(self, place_key: str | None) -> bool:
        """Whether a place key is precise enough (building level) for a same-place link."""
        return bool(place_key) and (not self.same_place_pattern or _compiled(self.same_place_pattern).search(
            place_key) is not None)

    def group_of(self, category: str | None) -> str | None:
        """The name of the category group a category belongs to (its first member, or itself)."""
        if category is None:
            return None
        for group in self.related_categories:
            if category in group:
                return group[0]
        return category

    def members(self, category: str | None) -> list[str]:
        """Every category blocked together with `category`."""
        if category is None:
            return []
        for group in self.related_categories:
            if category in group:
                return list(group)
        return [category]


class RepeatRules(BaseModel):
    """Repeat counts per area level."""

    window_days: int = Field(gt=0)
    thresholds: dict[Level, dict[Colour, int]]
    max_evidence: int = Field(gt=0)
    # A series member needs this many links inside the series (its k-core): 1 is every connected dispute.
    series_min_links: int = Field(default=1, ge=1)

    def colour_for(self, level: Level, count: int) -> Colour | None:
        """The colour a count reaches at a level, or None under the lowest threshold."""
        return colour_at_least(self.thresholds.get(level, {}), count)

    def lowest(self, level: Level) -> int:
        """The smallest count that warns at a level."""
        values = self.thresholds.get(level, {}).values()
        return min(values) if values else 10**9


class RespondentMeasures(BaseModel):
    """Thresholds of one colour for an organization."""

    claimants: int = 10**9
    disputes: int = 10**9
    people: int = 10**9


class RespondentRules(BaseModel):
    """When an organization is a respondent to many claimants (涉众)."""

    window_days: int = Field(gt=0)
    thresholds: dict[Colour, RespondentMeasures]

    def colour_for(self, *, claimants: int, disputes: int, people: int) -> tuple[Colour | None, list[str]]:
        """The most severe colour any measure reaches, and which measures reached it."""
        for colour in COLOURS:
            limits = self.thresholds.get(colour)
            if limits is None:
                continue
            reached = [
                name
                for name, value, limit in (
                    ("claimants", claimants, limits.claimants),
                    ("disputes", disputes, limits.disputes),
                    ("people", people, limits.people),
                )
                if value >= limit
            ]
            if reached:
                return colour, reached
        return None, []


class PriorRecordRules(BaseModel):
    """When a person's history makes a prior-record warning."""

    dispute_window_days: int = Field(gt=0)
    notice_window_days: int = Field(gt=0)
    points: dict[str, float]
    max_earlier_disputes: int = Field(ge=0)
    min_factors: int = Field(ge=1)
    min_points: float
    thresholds: dict[Colour, float]

    def colour_for(self, points: float) -> Colour | None:
        """The colour the points reach."""
        return colour_at_least(self.thresholds, points)


class SurgeRules(BaseModel):
    """Surge statistics: observed against the community's own expected rate."""

    observe_days: int = Field(gt=0)
    history_days: int = Field(gt=0)
    prior_days: float = Field(ge=0)
    season_pseudo_count: float = Field(ge=0)
    alpha: float = Field(gt=0, lt=1)
    min_count: int = Field(ge=1)
    colours: dict[Colour, float]
    baseline_cache_minutes: float = Field(default=60, ge=0)

    def colour_for(self, p_value: float) -> Colour | None:
        """The colour of a p-value (smaller is more severe), or None at or above alpha."""
        if p_value >= self.alpha:
            return None
        for colour in COLOURS:
            limit = self.colours.get(colour)
            if limit is not None and p_value < limit:
                return colour
        return None


class FullPassRules(BaseModel):
    """The batched full pass."""

    days: int = Field(gt=0)
    batch_size: int = Field(gt=0)
    hour: int = Field(default=2, ge=0, le=23)
    minute: int = Field(default=30, ge=0, le=59)


class DetectionRules(BaseModel):
    """Everything detection needs from config/detection.yaml."""

    version: str
    similarity: SimilarityRules
    repeat: RepeatRules
    respondent: RespondentRules
    prior_record: PriorRecordRules
    surge: SurgeRules
    full_pass: FullPassRules

    @model_validator(mode="after")
    def _thresholds_fall(self) -> "DetectionRules":
        """Count thresholds fall from red to yellow at every level."""
        for level, limits in self.repeat.thresholds.items():
            values = [limits[c] for c in COLOURS if c in limits]
            if values != sorted(values, reverse=True):
                raise ValueError(f"repeat thresholds of {level} must fall from red down, got {limits}")
        return self


def colour_at_least(thresholds: dict[Colour, float] | dict[Colour, int], value: float) -> Colour | None:
    """The first colour (from red down) whose threshold `value` reaches."""
    for colour in COLOURS:
        limit = thresholds.get(colour)
        if limit is not None and value >= limit:
            return colour
    return None


def default_rules_path() -> Path:
    """config/detection.yaml of the configured config directory."""
    return get_settings().caselink_config_dir / "detection.yaml"


@lru_cache
def load_rules(path: Path | None = None) -> DetectionRules:
    """The detection rules read from `path` (default config/detection.yaml), cached per path."""
    path = path or default_rules_path()
    return DetectionRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


class DisputeFacts(BaseModel):
    """What detection reads of one dispute."""

    id: str
    occurred_at: datetime
    category: str | None = None
    keywords: list[str] = Field(default_factory=list)
    place_key: str | None = None
    area_code: str
    street_code: str | None = None
    community_code: str | None = None
    grid_code: str | None = None


class SimilarLink(BaseModel):
    """A similarity link to write, from the earlier dispute to the later one."""

    source: str
    target: str
    score: float
    reason: str


class DetectionSummary(BaseModel):
    """What one detection run did."""

    disputes: int = 0
    similar_links: int = 0
    warnings: dict[str, int] = Field(default_factory=dict)
    warning_ids: list[str] = Field(default_factory=list)
    routed: int = 0
    as_of: datetime | None = None
    rule_version: str = ""

    def add(self, kind: str, ids: list[str]) -> None:
        """Count the warnings a step upserted."""
        if ids:
            self.warnings[kind] = self.warnings.get(kind, 0) + len(ids)
        self.warning_ids.extend(ids)


class DetectRequest(BaseModel):
    """Body of POST /api/v1/detect."""

    as_of: datetime | None = Field(default=None, description="Anchor of the windows; default now")
