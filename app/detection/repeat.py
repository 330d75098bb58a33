"""Repeat per area: similar disputes of one category group in a grid, community or street, counted once each.

A community block (community, category group) is read once with its similarity links; its grids are
counted from the same rows, with the community's anchor. A street block is counted in Cypher.
"""

from bisect import bisect_right
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from app.db.values import native, native_row
from app.detection.context import Run, SeriesWarningDraft, dispute_line, dispute_lines, evidence
from app.detection.models import LEVEL_NAMES_ZH, DisputeFacts, Level
from app.detection.similarity import series
from app.warnings.models import COLOUR_NAMES_ZH

Block = dict[str, Any]


def repeat_blocks(run: Run, facts: list[DisputeFacts]) -> dict[str, Block]:
    """One row per community block and per street block that the disputes touch."""
    rules = run.rules
    blocks: dict[str, Block] = {}
    for f in facts:
        if not f.category:
            continue
        group = rules.similarity.group_of(f.category)
        for level, code in (("community", f.community_code), ("street", f.street_code)):
            if not code or not _warns(run, level):
                continue
            block = blocks.setdefault(f"{level}|{code}|{group}", {
                "key": f"{level}|{code}|{group}", "level": level, "code": code, "group": group, "grids": set(),
                "categories": rules.similarity.members(f.category), "since": f.occurred_at,
            })
            block["since"] = min(block["since"], f.occurred_at)
            if level == "community" and f.grid_code:
                block["grids"].add(f.grid_code)
    return blocks


def _warns(run: Run, level: str) -> bool:
    thresholds = run.rules.repeat.thresholds
    return bool(thresholds.get(level)) or (level == "community" and bool(thresholds.get("grid")))


def repeat_drafts(run: Run, blocks: dict[str, Block],
                  window: tuple[dict, dict] | None = None) -> list[SeriesWarningDraft]:
    """Count the similar disputes of each block and draft a warning where a threshold is reached.

    `window` (a full pass that has just linked every dispute of the window ending at as_of) gives each
    (community, group) and (street, group) its rows from `linking.window_rows` instead of reading the graph.
    """
    communities = {k: b for k, b in blocks.items() if b["level"] == "community"}
    streets = {k: b for k, b in blocks.items() if b["level"] == "street"}
    if window is None:
        return _community_drafts(run, communities) + _street_drafts(run, streets)
    community_rows = [{"key": key, "anchor": run.as_of, "disputes": rows} for key, block in communities.items()
                      if (rows := window[0].get((block["code"], block["group"])))]
    street_rows = [_street_row(run, key, run.as_of, window[1].get((block["code"], block["group"]), []))
                   for key, block in streets.items()]
    return _community_drafts(run, communities, community_rows) + _street_drafts(run, streets, street_rows)


