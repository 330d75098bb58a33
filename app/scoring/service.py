"""Risk scoring runs: compare disputes with the risk database, score them and their persons, warn.

Scoring runs on arrival (a post-ingest hook on the disputes a load touched), daily over the open
disputes of the window (`score_all`, the `caselink score` command and a scheduler job), and on demand.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from app.db.graph import Graph, chunked
from app.db.values import native_row as _native_row
from app.db.values import with_instants
from app.disputes import service as disputes
from app.scoring.factors import score_dispute, score_person
from app.scoring.models import DisputeFacts, DisputeScore, PersonScore, ScoreRun
from app.scoring.rules import ScoringRules, load_rules
from app.warnings.models import COLOUR_NAMES_ZH, Evidence, WarningDraft
from app.warnings.service import close_stale_warnings, close_warnings, upsert_warnings

log = logging.getLogger(__name__)

BEIJING = timezone(timedelta(hours=8))
BATCH_SIZE = 500
SCORER = "scoring"
BREAKDOWN_FIELDS = {"score", "colour", "level", "level_name", "leader", "rule_version", "items"}
# A person's name, window (start, end) and the disputes active in it.
PersonWindow = tuple[str | None, tuple[datetime, datetime], list[str]]
# Dispute instants the scoring queries send as ISO-8601 text.
INSTANTS = ("occurred_at", "last_reported_at")
COMPARISONS = {
    "compare_key_persons": "key_persons",
    "compare_notices": "notices",
    "compare_prior_records": "prior_records",
    "compare_earlier_disputes": "earlier_disputes",
    "compare_key_places": "key_places",
}


def score_disputes(
    *,
    graph: Graph,
    scope: str,
    dispute_ids: list[str],
    as_of: date | datetime | None = None,
    rules: ScoringRules | None = None,
) -> ScoreRun:
    """Score disputes and their persons, and upsert or close their risk warnings.

    Without `as_of` a person's window ends at their latest dispute (records loaded late still score as
    they did at the time); with it, the window ends at `as_of`.
    """
    rules = rules or load_rules()
    end = as_of_instant(as_of)
    run = ScoreRun(rule_version=rules.version, as_of=end)
    for batch in chunked(sorted(set(dispute_ids)), BATCH_SIZE):
        _score_batch(graph, scope, batch, end, rules, run, keep=set())
    return run


def score_all(
    *, graph: Graph, scope: str, as_of: date | datetime | None = None, rules: ScoringRules | None = None
) -> ScoreRun:
    """Daily re-score of the disputes not closed reported within the window before `as_of` (default now).

    Risk warnings in scope whose target was not scored in this run are closed.
    """
    rules = rules or load_rules()
    end = as_of_instant(as_of) or datetime.now(UTC)
    start = end - timedelta(days=rules.windows.accumulate_days)
    run, keep, after = ScoreRun(rule_version=rules.version, as_of=end), set(), ""
    while True:
        rows = graph.read(
            "list_disputes_to_score",
            scope=scope,
            start=start,
            end=end,
            after_id=after,
            closed_statuses=rules.closed_statuses,
            limit=BATCH_SIZE,
        )
        if not rows:
            break
        _score_batch(graph, scope, [row["id"] for row in rows], end, rules, run, keep)
        after = rows[-1]["id"]
    closed = close_stale_warnings(graph=graph, scope=scope, kind="risk", keep=keep, by=SCORER)
    run.warnings_closed += len(closed)
    return run


def stale_data_end(
    *, graph: Graph, scope: str, as_of: datetime | None = None, rules: ScoringRules | None = None
) -> datetime | None:
    """The newest dispute's time when it lies before the scoring window: a run would close every risk warning."""
    window = (rules or load_rules()).windows.accumulate_days
    return disputes.stale_data_end(graph=graph, scope=scope, window_days=window, as_of=as_of)


def post_ingest_hook(graph: Graph, *, dispute_ids: list[str], scope: str) -> None:
    """Score the disputes an ingest batch created or changed (registered in app/ingest/hooks.py)."""
    if dispute_ids:
        score_disputes(graph=graph, scope=scope, dispute_ids=dispute_ids)


