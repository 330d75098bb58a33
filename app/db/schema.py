"""Apply the constraints and indexes of `cypher/schema/`, idempotently."""

from app.db.catalog import QueryCatalog
from app.db.graph import Graph


def apply_schema(graph: Graph) -> list[str]:
    """Create every constraint and index that does not exist yet; returns their names."""
    names = []
    for query in graph.catalog.group("schema"):
        graph.write(query.name)
        names.append(query.name)
    graph.write("await_indexes", seconds=300)
    return names


def declared_constraints(catalog: QueryCatalog) -> list[str]:
    """Names of the constraints declared in `cypher/schema/`."""
    return [q.name for q in catalog.group("schema") if q.name.startswith("constraint_")]


def wipe(graph: Graph) -> None:
    """Delete every node and relationship in batches (tests and `db reset` on a remote graph)."""
    while graph.write("delete_all_batch", limit=10000)[0]["deleted"]:
        pass


def refresh_search_index(graph: Graph) -> None:
    """Make committed writes searchable now (the full-text index otherwise catches up on its own)."""
    graph.write("await_fulltext_refresh")
