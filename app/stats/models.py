"""Statistics models."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

CountBy = Literal["area", "category", "channel", "month"]
AreaLevel = Literal["district", "street", "community", "grid"]
HeatLevel = Literal["grid", "community"]


class Bucket(BaseModel):
    """One group of a count."""

    key: str | None = Field(description="area code, category, channel or YYYY-MM (null: not known at that level)")
    name: str | None = None
    count: int
    disputes: int | None = Field(default=None, description="channel counts: the distinct disputes of the reports")


class Counts(BaseModel):
    """Disputes (reports for channels) grouped one way, inside the caller's jurisdiction."""

    by: CountBy
    level: AreaLevel | None = None
    start: datetime
    end: datetime
    total: int
    buckets: list[Bucket]


class Trend(BaseModel):
    """A count this month against the month before."""

    key: str | None
    name: str | None = None
    count: int
    previous: int
    change: int
    growth: float | None = Field(description="count / previous - 1; null when previous is 0")


class Situation(BaseModel):
    """The month's situation: top categories and the fastest-growing communities."""

    month: str
    previous_month: str
    total: int
    previous_total: int
    top_categories: list[Trend]
    growing_areas: list[Trend]


FeatureCollection = dict[str, Any]