def register_jobs(scheduler: Any, graph_factory: Callable[[], Graph], rules: ScoringRules | None = None) -> None:
    """Register the daily re-score on an APScheduler scheduler; `graph_factory()` gives the open graph."""
    rules = rules or load_rules()

    def rescore() -> None:
        graph, current = graph_factory(), load_rules()
        latest = stale_data_end(graph=graph, scope="", rules=current)
        if latest is not None:  # a past data set (the demo city): closing every warning helps nobody
            log.warning("daily risk re-score skipped: the newest dispute (%s) lies before the window; "
                        "`caselink score --as-of DAY` scores as of a day", latest)
            return
        run = score_all(graph=graph, scope="", rules=current)
        log.info("daily risk re-score: %s", run.model_dump())

    scheduler.add_job(
        rescore,
        "cron",
        id="risk-rescore",
        replace_existing=True,
        hour=rules.schedule.hour,
        minute=rules.schedule.minute,
        timezone="Asia/Shanghai",
    )


def as_of_instant(as_of: date | datetime | None) -> datetime | None:
    """A day means its end in Beijing time; a naive instant is Beijing time."""
    if as_of is None:
        return None
    if isinstance(as_of, datetime):
        return as_of if as_of.tzinfo else as_of.replace(tzinfo=BEIJING)
    return datetime.combine(as_of, time.max, BEIJING)


def load_facts(graph: Graph, scope: str, ids: list[str], rules: ScoringRules) -> dict[str, DisputeFacts]:
    """The facts of disputes and their comparison with the risk database, read in one transaction."""
    params = {
        "ids": ids,
        "scope": scope,
        "notice_days": rules.windows.notice_days,
        "window_days": rules.windows.accumulate_days,
        "radius_m": rules.key_place_radius_m,
    }

    def work(tx: Any) -> tuple[list[dict], dict[str, list[dict]]]:
        base = graph.run_in(tx, "get_scoring_facts", ids=ids, scope=scope)
        found = {field: graph.run_in(tx, name, **_params_of(name, params)) for name, field in COMPARISONS.items()}
        return base, found

    base, found = graph.execute_read(work)
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for field, rows in found.items():
        for row in rows:
            grouped[row["dispute_id"]][field].append(with_instants(_native_row(row), "occurred_at"))
    return {row["id"]: DisputeFacts(**with_instants(_native_row(row), *INSTANTS), **grouped[row["id"]])
            for row in base}


