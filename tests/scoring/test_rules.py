"""The scoring rules file and the pure factor arithmetic (no database needed)."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from app.scoring.factors import score_dispute
from app.scoring.models import DisputeFacts
from app.scoring.rules import band_points, default_rules_path, load_rules

AT = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)


def _facts(**extra) -> DisputeFacts:
    report = {"key": "police110|J1", "channel": "police110", "source_id": "J1", "risk_level": None,
              "involved_count": None, "elements_json": '{"keyword_hits": [], "escalation_words": []}'}
    base = {"id": "D1", "area_code": "410603002003", "occurred_at": AT, "last_reported_at": AT,
            "reports": [report], "persons": [{"pid": "P1", "name": "牛建军"}]}
    return DisputeFacts(**(base | extra))


def test_rules_file_is_versioned_and_complete() -> None:
    rules = load_rules()
    assert rules.version
    assert rules.colour_for(rules.thresholds["red"]) == "red"
    assert rules.colour_for(rules.thresholds["blue"] - 0.1) is None
    assert [rules.levels[c].level for c in ("red", "orange", "yellow", "blue")] == [1, 2, 3, 4]
    assert "县党政主要领导" in rules.levels["red"].leader


def test_thresholds_must_fall_from_red_to_blue(tmp_path: Path) -> None:
    data = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    data["thresholds"]["blue"] = 500
    path = tmp_path / "scoring.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_rules(path)


def test_band_points_take_the_highest_band_reached() -> None:
    bands = load_rules().factors.group_size
    assert band_points(bands, 23)[0] == 20
    assert band_points(bands, 3) == (0.0, None)
    assert band_points(bands, None) == (0.0, None)


def test_negated_keyword_hits_do_not_count() -> None:
    hits = [{"library": "violence", "word": "打人", "start": 3, "end": 5, "negated": True}]
    report = {"key": "qrcode|Q1", "channel": "qrcode", "source_id": "Q1",
              "elements_json": json.dumps({"keyword_hits": hits, "escalation_words": []})}
    score = score_dispute(_facts(reports=[report]), load_rules())
    assert [i for i in score.items if i.factor == "keyword"] == []


def test_every_item_names_its_evidence_node() -> None:
    facts = _facts(
        key_persons=[{"pid": "P1", "name": "牛建军", "entry_key": "E1", "category": "吸毒人员",
                      "control_level": None, "record": None, "match": "name_birth"}],
        notices=[{"pid": "P1", "name": "牛建军", "code": "N1", "issued_at": "2025-01-01", "kind": None,
                  "reason": "稳控"}],
    )
    rules = load_rules()
    score = score_dispute(facts, rules)
    by_factor = {i.factor: i for i in score.items}
    assert by_factor["key_person"].points == rules.factors.key_person.categories["吸毒人员"]
    assert by_factor["key_person"].node_label == "KeyPersonEntry" and "姓名和出生日期" in by_factor["key_person"].detail
    assert by_factor["notice"].node_key == "N1"
    assert by_factor["channel"].node_label == "Report"
    assert score.score == sum(i.points for i in score.items)


def test_repeat_points_are_capped_but_every_earlier_dispute_is_evidence() -> None:
    earlier = [{"pid": "P1", "name": "甲", "earlier_id": f"E{n}", "case_code": None, "occurred_at": AT,
                "category": None, "title": None} for n in range(5)]
    rules = load_rules()
    items = [i for i in score_dispute(_facts(earlier_disputes=earlier), rules).items if i.factor == "repeat_count"]
    assert len(items) == 5
    assert sum(i.points for i in items) == rules.factors.repeat.max
