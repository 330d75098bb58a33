"""Repeat by respondent (涉众): one organization in disputes of many claimants, across communities."""

from collections import defaultdict
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from app.db.values import native_row
from app.detection.context import Run, dispute_line, evidence
from app.detection.models import COLOURS
from app.warnings.models import COLOUR_NAMES_ZH, WarningDraft

OTHER_SIDE = {"对方当事人"}
MEASURE_ZH = {"claimants": "当事人", "disputes": "纠纷", "people": "涉及人数"}


def respondent_drafts(run: Run, org_keys: set[str], new: Collection[str] = ()) -> list[WarningDraft]:
    """Draft a 涉众 warning for each organization whose claimants, disputes or people reach a colour
    (`new`: the disputes this run was started for; on arrival, windows holding one of them count too)."""
    if not org_keys:
        return []
    window = run.rules.respondent.window_days
    days = window if run.as_of else 2 * window
    rows = [{"key": key, "end": run.as_of, "days": days} for key in sorted(org_keys)]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in run.graph.read("get_respondent_facts", rows=rows):
        found[row["key"]].append(native_row(row))
    new = frozenset(new)
    return [draft for rows in found.values() if (draft := _draft(run, _peak(run, rows, new))) is not None]


def _peak(run: Run, rows: list[dict[str, Any]], new: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The disputes of the most severe window (ties: the later one) ending at the anchor or, on arrival, at any
    dispute of the window before it or of a window holding a new dispute: an organization loaded out of order
    (a channel's year after another's) ends as one loaded in order at its peak."""
    disputes = sorted(rows, key=lambda row: (row["occurred_at"], row["dispute_id"]))
    window = timedelta(days=run.rules.respondent.window_days)
    anchor = disputes[-1]["anchor"]
    late = [d["occurred_at"] for d in disputes if d["dispute_id"] in new and d["occurred_at"] <= anchor - window]
    ends = [anchor] if run.as_of else [
        d["occurred_at"] for d in disputes
        if d["occurred_at"] > anchor - window or any(at <= d["occurred_at"] < at + window for at in late)
    ]
    best: tuple[tuple[int, int], list[dict[str, Any]]] = ((-1, -1), [])
    for end in ends:
        inside = [d for d in disputes if end - window < d["occurred_at"] <= end]
        rank = _rank(run, inside)
        if rank >= best[0]:
            best = (rank, inside)
    return best[1]


def _rank(run: Run, disputes: list[dict[str, Any]]) -> tuple[int, int]:
    """How severe a window is: its colour (higher is more severe), then claimants plus disputes."""
    claimants = {p["pid"] for row in disputes for p in _claimants(row)}
    people = max([len(claimants), *(row["people_count"] or 0 for row in disputes)])
    colour, _ = run.rules.respondent.colour_for(claimants=len(claimants), disputes=len(disputes), people=people)
    return (len(COLOURS) - COLOURS.index(colour) if colour else 0), len(claimants) + len(disputes)


def _claimants(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The persons of a dispute who may complain about the organization: all but the other side (对方当事人)."""
    return [p for p in row["claimants"] if p.get("pid") and not set(p.get("roles") or []) <= OTHER_SIDE]


def _draft(run: Run, disputes: list[dict[str, Any]]) -> WarningDraft | None:
    rules = run.rules.respondent
    if not disputes:
        return None
    claimants: dict[str, dict[str, Any]] = {}
    for row in disputes:
        for person in _claimants(row):
            entry = claimants.setdefault(person["pid"], {**person, "disputes": []})
            entry["disputes"].append(row)
    people = max([len(claimants), *(row["people_count"] or 0 for row in disputes)])
    colour, reached = rules.colour_for(claimants=len(claimants), disputes=len(disputes), people=people)
    if colour is None:
        return None
    name = disputes[0]["name"] or disputes[0]["key"]
    communities = sorted({row["area_code"][:12] for row in disputes})
    names = "、".join(p["name"] or p["pid"] for p in claimants.values())
    items = [evidence("respondent_dispute", dispute_line({**row, "id": row["dispute_id"]}), "Dispute",
                      row["dispute_id"], "id", 1) for row in disputes]
    items += [
        evidence("claimant", f"当事人{p['name'] or p['pid']}：" + "、".join(
            d["case_code"] or d["dispute_id"] for d in p["disputes"]), "Person", pid, "pid", 1)
        for pid, p in sorted(claimants.items())
    ]
    items.append(evidence("respondent", f"被反映单位{name}", "Organization", disputes[0]["key"], "key"))
    measures = "、".join(MEASURE_ZH[m] for m in reached)
    return WarningDraft(
        kind="respondent", target_label="Organization", target_key=disputes[0]["key"], target_key_property="key",
        area_code=_common_area(row["area_code"] for row in disputes), colour=colour,
        score=len(claimants) + len(disputes), title=f"{name}涉众风险：{len(claimants)}名当事人、{len(disputes)}起纠纷",
        reasons=[
            f"{rules.window_days}天内{len(disputes)}起纠纷涉及该单位，分布于{len(communities)}个社区",
            f"当事人{len(claimants)}名：{names}；记录中涉及人数最多{people}人",
            f"{measures}达到{COLOUR_NAMES_ZH[colour]}阈值",
        ],
        rule_version=run.rules.version, evidence=items, as_of=run.as_of or disputes[-1]["occurred_at"],
        figures={"claimants": len(claimants), "disputes": len(disputes), "people": people,
                 "communities": len(communities), "window_days": rules.window_days,
                 "claimant_names": names, "reached": ",".join(reached)},
    )


def _common_area(codes: Any) -> str:
    """The most precise area holding every code: their common prefix cut to a level (15, 12, 9, 6 digits)."""
    codes = list(codes)
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    for length in (15, 12, 9, 6):
        if len(prefix) >= length:
            return prefix[:length]
    return prefix[:4]
