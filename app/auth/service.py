"""Users and tokens: argon2 password hashes, HS256 bearer tokens, the bootstrap administrator."""

import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.auth.models import ROLE_NAMES_ZH, ROLES, Token, UserView
from app.caller import Caller, scope_prefix
from app.db.graph import Graph
from app.settings import Settings

ALGORITHM = "HS256"
log = logging.getLogger(__name__)
_hasher = PasswordHasher()
# Verified against when the user does not exist, so an unknown name costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash("caselink-no-such-user")
_AREA_CODE = re.compile(r"\d{6}(\d{3}(\d{3}(\d{3})?)?)?")
# Users read for bearer tokens, by name: (monotonic time read, row). Kept CASELINK_USER_CACHE_SECONDS, so a
# request costs no Neo4j round trip for the user; changed users are dropped at once in this process.
_USER_CACHE: dict[str, tuple[float, dict[str, Any]]] = {}


class AuthError(Exception):
    """Login or token failure; `status` is 401 (who are you?) or 403 (you may not)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class User:
    """A stored user."""

    username: str
    role: str
    area_code: str
    disabled: bool
    created_at: datetime | None = None


def hash_password(password: str) -> str:
    """An argon2id hash of a password."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches the stored hash."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def validate_new_user(*, username: str, role: str, area_code: str) -> None:
    """Raise ValueError when a user could not work: unknown role, malformed area, admin-only empty area."""
    if not re.fullmatch(r"[A-Za-z0-9_.@-]{2,64}", username):
        raise ValueError("username: 2-64 letters, digits or _.@-")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if area_code and not _AREA_CODE.fullmatch(area_code):
        raise ValueError("area code must have 6, 9, 12 or 15 digits")
    if not area_code and role != "admin":
        raise ValueError("only an admin may have no area (the whole city); give --area")


def check_area_known(*, graph: Graph, area_code: str) -> None:
    """Raise ValueError when areas are loaded and `area_code` is none of them (a typo would see nothing)."""
    if not area_code or graph.read_one("get_area", code=area_code, scope=""):
        return
    counts = {row["label"]: row["count"] for row in graph.read("count_store_nodes")}
    if counts.get("Area", 0):
        raise ValueError(f"no area {area_code} in the loaded areas; the user would see nothing "
                         "(`GET /api/v1/stats/counts?by=area` lists the codes)")


def add_user(*, graph: Graph, username: str, password: str, role: str, area_code: str) -> bool:
    """Create a user; False when the name is taken (the existing user is not changed)."""
    validate_new_user(username=username, role=role, area_code=area_code)
    row = graph.write("create_user", username=username, password_hash=hash_password(password), role=role,
                      area_code=area_code, now=datetime.now(UTC))
    forget_user(username)
    return bool(row and row[0]["created"])


def list_users(*, graph: Graph) -> list[User]:
    """Every user, by name."""
    return [User(**row) for row in graph.read("list_users")]


def disable_user(*, graph: Graph, username: str) -> bool:
    """Disable a user; False when there is no such user."""
    disabled = bool(graph.write("disable_user", username=username, now=datetime.now(UTC)))
    forget_user(username)
    return disabled


def forget_user(username: str | None = None) -> None:
    """Drop a user (or every user) from this process's cache of users read for tokens."""
    if username is None:
        _USER_CACHE.clear()
    else:
        _USER_CACHE.pop(username, None)


def _token_user(graph: Graph, settings: Settings, username: str) -> dict[str, Any] | None:
    """The user a token names, read at most every CASELINK_USER_CACHE_SECONDS (unknown users are not kept)."""
    now = time.monotonic()
    cached = _USER_CACHE.get(username)
    if cached is not None and now - cached[0] < settings.caselink_user_cache_seconds:
        return cached[1]
    row = graph.read_one("get_user", username=username)
    if row is not None and settings.caselink_user_cache_seconds > 0:
        _USER_CACHE[username] = (now, row)
    return row


