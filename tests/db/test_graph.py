"""The real Neo4j answers over Bolt, and the schema of `cypher/schema/` is in place."""

from app.db.graph import Graph
from app.db.schema import declared_constraints


def test_writes_and_reads_a_node_over_bolt(empty_graph: Graph) -> None:
    empty_graph.write("create_probe_node", key="probe-1", value="写入测试")
    row = empty_graph.read_one("get_probe_node", key="probe-1")
    assert row == {"key": "probe-1", "value": "写入测试"}


def test_every_declared_constraint_exists_after_init(graph: Graph) -> None:
    existing = {row["name"] for row in graph.read("list_constraints")}
    declared = set(declared_constraints(graph.catalog))
    assert declared, "no constraint declared in cypher/schema/"
    assert declared <= existing


def test_every_declared_index_is_online(graph: Graph) -> None:
    indexes = {row["name"]: row["state"] for row in graph.read("list_indexes")}
    declared = [q.name for q in graph.catalog.group("schema") if q.name.startswith("index_")]
    assert {name: indexes.get(name) for name in declared} == dict.fromkeys(declared, "ONLINE")


def test_server_is_neo4j_526(graph: Graph) -> None:
    info = graph.read_one("get_server_info")
    assert info is not None and info["version"].startswith("5.26")
