"""API models of the dispute page."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class FlagView(BaseModel):
    """A flag (major, repeat, group, sensitive) with the words and facts that set it."""

    name: str
    evidence: list[str]


class ScoreView(BaseModel):
    """The dispute's current risk score and its breakdown (empty before the first scoring)."""

    score: float | None = None
    colour: str | None = None
    level: int | None = None
    level_name: str | None = None
    leader: str | None = None
    rule_version: str | None = None
    items: list[dict[str, Any]] = Field(default_factory=list)


class DisputeReportView(BaseModel):
    """One report of the dispute with its recognised elements."""

    key: str
    channel: str
    source_id: str
    department: str | None = None
    reported_at: datetime | None = None
    title: str | None = None
    text: str | None = None
    address: str | None = None
    risk_level: str | None = None
    status: str | None = None
    handling_unit: str | None = None
    request_type: str | None = None
    merge_reason: str | None = None
    merge_confidence: float | None = None
    elements: dict[str, Any] | None = None


class DisputeDetail(BaseModel):
    """Everything the dispute page shows; identifiers masked unless the caller's role may see them."""

    id: str
    case_code: str | None = None
    title: str | None = None
    text: str | None = None
    status: str | None = None
    category: str | None = None
    relation: str | None = None
    keywords: list[str] = Field(default_factory=list)
    occurred_at: datetime | None = None
    last_reported_at: datetime | None = None
    channels: list[str] = Field(default_factory=list)
    report_count: int = 0
    people_count: int | None = None
    amounts: list[float] = Field(default_factory=list)
    area_code: str
    area: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    flags: list[FlagView] = Field(default_factory=list)
    keyword_hits: list[dict[str, Any]] = Field(default_factory=list)
    score: ScoreView = Field(default_factory=ScoreView)
    reports: list[DisputeReportView] = Field(default_factory=list)
    persons: list[dict[str, Any]] = Field(default_factory=list)
    organizations: list[dict[str, Any]] = Field(default_factory=list)
    warnings: list[dict[str, Any]] = Field(default_factory=list)
