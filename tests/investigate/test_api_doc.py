"""Every route of the application is listed in docs/api.md, and every listed route exists."""

import re

from app.main import create_app
from app.settings import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def _documented() -> set[tuple[str, str]]:
    return set(re.findall(r"^\| `(GET|POST|PUT|PATCH|DELETE)` \| `(/api/v1/[^`]*)` \|", DOC, flags=re.MULTILINE))


def _declared() -> set[tuple[str, str]]:
    paths = create_app().openapi()["paths"]
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


def test_every_route_is_documented() -> None:
    missing = sorted(_declared() - _documented())
    assert missing == [], f"add these routes to docs/api.md: {missing}"


def test_every_documented_route_exists() -> None:
    assert sorted(_documented() - _declared()) == []
