"""Test fixtures: a real Neo4j for the whole session (the local engine on its own port and store,
or the database NEO4J_URI points at)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.db import local
from app.db.graph import Graph
from app.db.schema import apply_schema, refresh_search_index, wipe
from app.settings import REPO_ROOT, Settings

SAMPLES = Path(os.environ.get("CASELINK_SAMPLES", REPO_ROOT.parent / "shared" / "samples"))
TEST_STORE = Path(os.environ.get("CASELINK_TEST_NEO4J_HOME", REPO_ROOT / "var" / "neo4j-test"))
TEST_PORT = int(os.environ.get("CASELINK_TEST_NEO4J_PORT", "7688"))


def _test_settings() -> Settings:
    """Settings of the test database; never the developer's own store or port."""
    if os.environ.get("NEO4J_URI"):
        return Settings()
    return Settings(
        neo4j_uri=None,
        neo4j_password="caselink-test",
        caselink_neo4j_port=TEST_PORT,
        caselink_neo4j_home=TEST_STORE,
        caselink_neo4j_heap=os.environ.get("CASELINK_TEST_NEO4J_HEAP", "2g"),
        caselink_neo4j_pagecache="512m",
        caselink_demo=False,
        caselink_scheduler=False,
    )


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings of the test database, started for the session when it is local."""
    settings = _test_settings()
    started_here = False
    if settings.uses_local_neo4j:
        started_here = not local.status(settings).running
        local.start(settings)
    yield settings
    if started_here and not os.environ.get("CASELINK_KEEP_TEST_NEO4J"):
        local.stop(settings)


@pytest.fixture(scope="session")
def graph(settings: Settings) -> Iterator[Graph]:
    """A connected graph with the schema applied."""
    graph = Graph.connect(settings)
    apply_schema(graph)
    yield graph
    graph.close()


@pytest.fixture
def empty_graph(graph: Graph) -> Graph:
    """The graph with every node deleted before the test."""
    wipe(graph)
    return graph


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The shared sample files of the five channels and the reference data."""
    return SAMPLES


def load_samples(graph: Graph, settings: Settings, samples: Path = SAMPLES) -> None:
    """Wipe the graph, then load the sample reference data and the five sample channel files."""
    from app.caller import SYSTEM
    from app.ingest.service import load_data_set

    wipe(graph)
    load_data_set(graph=graph, settings=settings, caller=SYSTEM, directory=samples)
    refresh_search_index(graph)


@pytest.fixture(scope="module")
def sample_graph(graph: Graph, settings: Settings) -> Graph:
    """The graph holding exactly the shared samples (reference data first), loaded once per module."""
    load_samples(graph, settings)
    return graph
