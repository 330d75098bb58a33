"""Auth routes: the OAuth2 password flow and the caller's own account."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordRequestForm

from app.auth import service
from app.auth.models import Token, UserView
from app.deps import CallerDep, GraphDep, SettingsDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=Token, summary="Log in (OAuth2 password flow)")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()], graph: GraphDep,
          settings: SettingsDep) -> Token:
    """Exchange a username and password for a bearer token."""
    try:
        return service.login(graph=graph, settings=settings, username=form.username, password=form.password)
    except service.AuthError as error:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        raise HTTPException(error.status, error.detail, headers=headers) from error


@router.get("/me", response_model=UserView, summary="The logged-in user")
def me(caller: CallerDep) -> UserView:
    """Who the token belongs to, with role, jurisdiction and masking."""
    return service.user_view(caller)
