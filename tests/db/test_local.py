"""The local Neo4j launcher: one instance per store, clear errors."""

import socket

import pytest

from app.db import local
from app.settings import Settings


def test_second_start_reuses_the_running_instance(settings: Settings) -> None:
    if not settings.uses_local_neo4j:
        pytest.skip("NEO4J_URI points at an external database")
    first = local.status(settings)
    again = local.start(settings)
    assert first.running and again.pid == first.pid
    assert again.answering


def test_taken_port_gives_a_clear_error(settings: Settings, tmp_path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        other = Settings(
            neo4j_uri=None,
            neo4j_password="caselink-test",
            caselink_neo4j_port=port,
            caselink_neo4j_home=tmp_path / "store",
        )
        with pytest.raises(local.LocalNeo4jError, match="already taken"):
            local.start(other)


def test_short_password_is_refused(tmp_path) -> None:
    other = Settings(neo4j_uri=None, neo4j_password="short", caselink_neo4j_port=7999, caselink_neo4j_home=tmp_path)
    with pytest.raises(local.LocalNeo4jError, match="8 characters"):
        local.start(other)


def test_external_uri_starts_nothing() -> None:
    assert not Settings(neo4j_uri="neo4j://cluster.example:7687").uses_local_neo4j
    assert Settings(neo4j_uri="").uses_local_neo4j
