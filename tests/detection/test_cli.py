"""`caselink detect` and the nightly job on a past data set: neither closes every warning because the data is old."""

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from app.caller import SYSTEM
from app.db.graph import Graph
from app.detection.service import register_jobs, stale_data_end
from app.settings import Settings
from app.warnings.service import list_warnings


def _open_detection_warnings(graph: Graph) -> int:
    return sum(list_warnings(graph=graph, caller=SYSTEM, status="open", kind=kind, size=1).total
               for kind in ("repeat", "respondent", "prior_record"))


def test_detect_without_as_of_on_past_data_refuses_and_names_the_day(
    sample_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    before = _open_detection_warnings(sample_graph)
    assert before > 0
    result = CliRunner().invoke(cli.app, ["detect"])
    text = " ".join(result.output.split())
    assert result.exit_code == 1, text
    assert "--as-of 2025-" in text and "close every repeat warning" in text
    assert _open_detection_warnings(sample_graph) == before

    latest = stale_data_end(graph=sample_graph, scope=SYSTEM.scope)
    assert latest is not None
    assert stale_data_end(graph=sample_graph, scope=SYSTEM.scope, as_of=latest + timedelta(days=1)) is None
    result = CliRunner().invoke(cli.app, ["detect", "--as-of", f"{latest:%Y-%m-%d}"])
    assert result.exit_code == 0, result.output
    assert "similar links" in result.output
    assert _open_detection_warnings(sample_graph) > 0


def test_the_nightly_job_keeps_the_warnings_of_a_past_data_set(sample_graph: Graph) -> None:
    class Recorder:
        def __init__(self) -> None:
            self.jobs: list = []

        def add_job(self, func, trigger, **options) -> None:
            self.jobs.append(func)

    scheduler = Recorder()
    register_jobs(scheduler, lambda: sample_graph)
    before = _open_detection_warnings(sample_graph)
    scheduler.jobs[0]()
    assert _open_detection_warnings(sample_graph) == before > 0
