"""Request-scoped dependencies as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends, Request

from app.db.graph import Graph
from app.settings import Settings, get_settings


def get_graph(request: Request) -> Graph:
    """The process-wide graph opened in the lifespan."""
    return request.app.state.graph


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
