"""Recognition settings (config/recognition.yaml), validated."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from app.elements.lexicon import CONFIG_DIR

DEFAULT_CONFIG_PATH = CONFIG_DIR / "recognition.yaml"


class _Strict(BaseModel):
    """Base for settings sections: unknown keys are errors, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class KeywordSettings(_Strict):
    """Similarity keyword extraction."""

    top_k: int = Field(8, ge=1)
    min_length: int = Field(2, ge=1)
    allowed_pos: frozenset[str]
    lexicon_boost: float = Field(2.0, ge=1.0)


class NegationSettings(_Strict):
    """Negation window."""

    window_chars: int = Field(6, ge=0)


class RequestTypeWeights(_Strict):
    """What a hotline request type says for and against a dispute."""

    dispute: float = 0.0
    nondispute: float = 0.0


class DisputeSettings(_Strict):
    """Thresholds for the dispute decision."""

    evidence_channels: dict[str, float]
    conflict_cap: float
    clear_nondispute_min: float
    request_types: dict[str, RequestTypeWeights] = Field(default_factory=dict)


class CategorySettings(_Strict):
    """Category choice."""

    fallback: str
    fallback_confidence: float = Field(ge=0.0, le=1.0)
    smoothing: float = Field(ge=0.0)
    relation_category_bonus: float = Field(ge=0.0)


class FlagSource(_Strict):
    """Where one flag comes from."""

    libraries: tuple[str, ...] = ()
    escalation_kinds: tuple[str, ...] = ()
    severity_words: bool = False
    repeat_words: bool = False
    min_amount: float | None = None
    min_people: int | None = None


class RecognitionSettings(_Strict):
    """The whole of config/recognition.yaml."""

    version: str
    max_text_chars: int = Field(ge=100)
    keywords: KeywordSettings
    negation: NegationSettings
    dispute: DisputeSettings
    category: CategorySettings
    flags: dict[str, FlagSource]
    time_of_day: list[tuple[int, str]]
    seasons: dict[str, list[int]]

    def time_of_day_for(self, hour: int) -> str:
        """Bucket name for a local hour."""
        name = self.time_of_day[-1][1]
        for first_hour, bucket in self.time_of_day:
            if hour >= first_hour:
                name = bucket
        return name

    def season_for(self, month: int) -> str | None:
        """Season name for a month."""
        return next((name for name, months in self.seasons.items() if month in months), None)


def load_settings(path: Path | None = None) -> RecognitionSettings:
    """Load and validate recognition settings."""
    path = Path(path or DEFAULT_CONFIG_PATH)
    return RecognitionSettings.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
