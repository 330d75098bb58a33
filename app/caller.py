"""Who is calling: every read and write runs for a caller with a jurisdiction scope."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    """An authenticated user as the services see it."""

    username: str
    role: str
    area_code: str
    client: str = "cli"

    @property
    def scope(self) -> str:
        """The area-code prefix of the caller's jurisdiction ('' = everything)."""
        return scope_prefix(self.area_code)

    @property
    def sees_identifiers(self) -> bool:
        """Whether ID numbers and phones are shown unmasked."""
        return self.role in UNMASKED_ROLES


UNMASKED_ROLES = frozenset({"admin", "investigator"})


def scope_prefix(area_code: str | None) -> str:
    """The prefix that every area code inside `area_code` starts with.

    Codes nest by prefix from the district down (410603 > 410603002 > …); a city code ends in 00
    (410600 covers 4106xx) and a province code in 0000 (410000 covers 41xxxx).
    """
    code = (area_code or "").strip()
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    return code


SYSTEM = Caller(username="system", role="admin", area_code="")