def ensure_bootstrap_admin(*, graph: Graph, settings: Settings) -> None:
    """MERGE the administrator named in the settings, so its configured password always logs in."""
    username, password = settings.caselink_admin_user, settings.caselink_admin_password
    _warn_on_defaults(settings)
    row = graph.read_one("get_user", username=username)
    if row is None:
        add_user(graph=graph, username=username, password=password, role="admin", area_code="")
    elif not verify_password(row["password_hash"], password):
        graph.write("set_user_password", username=username, password_hash=hash_password(password),
                    now=datetime.now(UTC))


def _warn_on_defaults(settings: Settings) -> None:
    defaults = Settings.model_fields
    if settings.caselink_secret_key == defaults["caselink_secret_key"].default or len(
            settings.caselink_secret_key.encode()) < 32:
        log.warning("CASELINK_SECRET_KEY is the default or shorter than 32 bytes: set a long random key")
    if settings.caselink_admin_password == defaults["caselink_admin_password"].default:
        log.warning("CASELINK_ADMIN_PASSWORD is the default: set your own")


def login(*, graph: Graph, settings: Settings, username: str, password: str) -> Token:
    """Check a password and issue a bearer token."""
    row = graph.read_one("get_user", username=username)
    if not verify_password(row["password_hash"] if row else None, password) or row is None:
        raise AuthError(401, "incorrect username or password")
    if row["disabled"]:
        raise AuthError(403, "this account is disabled")
    return issue_token(settings=settings, username=username)


def issue_token(*, settings: Settings, username: str) -> Token:
    """A signed HS256 token for `username` valid for CASELINK_TOKEN_MINUTES."""
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.caselink_token_minutes)
    claims = {"sub": username, "iat": now, "exp": now + lifetime}
    token = jwt.encode(claims, settings.caselink_secret_key, algorithm=ALGORITHM)
    return Token(access_token=token, expires_in=int(lifetime.total_seconds()))


def caller_for_token(*, graph: Graph, settings: Settings, token: str | None, client: str) -> Caller:
    """The caller a bearer token stands for; role and area come from the user node (cached briefly)."""
    row = _token_user(graph, settings, token_subject(settings=settings, token=token))
    return _caller(row, client)


def cached_caller(*, settings: Settings, token: str | None, client: str) -> Caller | None:
    """The caller of a token when its user is in this process's cache (no I/O); None when it must be read."""
    cached = _USER_CACHE.get(token_subject(settings=settings, token=token))
    if cached is None or time.monotonic() - cached[0] >= settings.caselink_user_cache_seconds:
        return None
    return _caller(cached[1], client)


def token_subject(*, settings: Settings, token: str | None) -> str:
    """The user name a valid bearer token was issued to; AuthError 401 otherwise."""
    if not token:
        raise AuthError(401, "not authenticated")
    try:
        claims: dict[str, Any] = jwt.decode(token, settings.caselink_secret_key, algorithms=[ALGORITHM],
                                            options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as error:
        raise AuthError(401, "token expired") from error
    except jwt.InvalidTokenError as error:
        raise AuthError(401, "invalid token") from error
    return claims["sub"]


def _caller(row: dict[str, Any] | None, client: str) -> Caller:
    if row is None:
        raise AuthError(401, "invalid token")
    if row["disabled"]:
        raise AuthError(403, "this account is disabled")
    return Caller(username=row["username"], role=row["role"], area_code=row["area_code"] or "", client=client)


def user_view(caller: Caller) -> UserView:
    """How the caller sees their own account."""
    return UserView(
        username=caller.username,
        role=caller.role,  # type: ignore[arg-type]
        role_name=ROLE_NAMES_ZH.get(caller.role, caller.role),
        area_code=caller.area_code,
        scope=scope_prefix(caller.area_code),
        sees_identifiers=caller.sees_identifiers,
    )
