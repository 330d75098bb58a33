"""Health checks against the graph."""

from neo4j.exceptions import Neo4jError, ServiceUnavailable

from app.db.graph import Graph
from app.health.models import Health


def get_health(*, graph: Graph) -> Health:
    """Ask Neo4j for its version and the store counts; degraded when it does not answer."""
    try:
        info = graph.read_one("get_server_info") or {}
        counts = {row["label"]: row["count"] for row in graph.read("count_store_nodes")}
    except (ServiceUnavailable, Neo4jError, OSError):
        return Health(status="degraded", neo4j_version=None, neo4j_edition=None, database=graph.database, counts={})
    return Health(
        status="ok",
        neo4j_version=info.get("version"),
        neo4j_edition=info.get("edition"),
        database=graph.database,
        counts=counts,
    )
