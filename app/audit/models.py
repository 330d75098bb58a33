"""Audit models."""

from datetime import datetime

from pydantic import BaseModel, Field


class AuditEntryView(BaseModel):
    """One lookup of personal data."""

    id: str
    at: datetime
    username: str
    action: str = Field(description="e.g. person.profile, person.timeline, search, graph.neighbourhood")
    target: str = Field(description="what was looked up, e.g. Person:P… or the search text")
    client: str | None = Field(default=None, description="client IP address")
    path: str | None = Field(default=None, description="request path")


class AuditPage(BaseModel):
    """Audit entries of a window, newest first."""

    entries: list[AuditEntryView]
    count: int
