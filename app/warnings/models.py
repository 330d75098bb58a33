"""Warning models shared by risk scoring and pattern detection."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Colour = Literal["red", "orange", "yellow", "blue"]
WarningKind = Literal["risk", "repeat", "respondent", "prior_record", "surge", "recurrence"]
TargetLabel = Literal["Dispute", "Person", "Organization", "Area", "Place"]
COLOUR_LEVEL: dict[str, int] = {"red": 1, "orange": 2, "yellow": 3, "blue": 4}
COLOUR_NAMES_ZH: dict[str, str] = {"red": "红色", "orange": "橙色", "yellow": "黄色", "blue": "蓝色"}


class Evidence(BaseModel):
    """One reason of a warning: the factor, its points, and the node that caused it."""

    factor: str = Field(description="rule factor, e.g. key_person, prior_record, notice, keyword, repeat_count")
    points: float = 0
    detail: str = Field(description="a sentence a person can read (Chinese)")
    node_label: str = Field(description="label of the evidence node, e.g. Notice, Dispute, KeyPersonEntry")
    node_key: str = Field(description="natural-key value of the evidence node")
    node_key_property: str = Field(description="natural-key property, e.g. code, id, key, pid")


class WarningDraft(BaseModel):
    """A warning as a scorer or detector wants it to be now; upsert decides create or update."""

    kind: WarningKind
    target_label: TargetLabel
    target_key: str = Field(description="natural-key value of the target node")
    target_key_property: str = Field(description="natural-key property of the target (id, pid, key, code)")
    area_code: str = Field(description="area code used for scope filtering")
    colour: Colour
    score: float
    title: str = Field(description="one line in Chinese, e.g. 该社区近期第16起类似纠纷")
    reasons: list[str]
    rule_version: str
    evidence: list[Evidence]
    as_of: datetime
    figures: dict[str, float | int | str] = Field(default_factory=dict, description="e.g. observed, expected, p")
    leader: str | None = Field(default=None, description="who takes the case (default: config/scoring.yaml)")

    @property
    def level(self) -> int:
        """1 (red) to 4 (blue)."""
        return COLOUR_LEVEL[self.colour]

    @property
    def id(self) -> str:
        """The id of the open warning of this kind on this target."""
        return f"{self.kind}:{self.target_label}:{self.target_key}"


WarningStatus = Literal["open", "acknowledged", "downgraded", "closed"]


class WarningSummary(BaseModel):
    """A warning as the board lists it."""

    model_config = ConfigDict(extra="ignore")

    id: str
    kind: str
    colour: Colour
    level: int
    level_name: str | None = None
    score: float
    title: str
    reasons: list[str] = Field(default_factory=list)
    status: WarningStatus
    area_code: str
    leader: str | None = None
    target_label: str | None = None
    target_key: str | None = None
    rule_version: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    as_of: datetime | None = None


class WarningPage(BaseModel):
    """One page of the warning board."""

    total: int
    page: int
    size: int
    items: list[WarningSummary]


class WarningEvidenceView(BaseModel):
    """One evidence link of a warning as the API shows it."""

    factor: str
    points: float
    detail: str
    node_label: str
    node_labels: list[str]
    node_key: str
    node: dict[str, Any]


class WarningDetail(WarningSummary):
    """A warning with its target, evidence, history and figures."""

    target: dict[str, Any] = Field(default_factory=dict)
    evidence: list[WarningEvidenceView] = Field(default_factory=list)
    history: list[dict[str, Any]] = Field(default_factory=list)
    figures: dict[str, Any] = Field(default_factory=dict)
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
