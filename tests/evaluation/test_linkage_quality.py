"""Person linkage and incident merge on a generated city, against its ground truth."""

from pathlib import Path

import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.db.schema import wipe
from app.evaluation.linkage import incident_merge, pair_score, person_linkage
from app.generator import generate
from app.ingest.service import load_data_set
from app.settings import Settings


@pytest.fixture(scope="module")
def generated_city(graph: Graph, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated city (5 % of a year) loaded without the post-ingest hooks."""
    out = tmp_path_factory.mktemp("city")
    generate(profile="city", seed=11, out=out, scale=0.05)
    wipe(graph)
    load_data_set(graph=graph, settings=settings, caller=SYSTEM, directory=out, hooks=[])
    return out


def test_pair_score_counts_pairs() -> None:
    score = pair_score({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "y", "c": "y"})
    assert (score.predicted_pairs, score.true_pairs, score.correct_pairs) == (1, 1, 0)


def test_person_linkage_precision_and_recall(graph: Graph, generated_city: Path) -> None:
    score = person_linkage(graph=graph, data=generated_city)
    print(f"person linkage: {score.items} mentions, P={score.precision:.4f} R={score.recall:.4f}")
    assert score.items > 1000
    assert score.precision >= 0.98
    assert score.recall >= 0.98


def test_incident_merge_precision_and_recall(graph: Graph, generated_city: Path) -> None:
    score = incident_merge(graph=graph, data=generated_city)
    print(f"incident merge: {score.items} reports, P={score.precision:.4f} R={score.recall:.4f}")
    assert score.items > 1000
    assert score.precision >= 0.9
    assert score.recall >= 0.8
