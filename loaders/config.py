"""Read the versioned ingest rules (config/ingest.yaml)."""

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.settings import get_settings


@lru_cache
def load_ingest_config(path: Path | None = None) -> dict[str, Any]:
    """The ingest rules, read once."""
    path = path or get_settings().caselink_config_dir / "ingest.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))
