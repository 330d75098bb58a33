"""Loading a file again changes nothing, even when it holds a record twice (a correction in the same file)."""

from pathlib import Path

from app.caller import SYSTEM
from app.db.graph import Graph
from app.ingest import service
from app.ingest.reference import load_reference
from app.settings import Settings
from tests.conftest import SAMPLES

HEADER = "工单编号,来电时间,来电人,来电号码,诉求类型,诉求标题,诉求内容,诉求地址,所属区县,承办单位,办结时限,工单状态"
ORDER = "HB-RELOAD-1,2025-06-02 10:00:00,赵女士,13803921236,投诉,楼道漏水,3号楼楼道漏水，物业不管。,,山城区,,,{state}"


def _load(graph: Graph, settings: Settings, path: Path) -> dict[str, int]:
    return service.load_paths(graph=graph, settings=settings, caller=SYSTEM, paths=[path], hooks=[]).totals()


def _versions(graph: Graph) -> list[int]:
    report = service.get_report(graph=graph, caller=SYSTEM, channel="hotline12345", source_id="HB-RELOAD-1")
    assert report is not None
    return sorted(v["version"] for v in report["versions"])


def test_a_file_with_a_correction_loads_again_as_unchanged(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_reference(graph=empty_graph, settings=settings, directory=SAMPLES / "reference")
    path = tmp_path / "hotline12345.csv"
    path.write_text("\n".join([HEADER, ORDER.format(state="已受理"), ORDER.format(state="已办结")]) + "\n",
                    encoding="utf-8")
    first = _load(empty_graph, settings, path)
    assert (first["new"], first["updated"]) == (1, 1)
    assert _versions(empty_graph) == [1]

    again = _load(empty_graph, settings, path)
    assert (again["unchanged"], again["new"], again["updated"]) == (2, 0, 0)
    assert _versions(empty_graph) == [1]

    older = tmp_path / "old" / "hotline12345.csv"
    older.parent.mkdir()
    older.write_text("\n".join([HEADER, ORDER.format(state="已受理")]) + "\n", encoding="utf-8")
    assert _load(empty_graph, settings, older)["unchanged"] == 1
    report = service.get_report(graph=empty_graph, caller=SYSTEM, channel="hotline12345", source_id="HB-RELOAD-1")
    assert report is not None and report["report"]["status"] == "已办结", report["report"]
