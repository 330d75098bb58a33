"""`caselink evaluate`: quality measured on the hand-written set and on a generated data set."""

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from app.caller import SYSTEM
from app.elements.evaluate import DEFAULT_EVAL_PATH, evaluate_file, evaluate_truth, print_report
from app.elements.recognizer import get_recognizer

console = Console()
evaluate_app = typer.Typer(help="Measure recognition and linkage quality against ground truth.", no_args_is_help=True)


@evaluate_app.command("recognition")
def recognition(
    data: Path | None = typer.Option(None, "--data", help="A generated data set (default: tests/data set)."),
    mistakes: int = typer.Option(0, help="Also print this many wrong records."),
    limit: int | None = typer.Option(None, help="At most this many generated records."),
) -> None:
    """Category accuracy and flag precision/recall (要素识别)."""
    recognizer = get_recognizer()
    if data is None:
        report = evaluate_file(path=DEFAULT_EVAL_PATH, recognizer=recognizer)
    else:
        report = evaluate_truth(out_dir=data, recognizer=recognizer, limit=limit)
    print_report(report, mistakes=mistakes)


@evaluate_app.command("linkage")
def linkage(
    data: Path = typer.Argument(..., exists=True, file_okay=False, help="A generated data set directory."),
    load: bool = typer.Option(False, "--load", help="Wipe the graph and load the data set first."),
) -> None:
    """Person-linkage and incident-merge precision/recall against the data set's truth."""
    from app.cli import open_graph
    from app.db.schema import wipe
    from app.evaluation.linkage import incident_merge, person_linkage
    from app.ingest.service import load_data_set
    from app.settings import get_settings

    settings = get_settings()
    with open_graph(settings) as graph:
        if load:
            wipe(graph)
            load_data_set(graph=graph, settings=settings, caller=SYSTEM, directory=data, hooks=[])
        scores = {"person linkage": person_linkage(graph=graph, data=data),
                  "incident merge": incident_merge(graph=graph, data=data)}
    table = Table(title=f"linkage against {data}/truth")
    for column in ("what", "items", "precision", "recall"):
        table.add_column(column, justify="left" if column == "what" else "right")
    for name, score in scores.items():
        table.add_row(name, str(score.items), f"{score.precision:.4f}", f"{score.recall:.4f}")
    console.print(table)


@evaluate_app.command("detection")
def detection(
    data: Path = typer.Argument(..., exists=True, file_okay=False, help="The generated data set loaded in the graph."),
) -> None:
    """Repeat, respondent and prior-record warnings against the planted cases of a data set."""
    from app.cli import open_graph
    from app.evaluation.detection import detection_quality

    with open_graph() as graph:
        scores = detection_quality(graph=graph, data=data)
    table = Table(title=f"detection against {data}/truth")
    for column in ("kind", "predicted", "planted", "correct", "precision", "recall"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, score in scores.items():
        table.add_row(kind, str(score.predicted), str(score.true), str(score.correct), f"{score.precision:.3f}",
                      f"{score.recall:.3f}")
    console.print(table)
