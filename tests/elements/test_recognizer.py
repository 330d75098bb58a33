"""Element recognition: the channel samples' expectations, negation, facts, robustness, quality floor."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.elements import (
    CATEGORY_CODES,
    Elements,
    PartyFacts,
    Recognizer,
    clean_text,
    get_recognizer,
    load_keyword_libraries,
)
from app.elements.evaluate import EvalRecord, evaluate_file, evaluate_records, evaluate_truth
from app.elements.taxonomy import load_taxonomy
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
EVAL_PATH = ROOT / "tests" / "data" / "recognition_eval.jsonl"

# The channel samples' texts (shared/samples), copied so the tests do not depend on shared/.
SHANG_XUEMEI = "报警人称前夫牛建军刚刑满释放，到其住处因女儿抚养费问题发生争吵，情绪激动，扬言要报复，请求出警。"
WAGE_ARREARS = (
    "来电人反映其与20余名工友在淇县朝歌街道城关社区一工地务工，承包方鹤壁市恒达建筑劳务有限公司拖欠工资共计37万元，"
    "多次讨要无果，工友们扬言要集体到市政府讨说法。"
)
SOCIAL_CARD = "来电人咨询社保卡丢失后补办需要哪些材料。"
LEAK_HOTLINE = (
    "来电人反映：山城区红旗街道长风社区长风小区3号楼1单元下水管道漏水已一周，污水流进楼道，多次联系鹤壁市安居物业服务"
    "有限公司无人处理，与楼下住户也因此发生争吵，要求尽快维修。"
)
LEAK_GRID = "长风小区3号楼1单元下水管道漏水，楼下住户赵国强与楼上住户李秀兰多次争吵，物业公司未及时维修，居民情绪较大。"
LEAK_QR = "长风小区3号楼下水道又漏了，污水到处流，物业一直不管，楼上楼下天天吵架。"
LEAK_POLICE = "报警人称楼上住户家下水管道漏水渗到其家中，找楼上理论时发生推搡，要求处理。"
DEPT_WAGES = "鹤壁市恒达建筑劳务有限公司拖欠23名农民工工资共计37万元，工人情绪激动。"


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    """The process-wide default recognizer (built once for the module)."""
    return get_recognizer()


def words(elements: Elements, library: str | None = None, *, negated: bool = False) -> list[str]:
    """Words of the keyword hits (of one library), negated or not."""
    return [h.word for h in elements.keyword_hits if h.negated == negated and library in (None, h.library)]


# ---------------------------------------------------------------- the samples


def test_police_ex_husband_threat(recognizer: Recognizer) -> None:
    e = recognizer.recognize(
        text=SHANG_XUEMEI, channel="police110", channel_label="纠纷-家庭纠纷",
        reported_at=datetime(2025, 4, 29, 15, 30, 12),
        parties=[PartyFacts(name="尚雪梅", role="报警人", id_number="410603198803122023"),
                 PartyFacts(name="牛建军", role="对方当事人", id_number="410603198203151234")],
    )
    assert e.is_dispute and e.category == "婚姻家庭"
    assert e.relation == "前夫妻"
    assert set(words(e, "extreme")) == {"扬言", "报复"}
    assert {"扬言", "报复"} <= set(e.escalation_words)
    assert "major" not in e.flags  # threats are hits and escalation words, not a major fact
    assert "label:纠纷-家庭纠纷" in e.category_evidence and "前夫" in e.category_evidence
    assert e.time_of_day == "下午" and e.season == "春"
    assert [(p.name, p.age) for p in e.persons] == [("尚雪梅", 37), ("牛建军", 43)]


def test_hotline_wage_arrears(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=WAGE_ARREARS, title="讨要工资", channel="hotline12345", request_type="求助",
                             address="淇县朝歌街道城关社区恒达工地")
    assert e.is_dispute and e.category == "劳资纠纷"
    assert e.amounts == [370000.0]
    assert e.people_count == 20
    assert "集体" in e.flags["group"] and "20余名工友" in e.flags["group"]
    assert e.flags["sensitive"] == ["到市政府"]
    assert {"37万元", "20余名工友"} <= set(e.flags["major"])
    assert "多次" in e.flags["repeat"]
    assert e.relation == "劳资"
    assert e.organizations == ["鹤壁市恒达建筑劳务有限公司"]
    assert "恒达工地" in e.places
    assert "拖欠工资" in e.keywords


def test_hotline_consultation_is_not_a_dispute(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=SOCIAL_CARD, title="社保卡补办", channel="hotline12345", request_type="咨询")
    assert not e.is_dispute
    assert e.category is None and e.category_confidence == 0.0
    assert "诉求类型:咨询" in e.category_evidence and "补办" in e.category_evidence
    assert e.flags == {}


@pytest.mark.parametrize(
    ("channel", "label", "text", "title"),
    [
        ("hotline12345", None, LEAK_HOTLINE, "楼道下水管道漏水物业不处理"),
        ("grid", "物业纠纷", LEAK_GRID, "长风小区3号楼下水管道漏水引发邻里矛盾"),
        ("qrcode", None, LEAK_QR, ""),
    ],
)
def test_changfeng_leak_is_a_property_dispute(
    recognizer: Recognizer, channel: str, label: str | None, text: str, title: str
) -> None:
    e = recognizer.recognize(text=text, title=title, channel=channel, channel_label=label, request_type="投诉")
    assert e.category == "物业纠纷"
    assert "漏水" in e.keywords and "下水管道" in e.keywords
    assert "长风小区3号楼" in e.places
    assert e.flags.get("repeat")


def test_qr_leak_again_sets_repeat(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=LEAK_QR, channel="qrcode")
    assert e.flags["repeat"] == ["又"]


def test_police_neighbour_leak_with_pushing(recognizer: Recognizer) -> None:
    # Documented choice (docs/recognition.md): a quarrel between two households, labelled 邻里 by the
    # police, with no complaint against the property company, is 邻里纠纷.
    e = recognizer.recognize(text=LEAK_POLICE, channel="police110", channel_label="纠纷-邻里纠纷")
    assert e.category == "邻里纠纷"
    assert words(e, "violence") == ["推搡"]
    assert e.relation == "邻里"
    assert "major" not in e.flags  # pushing alone is not a major incident


def test_department_wages(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=DEPT_WAGES, channel="department", channel_label="劳动保障")
    assert e.category == "劳资纠纷"
    assert e.people_count == 23
    assert e.flags["group"] == ["23名农民工"]  # 农民工 alone is a library hit, not a head count
    assert e.amounts == [370000.0]


def test_real_sample_files_if_present(recognizer: Recognizer) -> None:
    if not SAMPLES.is_dir():
        pytest.skip("shared/samples not beside the repository")
    rows = list(csv.DictReader(io.StringIO((SAMPLES / "hotline12345.csv").read_bytes().decode("gb18030"))))
    results = [recognizer.recognize(text=r["诉求内容"], title=r["诉求标题"], channel="hotline12345",
                                    request_type=r["诉求类型"]) for r in rows]
    assert [r.is_dispute for r in results] == [True, True, False, True]
    police = [json.loads(line) for line in (SAMPLES / "police110.jsonl").read_text(encoding="utf-8").splitlines()]
    categories = [recognizer.recognize(text=o["BJNR"], channel="police110", channel_label=o["JQLBMC"]).category
                  for o in police]
    assert categories == ["婚姻家庭", "婚恋情感", "婚恋情感", "邻里纠纷"]


# ---------------------------------------------------------------- negation


def test_negated_violence_does_not_count(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="双方并未动手，没有打人，也没有人受伤。", channel="police110",
                             channel_label="纠纷-邻里纠纷")
    assert words(e, "violence", negated=True) == ["动手", "打人", "受伤"]
    assert e.active_hits() == [] and not e.has_flag("major")
    assert "major" not in e.flags


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("对方没有对我动手", "动手", True),
        ("未造成人员受伤", "受伤", True),
        ("工人们表示不会去上访", "上访", True),  # 去 is transparent: the negation reaches 上访
        ("没有钱就动手打人", "动手", False),  # 就 breaks the negation
        ("打电话也不接 农民工的钱还没给", "农民工", False),  # 不 negates 接, and a space ends a clause
        ("无故殴打他人", "殴打", False),  # 无故 is not 无
        ("监护不到位拒绝赔偿", "拒绝", False),
    ],
)
def test_negation_window(recognizer: Recognizer, text: str, word: str, negated: bool) -> None:
    e = recognizer.with_keyword_libraries({"test": [word]}).recognize(text=text, channel="grid")
    assert [(h.word, h.negated) for h in e.keyword_hits] == [(word, negated)]


def test_negated_escalation_sets_no_flag(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="工人们表示不会去上访，只希望尽快拿到工钱。", channel="hotline12345",
                             request_type="求助")
    assert "sensitive" not in e.flags and "上访" not in e.escalation_words


def test_village_collective_is_not_a_group(recognizer: Recognizer) -> None:
    text = "两村因集体林权归属争议，村集体土地被占用。"
    e = recognizer.recognize(text=text, channel="grid", channel_label="山林土地")
    assert "group" not in e.flags


# ---------------------------------------------------------------- facts


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("拖欠工资共计37万元", [370000.0]),
        ("欠款3.5万，一直不还", [35000.0]),
        ("押金2000元不退", [2000.0]),
        ("借了两万元", [20000.0]),
        ("损失十余万元", [100000.0]),
        ("借了我八千块快三年", [8000.0]),
        ("彩礼18.8万元", [188000.0]),
        ("两块地、3号楼、12万平方米、2万人", []),
    ],
)
def test_amounts(recognizer: Recognizer, text: str, amounts: list[float]) -> None:
    assert recognizer.recognize(text=text, channel="grid").amounts == amounts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("20余名工友讨薪", 20),
        ("拖欠23名农民工工资", 23),
        ("三十多户村民聚集", 30),
        ("数十名群众", 10),
        ("干了3个月", None),
    ],
)
def test_people_count_from_text(recognizer: Recognizer, text: str, count: int | None) -> None:
    assert recognizer.recognize(text=text, channel="grid").people_count == count


def test_people_count_from_channel(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="小区居民因停车位问题聚在一起", channel="grid", involved_count=12)
    assert e.people_count == 12
    assert "涉及12人" in e.flags["group"] and "涉及12人" in e.flags["major"]


def test_places_and_organisations(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=LEAK_HOTLINE, channel="hotline12345", address="山城区红旗街道长风小区3号楼1单元")
    assert e.places == ["长风小区3号楼"]
    assert e.organizations == ["鹤壁市安居物业服务有限公司"]


def test_persons_from_text_and_parties(recognizer: Recognizer) -> None:
    e = recognizer.recognize(
        text="王建国(男,45岁,个体户)与邻居李先生（42岁，出租车司机）因停车发生争吵。", channel="grid",
        parties=[{"name": "王建国", "role": "当事人"}],
    )
    facts = {(p.name, p.age, p.occupation, p.source) for p in e.persons}
    assert ("王建国", 45, "个体户", "party+text") in facts
    assert ("李先生", 42, "出租车司机", "text") in facts


def test_malformed_party_fields_are_dropped(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="邻居吵架", channel="grid", parties=[{"name": "张三", "age": "不详"}])
    assert [(p.name, p.age) for p in e.persons] == [("张三", None)]


@pytest.mark.parametrize(
    ("moment", "time_of_day", "season"),
    [
        (datetime(2025, 6, 12, 22, 15), "深夜", "夏"),
        (datetime(2025, 1, 3, 3, 0), "凌晨", "冬"),
        (datetime(2025, 10, 1, 4, 0, tzinfo=UTC), "中午", "秋"),  # 12:00 in Beijing
    ],
)
def test_time_of_day_and_season(recognizer: Recognizer, moment: datetime, time_of_day: str, season: str) -> None:
    e = recognizer.recognize(text="邻居吵架", channel="grid", reported_at=moment)
    assert (e.time_of_day, e.season) == (time_of_day, season)


# ---------------------------------------------------------------- robustness


def test_html_emoji_and_offsets(recognizer: Recognizer) -> None:
    raw = "<div class='x'>前夫&nbsp;扬言<br/>要报复😡😡<script>alert(1)</script></div>"
    e = recognizer.recognize(text=raw, channel="police110", channel_label="纠纷-家庭纠纷")
    cleaned = clean_text(raw)
    assert "<" not in cleaned and "😡" not in cleaned and "alert" not in cleaned
    assert e.keyword_hits and all(cleaned[h.start : h.end] == h.word for h in e.keyword_hits)


def test_title_hits_carry_their_field(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text=WAGE_ARREARS, title="讨要工资", channel="hotline12345")
    assert any(h.field == "title" and h.word == "讨要工资" and h.start == 0 for h in e.keyword_hits)


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "<br><br>", "\x00\x01\x02", "a" * 10, "1234567890"])
def test_odd_texts_do_not_crash(recognizer: Recognizer, text: str) -> None:
    e = recognizer.recognize(text=text, channel="qrcode")
    assert isinstance(e, Elements)


def test_very_long_text_is_truncated(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="楼上漏水物业不管，" * 20000, channel="grid")
    assert e.truncated and e.category == "物业纠纷"


def test_unknown_label_and_channel_alias(recognizer: Recognizer) -> None:
    e = recognizer.recognize(text="双方为此发生争执", channel="police", channel_label="纠纷-租赁纠纷")
    assert e.category == "租赁纠纷"


# ---------------------------------------------------------------- configuration and data


def test_keyword_libraries_come_from_reference_data(recognizer: Recognizer, tmp_path: Path) -> None:
    (tmp_path / "extreme.txt").write_text("# 极端言行\n砸了你家\n\n砸了你家\n", encoding="utf-8")
    (tmp_path / "sensitive.txt").write_text("找电视台\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a library", encoding="utf-8")
    libraries = load_keyword_libraries(tmp_path)
    assert libraries == {"extreme": ["砸了你家"], "sensitive": ["找电视台"]}
    text = "对方说要砸了你家的门，还要找电视台"
    before = recognizer.recognize(text=text, channel="grid")
    assert before.keyword_hits == [] and "sensitive" not in before.flags
    for reloaded in (recognizer.with_keyword_libraries(libraries), Recognizer(keyword_libraries=libraries)):
        e = reloaded.recognize(text=text, channel="grid")
        assert words(e) == ["砸了你家", "找电视台"]
        assert e.flags["sensitive"] == ["找电视台"] and "砸了你家" in e.escalation_words


def test_missing_library_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_keyword_libraries(tmp_path / "missing")


def test_user_dictionary_words_need_a_tag(tmp_path: Path) -> None:
    from app.elements.lexicon import DEFAULT_LEXICON_DIR, LexiconError, load_lexicons

    for path in DEFAULT_LEXICON_DIR.iterdir():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "dispute.txt").open("a", encoding="utf-8") as handle:
        handle.write("扬言\n")
    with pytest.raises(LexiconError, match=r"dispute\.txt"):
        load_lexicons(tmp_path)


def test_user_dictionary_fixes_jieba_tags_and_leaves_global_jieba_alone(recognizer: Recognizer) -> None:
    import jieba

    from app.elements.lexicon import base_pos_table

    # jieba's own dictionary tags 扬言 as a person name (nr); ours says verb.
    assert base_pos_table()["扬言"] == "nr"
    assert recognizer._tokenizer.tag("扬言") == "v"
    assert [w for w, _, _ in recognizer._tokenizer.tokens("报警人称")] == ["报警人", "称"]
    assert "报警人" not in jieba.dt.FREQ and "扬言" not in jieba.dt.user_word_tag_tab


def test_taxonomy_has_the_28_categories() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.version
    assert tuple(taxonomy.categories) == CATEGORY_CODES and len(CATEGORY_CODES) == 28
    for code, category in taxonomy.categories.items():
        assert category.description
        assert category.cues or code == "其他纠纷"
        assert any(category.labels.values()), code


def test_default_recognizer_is_cached() -> None:
    assert get_recognizer() is get_recognizer()


# ---------------------------------------------------------------- quality (issue 4 §6)


def test_quality_floor_on_the_evaluation_set(recognizer: Recognizer) -> None:
    # Measured on the whole set: category accuracy 0.92, dispute accuracy 0.98, flags micro P/R
    # 0.98/1.00; the held-out part alone: 0.875. Floors sit a little below.
    report = evaluate_file(path=EVAL_PATH, recognizer=recognizer)
    assert report.total >= 300
    assert report.category_accuracy >= 0.88
    assert report.dispute_accuracy >= 0.95
    micro = report.flag_micro()
    assert micro.precision >= 0.9 and micro.recall >= 0.9
    for name, score in report.flags.items():
        assert score.precision >= 0.8 and score.recall >= 0.8, name
    holdout = evaluate_file(path=EVAL_PATH, recognizer=recognizer, split="holdout")
    assert holdout.total >= 60 and holdout.category_accuracy >= 0.82


def test_evaluation_set_covers_every_category() -> None:
    records = [json.loads(line) for line in EVAL_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 200
    assert {r["category"] for r in records} >= set(CATEGORY_CODES) | {None}
    assert {r["channel"] for r in records} == {"hotline12345", "police110", "grid", "qrcode", "department"}


def test_evaluate_records_counts_confusions(recognizer: Recognizer) -> None:
    records = [
        EvalRecord(text=SOCIAL_CARD, channel="hotline12345", request_type="咨询", category=None),
        EvalRecord(text=LEAK_QR, channel="qrcode", category="邻里纠纷", flags=["repeat"]),
    ]
    report = evaluate_records(records=records, recognizer=recognizer)
    assert report.total == 2 and report.category_correct == 1
    assert report.top_confusions() == [("邻里纠纷", "物业纠纷", 1)]
    assert report.flags["repeat"].tp == 1


def test_evaluate_truth_reads_a_generated_dataset(recognizer: Recognizer, tmp_path: Path) -> None:
    (tmp_path / "truth").mkdir()
    (tmp_path / "police110.jsonl").write_text(json.dumps(
        {"JJDBH": "J1", "BJNR": SHANG_XUEMEI, "JQLBMC": "纠纷-家庭纠纷"}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8")
    hotline = "工单编号,诉求类型,诉求标题,诉求内容\nH1,咨询,社保卡补办," + SOCIAL_CARD + "\n"
    (tmp_path / "hotline12345.csv").write_bytes(hotline.encode("gb18030"))
    (tmp_path / "truth" / "labels.csv").write_text(
        # The generator writes police/hotline and none; police110/hotline12345 and empty work too.
        "channel,source_id,category,flags\npolice,J1,婚姻家庭,major|repeat\nhotline,H1,none,\ngrid,G404,物业纠纷,\n",
        encoding="utf-8")
    report = evaluate_truth(out_dir=tmp_path, recognizer=recognizer)
    assert report.total == 2 and report.category_accuracy == 1.0
    assert report.flags["major"].fn == 1 and report.flags["repeat"].fn == 1
