"""CLI command of scoring: the daily re-score on demand."""

from datetime import datetime

import typer
from rich.console import Console

from app.caller import SYSTEM
from app.scoring.service import score_all, stale_data_end

console = Console()


def score_command(
    as_of: datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"],
        help="Score as of this day (Beijing time, end of day; default now).",
    ),
) -> None:
    """Re-score the open disputes of the window and their persons; close warnings that no longer score."""
    from app.cli import open_graph, refuse_past_data

    with open_graph() as graph:
        latest = None if as_of else stale_data_end(graph=graph, scope=SYSTEM.scope)
        if latest is not None:
            raise refuse_past_data(latest, window="scoring window", warnings="risk")
        day = as_of.date() if as_of and as_of.time() == datetime.min.time() else as_of
        run = score_all(graph=graph, scope=SYSTEM.scope, as_of=day)
    console.print(
        f"rules {run.rule_version}, as of {run.as_of:%Y-%m-%d %H:%M}: {run.disputes_scored} disputes and "
        f"{run.persons_scored} persons scored, {run.warnings_written} warnings in force, "
        f"{run.warnings_closed} closed"
    )
