"""Pure parts of detection: similarity, series, Poisson tail, expected counts, the shipped rules."""

import math
import random
from datetime import date, timedelta
from itertools import combinations

import pytest
import yaml
from apscheduler.schedulers.background import BackgroundScheduler

from app.detection.linking import Members, micros, score_blocks
from app.detection.models import DisputeFacts, load_rules
from app.detection.service import register_jobs
from app.detection.similarity import compare, jaccard, series
from app.detection.surge import CityBaseline, evaluate, poisson_sf
from app.ingest.hooks import post_ingest_hooks
from app.settings import REPO_ROOT
from tests.detection.fixtures import at

RULES = load_rules()


def _facts(dispute_id: str, category: str, keywords: list[str], day: int, place: str | None = None) -> DisputeFacts:
    return DisputeFacts(id=dispute_id, occurred_at=at(day), category=category, keywords=keywords, place_key=place,
                        area_code="410603002003001", community_code="410603002003")


def test_jaccard_and_links_point_from_earlier_to_later() -> None:
    assert jaccard(["a", "b"], ["b", "c"]) == pytest.approx(1 / 3)
    assert jaccard([], []) == 0
    later = _facts("D1", "物业纠纷", ["漏水", "物业", "维修"], 10)
    earlier = _facts("D2", "物业纠纷", ["漏水", "物业", "电梯"], 5)
    link = compare(later, earlier, RULES.similarity)
    assert (link.source, link.target, link.reason) == ("D2", "D1", "keywords") and link.score == 0.5


def test_same_place_needs_a_shared_word_and_related_categories_weigh_less() -> None:
    a = _facts("D1", "物业纠纷", ["漏水", "物业"], 1, "长风小区3号楼")
    b = _facts("D2", "邻里纠纷", ["漏水", "推搡", "楼上", "渗到", "理论"], 2, "长风小区3号楼")
    link = compare(a, b, RULES.similarity)
    assert link.reason == "same_place+related_category"
    assert link.score == pytest.approx(RULES.similarity.same_place_score * RULES.similarity.related_category_factor)
    assert compare(a, _facts("D3", "邻里纠纷", ["噪音"], 2, "长风小区3号楼"), RULES.similarity) is None
    assert compare(a, _facts("D4", "婚姻家庭", ["漏水", "物业"], 2), RULES.similarity) is None
    assert compare(a, _facts("D5", "物业纠纷", ["漏水", "物业"], 1 + 91), RULES.similarity) is None


def test_same_place_only_at_building_level_as_ingest_merges() -> None:
    a = _facts("D1", "物业纠纷", ["漏水", "物业"], 1, "长风小区")
    b = _facts("D2", "物业纠纷", ["漏水", "推搡", "楼上", "渗到", "理论"], 2, "长风小区")
    assert compare(a, b, RULES.similarity) is None, "an estate name is shared by disputes about other issues"
    building = {"place_key": "长风小区3号楼"}
    link = compare(a.model_copy(update=building), b.model_copy(update=building), RULES.similarity)
    assert link is not None and link.reason == "same_place"
    ingest = yaml.safe_load((REPO_ROOT / "config" / "ingest.yaml").read_text(encoding="utf-8"))
    assert RULES.similarity.same_place_pattern == ingest["incident_merge"]["same_place"]["building_pattern"]


def test_an_estate_only_dispute_joins_a_building_of_its_estate_at_the_lower_jaccard() -> None:
    words = ["漏水", "物业", "维修", "楼上", "天花板", "渗水", "业主", "要求"]
    screening = _facts("D1", "物业纠纷", [*words[:3], "排查", "房管", "台账", "督促", "整改", "回复", "住户"], 1,
                       "长风小区")
    call = _facts("D2", "物业纠纷", words, 2, "长风小区3号楼")
    score = jaccard(screening.keywords, call.keywords)
    assert RULES.similarity.same_estate_min_jaccard <= score < RULES.similarity.min_jaccard
    link = compare(screening, call, RULES.similarity)
    assert link is not None and link.reason == "keywords"
    other_building = call.model_copy(update={"id": "D3", "place_key": "长风小区5号楼"})
    assert compare(call.model_copy(update={"keywords": screening.keywords}), other_building, RULES.similarity) is None
    assert compare(screening, screening.model_copy(update={"id": "D4", "keywords": words}), RULES.similarity) is None


def test_two_buildings_need_the_higher_jaccard_for_a_keyword_link() -> None:
    # Neighbours piling things in the stairwell at two buildings: the common words of the issue, not one matter.
    a = _facts("D1", "邻里纠纷", ["杂物", "楼道", "堆放", "占用", "楼下住户", "赔偿损失"], 1, "宏达小区14号楼")
    b = _facts("D2", "邻里纠纷", ["杂物", "楼道", "堆放", "台账", "楼下住户", "网格员", "排查"], 9,
               "建业团结嘉园32号楼")
    score = jaccard(a.keywords, b.keywords)
    assert RULES.similarity.min_jaccard <= score < RULES.similarity.other_building_min_jaccard
    assert compare(a, b, RULES.similarity) is None
    assert compare(a, b.model_copy(update={"place_key": None}), RULES.similarity) is not None, "a place unknown"
    assert compare(a, b.model_copy(update={"place_key": "宏达小区14号楼"}), RULES.similarity) is not None
    close = b.model_copy(update={"keywords": [*a.keywords[:5], "台账"]})
    assert compare(a, close, RULES.similarity).reason == "keywords"


