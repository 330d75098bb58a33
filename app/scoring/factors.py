"""Pure scoring: turn a dispute's facts into points per factor, each with the node that earned it."""

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from app.scoring.models import PERSON_FACTORS, DisputeFacts, DisputeScore, PersonScore, Score, ScoreItem
from app.scoring.rules import ScoringRules, band_points
from loaders.model import CHANNEL_NAMES_ZH

LIBRARY_NAMES = {"extreme": "极端言行", "violence": "暴力冲突", "group": "群体聚集", "sensitive": "敏感涉稳"}
MATCH_NAMES = {"id_number": "身份证号", "name_birth": "姓名和出生日期"}


def score_dispute(facts: DisputeFacts, rules: ScoringRules) -> DisputeScore:
    """The dispute's score: every factor of config/scoring.yaml with its evidence."""
    elements = [(report, _elements(report)) for report in facts.reports]
    items = [
        *_key_person_items(facts, rules),
        *_prior_record_items(facts, rules),
        *_notice_items(facts, rules),
        *_repeat_items(facts, rules),
        *_key_place_items(facts, rules),
        *_keyword_items(elements, rules),
        *_escalation_items(elements, rules),
        *_group_size_items(facts, elements, rules),
        *_channel_items(facts, rules),
        *_department_risk_items(facts, rules),
        *_amount_items(facts, elements, rules),
    ]
    return DisputeScore(
        dispute_id=facts.id, case_code=facts.case_code, title=facts.title, area_code=facts.area_code,
        occurred_at=facts.occurred_at, report_count=len(facts.reports),
        **_graded(items, rules),
    )


def score_person(
    *, pid: str, name: str | None, disputes: list[DisputeScore], window: tuple[datetime, datetime],
    rules: ScoringRules,
) -> PersonScore:
    """A person's risk over the window: their own factors once, repeats, and each dispute's content points."""
    ordered = sorted(disputes, key=lambda d: d.occurred_at)
    own = _own_items(pid, ordered)
    share = rules.person.dispute_share
    items = [*own, *_person_repeat_items(ordered, rules), *_dispute_content_items(ordered, share)]
    return PersonScore(
        pid=pid, name=name, area_code=ordered[-1].area_code, dispute_ids=[d.dispute_id for d in ordered],
        window_start=window[0], window_end=window[1], has_own_factor=bool(own), **_graded(items, rules),
    )


def _graded(items: list[ScoreItem], rules: ScoringRules) -> dict[str, Any]:
    """Total, colour, level and leader of a list of items."""
    total = round(sum(item.points for item in items), 1)
    colour = rules.colour_for(total)
    level = rules.levels[colour] if colour else None
    return {
        "score": total, "colour": colour, "items": items, "rule_version": rules.version,
        "level": level.level if level else None, "level_name": level.name if level else None,
        "leader": level.leader if level else None,
    }


def _item(factor: str, points: float, detail: str, label: str, key: str, prop: str,
          pid: str | None = None) -> ScoreItem:
    return ScoreItem(factor=factor, points=points, detail=detail, node_label=label, node_key=key,
                     node_key_property=prop, pid=pid)


def _capped(points: Iterable[tuple[float, Any]], cap: float) -> Iterator[tuple[float, Any]]:
    """Points in order until the cap is reached; later items keep their evidence with 0 points."""
    total = 0.0
    for value, payload in points:
        granted = max(0.0, min(value, cap - total))
        total += granted
        yield granted, payload


def _elements(report: dict[str, Any]) -> dict[str, Any]:
    raw = report.get("elements_json")
    return json.loads(raw) if raw else {}


def _key_person_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    items, seen = [], set()
    for hit in facts.key_persons:
        if (hit["pid"], hit["entry_key"]) in seen:
            continue
        seen.add((hit["pid"], hit["entry_key"]))
        level = f"，{hit['control_level']}管控" if hit.get("control_level") else ""
        detail = (f"当事人{hit['name']}比中重点人员库（{hit['category']}{level}），"
                  f"比对方式：{MATCH_NAMES.get(hit['match'], hit['match'])}")
        items.append(_item("key_person", rules.factors.key_person.points(hit["category"]), detail,
                           "KeyPersonEntry", hit["entry_key"], "key", hit["pid"]))
    return items


