"""The `caselink` command: local Neo4j, schema, serving, and the domain commands."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import typer
from rich.console import Console
from rich.table import Table

from app.db import local
from app.db.graph import Graph
from app.db.schema import apply_schema, wipe
from app.settings import Settings, get_settings

console = Console()
app = typer.Typer(help="CaseLink 案联: graph case linkage for comprehensive-governance centres.", no_args_is_help=True)
db_app = typer.Typer(help="Manage the local embedded Neo4j.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def fail(message: str) -> typer.Exit:
    """Print an error a person can act on and return the exit to raise."""
    console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code=1)


def refuse_past_data(latest: datetime, *, window: str, warnings: str) -> typer.Exit:
    """Refuse a pass as of now over a data set that ends before the pass's window (it would close every warning)."""
    return fail(
        f"the newest dispute was reported on {latest:%Y-%m-%d}, before the {window} ending now: a run as of now "
        f"would find nothing in it and close every {warnings} warning. Run it as of the data set's end "
        f"(--as-of {latest:%Y-%m-%d}), or pass --as-of with today's date to close them."
    )


def ensure_database(settings: Settings) -> None:
    """Start the local Neo4j when no external URI is configured."""
    if not settings.uses_local_neo4j:
        return
    try:
        local.start(settings)
    except local.LocalNeo4jError as error:
        raise fail(str(error)) from error


@contextmanager
def open_graph(settings: Settings | None = None, *, start: bool = True) -> Iterator[Graph]:
    """A connected graph with the schema applied, for one CLI command."""
    settings = settings or get_settings()
    if start:
        ensure_database(settings)
    graph = Graph.connect(settings)
    try:
        apply_schema(graph)
        yield graph
    finally:
        graph.close()


@db_app.command("start")
def db_start() -> None:
    """Build the launcher if needed and start the local Neo4j (returns once Bolt answers)."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        raise fail(f"NEO4J_URI is set ({settings.neo4j_uri}); nothing local to start")
    before = local.status(settings)
    ensure_database(settings)
    state = local.status(settings)
    verb = "already running" if before.running else "started"
    console.print(f"Neo4j {verb}: {state.uri} (pid {state.pid}, store {state.store})")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j cleanly."""
    settings = get_settings()
    stopped = local.stop(settings)
    console.print("Neo4j stopped" if stopped else "Neo4j was not running")


@db_app.command("status")
def db_status() -> None:
    """Say whether the local Neo4j runs and answers."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        console.print(f"using external Neo4j at {settings.neo4j_uri}")
        return
    state = local.status(settings)
    table = Table(show_header=False)
    for key, value in (
        ("running", state.running),
        ("answering", state.answering),
        ("pid", state.pid),
        ("uri", state.uri),
        ("store", state.store),
    ):
        table.add_row(key, str(value))
    console.print(table)
    if not state.running:
        raise typer.Exit(code=3)


@db_app.command("reset")
def db_reset(yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation.")) -> None:
    """Delete every node: the local store is removed, an external database is emptied."""
    settings = get_settings()
    if not yes:
        typer.confirm("Delete all data in the graph?", abort=True)
    if settings.uses_local_neo4j:
        local.reset(settings)
        console.print(f"local store {settings.caselink_neo4j_home} removed; `caselink db start` creates it anew")
        return
    with open_graph(settings, start=False) as graph:
        wipe(graph)
    console.print("external database emptied")


@app.command("init")
def init() -> None:
    """Apply constraints and indexes (idempotent)."""
    with open_graph() as graph:
        names = apply_schema(graph)
    console.print(f"schema applied: {len(names)} constraints and indexes")


@app.command("serve")
def serve(
    host: str | None = typer.Option(None, help="Bind address (default CASELINK_HOST)."),
    port: int | None = typer.Option(None, help="Port (default CASELINK_PORT)."),
    workers: int | None = typer.Option(None, help="Worker processes (default CASELINK_WORKERS)."),
) -> None:
    """Serve the API and workbench (starts the local Neo4j first when needed)."""
    from app.server import serve as serve_app

    settings = get_settings()
    ensure_database(settings)
    serve_app(host=host or settings.caselink_host, port=port or settings.caselink_port,
              workers=workers or settings.caselink_workers)


@app.command("run")
def run(
    demo: bool | None = typer.Option(None, "--demo/--no-demo", help="Load the demo city into an empty graph."),
) -> None:
    """Start Neo4j, apply the schema, load the demo city into an empty graph, serve everything."""
    from app.demo import graph_is_empty, load_demo_city

    settings = get_settings()
    with open_graph(settings) as graph:
        if (settings.caselink_demo if demo is None else demo) and graph_is_empty(graph):
            console.print("empty graph: generating and loading the demo city (one time, a few minutes; "
                          "`caselink run --no-demo` or CASELINK_DEMO=false starts empty)…")
            started = time.monotonic()
            out = load_demo_city(graph=graph, settings=settings, scale=settings.caselink_demo_scale)
            console.print(f"demo city loaded from {out} in {time.monotonic() - started:.0f} s")
    console.print(f"serving on http://{settings.caselink_host}:{settings.caselink_port}/workbench (API docs at /docs)")
    serve(host=None, port=None, workers=None)


def _register_domain_commands() -> None:
    """Attach the commands of the domain packages."""
    from app.evaluation.cli import evaluate_app
    from app.generator.cli import generate_command
    from app.ingest.cli import load_command, quarantine_app, reference_app

    app.command("load")(load_command)
    app.command("generate")(generate_command)
    app.add_typer(evaluate_app, name="evaluate")
    app.add_typer(reference_app, name="reference")
    app.add_typer(quarantine_app, name="quarantine")
    from app.scoring.cli import score_command

    app.command("score")(score_command)
    from app.detection.cli import detect_command

    app.command("detect")(detect_command)
    from app.workorders.cli import supervise_command, units_app

    app.command("supervise")(supervise_command)
    app.add_typer(units_app, name="units")
    from app.auth.cli import user_app

    app.add_typer(user_app, name="user")


_register_domain_commands()


def main() -> None:
    """Entry point of the `caselink` console script."""
    app()
