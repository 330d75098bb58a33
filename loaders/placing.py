"""Disputes known only to a district or street, placed in the one community their reports and building say."""

import re

from app.db.graph import Graph


def place_in_communities(graph: Graph, dispute_ids: list[str], scope: str, building: re.Pattern[str]) -> list[str]:
    """Place the batch's coarse disputes, and the coarse disputes at its buildings, in their community; their ids.

    A 12345 caller often names only the estate, building and district; reports of the same building from grid
    workers, 110 and QR clues name its community. Repeat counts are per community, so a series reported partly
    through 12345 was counted short (docs/areas.md, "Placed by building").
    """
    if not dispute_ids:
        return []
    rows = graph.write("place_disputes_in_community", ids=dispute_ids, pattern=f".*(?:{building.pattern}).*",
                       scope=scope)
    return sorted({row["id"] for row in rows})
