"""The versioned scoring rules (config/scoring.yaml): factors, points, windows, thresholds, leaders."""

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, model_validator

from app.settings import get_settings
from app.warnings.models import Colour

COLOURS: tuple[Colour, ...] = ("red", "orange", "yellow", "blue")


class Band(BaseModel):
    """Points for a quantity at or above `min`."""

    min: float
    points: float


class KeyPersonPoints(BaseModel):
    """Points of a key-person entry by its category."""

    categories: dict[str, float]
    default: float

    def points(self, category: str | None) -> float:
        """The points of one category (the default for categories not listed)."""
        return self.categories.get(category or "", self.default)


class CappedPoints(BaseModel):
    """Points per occurrence, capped."""

    per_word: float = 0
    per_dispute: float = 0
    max: float


class Factors(BaseModel):
    """Points per factor."""

    key_person: KeyPersonPoints
    prior_record: float
    notice: float
    key_place: float
    keyword: dict[str, float]
    escalation: CappedPoints
    group_size: list[Band]
    repeat: CappedPoints
    channel: dict[str, float]
    department_risk: dict[str, float]
    amount: list[Band]


class Windows(BaseModel):
    """Time windows in days."""

    accumulate_days: int = Field(gt=0)
    notice_days: int = Field(gt=0)


class Level(BaseModel):
    """A warning level: its number, name and who takes the case."""

    level: int
    name: str
    leader: str


class Schedule(BaseModel):
    """When the daily re-score runs (Beijing time)."""

    hour: int = Field(default=2, ge=0, le=23)
    minute: int = Field(default=30, ge=0, le=59)


class PersonRules(BaseModel):
    """When a person (not only their dispute) is warned about."""

    min_disputes_without_own_factor: int = 3
    dispute_share: float = Field(default=0.5, ge=0, le=1)


class ScoringRules(BaseModel):
    """Everything scoring needs from config/scoring.yaml."""

    version: str
    windows: Windows
    key_place_radius_m: float
    factors: Factors
    thresholds: dict[Colour, float]
    levels: dict[Colour, Level]
    person: PersonRules = PersonRules()
    closed_statuses: list[str] = Field(default_factory=lambda: ["closed"])
    schedule: Schedule = Schedule()

    @model_validator(mode="after")
    def _complete_and_ordered(self) -> "ScoringRules":
        """Every colour has a threshold and a level, and red > orange > yellow > blue."""
        missing = [c for c in COLOURS if c not in self.thresholds or c not in self.levels]
        if missing:
            raise ValueError(f"scoring rules lack thresholds or levels for {missing}")
        values = [self.thresholds[c] for c in COLOURS]
        if values != sorted(values, reverse=True):
            raise ValueError(f"thresholds must fall from red to blue, got {dict(self.thresholds)}")
        return self

    def colour_for(self, score: float) -> Colour | None:
        """The colour a score reaches, or None below the blue threshold."""
        for colour in COLOURS:
            if score >= self.thresholds[colour]:
                return colour
        return None


def band_points(bands: list[Band], value: float | None) -> tuple[float, Band | None]:
    """Points of the highest band that `value` reaches."""
    if value is None:
        return 0.0, None
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if value >= band.min:
            return band.points, band
    return 0.0, None


def default_rules_path() -> Path:
    """config/scoring.yaml of the configured config directory."""
    return get_settings().caselink_config_dir / "scoring.yaml"


@lru_cache
def load_rules(path: Path | None = None) -> ScoringRules:
    """The scoring rules read from `path` (default config/scoring.yaml), cached per path."""
    path = path or default_rules_path()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ScoringRules.model_validate(data)