def test_series_are_connected_components_largest_first() -> None:
    found = series(["a", "b", "c", "d", "e", "f"], [("a", "b"), ("b", "c"), ("e", "f"), ("x", "a")])
    assert found == [["a", "b", "c"], ["e", "f"]]


def test_a_series_core_drops_disputes_chained_by_one_link() -> None:
    # Two triangles (two issues) joined by one link a3-b1, and a tail c hanging on b3.
    links = [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("a3", "b1"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"),
             ("b3", "c")]
    ids = ["a1", "a2", "a3", "b1", "b2", "b3", "c"]
    assert series(ids, links) == [ids]
    # The bridge keeps both triangles (each end has 3 links), the tail goes.
    assert series(ids, links, min_links=2) == [ids[:6]]
    # A chain has no 2-core: no series at all.
    assert series(ids, [("a1", "a2"), ("a2", "a3"), ("a3", "b1")], min_links=2) == []


@pytest.mark.parametrize(("k", "lam", "expected"), [
    (0, 3.0, 1.0),
    (1, 2.0, 1 - math.exp(-2)),
    (10, 2.0, 4.649807e-05),
    (3, 5.0, 0.875348),
    (40, 1.0, 4.621446e-49),
])
def test_poisson_upper_tail(k: int, lam: float, expected: float) -> None:
    assert poisson_sf(k, lam) == pytest.approx(expected, rel=1e-5, abs=0)


def test_expected_count_uses_history_prior_and_season() -> None:
    rules = RULES.surge
    anchor = at(400)
    cut = anchor.date() - timedelta(days=rules.observe_days)
    # City-wide: four communities, one dispute a day in history; twice that in last year's same period.
    daily = {cut - timedelta(days=n): 4 for n in range(rules.history_days)}
    for n in range(rules.observe_days):
        daily[anchor.date() - timedelta(days=365 + n)] = 8
    baseline = CityBaseline(daily={"劳资纠纷": daily}, communities=4, first_day=date(2024, 1, 1))
    result = evaluate(observed=12, history=30, anchor=anchor, categories=["劳资纠纷"], baseline=baseline,
                      rules=rules)
    assert result.history_days == rules.history_days
    assert 1.0 < result.season_factor < 2.0
    city = sum(daily.values())
    prior = city / (4 * rules.history_days)
    rate = (30 + rules.prior_days * prior) / (rules.history_days + rules.prior_days)
    avg_period = city * rules.observe_days / rules.history_days
    season = (8 * rules.observe_days + rules.season_pseudo_count) / (avg_period + rules.season_pseudo_count)
    assert result.expected == pytest.approx(rate * rules.observe_days * season)
    assert result.p_value == pytest.approx(poisson_sf(12, result.expected))


def test_no_surge_judgement_without_enough_history() -> None:
    baseline = CityBaseline(daily={}, communities=1, first_day=at(390).date())
    assert evaluate(observed=9, history=0, anchor=at(400), categories=["劳资纠纷"], baseline=baseline,
                    rules=RULES.surge) is None


def test_detection_runs_on_arrival() -> None:
    assert any(hook.__module__ == "app.detection.service" for hook in post_ingest_hooks())


def test_nightly_pass_is_registered_at_the_configured_time() -> None:
    scheduler = BackgroundScheduler(timezone="Asia/Shanghai")
    register_jobs(scheduler, lambda: None)
    job = scheduler.get_job("detection-nightly")
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["hour"], fields["minute"]) == (str(RULES.full_pass.hour), str(RULES.full_pass.minute))


def test_block_scoring_gives_exactly_the_links_of_compare_pair_by_pair() -> None:
    # Random disputes of one block: ties in time, empty keyword lists, empty, shared and estate-level (never
    # same-place) places, both categories of a group, pairs just inside and just outside the window.
    rng = random.Random(5)
    words = [f"词{n}" for n in range(12)]
    facts = []
    for n in range(160):
        when = at(rng.choice((0, 0, 45, 90, 91, 130)) + rng.randrange(60)) + timedelta(seconds=rng.choice((0, 1)))
        facts.append(DisputeFacts(
            id=f"D{rng.randrange(10_000):05d}-{n}", occurred_at=when, category=rng.choice(["物业纠纷", "邻里纠纷"]),
            keywords=rng.sample(words, rng.randrange(0, 6)) * rng.choice((1, 2)),
            place_key=rng.choice([None, "", "3号楼", "4号楼", "长风小区"]), area_code="410603002003001",
            community_code="410603002003"))
    members = Members()
    for f in facts:
        members.add({"id": f.id, "at": micros(f.occurred_at), "category": f.category, "keywords": f.keywords,
                     "place_key": f.place_key, "community_code": f.community_code, "street_code": None,
                     "grid_code": None})
    key = ("410603002003", "", "物业纠纷")
    everyone = list(range(len(facts)))
    links = score_blocks(members, {key: everyone}, {key: everyone}, RULES.similarity)
    found = {(r["source"], r["target"]): (r["score"], r["reason"]) for r in links.rows(members.ids)}
    expected = {(link.source, link.target): (link.score, link.reason)
                for a, b in combinations(facts, 2) if (link := compare(a, b, RULES.similarity))}
    assert found == expected and len(expected) > 100