def _params_of(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Only the parameters a comparison query declares."""
    wanted = {
        "compare_notices": ["notice_days"],
        "compare_earlier_disputes": ["window_days"],
        "compare_key_places": ["radius_m"],
    }.get(name, [])
    return {key: params[key] for key in ("ids", "scope", *wanted)}


def _score_batch(
    graph: Graph, scope: str, ids: list[str], end: datetime | None, rules: ScoringRules, run: ScoreRun, keep: set[str]
) -> None:
    """Score a batch of disputes, the persons in them and those persons' other disputes in the window."""
    facts = load_facts(graph, scope, ids, rules)
    pids = sorted({p["pid"] for f in facts.values() for p in f.persons if p.get("pid")})
    windows = _person_windows(graph, scope, pids, end, rules)
    missing = sorted({i for _, _, ids_ in windows.values() for i in ids_} - facts.keys())
    if missing:
        facts.update(load_facts(graph, scope, missing, rules))
    disputes = {i: score_dispute(f, rules) for i, f in facts.items()}
    persons = [p for pid, window in windows.items() if (p := _person_score(pid, window, disputes, rules))]
    graph.write("write_dispute_scores", rows=[_score_row(s) for s in disputes.values()], scope=scope)
    open_ids = {i for i, f in facts.items() if (f.status or "open") not in rules.closed_statuses}
    drafts = [_dispute_draft(s, rules, end) for i, s in disputes.items() if s.colour and i in open_ids]
    drafts += [_person_draft(p, rules, end) for p in persons if _warns_person(p, rules)]
    evaluated = {f"risk:Dispute:{i}" for i in disputes} | {f"risk:Person:{pid}" for pid in pids}
    written, closed = _publish(graph, scope, drafts, evaluated, rules)
    keep.update(written)
    run.disputes_scored += len(disputes)
    run.persons_scored += len(persons)
    run.warnings_written += len(written)
    run.warnings_closed += len(closed)


def _publish(
    graph: Graph, scope: str, drafts: list[WarningDraft], evaluated: set[str], rules: ScoringRules
) -> tuple[list[str], list[str]]:
    """Upsert the drafts; close the warnings of evaluated targets that no longer score."""
    written = upsert_warnings(graph=graph, scope=scope, drafts=drafts, by=SCORER, rules=rules)
    stale = sorted(evaluated - set(written))
    return written, close_warnings(graph=graph, scope=scope, warning_ids=stale, by=SCORER)


def _person_windows(
    graph: Graph, scope: str, pids: list[str], end: datetime | None, rules: ScoringRules
) -> dict[str, PersonWindow]:
    """Per person: name, window (start, end) and the disputes active in it."""
    rows_by_pid: dict[str, list[dict]] = defaultdict(list)
    for row in graph.read("list_person_disputes", pids=pids, scope=scope, end=end):
        rows_by_pid[row["pid"]].append(with_instants(_native_row(row), *INSTANTS))
    windows = {}
    for pid, rows in rows_by_pid.items():
        stop = end or max(row["last_reported_at"] for row in rows)
        start = stop - timedelta(days=rules.windows.accumulate_days)
        inside = [row["dispute_id"] for row in rows if row["last_reported_at"] >= start]
        windows[pid] = (rows[0]["name"], (start, stop), inside)
    return windows


def _person_score(
    pid: str, window: PersonWindow, disputes: dict[str, DisputeScore], rules: ScoringRules
) -> PersonScore | None:
    name, span, ids = window
    scored = [disputes[i] for i in ids if i in disputes]
    if not scored:
        return None
    return score_person(pid=pid, name=name, disputes=scored, window=span, rules=rules)


def _warns_person(person: PersonScore, rules: ScoringRules) -> bool:
    """A person warning needs a colour and either an own risk factor or enough disputes in the window."""
    enough = len(person.dispute_ids) >= rules.person.min_disputes_without_own_factor
    return person.colour is not None and (person.has_own_factor or enough)


def _score_row(score: DisputeScore) -> dict[str, Any]:
    return {
        "id": score.dispute_id,
        "score": score.score,
        "colour": score.colour,
        "rule_version": score.rule_version,
        "breakdown_json": score.model_dump_json(include=BREAKDOWN_FIELDS),
    }


def _evidence(score: DisputeScore | PersonScore) -> list[Evidence]:
    return [Evidence(**item.model_dump(exclude={"pid"})) for item in score.items]


def _dispute_draft(score: DisputeScore, rules: ScoringRules, end: datetime | None) -> WarningDraft:
    assert score.colour is not None
    return WarningDraft(
        kind="risk",
        target_label="Dispute",
        target_key=score.dispute_id,
        target_key_property="id",
        area_code=score.area_code,
        colour=score.colour,
        score=score.score,
        title=f"{COLOUR_NAMES_ZH[score.colour]}预警：{score.title or score.case_code or score.dispute_id}",
        reasons=score.reasons(),
        rule_version=rules.version,
        evidence=_evidence(score),
        as_of=end or datetime.now(UTC),
        leader=score.leader,
        figures={
            "score": score.score,
            "threshold": rules.thresholds[score.colour],
            "reports": score.report_count,
            "case_code": score.case_code or "",
        },
    )


def _person_draft(person: PersonScore, rules: ScoringRules, end: datetime | None) -> WarningDraft:
    assert person.colour is not None
    days = rules.windows.accumulate_days
    return WarningDraft(
        kind="risk",
        target_label="Person",
        target_key=person.pid,
        target_key_property="pid",
        area_code=person.area_code,
        colour=person.colour,
        score=person.score,
        title=(
            f"{COLOUR_NAMES_ZH[person.colour]}预警：{person.name or '当事人'}"
            f"{days}天内涉及{len(person.dispute_ids)}起纠纷"
        ),
        reasons=person.reasons(),
        rule_version=rules.version,
        evidence=_evidence(person),
        as_of=end or datetime.now(UTC),
        leader=person.leader,
        figures={
            "score": person.score,
            "threshold": rules.thresholds[person.colour],
            "disputes": len(person.dispute_ids),
        },
    )
