"""Models of risk scoring: the facts a dispute is compared on, and scores with their breakdown."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.warnings.models import Colour, Evidence

PERSON_FACTORS = frozenset({"key_person", "prior_record", "notice"})


class ScoreItem(Evidence):
    """One line of a breakdown: a factor, its points and the node behind it."""

    pid: str | None = Field(default=None, description="the person a person factor is about")


class DisputeFacts(BaseModel):
    """A dispute as scoring sees it: its own facts plus the comparison with the risk database."""

    id: str
    case_code: str | None = None
    title: str | None = None
    area_code: str
    occurred_at: datetime
    last_reported_at: datetime
    status: str | None = None
    category: str | None = None
    people_count: int | None = None
    amounts: list[float] = Field(default_factory=list)
    reports: list[dict[str, Any]] = Field(default_factory=list)
    persons: list[dict[str, Any]] = Field(default_factory=list)
    key_persons: list[dict[str, Any]] = Field(default_factory=list)
    notices: list[dict[str, Any]] = Field(default_factory=list)
    prior_records: list[dict[str, Any]] = Field(default_factory=list)
    earlier_disputes: list[dict[str, Any]] = Field(default_factory=list)
    key_places: list[dict[str, Any]] = Field(default_factory=list)


class Score(BaseModel):
    """A score with its colour (None below the blue threshold), level, leader and breakdown."""

    score: float
    colour: Colour | None
    level: int | None = None
    level_name: str | None = None
    leader: str | None = None
    rule_version: str
    items: list[ScoreItem]

    def reasons(self, limit: int = 6) -> list[str]:
        """The heaviest items as sentences with their points."""
        ranked = sorted((i for i in self.items if i.points > 0), key=lambda i: -i.points)
        return [f"{item.detail}（+{item.points:g}分）" for item in ranked[:limit]]


class DisputeScore(Score):
    """The risk score of one dispute."""

    dispute_id: str
    case_code: str | None = None
    title: str | None = None
    area_code: str
    occurred_at: datetime
    report_count: int = 0


class PersonScore(Score):
    """The risk of one person accumulated over the window."""

    pid: str
    name: str | None = None
    area_code: str
    dispute_ids: list[str]
    window_start: datetime
    window_end: datetime
    has_own_factor: bool


class ScoreRun(BaseModel):
    """What one scoring run did."""

    disputes_scored: int = 0
    persons_scored: int = 0
    warnings_written: int = 0
    warnings_closed: int = 0
    rule_version: str = ""
    as_of: datetime | None = None
