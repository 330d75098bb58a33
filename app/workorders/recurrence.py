"""Accountability (化解后重复): a closed case followed by a new dispute of the same parties or the same issue."""

from collections import defaultdict
from typing import Any

from app.db.graph import Graph, chunked
from app.db.values import native_row
from app.warnings.models import Evidence, WarningDraft
from app.warnings.service import upsert_warnings
from app.workorders.config import BEIJING, Workflow, load_workflow
from app.workorders.models import RecurredCase, RecurrenceFinding

Row = dict[str, Any]
BATCH = 500
CHECKER = "workorders"
REASONS_ZH = {"same_parties": "当事人相同", "similar": "诉求相似", "same_place": "同一地点同类纠纷",
              "reopened": "销号后再次被报告"}


def check_recurrence(*, graph: Graph, scope: str, dispute_ids: list[str],
                     workflow: Workflow | None = None) -> list[RecurrenceFinding]:
    """Raise a `recurrence` warning on each dispute that repeats a closed case, naming the unit that closed it."""
    workflow = workflow or load_workflow()
    rules = workflow.recurrence
    findings: list[RecurrenceFinding] = []
    for batch in chunked(sorted(set(dispute_ids)), BATCH):
        rows = graph.read("find_recurrences", ids=batch, scope=scope, window_days=rules.window_days,
                          min_shared=rules.min_shared_persons)
        by_dispute: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            by_dispute[row["dispute_id"]].append(native_row(row))
        drafts = [_draft(found, workflow) for found in by_dispute.values()]
        if drafts:
            upsert_warnings(graph=graph, scope=scope, drafts=[d for d, _ in drafts], by=CHECKER)
            findings += [finding for _, finding in drafts]
    return findings


def _draft(rows: list[Row], workflow: Workflow) -> tuple[WarningDraft, RecurrenceFinding]:
    rules, first = workflow.recurrence, rows[0]
    cases = _closed_cases(rows)
    severe = len(cases) > 1 or any(r.get("closed_colour") == "red" for r in rows)
    colour = rules.severe_colour if severe else rules.colour
    evidence = [_evidence(row, rules.points.get(row["reason"], 0)) for row in rows]
    score = min(100.0, sum(max(rules.points.get(reason, 0) for reason in _codes(case)) for case in cases))
    units = [c.unit_name or c.closed_by_unit or "未记录办结单位" for c in cases]
    accountability = f"建议对办结单位{'、'.join(dict.fromkeys(units))}的化解质量开展倒查问责，核实是否案结事了"
    reasons = [_sentence(case) for case in cases] + [accountability]
    more = f"等{len(cases)}件" if len(cases) > 1 else ""
    draft = WarningDraft(
        kind="recurrence", target_label="Dispute", target_key=first["dispute_id"], target_key_property="id",
        area_code=first["area_code"], colour=colour, score=score,
        title=f"化解后重复：已销号案件{cases[0].case_code}{more}再次发生纠纷", reasons=reasons,
        rule_version=workflow.version, evidence=evidence, as_of=first["occurred_at"],
        figures={"closed_cases": ",".join(c.case_code or c.dispute_id for c in cases),
                 "closed_by_units": ",".join(c.closed_by_unit or "" for c in cases),
                 "accountable_unit": cases[0].closed_by_unit or ""},
    )
    finding = RecurrenceFinding(dispute_id=first["dispute_id"], case_code=first["case_code"], warning_id=draft.id,
                                colour=colour, closed_cases=cases, accountability=accountability)
    return draft, finding


def _closed_cases(rows: list[Row]) -> list[RecurredCase]:
    cases: dict[str, RecurredCase] = {}
    for row in rows:
        case = cases.setdefault(row["closed_id"], RecurredCase(
            dispute_id=row["closed_id"], case_code=row["closed_case_code"], closed_at=row["closed_at"],
            closed_by_unit=row["closed_by_unit"], unit_name=row["unit_name"], reasons=[]))
        case.reasons.append(REASONS_ZH[row["reason"]])
    return sorted(cases.values(), key=lambda c: c.closed_at, reverse=True)


def _codes(case: RecurredCase) -> list[str]:
    return [code for code, zh in REASONS_ZH.items() if zh in case.reasons]


def _sentence(case: RecurredCase) -> str:
    unit = case.unit_name or case.closed_by_unit or "未记录办结单位"
    return (f"已销号案件{case.case_code}（{case.closed_at.astimezone(BEIJING):%Y-%m-%d}销号，办结单位{unit}）"
            f"与本案{'、'.join(case.reasons)}")


def _evidence(row: Row, points: float) -> Evidence:
    shared = "、".join(row["shared"] or [])
    detail = f"已销号案件{row['closed_case_code']}：{REASONS_ZH[row['reason']]}"
    if shared:
        detail += f"（{shared}）"
    return Evidence(factor=f"recurrence_{row['reason']}", points=points, detail=detail, node_label="Dispute",
                    node_key=row["closed_id"], node_key_property="id")
