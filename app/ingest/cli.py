"""CLI commands of ingest: load, reference load, quarantine list / show / retry."""

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from app.caller import SYSTEM
from app.ingest import service
from app.ingest.reference import load_reference
from app.settings import get_settings
from loaders.pipeline import LoadSummary

console = Console()
reference_app = typer.Typer(help="The centre's risk-prevention database (reference data).", no_args_is_help=True)
quarantine_app = typer.Typer(help="Records that could not be read.", no_args_is_help=True)


def load_command(
    paths: list[Path] = typer.Argument(..., exists=True, help="Channel files (CSV or JSON Lines)."),
    channel: str | None = typer.Option(None, "--channel", help="Channel of every file (default: detected)."),
) -> None:
    """Load channel files: read, map, resolve and write; prints a summary."""
    from app.cli import open_graph

    settings = get_settings()
    total = sum(_count_lines(path) for path in paths)
    with open_graph(settings) as graph, _progress() as progress:
        task = progress.add_task("loading", total=total)
        summary = service.load_paths(
            graph=graph,
            settings=settings,
            caller=SYSTEM,
            paths=paths,
            channel=channel,
            progress=lambda n: progress.advance(task, n),
        )
    print_summary(summary)


def print_summary(summary: LoadSummary) -> None:
    """The per-channel table of a load, with unexpected fields."""
    table = Table(title="load summary")
    for column in ("channel", "read", "new", "updated", "unchanged", "quarantined"):
        table.add_column(column, justify="right" if column != "channel" else "left")
    for name, counts in sorted(summary.channels.items()):
        table.add_row(
            name, *(str(getattr(counts, key)) for key in ("read", "new", "updated", "unchanged", "quarantined"))
        )
    console.print(table)
    for name, counts in sorted(summary.channels.items()):
        if counts.unexpected_fields:
            fields = ", ".join(f"{field} ({n})" for field, n in counts.unexpected_fields.most_common())
            console.print(f"[yellow]{name}: unexpected fields kept but not mapped:[/] {fields}")
    totals = summary.totals()
    if totals["read"] and totals["read"] == totals["unchanged"]:
        console.print("everything unchanged: this data was loaded before")
    if totals["quarantined"]:
        console.print(f"[yellow]{totals['quarantined']} records quarantined[/]: `caselink quarantine list`")


@reference_app.command("load")
def reference_load(directory: Path = typer.Argument(..., exists=True, file_okay=False)) -> None:
    """Load areas, key persons, key places, notices and keyword libraries from a directory."""
    from app.cli import open_graph

    settings = get_settings()
    with open_graph(settings) as graph:
        summary = load_reference(graph=graph, settings=settings, directory=directory)
    table = Table(title="reference data")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, count in summary.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    for problem in summary.problems:
        console.print(f"[yellow]{problem}[/]")


@quarantine_app.command("list")
def quarantine_list(
    status: str = typer.Option("open", help="open, resolved or all"),
    channel: str | None = typer.Option(None),
    limit: int = typer.Option(100),
) -> None:
    """List quarantined records with their reasons."""
    from app.cli import open_graph

    with open_graph() as graph:
        rows = service.list_quarantine(
            graph=graph, status=None if status == "all" else status, channel=channel, limit=limit
        )
    table = Table(title=f"quarantine ({len(rows)})")
    for column in ("key", "source", "line", "reason", "status"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["key"], Path(row["source"]).name, str(row["line"]), row["reason"], row["status"])
    console.print(table)


@quarantine_app.command("show")
def quarantine_show(key: str) -> None:
    """Show one quarantined record with its raw payload."""
    from app.cli import fail, open_graph

    with open_graph() as graph:
        entry = service.get_quarantine(graph=graph, key=key)
    if entry is None:
        raise fail(f"no quarantined record {key}")
    for field in ("key", "channel", "source", "line", "reason", "field", "status", "attempts"):
        console.print(f"[bold]{field}[/]: {entry[field]}")
    console.print("[bold]raw[/]:")
    console.print(entry["raw_text"], markup=False, highlight=False)


@quarantine_app.command("retry")
def quarantine_retry(
    keys: list[str] = typer.Argument(None, help="Keys to retry (default: every open record)."),
    set_field: list[str] = typer.Option([], "--set", help="FIELD=VALUE correction applied before retrying."),
) -> None:
    """Re-process quarantined records, optionally with corrected fields."""
    from app.cli import fail, open_graph

    overrides = dict(item.split("=", 1) for item in set_field)
    settings = get_settings()
    with open_graph(settings) as graph:
        targets = keys or [row["key"] for row in service.list_quarantine(graph=graph, limit=100000)]
        for key in targets:
            try:
                result = service.retry_quarantine(
                    graph=graph, settings=settings, caller=SYSTEM, key=key, overrides=overrides
                )
            except KeyError:
                raise fail(f"no quarantined record {key}") from None
            except ValueError as error:
                raise fail(f"{key}: {error}") from None
            reason = result["outcome"].get("reason", "")
            console.print(f"{key}: {result['status']} {reason}")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return max(
            sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            - (1 if path.suffix == ".csv" else 0),
            0,
        )
