"""CLI command of detection: the full pass on demand."""

from datetime import datetime

import typer
from rich.console import Console

from app.caller import SYSTEM
from app.detection.service import detect_all, stale_data_end

console = Console()


def detect_command(
    as_of: datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"],
        help="Detect as of this day (Beijing time, end of day; default now).",
    ),
) -> None:
    """Link similar disputes and raise repeat, respondent, prior-record and surge warnings."""
    from app.cli import open_graph, refuse_past_data

    with open_graph() as graph:
        latest = None if as_of else stale_data_end(graph=graph, scope=SYSTEM.scope)
        if latest is not None:
            raise refuse_past_data(latest, window="repeat window", warnings="repeat")
        day = as_of.date() if as_of and as_of.time() == datetime.min.time() else as_of
        summary = detect_all(graph=graph, scope=SYSTEM.scope, as_of=day)
    warnings = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.warnings.items())) or "none"
    console.print(
        f"rules {summary.rule_version}, as of {summary.as_of:%Y-%m-%d %H:%M}: {summary.disputes} disputes, "
        f"{summary.similar_links} similar links, {summary.routed} routed; warnings: {warnings}"
    )
