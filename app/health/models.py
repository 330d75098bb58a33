"""Health response model."""

from pydantic import BaseModel


class Health(BaseModel):
    """What `GET /api/v1/health` answers."""

    status: str
    neo4j_version: str | None
    neo4j_edition: str | None
    database: str
    counts: dict[str, int]
