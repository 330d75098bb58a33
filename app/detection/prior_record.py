"""Prior-record links (前科关联): a party's earlier disputes, notices, key-person entry and police flags."""

from dataclasses import dataclass
from typing import Any

from app.db.graph import chunked
from app.db.values import native, native_row
from app.detection.context import Run, beijing_day, dispute_line, evidence
from app.detection.models import PriorRecordRules
from app.warnings.models import COLOUR_NAMES_ZH, Evidence, WarningDraft
from loaders.model import CHANNEL_NAMES_ZH

FACTOR_ZH = {"key_person": "重点人员", "police_prior": "公安前科标记", "notice": "提示函/警示函",
             "earlier_dispute": "既往纠纷"}


@dataclass(frozen=True)
class Route:
    """Where a dispute goes (分流交办) because of a party's record."""

    dispute_id: str
    area_code: str
    reason: str
    pid: str
    points: float


def prior_record_drafts(run: Run, pids: set[str]) -> tuple[list[WarningDraft], list[Route]]:
    """Draft a warning for each person whose record reaches the configured combination; route their case."""
    if not pids:
        return [], []
    rules = run.rules.prior_record
    rows = [{"pid": pid, "end": run.as_of, "dispute_days": rules.dispute_window_days,
             "notice_days": rules.notice_window_days} for pid in sorted(pids)]
    drafts, routes = [], []
    for row in run.graph.read("get_person_histories", rows=rows):
        found = _draft(run, _native_history(row))
        if found is not None:
            drafts.append(found[0])
            if found[1] is not None:
                routes.append(found[1])
    return drafts, _one_route_per_dispute(routes)


def persons_to_read(run: Run, pids: set[str]) -> set[str]:
    """The persons whose history can reach a warning: all, unless earlier disputes alone never can.

    Then only persons with a key-person entry, a police flag or a notice are read (the same drafts, far fewer
    histories: most parties have nothing but disputes).
    """
    if not pids or not needs_record(run.rules.prior_record):
        return pids
    return {row["pid"] for batch in chunked(sorted(pids), 10_000)
            for row in run.graph.read("list_persons_with_records", pids=batch)}


def needs_record(rules: PriorRecordRules) -> bool:
    """Whether a warning needs a key-person entry, police flag or notice: earlier disputes alone never reach one."""
    most = rules.points["earlier_dispute"] * rules.max_earlier_disputes
    alone = rules.min_factors <= 1 and most >= rules.min_points and rules.colour_for(most) is not None
    return rules.points["earlier_dispute"] >= 0 and not alone


def _native_history(row: dict[str, Any]) -> dict[str, Any]:
    history = dict(row)
    history["latest"] = native_row(row["latest"])
    for key in ("earlier", "notices", "entries", "flags"):
        history[key] = [native_row(item) for item in row[key]]
    return history


def _draft(run: Run, h: dict[str, Any]) -> tuple[WarningDraft, Route | None] | None:
    rules = run.rules.prior_record
    earlier = h["earlier"][: rules.max_earlier_disputes]
    counts = {"key_person": len(h["entries"]) > 0, "police_prior": len(h["flags"]) > 0,
              "notice": len(h["notices"]) > 0, "earlier_dispute": len(earlier)}
    points = sum(rules.points[f] * (n if f == "earlier_dispute" else 1) for f, n in counts.items() if n)
    present = [f for f, n in counts.items() if n]
    colour = rules.colour_for(points)
    if len(present) < rules.min_factors or points < rules.min_points or colour is None:
        return None
    name, latest = h["name"] or h["pid"], h["latest"]
    draft = WarningDraft(
        kind="prior_record", target_label="Person", target_key=h["pid"], target_key_property="pid",
        area_code=latest["area_code"], colour=colour, score=points,
        title=f"{name}：" + "、".join(FACTOR_ZH[f] for f in present) + "，新发纠纷需关注",
        reasons=_reasons(h, present, points, colour),
        rule_version=run.rules.version, evidence=_evidence(h, rules.points), as_of=run.as_of or latest["occurred_at"],
        figures={"points": points, "factors": len(present), "earlier_disputes": len(h["earlier"]),
                 "notices": len(h["notices"]), "key_person": len(h["entries"]), "police_flags": len(h["flags"]),
                 "latest_dispute": latest["id"]},
    )
    return draft, _route(h, points)


def _reasons(h: dict[str, Any], present: list[str], points: float, colour: str) -> list[str]:
    reasons = []
    if h["entries"]:
        entry = h["entries"][0]
        reasons.append(f"列管重点人员（{entry.get('category') or '未注明类别'}，{entry.get('control_level') or ''}）")
    if h["flags"]:
        reasons.append(f"公安警情标记有前科（{len(h['flags'])}条记录）")
    if h["notices"]:
        reasons.append("此前已下发" + "、".join(n["code"] for n in h["notices"]))
    if h["earlier"]:
        last = h["earlier"][0]
        reasons.append(f"既往纠纷{len(h['earlier'])}起，最近一次{beijing_day(last['occurred_at'])}")
    reasons.append(f"{len(present)}项因素合计{points:g}分，达到{COLOUR_NAMES_ZH[colour]}阈值")
    return reasons


def _evidence(h: dict[str, Any], points: dict[str, float]) -> list[Evidence]:
    latest = h["latest"]
    items = [evidence("current_dispute", f"新发纠纷 {dispute_line(latest)}", "Dispute", latest["id"], "id")]
    items += [evidence("key_person", f"重点人员：{e.get('category') or ''} {e.get('record') or ''}".strip(),
                       "KeyPersonEntry", e["key"], "key", points["key_person"]) for e in h["entries"]]
    items += [evidence("notice", f"{n['code']}（{_day(n.get('issued_at'))}）{n.get('reason') or ''}",
                       "Notice", n["code"], "code", points["notice"]) for n in h["notices"]]
    items += [evidence("police_prior", f"{_channel(f['channel'])} {f['source_id']} 标记有前科",
                       "Report", f["key"], "key", points["police_prior"]) for f in h["flags"]]
    items += [evidence("earlier_dispute", f"既往纠纷 {dispute_line(e)}，记录：" + "、".join(e["reports"]),
                       "Dispute", e["id"], "id", points["earlier_dispute"]) for e in h["earlier"]]
    return items


def _route(h: dict[str, Any], points: float) -> Route | None:
    """The person's most recent other dispute's area, else their key-person entry's area."""
    latest, name = h["latest"], h["name"] or h["pid"]
    if h["earlier"]:
        area = h["earlier"][0]["area_code"]
        return Route(latest["id"], area, f"当事人{name}最近一次纠纷所在地", h["pid"], points)
    for entry in h["entries"]:
        if entry.get("area_code"):
            return Route(latest["id"], entry["area_code"], f"重点人员{name}列管地址所在地", h["pid"], points)
    return None


def _one_route_per_dispute(routes: list[Route]) -> list[Route]:
    """A dispute with several such parties goes where its highest-scoring party belongs."""
    best: dict[str, Route] = {}
    for route in sorted(routes, key=lambda r: (-r.points, r.pid)):
        best.setdefault(route.dispute_id, route)
    return list(best.values())


def _day(value: Any) -> str:
    value = native(value)
    if value is None:
        return "日期不详"
    return value.strftime("%Y-%m-%d")


def _channel(code: str) -> str:
    return CHANNEL_NAMES_ZH.get(code, code)
