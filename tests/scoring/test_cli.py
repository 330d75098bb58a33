"""`caselink score` and the daily job on a past data set: neither closes every warning because the data is old."""

from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from app.caller import SYSTEM
from app.db.graph import Graph
from app.scoring.service import stale_data_end
from app.settings import Settings
from app.warnings.service import list_warnings


def _open_warnings(graph: Graph) -> int:
    return list_warnings(graph=graph, caller=SYSTEM, status="open", size=1).total


def test_score_without_as_of_on_past_data_refuses_and_names_the_day(
    sample_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app import cli

    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    before = _open_warnings(sample_graph)
    assert before > 0
    result = CliRunner().invoke(cli.app, ["score"])
    text = " ".join(result.output.split())
    assert result.exit_code == 1, text
    assert "--as-of 2025-" in text and "close every risk warning" in text
    assert _open_warnings(sample_graph) == before

    latest = stale_data_end(graph=sample_graph, scope=SYSTEM.scope)
    assert latest is not None
    assert stale_data_end(graph=sample_graph, scope=SYSTEM.scope, as_of=latest + timedelta(days=1)) is None
    result = CliRunner().invoke(cli.app, ["score", "--as-of", f"{latest:%Y-%m-%d}"])
    assert result.exit_code == 0, result.output
    assert "disputes and" in result.output


def test_the_daily_job_keeps_the_warnings_of_a_past_data_set(sample_graph: Graph) -> None:
    class Recorder:
        def __init__(self) -> None:
            self.jobs: list = []

        def add_job(self, func, trigger, **options) -> None:
            self.jobs.append(func)

    from app.scoring.service import register_jobs

    scheduler = Recorder()
    register_jobs(scheduler, lambda: sample_graph)
    before = _open_warnings(sample_graph)
    scheduler.jobs[0]()
    assert _open_warnings(sample_graph) == before > 0


def test_an_empty_graph_is_not_stale(empty_graph: Graph) -> None:
    """Last in the module: it wipes the graph the other tests share."""
    assert stale_data_end(graph=empty_graph, scope="", as_of=datetime.now().astimezone()) is None
