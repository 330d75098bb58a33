"""The standard report: what every channel's record becomes before the shared path."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

Channel = Literal["hotline12345", "police110", "grid", "qrcode", "department"]
CHANNELS: tuple[Channel, ...] = ("hotline12345", "police110", "grid", "qrcode", "department")
# How staff name the channels (一平台五端口), in every Chinese text the service writes.
CHANNEL_NAMES_ZH: dict[str, str] = {
    "hotline12345": "12345热线", "police110": "110警情", "grid": "网格上报", "qrcode": "扫码上报",
    "department": "部门排查",
}


class RawRecord(BaseModel):
    """One record as read from its file or request body, before mapping."""

    channel: Channel
    source: str = Field(description="file path or 'api'")
    line: int = Field(description="1-based line (JSONL) or row (CSV, header = row 1)")
    payload: dict[str, Any]
    raw_text: str = Field(description="the record exactly as read, for quarantine")


class ReadFailure(BaseModel):
    """A record that could not even be read (bad JSON, undecodable bytes)."""

    channel: Channel
    source: str
    line: int
    raw_text: str
    reason: str


class MappingError(ValueError):
    """A record that was read but cannot become a report; names the field and says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class PartyRecord(BaseModel):
    """One party as the record names it, values kept as given (validity is decided later)."""

    index: int = Field(description="position in the channel's party list (see docs/ingest.md)")
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    role: str | None = Field(default=None, description="as the channel writes it: 报警人, 对方当事人, 当事人, 来电人…")
    age: int | None = None
    occupation: str | None = None
    prior_record: bool | None = Field(default=None, description="police QKBS flag")


class StandardReport(BaseModel):
    """One upstream record in the one shape the shared path understands."""

    channel: Channel
    source_id: str = Field(min_length=1)
    department: str | None = Field(default=None, description="department channel: part of the identity")
    reported_at: datetime = Field(description="timezone-aware instant")
    title: str = ""
    text: str = ""
    address: str | None = None
    district_code: str | None = None
    community_code: str | None = Field(default=None, description="QR scene: the 12-digit community code")
    grid_code: str | None = None
    lng: float | None = None
    lat: float | None = None
    coord_type: Literal["wgs84", "gcj02"] = "wgs84"
    channel_label: str | None = Field(
        default=None, description="the channel's own category: JQLBMC, eventType, 行业领域"
    )
    request_type: str | None = Field(default=None, description="hotline 诉求类型")
    parties: list[PartyRecord] = Field(default_factory=list)
    involved_count: int | None = None
    status: str | None = None
    handling_unit: str | None = None
    due_at: datetime | None = None
    risk_level: str | None = Field(default=None, description="department's own 高/中/低")
    resolved: bool | None = None
    outcome: str | None = Field(default=None, description="police CJJG")
    reporter: str | None = Field(default=None, description="grid worker or QR nickname")
    contact_phone: str | None = Field(default=None, description="QR phone with no named person")
    attachments: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict, description="channel fields kept but not mapped")
    unexpected_fields: list[str] = Field(default_factory=list, description="fields the channel did not know")

    @field_validator("reported_at", "due_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        """Instants must carry their offset (channels parse naive times as Beijing time)."""
        if value is not None and value.tzinfo is None:
            raise ValueError("time without offset")
        return value

    @property
    def key(self) -> str:
        """The report's natural key: channel|source id (department: channel|部门|排查编号)."""
        if self.channel == "department":
            return f"{self.channel}|{self.department or ''}|{self.source_id}"
        return f"{self.channel}|{self.source_id}"
