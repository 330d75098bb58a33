"""Related cases: every dispute connected to a case, ranked, with why and the path through the graph."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from app.caller import Caller
from app.db.graph import Graph
from app.investigate.config import RelatedConfig, get_config
from app.investigate.models import (
    RELATED_KINDS,
    DisputeBrief,
    EdgeView,
    NodeRef,
    PathView,
    Reason,
    RelatedAnswer,
    RelatedCase,
    ReportBrief,
)
from app.investigate.nodes import node_ref, plain, scrub, scrub_text
from app.privacy import mask_id_number, mask_phone
from loaders.model import CHANNEL_NAMES_ZH

Row = dict[str, Any]


@dataclass
class _Collector:
    """Reasons gathered per related dispute, and notes on what was cut."""

    caller: Caller
    subject: NodeRef
    kinds: frozenset[str]
    disputes: dict[str, Row] = field(default_factory=dict)
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, dispute: Row, kind: str, text: str, strength: float, middle: list[tuple[str, NodeRef, Row]],
            last_edge: tuple[str, Row]) -> None:
        """One reason: subject -(edge)- middle nodes … -(last edge)- dispute (ignored when not asked for)."""
        if kind not in self.kinds:
            return
        self.disputes[dispute["id"]] = dispute
        other = dispute_ref(dispute)
        nodes, edges, previous = [self.subject], [], self.subject
        for rel_type, node, props in [*middle, (last_edge[0], other, last_edge[1])]:
            edges.append(_edge(rel_type, previous, node, scrub(props, self.caller)))
            nodes.append(node)
            previous = node
        reason = Reason(kind=kind, text=text, strength=round(strength, 3), path=PathView(nodes=nodes, edges=edges))
        self.reasons.setdefault(dispute["id"], []).append(reason)

    def note(self, text: str) -> None:
        """Record that part of the answer was cut, once."""
        if text not in self.notes:
            self.notes.append(text)


# The label a relationship starts from, so a path's edges point the way they do in the graph.
_STARTS_AT = {"PARTY_IN": {"Person", "Organization"}, "HAS_PHONE": {"Person"}, "HAS_ID_NUMBER": {"Person"},
              "CONTACT_PHONE": {"Report"}, "OF_DISPUTE": {"Report"}, "AT_PLACE": {"Dispute"}}


def _edge(rel_type: str, a: NodeRef, b: NodeRef, props: Row) -> EdgeView:
    source, target = (b, a) if b.label in _STARTS_AT.get(rel_type, set()) else (a, b)
    return EdgeView(source=source.id, target=target.id, type=rel_type, props=props)


def dispute_ref(dispute: Row) -> NodeRef:
    """A dispute as a path node."""
    return NodeRef(id=f"Dispute:{dispute['id']}", label="Dispute", key=dispute["id"],
                   caption=dispute.get("title") or dispute.get("case_code") or dispute["id"])


def parse_kinds(kinds: str | None) -> list[str]:
    """The comma-separated kinds asked for (all when empty); ValueError names an unknown one."""
    if not kinds:
        return list(RELATED_KINDS)
    asked = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = [k for k in asked if k not in RELATED_KINDS]
    if unknown:
        raise ValueError(f"unknown kinds {', '.join(unknown)}; kinds: {', '.join(RELATED_KINDS)}")
    return asked


def related_for_dispute(*, graph: Graph, caller: Caller, dispute_id: str, limit: int | None = None,
                        kinds: list[str] | None = None, exclude_report: str | None = None) -> RelatedAnswer | None:
    """Every dispute connected to one, ranked; None when the dispute is unknown or outside the jurisdiction."""
    config = get_config().related
    limit = min(limit or config.default_limit, config.max_limit)
    kinds = kinds or list(RELATED_KINDS)

    def work(tx: ManagedTransaction) -> RelatedAnswer | None:
        row = _first(graph.run_plain_in(tx, "get_related_evidence",
                                         **_evidence_params(dispute_id, caller, config, kinds)))
        if row is None:
            return None
        subject = row["dispute"]
        collector = _Collector(caller=caller, subject=dispute_ref(subject), kinds=frozenset(kinds))
        for column, gather in _GATHERERS:
            gather(row[column], config, collector)
        ranked = _rank(collector, config)[:limit]
        reports = _reports_by_dispute(graph, tx, caller, [dispute_id] + [d.id for d, _, _ in ranked])
        same = [r for r in reports.get(dispute_id, []) if r.key != exclude_report] if "same_incident" in kinds else []
        return RelatedAnswer(
            dispute=DisputeBrief(**scrub(subject, caller)),
            same_incident=_with_incident_paths(same, collector.subject, caller),
            related=[RelatedCase(dispute=d, score=s, reasons=r, reports=reports.get(d.id, [])) for d, s, r in ranked],
            truncated=bool(collector.notes) or len(collector.disputes) > limit,
            notes=collector.notes + ([f"共{len(collector.disputes)}起关联案件，仅显示前{limit}起"]
                                     if len(collector.disputes) > limit else []),
            kinds=kinds,
        )

    return graph.execute_read(work)


def _evidence_params(dispute_id: str, caller: Caller, config: RelatedConfig, kinds: list[str]) -> Row:
    """Parameters of get_related_evidence: caps, and which parts the asked kinds need."""
    asked = set(kinds)
    return {"id": dispute_id, "scope": caller.scope, "hub_threshold": config.hub_threshold,
            "hub_recent": config.hub_recent, "window_days": config.similar_window_days,
            "similar_limit": config.similar_limit,
            "precedent_limit": config.precedent_limit if "resolved_similar" in asked else 0,
            "parties": bool(asked & {"same_person", "same_respondent"}), "phones": "shared_phone" in asked,
            "id_numbers": "shared_id_number" in asked, "places": "same_place" in asked, "similar": "similar" in asked}


def related_for_report(*, graph: Graph, caller: Caller, channel: str, source_id: str, limit: int | None = None,
                       kinds: list[str] | None = None) -> RelatedAnswer | None:
    """The related cases of the dispute a report belongs to (the report itself left out of the same incident)."""
    row = graph.read_one("find_report_dispute", key=f"{channel}|{source_id}", scope=caller.scope)
    if row is None:
        return None
    return related_for_dispute(graph=graph, caller=caller, dispute_id=row["dispute_id"], limit=limit, kinds=kinds,
                               exclude_report=row["report_key"])


def _first(rows: list[Row]) -> Row | None:
    return rows[0] if rows else None


def _roles(roles: Iterable[str] | None) -> str:
    return "、".join(roles or []) or "当事人"


def _hub_note(collector: _Collector, what: str, degree: int, config: RelatedConfig) -> None:
    if degree > config.hub_threshold:
        collector.note(f"{what}在辖区内涉及{degree}起纠纷（超过{config.hub_threshold}起），仅取最近{config.hub_recent}起")


def _gather_parties(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    for row in rows:
        is_person = row["party_label"] == "Person"
        kind = "same_person" if is_person else "same_respondent"
        party = node_ref(row["party_label"], row["party_key"], row["party_name"], collector.caller)
        _hub_note(collector, row["party_name"], row["degree"], config)
        if is_person:
            text = (f"同一当事人{row['party_name']}：本案中为{_roles(row['roles_here'])}，"
                    f"该案中为{_roles(row['roles_there'])}")
        else:
            text = (f"同一涉事单位{row['party_name']}（本案{_roles(row['roles_here'])}，"
                    f"该案{_roles(row['roles_there'])}）")
        collector.add(plain(row["dispute"]), kind, text, 1.0, [("PARTY_IN", party, {"roles": row["roles_here"]})],
                      ("PARTY_IN", {"roles": row["roles_there"]}))


def _gather_phones(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    caller = collector.caller
    for row in rows:
        shown = row["phone"] if caller.sees_identifiers else mask_phone(row["phone"])
        holder = node_ref(row["holder_label"], row["holder_key"], row["holder_name"], caller)
        phone = node_ref("Phone", row["phone"], row["phone"], caller)
        other = node_ref(row["other_label"], row["other_key"], row["other_name"], caller)
        _hub_note(collector, f"电话{shown}", row["degree"], config)
        text = f"{holder.caption}与{other.caption}使用同一电话{shown}"
        link_here = "HAS_PHONE" if row["holder_label"] == "Person" else "CONTACT_PHONE"
        link_there = "HAS_PHONE" if row["other_label"] == "Person" else "CONTACT_PHONE"
        middle = [("PARTY_IN" if row["holder_label"] == "Person" else "OF_DISPUTE", holder, {}),
                  (link_here, phone, {}), (link_there, other, {})]
        last = ("PARTY_IN", {"roles": row["roles_there"]}) if row["other_label"] == "Person" else ("OF_DISPUTE", {})
        collector.add(plain(row["dispute"]), "shared_phone", text, 1.0, middle, last)


def _gather_id_numbers(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    caller = collector.caller
    for row in rows:
        shown = row["id_number"] if caller.sees_identifiers else mask_id_number(row["id_number"])
        holder = node_ref("Person", row["holder_key"], row["holder_name"], caller)
        number = node_ref("IdNumber", row["id_number"], row["id_number"], caller)
        other = node_ref("Person", row["other_key"], row["other_name"], caller)
        text = f"{row['holder_name']}与{row['other_name']}身份证号相同（{shown}）"
        middle = [("PARTY_IN", holder, {}), ("HAS_ID_NUMBER", number, {}), ("HAS_ID_NUMBER", other, {})]
        collector.add(plain(row["dispute"]), "shared_id_number", text, 1.0, middle,
                      ("PARTY_IN", {"roles": row["roles_there"]}))


def _gather_places(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    for row in rows:
        place = node_ref("Place", row["place_key"], row["place_name"], collector.caller)
        _hub_note(collector, f"地点{row['place_name']}", row["degree"], config)
        collector.add(plain(row["dispute"]), "same_place", f"同一地点：{row['place_name']}", 1.0,
                      [("AT_PLACE", place, {})], ("AT_PLACE", {}))


# What each part of a SIMILAR_TO reason code (app/detection/linking.REASONS: keywords+same_place…) says.
SIMILAR_REASONS_ZH = {"keywords": "关键词相近", "same_place": "同一地点", "related_category": "相关类别"}


def similar_reason_text(code: str) -> str:
    """A similarity link's reason code in the workbench's words (keywords+same_place -> 关键词相近、同一地点)."""
    return "、".join(SIMILAR_REASONS_ZH.get(part, part) for part in code.split("+"))


def _gather_similar(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    for row in rows:
        dispute = plain(row["dispute"])
        if row["source"] == "similar_to":
            text = f"相似纠纷（相似度{row['score']:.2f}）" + (f"：{similar_reason_text(row['reason'])}"
                                                            if row["reason"] else "")
            props = {"score": row["score"], "reason": row["reason"]}
        else:
            text = f"同社区同类（{dispute.get('category')}）纠纷，关键词重合：{'、'.join(row['shared'])}"
            props = {"score": row["score"], "shared": row["shared"], "inferred": True}
        text += _resolution(dispute)
        collector.add(dispute, "similar", scrub_text(text, collector.caller) or text, float(row["score"]), [],
                      ("SIMILAR_TO", props))


def _gather_precedents(rows: list[Row], config: RelatedConfig, collector: _Collector) -> None:
    for row in rows:
        dispute = plain(row["dispute"])
        shared = "、".join(row["shared"])
        text = f"已办结的同社区同类纠纷{('（关键词重合：' + shared + '）') if shared else ''}{_resolution(dispute)}"
        strength = 1.0 if row["shared"] else 0.5
        props = {"shared": row["shared"], "inferred": True}
        collector.add(dispute, "resolved_similar", text, strength, [], ("SIMILAR_TO", props))


def _resolution(dispute: Row) -> str:
    if dispute.get("status") != "closed":
        return ""
    outcome = dispute.get("resolution_outcome")
    return f"；已办结，化解结果：{outcome}" if outcome else "；已办结"


# The column of get_related_evidence each gatherer reads, in the order reasons were always gathered.
_GATHERERS: tuple[tuple[str, Callable[[list[Row], RelatedConfig, _Collector], None]], ...] = (
    ("parties", _gather_parties),
    ("phones", _gather_phones),
    ("id_numbers", _gather_id_numbers),
    ("places", _gather_places),
    ("similar", _gather_similar),
    ("precedents", _gather_precedents),
)


def _rank(collector: _Collector, config: RelatedConfig) -> list[tuple[DisputeBrief, float, list[Reason]]]:
    """Disputes by combined weight of their reasons, newest first among equals."""
    ranked = []
    for dispute_id, reasons in collector.reasons.items():
        missing = 1.0
        for reason in reasons:
            missing *= 1 - config.weights.get(reason.kind, 0.5) * reason.strength
        brief = DisputeBrief(**scrub(collector.disputes[dispute_id], collector.caller))
        ranked.append((brief, round(1 - missing, 3), sorted(reasons, key=lambda r: -config.weights.get(r.kind, 0))))
    ranked.sort(key=lambda item: (-item[1], -(item[0].occurred_at.timestamp() if item[0].occurred_at else 0)))
    return ranked


def _reports_by_dispute(graph: Graph, tx: ManagedTransaction, caller: Caller,
                        ids: list[str]) -> dict[str, list[ReportBrief]]:
    by_dispute: dict[str, list[ReportBrief]] = {}
    for row in graph.run_plain_in(tx, "list_dispute_reports", ids=ids, scope=caller.scope):
        row = scrub(row, caller)
        reason = row.pop("reason")
        label = row.get("channel_label") or row["channel"]
        why = f"同一事件的{CHANNEL_NAMES_ZH.get(row['channel'], row['channel'])}记录"
        if label != row["channel"]:  # a category or department label, not the channel's code again
            why += f"（{label}）"
        if reason:
            why += f"：{merge_reason_zh(reason)}"
        brief = ReportBrief(**{k: v for k, v in row.items() if k != "dispute_id"}, merge_reason=reason, why=why)
        by_dispute.setdefault(row["dispute_id"], []).append(brief)
    return by_dispute


def _with_incident_paths(reports: list[ReportBrief], subject: NodeRef, caller: Caller) -> list[ReportBrief]:
    """Each other record of the incident with its path: report -OF_DISPUTE-> dispute."""
    for report in reports:
        ref = node_ref("Report", report.key, f"{report.channel} {report.source_id}", caller)
        edge = EdgeView(source=ref.id, target=subject.id, type="OF_DISPUTE",
                        props={"reason": report.merge_reason, "confidence": report.confidence})
        report.path = PathView(nodes=[ref, subject], edges=[edge])
    return reports


# The incident-merge reasons that loaders/pipeline.py and loaders/incidents.py write on OF_DISPUTE.
_MERGE_BY_PARTY = re.compile(r"same (person|phone) (\S+) within ([\d.]+) h(?:, same category (.+))?")
_MERGE_BY_PLACE = re.compile(r"same place (.+) within ([\d.]+) h, same category, keyword overlap ([\d.]+)")


def merge_reason_zh(reason: str) -> str:
    """A merge reason in Chinese for the `why` text; a reason of another shape is kept as it is."""
    if reason == "first report":
        return "首次报件，由此立案"
    if match := _MERGE_BY_PARTY.fullmatch(reason):
        via, key, hours, category = match.groups()
        text = f"同一{'当事人' if via == 'person' else '电话'}{key}，相隔{hours}小时"
        return text + (f"，同一类别{category}" if category else "")
    if match := _MERGE_BY_PLACE.fullmatch(reason):
        place, hours, overlap = match.groups()
        return f"同一地点{place}，相隔{hours}小时，同一类别，关键词重合度{overlap}"
    return reason

