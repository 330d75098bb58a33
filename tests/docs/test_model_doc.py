"""docs/model.md names exactly the natural keys that cypher/schema/ constrains."""

import re

from app.db.catalog import get_catalog
from app.settings import REPO_ROOT

MODEL = (REPO_ROOT / "docs" / "model.md").read_text(encoding="utf-8")


def _documented_keys() -> set[tuple[str, str]]:
    section = MODEL.split("## Natural keys", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)` \| `(\w+)` \|", section, flags=re.MULTILINE))


def _constrained_keys() -> set[tuple[str, str]]:
    keys = set()
    for query in get_catalog().group("schema"):
        match = re.search(r"FOR \(n:(\w+)\) REQUIRE n\.(\w+) IS UNIQUE", query.text)
        if match:
            keys.add((match.group(1), match.group(2)))
    return keys


def test_model_doc_matches_constraints() -> None:
    assert _documented_keys() == _constrained_keys()


def test_model_doc_has_a_mermaid_diagram() -> None:
    assert "```mermaid" in MODEL
