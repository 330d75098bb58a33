"""The versioned workflow (config/workflow.yaml) and unit reference (config/units.yaml)."""

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, model_validator

from app.settings import get_settings
from app.warnings.models import Colour

BEIJING = timezone(timedelta(hours=8))
COLOURS: tuple[Colour, ...] = ("red", "orange", "yellow", "blue")
UnitKind = Literal[
    "district_command", "mediation_centre", "department", "street_office", "community", "police_station", "other"
]
DeadlineField = Literal["sign_due", "reply_due", "supervise_due", "escalate_due"]


class Deadlines(BaseModel):
    """Deadlines counted from the dispatch."""

    sign_hours: float = Field(gt=0)
    reply_days: float = Field(gt=0)
    supervise_days: float = Field(gt=0)
    escalate_days: float = Field(gt=0)


class LadderStep(BaseModel):
    """One rung of the supervision ladder (督办阶梯)."""

    code: str
    level: int = Field(ge=1)
    name: str
    deadline: DeadlineField
    done_by: list[str]


class RoutingRule(BaseModel):
    """Which tiers of unit take a case of one colour, in order of preference."""

    supervision: str
    tiers: list[UnitKind]
    reason: str


class Responsibility(BaseModel):
    """One line of the responsibility list (责任清单)."""

    sector: str | None = None
    closing_standard: str | None = None
    reply_days: float | None = None


class VisitPlan(BaseModel):
    """One return visit of a colour's schedule."""

    method: str
    due_days: float = Field(gt=0)
    share: float = Field(default=1.0, gt=0, le=1)


class Visits(BaseModel):
    """Return visits by colour and what counts as satisfied."""

    model_config = {"extra": "allow"}

    satisfied: list[str]

    def plan(self, colour: str) -> list[VisitPlan]:
        """The visits scheduled for a case of `colour`."""
        return [VisitPlan.model_validate(item) for item in (self.model_extra or {}).get(colour, [])]


class Recurrence(BaseModel):
    """The accountability check (化解后重复)."""

    window_days: int = Field(gt=0)
    min_shared_persons: int = Field(default=1, ge=1)
    colour: Colour
    severe_colour: Colour
    points: dict[str, float]


class Roles(BaseModel):
    """Roles allowed to command (dispatch, supervise, close, notices) and to handle orders."""

    command: list[str]
    handle: list[str]


class Schedule(BaseModel):
    """The scheduler's supervision pass."""

    supervise_minutes: int = Field(default=15, gt=0)


class Workflow(BaseModel):
    """Everything the closed loop reads from config/workflow.yaml."""

    version: str
    deadlines: Deadlines
    ladder: list[LadderStep]
    routing: dict[Colour, RoutingRule]
    responsibilities: dict[str, Responsibility]
    visits: Visits
    recurrence: Recurrence
    notices: dict[str, dict[str, str]]
    roles: Roles
    schedule: Schedule = Schedule()

    @model_validator(mode="after")
    def _complete(self) -> "Workflow":
        """Every colour is routed and the ladder rises."""
        missing = [c for c in COLOURS if c not in self.routing]
        if missing:
            raise ValueError(f"workflow routing lacks colours {missing}")
        levels = [step.level for step in self.ladder]
        if levels != sorted(set(levels)):
            raise ValueError(f"ladder levels must rise strictly, got {levels}")
        return self

    def responsibility(self, category: str | None) -> Responsibility:
        """The responsibility-list line of a category, completed from the default line."""
        default = self.responsibilities.get("default", Responsibility())
        line = self.responsibilities.get(category or "", default)
        return Responsibility(
            sector=line.sector or default.sector,
            closing_standard=line.closing_standard or default.closing_standard,
            reply_days=line.reply_days,
        )

    def due_dates(self, at: datetime, category: str | None = None) -> dict[str, datetime]:
        """The deadlines of an order dispatched at `at` for a dispute of `category`."""
        d = self.deadlines
        reply_days = self.responsibility(category).reply_days or d.reply_days
        return {
            "sign_due": at + timedelta(hours=d.sign_hours),
            "reply_due": at + timedelta(days=reply_days),
            "supervise_due": at + timedelta(days=d.supervise_days),
            "escalate_due": at + timedelta(days=d.escalate_days),
        }

    def prefix(self, kind: str) -> str:
        """The code prefix of a notice kind (TSH, JSH)."""
        return self.notices["prefixes"][kind]


class AreaUnit(BaseModel):
    """A unit every area of one level has."""

    kind: UnitKind
    suffix: str
    name: str


class Department(BaseModel):
    """A district department of one sector."""

    suffix: str
    name: str


class ExtraUnit(BaseModel):
    """A unit the hierarchy does not give (a police station)."""

    code: str
    name: str
    kind: UnitKind
    area: str
    covers: list[str]


class UnitsConfig(BaseModel):
    """config/units.yaml."""

    version: str
    per_area: dict[str, list[AreaUnit]]
    departments: dict[str, Department]
    extra: list[ExtraUnit] = Field(default_factory=list)

    def code(self, area_code: str, kind: UnitKind) -> str | None:
        """The code of the hierarchy unit of `kind` for an area, or None when that kind is not per area."""
        for units in self.per_area.values():
            for unit in units:
                if unit.kind == kind:
                    return unit_code(area_code, unit.suffix)
        return None


def unit_code(area_code: str, suffix: str) -> str:
    """`410603-ZZZX`: the area code and the unit's suffix."""
    return f"{area_code}-{suffix}"


@lru_cache
def load_workflow(path: Path | None = None) -> Workflow:
    """config/workflow.yaml (or `path`), validated, cached per path."""
    return Workflow.model_validate(_read(path or get_settings().caselink_config_dir / "workflow.yaml"))


@lru_cache
def load_units_config(path: Path | None = None) -> UnitsConfig:
    """config/units.yaml (or `path`), validated, cached per path."""
    return UnitsConfig.model_validate(_read(path or get_settings().caselink_config_dir / "units.yaml"))


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def instant(value: date | datetime | None, *, default_now: bool = True) -> datetime | None:
    """A timezone-aware instant: naive means Beijing time, a day means its end; None means now."""
    if value is None:
        return datetime.now(BEIJING) if default_now else None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=BEIJING)
    return datetime.combine(value, time.max, BEIJING)


def day_start(day: date | None) -> datetime | None:
    """The first instant of a Beijing day."""
    return datetime.combine(day, time.min, BEIJING) if day else None
