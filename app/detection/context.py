"""What every detection step shares: the graph, the caller's scope, the rules and the anchor."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from app.db.graph import Graph
from app.detection.models import DetectionRules
from app.warnings.models import Evidence, WarningDraft
from loaders.model import CHANNEL_NAMES_ZH

BEIJING = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Run:
    """One detection run: without `as_of` every window ends at its target's latest dispute."""

    graph: Graph
    scope: str
    rules: DetectionRules
    as_of: datetime | None = None


class SeriesWarningDraft(WarningDraft):
    """An area warning about one category group: ABOUT stays on the Area, the group joins the id."""

    series: str

    @property
    def id(self) -> str:
        """`kind:Area:code|category group`, so 物业 and 婚姻 series of one community are separate warnings."""
        return f"{self.kind}:{self.target_label}:{self.target_key}|{self.series}"


def as_of_instant(as_of: date | datetime | None) -> datetime | None:
    """A day means its end in Beijing time; a naive instant is Beijing time."""
    if as_of is None:
        return None
    if isinstance(as_of, datetime):
        return as_of if as_of.tzinfo else as_of.replace(tzinfo=BEIJING)
    return datetime.combine(as_of, time.max, BEIJING)


def beijing_day(value: datetime) -> str:
    """The Beijing date of an instant, e.g. 2025-05-06."""
    return value.astimezone(BEIJING).strftime("%Y-%m-%d")


def evidence(factor: str, detail: str, label: str, key: str, key_property: str, points: float = 0) -> Evidence:
    """One evidence item, positionally short."""
    return Evidence(
        factor=factor, points=points, detail=detail, node_label=label, node_key=key, node_key_property=key_property
    )


def dispute_line(row: dict[str, Any]) -> str:
    """A dispute as one line: case code, Beijing date (`day`, or from `occurred_at`), reports, channels."""
    channels = "、".join(CHANNEL_NAMES_ZH.get(c, c) for c in row.get("channels") or [])
    reports = row.get("report_count") or 1
    suffix = f"，{reports}份报告：{channels}" if channels else ""
    day = row.get("day") or beijing_day(row["occurred_at"])
    return f"{row.get('case_code') or row['id']}（{day}{suffix}）"


def dispute_lines(run: Run, ids: list[str]) -> dict[str, str]:
    """The evidence line of each dispute (read only for the disputes a warning lists)."""
    if not ids:
        return {}
    rows = run.graph.read("get_dispute_lines", ids=sorted(set(ids)), scope=run.scope)
    return {row["id"]: dispute_line(row) for row in rows}
