"""`caselink score` / `caselink detect` and their scheduled jobs on a past data set: none closes every warning
because the data is old (app/disputes/service.stale_data_end)."""

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from app.caller import SYSTEM
from app.db.graph import Graph
from app.detection import service as detection
from app.disputes.service import stale_data_end
from app.scoring import service as scoring
from app.settings import Settings
from app.warnings.service import list_warnings

PASSES = {
    # command: (its stale check, its scheduled jobs, the warning kinds it may close, what the refusal names)
    "score": (scoring.stale_data_end, scoring.register_jobs, ("risk",), "close every risk warning"),
    "detect": (detection.stale_data_end, detection.register_jobs, ("repeat", "respondent", "prior_record"),
               "close every repeat warning"),
}


def _open(graph: Graph, kinds: tuple[str, ...]) -> int:
    return sum(list_warnings(graph=graph, caller=SYSTEM, status="open", kind=kind, size=1).total for kind in kinds)


@pytest.mark.parametrize("command", sorted(PASSES))
def test_a_pass_without_as_of_on_past_data_refuses_and_names_the_day(
    sample_graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from app import cli

    stale, _, kinds, refusal = PASSES[command]
    monkeypatch.setattr(cli, "get_settings", lambda: settings)
    before = _open(sample_graph, kinds)
    assert before > 0
    result = CliRunner().invoke(cli.app, [command])
    text = " ".join(result.output.split())
    assert result.exit_code == 1, text
    assert "--as-of 2025-" in text and refusal in text
    assert _open(sample_graph, kinds) == before

    latest = stale(graph=sample_graph, scope=SYSTEM.scope)
    assert latest is not None
    assert stale(graph=sample_graph, scope=SYSTEM.scope, as_of=latest + timedelta(days=1)) is None
    result = CliRunner().invoke(cli.app, [command, "--as-of", f"{latest:%Y-%m-%d}"])
    assert result.exit_code == 0, result.output
    assert _open(sample_graph, kinds) > 0


@pytest.mark.parametrize("command", sorted(PASSES))
def test_the_scheduled_job_keeps_the_warnings_of_a_past_data_set(sample_graph: Graph, command: str) -> None:
    _, register_jobs, kinds, _ = PASSES[command]
    jobs: list[Callable[[], None]] = []

    class Recorder:
        def add_job(self, func: Callable[[], None], trigger: str, **options: object) -> None:
            jobs.append(func)

    register_jobs(Recorder(), lambda: sample_graph)
    before = _open(sample_graph, kinds)
    jobs[0]()
    assert _open(sample_graph, kinds) == before > 0


def test_an_empty_graph_is_not_stale(empty_graph: Graph) -> None:
    """Last in the module: it wipes the graph the other tests share."""
    assert stale_data_end(graph=empty_graph, scope="", window_days=1, as_of=datetime.now().astimezone()) is None
