"""A file with every kind of broken record loads the good ones and quarantines the rest."""

from app.caller import SYSTEM
from app.db.graph import Graph
from app.ingest import service
from app.ingest.reference import load_reference
from app.settings import REPO_ROOT, Settings
from tests.conftest import SAMPLES

FIXTURES = REPO_ROOT / "tests" / "loaders" / "fixtures"


def test_broken_police_file_loads_good_records_and_quarantines_the_rest(empty_graph: Graph, settings: Settings) -> None:
    load_reference(graph=empty_graph, settings=settings, directory=SAMPLES / "reference")
    path = FIXTURES / "police110_broken.jsonl"
    summary = service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[path])
    totals = summary.totals()
    assert totals["quarantined"] >= 2
    assert totals["new"] >= 1
    assert totals["read"] == totals["new"] + totals["quarantined"]
    rows = service.list_quarantine(graph=empty_graph, status="open", channel="police110", limit=100)
    assert len(rows) == totals["quarantined"]
    for row in rows:
        entry = service.get_quarantine(graph=empty_graph, key=row["key"])
        assert entry["raw_text"], "the raw payload is kept"
        assert entry["reason"] and entry["line"] >= 1


def test_retry_with_a_corrected_field_resolves_the_record(empty_graph: Graph, settings: Settings) -> None:
    path = FIXTURES / "police110_broken.jsonl"
    service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[path])
    rows = service.list_quarantine(graph=empty_graph, status="open", channel="police110", limit=100)
    bad_time = [row for row in rows if row["field"] == "BJSJ"]
    assert bad_time, [row["reason"] for row in rows]
    result = service.retry_quarantine(
        graph=empty_graph,
        settings=settings,
        caller=SYSTEM,
        key=bad_time[0]["key"],
        overrides={"BJSJ": "20250601101500"},
    )
    assert result["status"] == "resolved"
    left = service.list_quarantine(graph=empty_graph, status="open", channel="police110", limit=100)
    assert len(left) == len(rows) - 1


def test_every_channel_fixture_quarantines_without_stopping(empty_graph: Graph, settings: Settings) -> None:
    paths = sorted(FIXTURES.glob("*_broken.*"))
    summary = service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=paths)
    assert {name for name, counts in summary.channels.items() if counts.quarantined} == {
        "hotline12345",
        "police110",
        "grid",
        "qrcode",
        "department",
    }


def test_corrected_record_updates_report_and_keeps_history(empty_graph: Graph, settings: Settings, tmp_path) -> None:
    line = (SAMPLES / "police110.jsonl").read_text(encoding="utf-8").splitlines()[0]
    first = tmp_path / "police110.jsonl"
    first.write_text(line + "\n", encoding="utf-8")
    service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[first])
    corrected = tmp_path / "police110_corrected.jsonl"
    corrected.write_text(line.replace("请求出警", "请求民警尽快出警") + "\n", encoding="utf-8")
    summary = service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[corrected])
    assert summary.totals()["updated"] == 1
    row = empty_graph.read_one("get_report_with_dispute", key="police110|J41060320250429153012001", scope="")
    assert "尽快出警" in row["report"]["text"]
    assert len(row["versions"]) == 1 and "尽快" not in row["versions"][0]["text"]
    assert row["dispute"]["report_count"] == 1


def test_a_file_that_changes_a_record_and_changes_it_back_keeps_both_versions(
    empty_graph: Graph, settings: Settings, tmp_path
) -> None:
    """The second version of a key is classified after the first was written, and analysed even though its
    content equalled the stored one when its batch was prepared."""
    line = (SAMPLES / "police110.jsonl").read_text(encoding="utf-8").splitlines()[0]
    first = tmp_path / "police110.jsonl"
    first.write_text(line + "\n", encoding="utf-8")
    service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[first])
    back_and_forth = tmp_path / "police110_twice.jsonl"
    back_and_forth.write_text(line.replace("请求出警", "请求民警尽快出警") + "\n" + line + "\n", encoding="utf-8")
    summary = service.load_paths(graph=empty_graph, settings=settings, caller=SYSTEM, paths=[back_and_forth])
    assert summary.totals()["updated"] == 2
    row = empty_graph.read_one("get_report_with_dispute", key="police110|J41060320250429153012001", scope="")
    assert "尽快" not in row["report"]["text"]
    assert len(row["versions"]) == 2
    assert row["elements_json"] and row["dispute"]["category"], "the reverted version was analysed"
