"""Request-scoped dependencies as `Annotated` aliases."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer

from app.auth.service import AuthError, cached_caller, caller_for_token
from app.caller import Caller
from app.db.graph import Graph
from app.settings import Settings, get_settings


# Dependencies that do no I/O are `async def`: a plain `def` would cost a hop to the thread pool each.
async def get_graph(request: Request) -> Graph:
    """The process-wide graph opened in the lifespan."""
    return request.app.state.graph


async def _settings() -> Settings:
    return get_settings()


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(_settings)]

# The routes anyone may call; every other route needs a valid bearer token (see require_login).
PUBLIC_PATHS = frozenset({"/api/v1/health", "/api/v1/auth/token"})
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


async def get_caller(request: Request, graph: GraphDep, settings: SettingsDep, token: TokenDep) -> Caller:
    """The authenticated caller of this request: 401 without a valid token, 403 for a disabled user."""
    cached = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    client = request.client.host if request.client else "unknown"
    try:
        caller = cached_caller(settings=settings, token=token, client=client)
        if caller is None:
            caller = await run_in_threadpool(lambda: caller_for_token(graph=graph, settings=settings, token=token,
                                                                      client=client))
    except AuthError as error:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        raise HTTPException(error.status, error.detail, headers=headers) from error
    request.state.caller = caller
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


async def require_login(request: Request, graph: GraphDep, settings: SettingsDep, token: TokenDep) -> None:
    """App-wide guard, so a route that forgets CallerDep still cannot be called anonymously."""
    path, root = request.scope.get("path", ""), request.scope.get("root_path", "")
    if (path[len(root):] if root and path.startswith(root) else path) in PUBLIC_PATHS:
        return
    await get_caller(request, graph, settings, token)
