"""The `caselink generate` command (registered on the main CLI by app/cli.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from app.generator import GenerationSummary, generate

console = Console()


def generate_command(
    profile: str = typer.Option("city", "--profile", help="city (one centre's year) or province (~1M records)."),
    seed: int = typer.Option(7, "--seed", help="Random seed; the same seed gives identical files."),
    out: Path = typer.Option(Path("var/generated"), "--out", help="Output directory."),
    scale: float = typer.Option(1.0, "--scale", help="Multiply every count (0.05 makes a small city)."),
) -> None:
    """Generate realistic upstream files, reference data and ground truth."""
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            """Advance the bar of a stage."""
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done)

        try:
            summary = generate(profile=profile, seed=seed, out=out, scale=scale, on_progress=report)
        except ValueError as error:
            console.print(f"[bold red]error:[/] {error}")
            raise typer.Exit(code=1) from error
    _print_summary(summary)


def _print_summary(summary: GenerationSummary) -> None:
    """A table of every file written, then the totals."""
    table = Table(title=f"generated {summary.profile} (seed {summary.seed}, scale {summary.scale}) → {summary.out}")
    table.add_column("file")
    table.add_column("rows", justify="right")
    table.add_column("size", justify="right")
    for name, info in summary.files.items():
        table.add_row(name, f"{info['rows']:,}", _size(info["bytes"]))
    console.print(table)
    records = sum(summary.records.values())
    bad = sum(summary.bad_records.values())
    console.print(f"{records:,} channel records of {summary.incidents:,} incidents, {bad} bad inputs planted, "
                  f"in {summary.elapsed_seconds:.1f} s")


def _size(n: int) -> str:
    """Human-readable byte count."""
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
