"""The investigators' caps and ranking weights (config/investigate.yaml), validated."""

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from app.settings import get_settings


class _Strict(BaseModel):
    """Unknown keys are errors, so a typo in the YAML does not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RelatedConfig(_Strict):
    """Related cases."""

    default_limit: int = Field(ge=1)
    max_limit: int = Field(ge=1)
    hub_threshold: int = Field(ge=1)
    hub_recent: int = Field(ge=1)
    similar_window_days: int = Field(ge=1)
    similar_limit: int = Field(ge=1)
    precedent_limit: int = Field(ge=0)
    weights: dict[str, float]


class NeighbourhoodConfig(_Strict):
    """Graph exploration."""

    default_limit: int = Field(ge=1)
    max_limit: int = Field(ge=1)
    per_node: int = Field(ge=1)
    leaf_labels: frozenset[str]


class PathConfig(_Strict):
    """Hidden connections."""

    max_hops: int = Field(ge=1, le=6)
    max_paths: int = Field(ge=1)


class NetworkConfig(_Strict):
    """Network analysis."""

    hops: int = Field(ge=1, le=6)
    limit: int = Field(ge=1)
    brokers: int = Field(ge=1)


class SearchConfig(_Strict):
    """Search."""

    default_limit: int = Field(ge=1)
    max_limit: int = Field(ge=1)
    fetch: int = Field(ge=1)


class TimelineConfig(_Strict):
    """Timelines."""

    default_limit: int = Field(ge=1)
    max_limit: int = Field(ge=1)


class InvestigateConfig(_Strict):
    """config/investigate.yaml."""

    version: str
    related: RelatedConfig
    neighbourhood: NeighbourhoodConfig
    path: PathConfig
    network: NetworkConfig
    search: SearchConfig
    timeline: TimelineConfig


@lru_cache
def get_config(path: Path | None = None) -> InvestigateConfig:
    """The investigators' configuration, read once."""
    path = path or get_settings().caselink_config_dir / "investigate.yaml"
    return InvestigateConfig.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
