"""The demo city that `make run` loads into an empty graph."""

import logging
from pathlib import Path

from app.caller import SYSTEM
from app.db.graph import Graph
from app.db.schema import refresh_search_index
from app.ingest.service import load_data_set
from app.settings import REPO_ROOT, Settings

log = logging.getLogger(__name__)
DEMO_DIR = REPO_ROOT / "var" / "demo-city"


def graph_is_empty(graph: Graph) -> bool:
    """True when no report has been loaded yet."""
    counts = {row["label"]: row["count"] for row in graph.read("count_store_nodes")}
    return counts.get("Report", 0) == 0


def load_demo_city(*, graph: Graph, settings: Settings, out: Path = DEMO_DIR, scale: float = 1.0) -> Path:
    """Generate a city (once) and load its reference data and five channels."""
    from app.generator import generate

    out = out / f"scale-{scale:g}"
    if not (out / "reference" / "areas.geojson").exists():
        generate(profile="city", seed=7, out=out, scale=scale)
    load_data_set(graph=graph, settings=settings, caller=SYSTEM, directory=out)
    refresh_search_index(graph)
    return out