def _street_row(run: Run, key: str, anchor: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A street block's count from its window rows: the largest series, as for a community, latest first."""
    groups = series({d["id"] for d in rows}, [(d["id"], o) for d in rows for o in d["similar"]],
                    run.rules.repeat.series_min_links)
    largest = set(groups[0]) if groups else set()
    counted = sorted((d for d in rows if d["id"] in largest), key=lambda d: (d["at"], d["id"]), reverse=True)
    latest = [d["id"] for d in counted[: run.rules.repeat.max_evidence]]
    return {"key": key, "anchor": anchor, "counted": len(counted), "latest": latest,
            "communities": len({d["community"] for d in counted if d["community"]})}


def _params(run: Run, block: Block, area_key: str, **extra: Any) -> dict[str, Any]:
    window = run.rules.repeat.window_days
    since = run.as_of - timedelta(days=window) if run.as_of else block["since"]
    return {"key": block["key"], area_key: block["code"], "categories": block["categories"], "since": since,
            "end": run.as_of, "days": window, **extra}


def _community_drafts(run: Run, blocks: dict[str, Block],
                      found: list[dict[str, Any]] | None = None) -> list[SeriesWarningDraft]:
    if not blocks:
        return []
    window = timedelta(days=run.rules.repeat.window_days)
    if found is None:
        params = [{**_params(run, block, "community"), "start": None if run.as_of else block["since"] - 2 * window}
                  for block in blocks.values()]
        found = run.graph.read("list_repeat_blocks", rows=params, scope=run.scope)
    plans = []
    for row in found:
        block, anchor = blocks[row["key"]], native(row["anchor"])
        first = anchor if run.as_of else block["since"] - window
        if run.rules.repeat.thresholds.get("community"):
            plans.append(("community", block["code"], block["group"], first, anchor, row["disputes"]))
        for grid in sorted(block["grids"]) if run.rules.repeat.thresholds.get("grid") else []:
            rows = [d for d in row["disputes"] if d["grid"] == grid]
            plans.append(("grid", grid, block["group"], first, anchor, rows))
    counted = [found for plan in plans if (found := _peak(run, *plan)) is not None]
    limit = run.rules.repeat.max_evidence
    lines = dispute_lines(run, [d["id"] for *_, rows, _ in counted for d in rows[-limit:]])
    return [_series_draft(run, *plan, lines) for plan in counted]


def _peak(run: Run, level: Level, code: str, group: str, first: datetime, anchor: datetime,
          disputes: list[dict[str, Any]]) -> tuple | None:
    """The window with the most counted disputes among those ending at `anchor` or at a dispute from `first` on.

    With as_of only the window ending at as_of counts. On arrival every window that a new dispute can have
    changed counts (ties go to the latest): a block loaded out of order ends as one loaded in order at its peak.
    """
    span = run.rules.repeat.window_days * 86_400_000
    low, high = _millis(first), _millis(anchor)
    ends = sorted({high, *(d["at"] for d in disputes if low <= d["at"] < high)})
    bound = _series_bound(disputes) if len(ends) > 1 else None
    best = (*_counted(run, [d for d in disputes if high - span < d["at"] <= high]), high)
    # Latest end first: an earlier window wins only with strictly more. A window's series are pieces of the
    # series of all rows, so a window whose pieces cannot beat the best so far is not counted at all.
    for end in reversed(ends[:-1]):
        if bound is None or bound(end - span, end) <= len(best[0]):
            continue
        rows, groups = _counted(run, [d for d in disputes if end - span < d["at"] <= end])
        if len(rows) > len(best[0]):
            best = (rows, groups, end)
    rows, groups, end = best
    if not run.rules.repeat.colour_for(level, len(rows)):
        return None
    return level, code, group, datetime.fromtimestamp(end / 1000, UTC), rows, groups


def _series_bound(disputes: list[dict[str, Any]]) -> Callable[[int, int], int]:
    """An upper bound of a window's largest series: the most rows in the window of one series of all the rows."""
    ids = {d["id"] for d in disputes}
    at = {d["id"]: d["at"] for d in disputes}
    times = [sorted(at[i] for i in group) for group in series(ids, [(d["id"], o) for d in disputes
                                                                     for o in d["similar"]])]

    def bound(after: int, until: int) -> int:
        return max((bisect_right(t, until) - bisect_right(t, after) for t in times), default=0)

    return bound


def _counted(run: Run, disputes: list[dict[str, Any]]) -> tuple[list[dict], list[list[str]]]:
    """The disputes of the largest series (oldest first) and all series, among links inside the given disputes.

    Only the largest series counts: several small series of different issues are not one repeat; a series keeps
    only members with `series_min_links` links inside it, so that one generic link does not chain two issues.
    """
    ids = {d["id"] for d in disputes}
    groups = series(ids, [(d["id"], other) for d in disputes for other in d["similar"]],
                    run.rules.repeat.series_min_links)
    members = set(groups[0]) if groups else set()
    rows = sorted((d for d in disputes if d["id"] in members), key=lambda d: (d["at"], d["id"]))
    return rows, groups


def _millis(instant: datetime) -> int:
    """Epoch milliseconds of an instant (the unit of the block rows' `at`)."""
    return int(instant.timestamp() * 1000)


def _series_draft(run: Run, level: Level, code: str, group: str, anchor: datetime, rows: list[dict[str, Any]],
                  groups: list[list[str]], lines: dict[str, str]) -> SeriesWarningDraft:
    colour = run.rules.repeat.colour_for(level, len(rows))
    series_of = {dispute_id: n for n, g in enumerate(groups, start=1) for dispute_id in g}
    items = [
        evidence("repeat_count", f"第{n}起 {lines.get(d['id'], d['id'])}，系列{series_of[d['id']]}", "Dispute",
                 d["id"], "id", 1)
        for n, d in reversed(list(enumerate(rows, start=1)))
    ]
    in_series = sum(len(g) for g in groups)
    figures = {"series": len(groups), "largest_series": len(groups[0]), "in_series": in_series,
               "latest_dispute": rows[-1]["id"]}
    detail = f"最大系列{len(groups[0])}起；共{len(groups)}个系列{in_series}起"
    return _draft(run, level, code, group, len(rows), colour, anchor, items, detail, figures)


def _street_drafts(run: Run, blocks: dict[str, Block],
                   found: list[dict[str, Any]] | None = None) -> list[SeriesWarningDraft]:
    if not blocks:
        return []
    if found is None:
        params = [_params(run, block, "street") for block in blocks.values()]
        found = [_street_row(run, row["key"], row["anchor"], row["disputes"])
                 for row in run.graph.read("count_street_repeats", rows=params, scope=run.scope)]
    # The rows carry ids only: the evidence lines are read for the warned blocks.
    found = [row for row in found if run.rules.repeat.colour_for("street", row["counted"])]
    ids = sorted({d for row in found for d in row["latest"]})
    lines = {row["id"]: row for row in run.graph.read("get_dispute_lines", ids=ids, scope=run.scope)}
    found = [{**row, "latest": [lines[d] for d in row["latest"]]} for row in found]
    drafts = []
    for row in found:
        block, count = blocks[row["key"]], row["counted"]
        colour = run.rules.repeat.colour_for("street", count)
        if colour is None:
            continue
        latest = [native_row(item) for item in row["latest"]]
        items = [evidence("repeat_count", f"第{count - n}起 {dispute_line(item)}", "Dispute", item["id"], "id", 1)
                 for n, item in enumerate(latest)]
        detail = f"分布于{row['communities']}个社区"
        figures = {"communities": row["communities"], "latest_dispute": latest[0]["id"]}
        drafts.append(_draft(run, "street", block["code"], block["group"], count, colour, native(row["anchor"]),
                             items, detail, figures))
    return drafts


def _draft(run: Run, level: Level, code: str, group: str, count: int, colour: Any, anchor: datetime,
           items: list, detail: str, figures: dict[str, Any]) -> SeriesWarningDraft:
    place, window = LEVEL_NAMES_ZH[level], run.rules.repeat.window_days
    threshold = run.rules.repeat.thresholds[level][colour]
    return SeriesWarningDraft(
        kind="repeat", target_label="Area", target_key=code, target_key_property="code", series=group,
        area_code=code, colour=colour, score=count, title=f"该{place}近期第{count}起类似纠纷（{group}）",
        reasons=[f"{window}天内该{place}同类相似纠纷{count}起（{detail}），每起纠纷只计一次",
                 f"达到{COLOUR_NAMES_ZH[colour]}阈值{threshold}起"],
        rule_version=run.rules.version, evidence=items[: run.rules.repeat.max_evidence], as_of=anchor,
        figures={"count": count, "level": level, "category_group": group, "window_days": window,
                 "threshold": threshold, "anchor": anchor.isoformat(), **figures},
    )
