"""CLI commands of the closed loop: the supervision pass and the unit reference data."""

from datetime import datetime

import typer
from rich.console import Console
from rich.table import Table

from app.caller import SYSTEM

console = Console()
units_app = typer.Typer(help="Handling units (处置单位) derived from the areas and config/units.yaml.",
                        no_args_is_help=True)


def supervise_command(
    as_of: datetime | None = typer.Option(
        None, "--as-of", formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        help="Supervise as of this instant (Beijing time; a bare day means its end; default now).",
    ),
) -> None:
    """Record missed deadlines (签单/回复/提级督办, 提级办理) and list the overdue orders per unit."""
    from app.cli import open_graph
    from app.workorders.service import supervise

    day = as_of.date() if as_of and as_of.time() == datetime.min.time() else as_of
    with open_graph() as graph:
        run = supervise(graph=graph, scope=SYSTEM.scope, as_of=day)
    console.print(f"workflow {run.workflow_version}, as of {run.as_of:%Y-%m-%d %H:%M}: {run.checked} open orders, "
                  f"{len(run.recorded)} supervision steps recorded")
    table = Table("unit", "overdue orders", "by step")
    for unit in run.overdue:
        steps = ", ".join(f"{code} {n}" for code, n in sorted(unit.by_step.items()))
        table.add_row(f"{unit.unit_name or ''} ({unit.unit_code})", str(unit.orders), steps)
    console.print(table)


@units_app.command("load")
def units_load() -> None:
    """Derive the units from the loaded areas and config/units.yaml and MERGE them (idempotent)."""
    from app.cli import open_graph
    from app.workorders.units import ensure_units

    with open_graph() as graph:
        written = ensure_units(graph=graph, force=True)
    console.print(f"{written} units merged")


@units_app.command("list")
def units_list(kind: str | None = typer.Option(None, help="Only units of this kind, e.g. street_office.")) -> None:
    """List the handling units."""
    from app.cli import open_graph
    from app.workorders.units import list_units

    with open_graph() as graph:
        units = list_units(graph=graph, caller=SYSTEM, kind=kind)
    table = Table("code", "name", "kind", "area")
    for unit in units:
        table.add_row(unit.code, unit.name, unit.kind, unit.area_code)
    console.print(table)
