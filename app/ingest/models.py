"""API models of ingest: intake answers and reports."""

from typing import Any

from pydantic import BaseModel


class RecordOutcome(BaseModel):
    """What happened to one posted record."""

    line: int
    status: str
    key: str | None = None
    reason: str | None = None


class IntakeResult(BaseModel):
    """The answer to a channel post: counts and one outcome per record."""

    channel: str
    counts: dict[str, int]
    unexpected_fields: dict[str, int]
    records: list[RecordOutcome]
    dispute_ids: list[str]


class ReportView(BaseModel):
    """A report with its parties, earlier versions and dispute."""

    report: dict[str, Any]
    elements: dict[str, Any] | None
    parties: list[dict[str, Any]]
    versions: list[dict[str, Any]]
    dispute: dict[str, Any] | None
    merge_reason: str | None
    area: dict[str, Any] | None
