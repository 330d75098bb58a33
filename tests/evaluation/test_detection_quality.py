"""Detection against the planted clusters of a generated city (heavy: loads a quarter of a city's year)."""


import pytest

from app.caller import SYSTEM
from app.db.graph import Graph
from app.db.schema import wipe
from app.evaluation.detection import detection_quality, set_score
from app.generator import generate
from app.ingest.service import load_data_set
from app.settings import Settings


@pytest.fixture(scope="module")
def scores(graph: Graph, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A generated quarter-year city loaded with detection on arrival, scored against its truth."""
    out = tmp_path_factory.mktemp("city")
    generate(profile="city", seed=7, out=out, scale=0.25)
    wipe(graph)
    load_data_set(graph=graph, settings=settings, caller=SYSTEM, directory=out)
    result = detection_quality(graph=graph, data=out)
    for kind, score in result.items():
        print(f"{kind}: predicted {score.predicted}, true {score.true}, "
              f"P={score.precision:.3f} R={score.recall:.3f}")
    return result


def test_set_score() -> None:
    score = set_score({"a", "b"}, {"b", "c", "d"})
    assert (score.precision, round(score.recall, 3)) == (0.5, 0.333)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["repeat", "respondent", "prior_record"])
def test_kind_reaches_the_aim(scores: dict, kind: str) -> None:
    assert scores[kind].precision >= 0.9 and scores[kind].recall >= 0.9
