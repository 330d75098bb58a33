"""Auth models: roles, users, tokens."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["admin", "investigator", "analyst", "staff", "grid_worker"]
ROLES: tuple[Role, ...] = ("admin", "investigator", "analyst", "staff", "grid_worker")
ROLE_NAMES_ZH: dict[str, str] = {
    "admin": "系统管理员",
    "investigator": "研判人员",
    "analyst": "分析人员",
    "staff": "工作人员",
    "grid_worker": "网格员",
}


class Token(BaseModel):
    """The OAuth2 password-flow answer."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the token expires")


class UserView(BaseModel):
    """A user as shown to themselves and to administrators (never the password hash)."""

    username: str
    role: Role
    role_name: str = Field(description="the role in Chinese")
    area_code: str = Field(description="the user's jurisdiction ('' = the whole city)")
    scope: str = Field(description="the area-code prefix every visible case starts with")
    sees_identifiers: bool = Field(description="whether ID numbers and phones are shown unmasked")
    disabled: bool = False
    created_at: datetime | None = None
