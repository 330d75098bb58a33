"""CLI commands of ingest: load, reference load, quarantine list / show / retry."""

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from app.caller import SYSTEM
from app.ingest import service
from app.ingest.reference import ReferenceSummary, load_reference
from app.settings import get_settings
from loaders.channels import detect_channel
from loaders.model import CHANNELS
from loaders.pipeline import LoadSummary

console = Console()
reference_app = typer.Typer(help="The centre's risk-prevention database (reference data).", no_args_is_help=True)
quarantine_app = typer.Typer(help="Records that could not be read.", no_args_is_help=True)
# Files of a data set directory that may hold a channel's records (CSV, JSON Lines or a JSON array).
DATA_SUFFIXES = (".csv", ".jsonl", ".json", ".ndjson")
QUARANTINE_STATUSES = ("open", "resolved", "all")


def load_command(
    paths: list[Path] = typer.Argument(
        ..., exists=True,
        help="Channel files (CSV or JSON Lines), or data set directories: their reference/ first, then their "
             "channel files.",
    ),
    channel: str | None = typer.Option(None, "--channel", help="Channel of every file (default: detected)."),
) -> None:
    """Load channel files or data set directories: read, map, resolve and write; prints a summary."""
    from app.cli import fail, open_graph

    try:
        references, files = plan_load(paths, channel)
    except ValueError as error:
        raise fail(str(error)) from error
    settings = get_settings()
    started = time.monotonic()
    total = sum(_count_lines(path) for path in files)
    with open_graph(settings) as graph:
        for directory in references:
            console.print(f"reference data from {directory}")
            print_reference(load_reference(graph=graph, settings=settings, directory=directory))
        if not {row["label"]: row["count"] for row in graph.read("count_store_nodes")}.get("Area"):
            console.print("[yellow]no areas loaded[/]: every record falls back to the city; "
                          "load the areas first with `caselink reference load DIR`")
        with _progress() as progress:
            task = progress.add_task("loading", total=total)
            summary = service.load_paths(
                graph=graph,
                settings=settings,
                caller=SYSTEM,
                paths=files,
                channel=channel,
                progress=lambda n: progress.advance(task, n),
            )
    print_summary(summary)
    console.print(f"{len(files)} files in {time.monotonic() - started:.0f} s")


def plan_load(paths: list[Path], channel: str | None) -> tuple[list[Path], list[Path]]:
    """The reference directories and channel files to load; ValueError naming what cannot be loaded."""
    if channel is not None and channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; the channels are {', '.join(CHANNELS)}")
    references: list[Path] = []
    files: list[Path] = []
    for path in paths:
        if path.suffix.lower() in (".xlsx", ".xls", ".et"):
            raise ValueError(f"{path.name}: a spreadsheet workbook is not read; save the sheet as CSV (UTF-8 or GBK)")
        if not path.is_dir():
            if channel is None:
                detect_channel(path)  # fails here, before anything is written, naming the file
            files.append(path)
            continue
        found = _data_set_files(path, channel)
        if not found:
            raise ValueError(f"{path}: no channel file in this directory (a data set holds "
                             f"{', '.join(service.CHANNEL_FILES)} and reference/)")
        if (path / "reference").is_dir():
            references.append(path / "reference")
        files.extend(found)
    return references, files


def _data_set_files(directory: Path, channel: str | None) -> list[Path]:
    """The channel files directly in a directory, in channel order; other files are named and skipped."""
    found: list[tuple[int, str, Path]] = []
    for path in sorted(directory.iterdir()):
        if not path.is_file() or path.suffix.lower() not in DATA_SUFFIXES:
            continue
        try:
            name = channel or detect_channel(path)
        except ValueError as error:
            console.print(f"[yellow]skipped[/] {error}")
            continue
        found.append((CHANNELS.index(name), path.name, path))
    return [path for _, _, path in sorted(found)]


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
    for name, counts in sorted(summary.channels.items()):
        if counts.read >= 3 and counts.quarantined == counts.read:
            console.print(f"[yellow]every {name} record was quarantined[/]: is the file of this channel? "
                          f"`caselink quarantine list --channel {name}` says why")
    totals = summary.totals()
    if totals["read"] and totals["read"] == totals["unchanged"]:
        console.print("everything unchanged: this data was loaded before")
    if totals["quarantined"]:
        console.print(f"[yellow]{totals['quarantined']} records quarantined[/]: `caselink quarantine list`")


@reference_app.command("load")
def reference_load(directory: Path = typer.Argument(..., exists=True, file_okay=False)) -> None:
    """Load areas, key persons, key places, notices and keyword libraries from a directory."""
    from app.cli import fail, open_graph

    settings = get_settings()
    with open_graph(settings) as graph:
        summary = load_reference(graph=graph, settings=settings, directory=directory)
    if not summary.counts:
        for problem in summary.problems:
            if "not present" not in problem:
                console.print(f"[yellow]{problem}[/]")
        hint = f"; it is a data set: load {directory / 'reference'}, or all of it with `caselink load {directory}`" \
            if (directory / "reference").is_dir() else ""
        raise fail(f"no reference data in {directory} (areas.geojson, key_persons.csv, key_places.csv, "
                   f"notices.csv, keywords/){hint}")
    print_reference(summary)


def print_reference(summary: ReferenceSummary) -> None:
    """The rows read per reference file, and what was wrong."""
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
    from app.cli import fail, open_graph

    if status not in QUARANTINE_STATUSES:
        raise fail(f"unknown status {status!r}; one of {', '.join(QUARANTINE_STATUSES)}")
    if channel is not None and channel not in CHANNELS:
        raise fail(f"unknown channel {channel!r}; the channels are {', '.join(CHANNELS)}")
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

    malformed = [item for item in set_field if "=" not in item or not item.split("=", 1)[0].strip()]
    if malformed:
        raise fail(f"--set needs FIELD=VALUE (the field as the record names it), not {malformed[0]!r}")
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
