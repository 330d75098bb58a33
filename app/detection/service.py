"""Detection runs: similar disputes, repeats per area and respondent, prior records, surges.

Detection runs on arrival (a post-ingest hook on the disputes a load touched), nightly over the
disputes of the last `full_pass.days` (`detect_all`, the `caselink detect` command and a scheduler
job), and on demand (POST /api/v1/detect). Both write the same SIMILAR_TO links and hand the same
WarningDrafts to `upsert_warnings`, so running twice changes nothing.
"""

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.db.graph import Graph, chunked
from app.db.values import native_row
from app.detection.context import Run, as_of_instant
from app.detection.linking import window_rows
from app.detection.models import DetectionRules, DetectionSummary, DisputeFacts, SimilarLink, load_rules
from app.detection.prior_record import Route, needs_record, persons_to_read, prior_record_drafts
from app.detection.repeat import repeat_blocks, repeat_drafts
from app.detection.respondent import respondent_drafts
from app.detection.similarity import link_period, link_similar
from app.detection.surge import surge_blocks, surge_drafts
from app.disputes import service as disputes
from app.warnings.models import WarningDraft
from app.warnings.service import close_stale_warnings, upsert_warnings

log = logging.getLogger(__name__)

DETECTOR = "detection"
KINDS = ("repeat", "respondent", "prior_record", "surge")


def detect_disputes(*, graph: Graph, scope: str, dispute_ids: list[str], as_of: date | datetime | None = None,
                    rules: DetectionRules | None = None) -> DetectionSummary:
    """Detect on arrival: link the disputes to similar ones and re-evaluate every target they touch.

    Without `as_of` each window ends at its target's latest dispute (a record loaded late counts as it
    would have at the time); with it, every window ends at `as_of`.
    """
    run = Run(graph=graph, scope=scope, rules=rules or load_rules(), as_of=as_of_instant(as_of))
    summary = DetectionSummary(as_of=run.as_of, rule_version=run.rules.version)
    facts: list[DisputeFacts] = []
    targets: dict[str, set[str]] = {"person": set(), "organization": set()}
    for batch in chunked(sorted(set(dispute_ids)), run.rules.full_pass.batch_size):
        facts += _link_batch(run, batch, summary, targets)
    _evaluate(run, facts, targets, summary)
    return summary


def detect_all(*, graph: Graph, scope: str, as_of: date | datetime | None = None,
               rules: DetectionRules | None = None) -> DetectionSummary:
    """Full pass over the disputes of `full_pass.days` before `as_of` (default now), in batches.

    Detection warnings in scope that this pass no longer supports are closed (kept, never deleted).
    """
    rules = rules or load_rules()
    end = as_of_instant(as_of) or datetime.now(UTC)
    start = end - timedelta(days=rules.full_pass.days)
    run = Run(graph=graph, scope=scope, rules=rules, as_of=end)
    summary = DetectionSummary(as_of=end, rule_version=rules.version)
    # Blocks and targets are read per block and per period, never dispute by dispute.
    facts = _period_facts(run, start, end, summary)
    targets: dict[str, set[str]] = {"person": set(), "organization": set()}
    for row in graph.read_plain("list_period_parties", start=start, end=end, scope=scope,
                                persons_with_records=needs_record(rules.prior_record)):
        targets[row["kind"]].add(row["key"])
    members, links = link_period(run, facts, start, end)
    summary.similar_links = len(links)
    window = None
    if rules.full_pass.days >= rules.repeat.window_days:
        # Every dispute of the repeat window was linked just now: count from those links, not from the graph.
        window = window_rows(members, links, rules.similarity, end, rules.repeat.window_days)
    _evaluate(run, facts, targets, summary, window)
    keep = set(summary.warning_ids)
    for kind in KINDS:
        closed = close_stale_warnings(graph=graph, scope=scope, kind=kind, keep=keep, by=DETECTOR)
        if closed:
            summary.warnings[f"{kind}_closed"] = len(closed)
    return summary


def post_ingest_hook(graph: Graph, *, dispute_ids: list[str], scope: str) -> None:
    """Detect on the disputes an ingest batch created or changed (registered in app/ingest/hooks.py).

    A failure is logged, not raised: the records are already stored, and the nightly pass catches up.
    """
    if not dispute_ids:
        return
    try:
        detect_disputes(graph=graph, scope=scope, dispute_ids=dispute_ids)
    except Exception:
        log.exception("detection on arrival failed for %d disputes", len(dispute_ids))


def stale_data_end(
    *, graph: Graph, scope: str, as_of: datetime | None = None, rules: DetectionRules | None = None
) -> datetime | None:
    """The newest dispute's time when it lies before the repeat window: a pass would close every repeat warning."""
    window = (rules or load_rules()).repeat.window_days
    return disputes.stale_data_end(graph=graph, scope=scope, window_days=window, as_of=as_of)


