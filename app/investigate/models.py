"""Models of the investigators' API."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

RelatedKind = Literal[
    "same_incident", "same_person", "same_respondent", "shared_phone", "shared_id_number", "same_place",
    "similar", "resolved_similar",
]
RELATED_KINDS: tuple[str, ...] = RelatedKind.__args__  # type: ignore[attr-defined]


class NodeRef(BaseModel):
    """A node named by its label and natural key (identifiers masked for roles that may not see them)."""

    id: str = Field(description="`Label:key`, e.g. Person:P1a2b…, Dispute:D3c4d…")
    label: str
    key: str
    caption: str


class NodeView(NodeRef):
    """A node with its properties."""

    labels: list[str] = Field(default_factory=list)
    props: dict[str, Any] = Field(default_factory=dict)


class EdgeView(BaseModel):
    """A relationship between two nodes of the same answer."""

    source: str
    target: str
    type: str
    props: dict[str, Any] = Field(default_factory=dict)


class Subgraph(BaseModel):
    """A capped piece of the graph."""

    nodes: list[NodeView]
    edges: list[EdgeView]
    truncated: bool = False
    note: str | None = Field(default=None, description="why the answer is incomplete, in Chinese")


class PathView(BaseModel):
    """A path through the graph: its nodes in order and the relationships between them."""

    nodes: list[NodeRef]
    edges: list[EdgeView]


class PathsAnswer(BaseModel):
    """The shortest connections between two nodes."""

    source: NodeRef
    target: NodeRef
    length: int | None = Field(description="hops of the shortest path; null when none within max_hops")
    paths: list[PathView]


class DisputeBrief(BaseModel):
    """A dispute as a list shows it."""

    id: str
    case_code: str | None = None
    title: str | None = None
    category: str | None = None
    status: str | None = None
    occurred_at: datetime | None = None
    area_code: str | None = None
    community_code: str | None = None
    channels: list[str] = Field(default_factory=list)
    report_count: int | None = None
    keywords: list[str] = Field(default_factory=list)
    resolution_outcome: str | None = Field(default=None, description="how a closed case was resolved")
    mediation_notes: str | None = None


class ReportBrief(BaseModel):
    """A record of a dispute from one channel, with why it was merged into the dispute."""

    key: str
    channel: str
    channel_label: str | None = None
    source_id: str
    department: str | None = None
    reported_at: datetime | None = None
    title: str | None = None
    area_code: str | None = None
    merge_reason: str | None = None
    confidence: float | None = None
    why: str = Field(description="why it is linked, in Chinese")
    path: PathView | None = None


class Reason(BaseModel):
    """One reason why two disputes are related, with the path that links them."""

    kind: RelatedKind
    text: str = Field(description="the reason in Chinese")
    strength: float = Field(description="0..1: 1 for a shared party, the similarity score for similar cases")
    path: PathView


class RelatedCase(BaseModel):
    """A connected dispute, why, and its records."""

    dispute: DisputeBrief
    score: float = Field(description="0..1, from the reasons' weights (config/investigate.yaml)")
    reasons: list[Reason]
    reports: list[ReportBrief]


class RelatedAnswer(BaseModel):
    """Every connected dispute of a case, ranked."""

    dispute: DisputeBrief
    same_incident: list[ReportBrief] = Field(description="other records of this very incident")
    related: list[RelatedCase]
    truncated: bool = False
    notes: list[str] = Field(default_factory=list, description="why the answer is incomplete, in Chinese")
    kinds: list[str]


class PersonDispute(BaseModel):
    """A dispute of a person with their roles in it."""

    roles: list[str]
    dispute: DisputeBrief


class LinkedPerson(BaseModel):
    """A person linked to another, and how."""

    pid: str
    name: str | None = None
    how: Literal["shared_dispute", "shared_phone", "shared_id_number"]
    via: list[str] = Field(description="dispute ids, or the shared phones / ID numbers (masked per role)")
    count: int


class PersonProfile(BaseModel):
    """Everything known about a person inside the caller's jurisdiction."""

    pid: str
    name: str | None = None
    gender: str | None = None
    birth_date: str | None = Field(default=None, description="year only for roles that see masked data")
    aliases: list[str] = Field(default_factory=list)
    id_numbers: list[str]
    phones: list[str]
    key_person: bool = False
    key_person_entries: list[dict[str, Any]] = Field(default_factory=list)
    disputes: list[PersonDispute]
    disputes_by_role: dict[str, int]
    notices: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    linked_persons: list[LinkedPerson]


class TimelineEvent(BaseModel):
    """One dated event."""

    at: datetime | None
    kind: Literal["dispute", "report", "notice", "warning", "key_person"]
    key: str
    title: str | None = None
    dispute_id: str | None = None
    channel: str | None = None
    roles: list[str] = Field(default_factory=list)
    area_code: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class Timeline(BaseModel):
    """Events newest first."""

    subject: NodeRef
    events: list[TimelineEvent]
    truncated: bool = False


class SearchHit(BaseModel):
    """One search result."""

    node: NodeView
    score: float
    match: str = Field(description="fulltext, or the exact field that matched (Phone, IdNumber, case_code, …)")
    via: str | None = Field(default=None, description="the matched node when the hit is its owner (Phone, Party…)")


class SearchAnswer(BaseModel):
    """Search results inside the caller's jurisdiction."""

    query: str
    hits: list[SearchHit]


class Community(BaseModel):
    """A group of persons who keep appearing together."""

    id: int
    size: int
    members: list[NodeRef]


class Broker(BaseModel):
    """A person bridging groups (high betweenness)."""

    person: NodeRef
    betweenness: float


class CommunitiesAnswer(BaseModel):
    """Person groups and brokers around a node."""

    center: NodeRef
    persons: int
    links: int
    communities: list[Community]
    brokers: list[Broker]
    truncated: bool = False
    note: str | None = None
