"""Request-scoped dependencies as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends, Request

from app.caller import SYSTEM, Caller
from app.db.graph import Graph
from app.settings import Settings, get_settings


def get_graph(request: Request) -> Graph:
    """The process-wide graph opened in the lifespan."""
    return request.app.state.graph


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_caller(request: Request) -> Caller:
    """The authenticated caller of this request."""
    return getattr(request.state, "caller", SYSTEM)


CallerDep = Annotated[Caller, Depends(get_caller)]
