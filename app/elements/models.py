"""Data models of element recognition: what goes in (parties) and what comes out (Elements)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HitField = Literal["text", "title", "address"]
FLAG_NAMES: tuple[str, ...] = ("major", "repeat", "group", "sensitive")


class PartyFacts(BaseModel):
    """A party as the channel describes it (police DSR, grid parties, department 当事人)."""

    model_config = ConfigDict(extra="ignore")

    name: str | None = None
    role: str | None = None
    age: int | None = None
    occupation: str | None = None
    id_number: str | None = None
    phone: str | None = None


class PersonFacts(BaseModel):
    """A person's recognised facts: from a party record, the text, or both."""

    name: str | None = None
    role: str | None = None
    age: int | None = None
    occupation: str | None = None
    source: Literal["party", "text", "party+text"] = "text"


class KeywordHit(BaseModel):
    """One occurrence of a centre keyword-library word.

    Offsets are into the cleaned field (see app.elements.cleaning.clean_text), end exclusive.
    """

    library: str
    word: str
    start: int
    end: int
    negated: bool = False
    field: HitField = "text"


class Elements(BaseModel):
    """Everything recognised in one record; input to linkage, risk scoring and the workbench."""

    taxonomy_version: str
    is_dispute: bool
    dispute_confidence: float = Field(ge=0.0, le=1.0)
    category: str | None
    category_confidence: float = Field(ge=0.0, le=1.0)
    category_evidence: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    time_of_day: str | None = None
    season: str | None = None
    relation: str | None = None
    relation_evidence: list[str] = Field(default_factory=list)
    amounts: list[float] = Field(default_factory=list)
    people_count: int | None = None
    persons: list[PersonFacts] = Field(default_factory=list)
    flags: dict[str, list[str]] = Field(default_factory=dict)
    keyword_hits: list[KeywordHit] = Field(default_factory=list)
    escalation_words: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    truncated: bool = False

    def has_flag(self, name: str) -> bool:
        """Whether flag `name` (major, repeat, group, sensitive) is set."""
        return bool(self.flags.get(name))

    def active_hits(self, library: str | None = None) -> list[KeywordHit]:
        """Keyword hits that count (not negated), optionally of one library."""
        return [h for h in self.keyword_hits if not h.negated and (library is None or h.library == library)]