def register_jobs(scheduler: Any, graph_factory: Callable[[], Graph], rules: DetectionRules | None = None) -> None:
    """Register the nightly full pass on an APScheduler scheduler; `graph_factory()` gives the open graph."""
    rules = rules or load_rules()

    def nightly() -> None:
        graph, current = graph_factory(), load_rules()
        latest = stale_data_end(graph=graph, scope="", rules=current)
        if latest is not None:  # a past data set (the demo city): closing every warning helps nobody
            log.warning("nightly detection skipped: the newest dispute (%s) lies before the repeat window; "
                        "`caselink detect --as-of DAY` detects as of a day", latest)
            return
        summary = detect_all(graph=graph, scope="", rules=current)
        log.info("nightly detection: %s", summary.model_dump())

    scheduler.add_job(nightly, "cron", id="detection-nightly", replace_existing=True, hour=rules.full_pass.hour,
                      minute=rules.full_pass.minute, timezone="Asia/Shanghai")


def _link_batch(run: Run, ids: list[str], summary: DetectionSummary,
                targets: dict[str, set[str]]) -> list[DisputeFacts]:
    facts = _read_facts(run, ids, targets)
    summary.disputes += len(facts)
    summary.similar_links += link_similar(run, facts)
    return facts


def _read_facts(run: Run, ids: list[str], targets: dict[str, set[str]]) -> list[DisputeFacts]:
    """The disputes' facts; their persons and organizations join `targets`."""
    facts = [DisputeFacts(**native_row(row))
             for row in run.graph.read("get_detection_disputes", ids=ids, scope=run.scope)]
    for row in run.graph.read("list_dispute_parties", ids=ids, scope=run.scope):
        targets[row["kind"]].add(row["key"])
    return facts


def _period_facts(run: Run, start: datetime, end: datetime, summary: DetectionSummary) -> list[DisputeFacts]:
    """Two stand-ins per category and area of the period, its earliest and latest dispute: all blocks need."""
    facts = []
    for n, row in enumerate(run.graph.read("list_period_blocks", start=start, end=end, scope=run.scope)):
        summary.disputes += row["disputes"]
        area = row["grid_code"] or row["community_code"] or row["street_code"] or ""
        for edge in ("first", "last"):
            facts.append(DisputeFacts(
                id=f"{edge}:{n}", occurred_at=row[edge].to_native(), category=row["category"], area_code=area,
                street_code=row["street_code"], community_code=row["community_code"], grid_code=row["grid_code"]))
    return facts


def _evaluate(run: Run, facts: list[DisputeFacts], targets: dict[str, set[str]], summary: DetectionSummary,
              window: tuple[dict, dict] | None = None) -> None:
    size = run.rules.full_pass.batch_size
    blocks = repeat_blocks(run, facts)
    for keys in chunked(sorted(blocks), size):
        _upsert(run, "repeat", repeat_drafts(run, {key: blocks[key] for key in keys}, window), summary)
    surges = surge_blocks(run, facts)
    for keys in chunked(sorted(surges), size):
        _upsert(run, "surge", surge_drafts(run, {key: surges[key] for key in keys}), summary)
    arrived = frozenset() if run.as_of else frozenset(f.id for f in facts)
    for orgs in chunked(sorted(targets["organization"]), size):
        _upsert(run, "respondent", respondent_drafts(run, set(orgs), arrived), summary)
    for pids in chunked(sorted(persons_to_read(run, targets["person"])), size):
        drafts, routes = prior_record_drafts(run, set(pids))
        _upsert(run, "prior_record", drafts, summary)
        _route(run, routes, summary)


def _upsert(run: Run, kind: str, drafts: list[WarningDraft], summary: DetectionSummary) -> None:
    ids = upsert_warnings(graph=run.graph, scope=run.scope, drafts=drafts, by=DETECTOR) if drafts else []
    summary.add(kind, ids)


def _route(run: Run, routes: list[Route], summary: DetectionSummary) -> None:
    if not routes:
        return
    rows = [{"id": r.dispute_id, "routed_to": r.area_code, "reason": r.reason, "pid": r.pid} for r in routes]
    run.graph.write("route_disputes", rows=rows, scope=run.scope)
    summary.routed += len(rows)


def similar_links(*, graph: Graph, scope: str, dispute_ids: list[str]) -> list[SimilarLink]:
    """The SIMILAR_TO links of the given disputes inside the scope, earlier dispute first."""
    rows = graph.read("list_similar_links", ids=sorted(set(dispute_ids)), scope=scope)
    return [SimilarLink(**row) for row in rows]


def dispute_routes(*, graph: Graph, scope: str, dispute_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Where detection routed each of the given disputes (routed_to None when it did not)."""
    rows = graph.read("get_dispute_routes", ids=sorted(set(dispute_ids)), scope=scope)
    return {row["id"]: row for row in rows}
