"""Repeat per area: similar disputes of one category group in a grid, community or street, counted once each."""

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from app.detection.context import Run, SeriesWarningDraft, dispute_line, evidence, native_row
from app.detection.models import LEVEL_NAMES_ZH, DisputeFacts, Level
from app.detection.similarity import series
from app.warnings.models import COLOUR_NAMES_ZH


def repeat_blocks(run: Run, facts: list[DisputeFacts]) -> dict[str, dict[str, Any]]:
    """One row per (level, area, category group) that the disputes touch, for `list_repeat_blocks`."""
    rules = run.rules
    window = rules.repeat.window_days
    blocks: dict[str, dict[str, Any]] = {}
    for f in facts:
        if not f.category:
            continue
        group = rules.similarity.group_of(f.category)
        for level, code in (("grid", f.grid_code), ("community", f.community_code), ("street", f.street_code)):
            if not code or not rules.repeat.thresholds.get(level):
                continue
            key = f"{level}|{code}|{group}"
            row = blocks.get(key)
            if row is None:
                row = blocks[key] = {
                    "key": key, "level": level, "code": code, "group": group,
                    "grid": code if level == "grid" else None,
                    "community": f.community_code if level in ("grid", "community") else None,
                    "street": code if level == "street" else None,
                    "categories": rules.similarity.members(f.category), "days": window,
                    "end": run.as_of, "since": f.occurred_at,
                }
            row["since"] = min(row["since"], f.occurred_at)
    if run.as_of is not None:
        for row in blocks.values():
            row["since"] = run.as_of - timedelta(days=window)
    return blocks


def repeat_drafts(run: Run, blocks: dict[str, dict[str, Any]]) -> list[SeriesWarningDraft]:
    """Count the similar disputes of each block and draft a warning where a threshold is reached."""
    if not blocks:
        return []
    params = [{k: row[k] for k in ("key", "grid", "community", "street", "categories", "since", "end", "days")}
              for row in blocks.values()]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in run.graph.read("list_repeat_blocks", rows=params, scope=run.scope):
        found[row["key"]].append(native_row(row))
    drafts = []
    for key, rows in found.items():
        draft = _draft(run, blocks[key], rows)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _draft(run: Run, block: dict[str, Any], rows: list[dict[str, Any]]) -> SeriesWarningDraft | None:
    level: Level = block["level"]
    ids = {row["id"] for row in rows}
    links = [(row["id"], other) for row in rows for other in row["similar"] if other in ids]
    groups = series(ids, links)
    counted = sorted((row for row in rows if any(row["id"] in g for g in groups)),
                     key=lambda row: (row["occurred_at"], row["id"]))
    count = len(counted)
    colour = run.rules.repeat.colour_for(level, count)
    if colour is None:
        return None
    anchor: datetime = rows[0]["anchor"]
    group, place = block["group"], LEVEL_NAMES_ZH[level]
    threshold = run.rules.repeat.thresholds[level][colour]
    window = run.rules.repeat.window_days
    series_of = {dispute_id: n for n, g in enumerate(groups, start=1) for dispute_id in g}
    items = [
        evidence("repeat_count", f"第{n}起 {dispute_line(row)}，系列{series_of[row['id']]}", "Dispute",
                 row["id"], "id", 1)
        for n, row in reversed(list(enumerate(counted, start=1)))
    ][: run.rules.repeat.max_evidence]
    return SeriesWarningDraft(
        kind="repeat", target_label="Area", target_key=block["code"], target_key_property="code",
        series=group, area_code=block["code"], colour=colour, score=count,
        title=f"该{place}近期第{count}起类似纠纷（{group}）",
        reasons=[
            f"{window}天内该{place}同类相似纠纷{count}起（{len(groups)}个系列，最大系列{len(groups[0])}起），"
            f"每起纠纷只计一次",
            f"达到{COLOUR_NAMES_ZH[colour]}阈值{threshold}起",
        ],
        rule_version=run.rules.version, evidence=items, as_of=anchor,
        figures={"count": count, "series": len(groups), "largest_series": len(groups[0]), "level": level,
                 "category_group": group, "window_days": window, "threshold": threshold,
                 "latest_dispute": counted[-1]["id"], "anchor": anchor.isoformat()},
    )
