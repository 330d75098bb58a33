"""Service health: is Neo4j reachable, which version, how much is stored."""