def _prior_record_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    return [
        _item("prior_record", rules.factors.prior_record, f"当事人{row['name']}在{_source(row)}中有前科标识",
              "Party", row["party_key"], "key", row["pid"])
        for row in facts.prior_records
    ]


def _notice_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    return [
        _item("notice", rules.factors.notice,
              f"当事人{row['name']}已被下发{row.get('kind') or '提示函'}{row['code']}"
              f"（{row['issued_at']}：{row.get('reason') or ''}）",
              "Notice", row["code"], "code", row["pid"])
        for row in facts.notices
    ]


def _repeat_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    earlier: dict[str, dict[str, Any]] = {}
    for row in facts.earlier_disputes:
        entry = earlier.setdefault(row["earlier_id"], {**row, "names": []})
        if row["name"] not in entry["names"]:
            entry["names"].append(row["name"])
    ordered = sorted(earlier.values(), key=lambda r: r["occurred_at"])
    cfg, days = rules.factors.repeat, rules.windows.accumulate_days
    return [
        _item("repeat_count", points, f"当事人{'、'.join(row['names'])}在{days}天内曾涉纠纷{_earlier(row)}",
              "Dispute", row["earlier_id"], "id")
        for points, row in _capped(((cfg.per_dispute, row) for row in ordered), cfg.max)
    ]


def _earlier(row: dict[str, Any]) -> str:
    code = row.get("case_code") or row["earlier_id"]
    return f"{code}（{_day(row['occurred_at'])}，{row.get('category') or '未分类'}）"


def _key_place_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    best: dict[str, dict[str, Any]] = {}
    rank = {"place": 0, "distance": 1, "address": 2}
    for row in facts.key_places:
        known = best.get(row["place_key"])
        if known is None or rank[row["match"]] < rank[known["match"]]:
            best[row["place_key"]] = row
    items, cap = [], rules.factors.key_place
    for points, row in _capped(((cap, row) for row in best.values()), cap):
        how = {"place": "发生在", "address": "地址提及",
               "distance": f"距{round(row['distance'] or 0)}米内有"}[row["match"]]
        detail = f"纠纷{how}重点场所{row['name']}（{row.get('kind') or '重点场所'}）"
        items.append(_item("key_place", points, detail, "Place", row["place_key"], "key"))
    return items


def _keyword_items(elements: list[tuple[dict, dict]], rules: ScoringRules) -> list[ScoreItem]:
    words: dict[str, list[str]] = {}
    for _, found in elements:
        for hit in found.get("keyword_hits", []):
            if not hit.get("negated") and hit["word"] not in words.setdefault(hit["library"], []):
                words[hit["library"]].append(hit["word"])
    items = []
    for library, hits in sorted(words.items()):
        library_points = rules.factors.keyword.get(library, 0.0)
        name = LIBRARY_NAMES.get(library, library)
        for index, word in enumerate(hits):
            items.append(_item("keyword", library_points if index == 0 else 0.0,
                               f"命中{name}关键词“{word}”", "Keyword", f"{library}|{word}", "key"))
    return items


def _escalation_items(elements: list[tuple[dict, dict]], rules: ScoringRules) -> list[ScoreItem]:
    first: dict[str, dict[str, Any]] = {}
    for report, found in elements:
        for word in found.get("escalation_words", []):
            first.setdefault(word, report)
    cfg = rules.factors.escalation
    return [
        _item("escalation", points, f"出现升级言行“{word}”（{_source(report)}）", "Report", report["key"],
              "key")
        for points, (word, report) in _capped(((cfg.per_word, pair) for pair in first.items()), cfg.max)
    ]


def _group_size_items(facts: DisputeFacts, elements: list[tuple[dict, dict]],
                      rules: ScoringRules) -> list[ScoreItem]:
    counts = [(found.get("people_count") or 0, report) for report, found in elements]
    counts += [(report.get("involved_count") or 0, report) for report in facts.reports]
    count, report = max(counts, key=lambda pair: pair[0], default=(facts.people_count or 0, None))
    count = max(count, facts.people_count or 0)
    points, band = band_points(rules.factors.group_size, count)
    if band is None:
        return []
    label, key = ("Report", report["key"]) if report else ("Dispute", facts.id)
    return [_item("group_size", points, f"涉及约{count:g}人（不少于{band.min:g}人）", label, key,
                  "key" if report else "id")]


