"""The ingest commands as a new user types them: data set directories, and clear errors for wrong usage."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.db.graph import Graph
from app.ingest import cli as ingest_cli
from app.settings import Settings


@pytest.fixture
def run(settings: Settings, monkeypatch: pytest.MonkeyPatch):
    """Invoke `caselink …` against the test database; returns the result."""
    from app import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    monkeypatch.setattr(ingest_cli, "get_settings", lambda: settings)
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(cli.app, list(args))
        result.text = " ".join(result.output.split())  # the console wraps at 80 columns
        return result

    return invoke


def _no_traceback(output: str) -> bool:
    return "Traceback" not in output and "Error:" not in output.replace("error:", "")


def test_a_data_set_directory_loads_its_reference_then_its_channel_files(
    empty_graph: Graph, samples_dir: Path, tmp_path: Path, run
) -> None:
    data = tmp_path / "data"
    shutil.copytree(samples_dir, data)
    (data / "notes.csv").write_text("备注,说明\n1,not a channel file\n", encoding="utf-8")
    result = run("load", str(data))
    assert result.exit_code == 0, result.text
    assert "reference data" in result.text
    assert "skipped" in result.text and "notes.csv" in result.text
    for channel in ("hotline12345", "police110", "grid", "qrcode", "department"):
        assert channel in result.text
    counts = {row["label"]: row["count"] for row in empty_graph.read("count_store_nodes")}
    assert counts["Area"] > 0 and counts["Report"] > 0


def test_a_directory_without_channel_files_is_refused(empty_graph: Graph, tmp_path: Path, run) -> None:
    result = run("load", str(tmp_path))
    assert result.exit_code == 1 and "no channel file" in result.text
    assert _no_traceback(result.text)


@pytest.mark.parametrize(("args", "name", "problem"), [
    (["--channel", "hotline"], "labels.csv", "unknown channel 'hotline'"),
    ([], "labels.csv", "unknown channel"),
    (["--channel", "hotline12345"], "hotline12345.xlsx", "save the sheet as CSV"),
])
def test_an_unknown_channel_is_named_before_anything_is_written(
    empty_graph: Graph, tmp_path: Path, run, args: list[str], name: str, problem: str
) -> None:
    labels = tmp_path / name
    labels.write_text("incident,label\n1,x\n", encoding="utf-8")
    result = run("load", *args, str(labels))
    assert result.exit_code == 1 and problem in result.text
    assert _no_traceback(result.text)
    assert not {row["label"]: row["count"] for row in empty_graph.read("count_store_nodes")}["Report"]


def test_reference_load_of_a_data_set_directory_points_to_its_reference(
    empty_graph: Graph, samples_dir: Path, run
) -> None:
    result = run("reference", "load", str(samples_dir))
    assert result.exit_code == 1
    assert "no reference data" in result.text and "reference" in result.text and "caselink load" in result.text


@pytest.mark.parametrize(("args", "problem"), [
    (["list", "--status", "bogus"], "unknown status 'bogus'"),
    (["list", "--channel", "hotline"], "unknown channel 'hotline'"),
    (["retry", "Q-x", "--set", "submitted_at"], "--set needs FIELD=VALUE"),
])
def test_quarantine_commands_name_wrong_options(graph: Graph, run, args: list[str], problem: str) -> None:
    result = run("quarantine", *args)
    assert result.exit_code == 1 and problem in result.text
    assert _no_traceback(result.text)


def test_a_file_loaded_as_the_wrong_channel_says_so(empty_graph: Graph, samples_dir: Path, run) -> None:
    result = run("load", "--channel", "police110", str(samples_dir / "hotline12345.csv"))
    assert result.exit_code == 0, result.text
    assert "every police110 record was quarantined" in result.text
