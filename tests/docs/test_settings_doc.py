"""Every setting is documented in docs/configuration.md, and every documented one exists."""

import re

from app.settings import REPO_ROOT, Settings

DOC = (REPO_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", DOC, flags=re.MULTILINE))
    declared = {name.upper() for name in Settings.model_fields}
    assert declared == documented