def _channel_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    ranked = sorted(facts.reports, key=lambda r: -rules.factors.channel.get(r["channel"], 0.0))
    if not ranked or rules.factors.channel.get(ranked[0]["channel"], 0.0) <= 0:
        return []
    report = ranked[0]
    return [_item("channel", rules.factors.channel[report["channel"]], f"经{_source(report)}上报",
                  "Report", report["key"], "key")]


def _department_risk_items(facts: DisputeFacts, rules: ScoringRules) -> list[ScoreItem]:
    table = rules.factors.department_risk
    rated = [r for r in facts.reports if r.get("risk_level") in table]
    if not rated:
        return []
    report = max(rated, key=lambda r: table[r["risk_level"]])
    if table[report["risk_level"]] <= 0:
        return []
    department = report.get("department") or "部门"
    detail = f"{department}评定风险等级为“{report['risk_level']}”（{report['source_id']}）"
    return [_item("department_risk", table[report["risk_level"]], detail, "Report", report["key"], "key")]


def _amount_items(facts: DisputeFacts, elements: list[tuple[dict, dict]],
                  rules: ScoringRules) -> list[ScoreItem]:
    amounts = [(value, report) for report, found in elements for value in found.get("amounts", [])]
    amounts += [(value, None) for value in facts.amounts]
    if not amounts:
        return []
    value, report = max(amounts, key=lambda pair: (pair[0], pair[1] is not None))
    points, band = band_points(rules.factors.amount, value)
    if band is None:
        return []
    label, key, prop = ("Report", report["key"], "key") if report else ("Dispute", facts.id, "id")
    return [_item("amount", points, f"涉及金额约{value:,.0f}元（不少于{band.min:,.0f}元）", label, key, prop)]


def _own_items(pid: str, disputes: list[DisputeScore]) -> list[ScoreItem]:
    """The person's own factors over their disputes, each evidence node once (prior record: the latest)."""
    own: dict[tuple[str, str], ScoreItem] = {}
    for dispute in disputes:
        for item in dispute.items:
            if item.pid != pid or item.factor not in PERSON_FACTORS:
                continue
            key = (item.factor, "" if item.factor == "prior_record" else item.node_key)
            own[key] = item
    return list(own.values())


def _person_repeat_items(disputes: list[DisputeScore], rules: ScoringRules) -> list[ScoreItem]:
    cfg, days = rules.factors.repeat, rules.windows.accumulate_days
    later = [(cfg.per_dispute, d) for d in disputes[1:]]
    return [
        _item("repeat_count", points,
              f"{days}天内第{index + 2}起纠纷{d.case_code or d.dispute_id}（{_day(d.occurred_at)}）",
              "Dispute", d.dispute_id, "id")
        for index, (points, d) in enumerate(_capped(later, cfg.max))
    ]


def _dispute_content_items(disputes: list[DisputeScore], share: float) -> list[ScoreItem]:
    """A share of each dispute's points that are not about one person (words, size, channel, place …)."""
    items = []
    for d in disputes:
        points = sum(i.points for i in d.items if i.pid is None and i.factor != "repeat_count")
        if points > 0:
            detail = f"涉及纠纷{d.case_code or d.dispute_id}（{d.title or ''}），纠纷内容{points:g}分按{share:g}计"
            items.append(_item("dispute_risk", round(points * share, 1), detail, "Dispute", d.dispute_id, "id"))
    return items


def _source(report: dict[str, Any]) -> str:
    return f"{CHANNEL_NAMES_ZH.get(report['channel'], report['channel'])}{report.get('source_id') or ''}"


def _day(value: Any) -> str:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native.strftime("%Y-%m-%d") if hasattr(native, "strftime") else str(native)[:10]


def is_scored(score: Score) -> bool:
    """Whether a score reaches a colour (and so raises a warning)."""
    return score.colour is not None
