"""The one settings class: every knob of the service, the CLI and the local Neo4j."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """CaseLink configuration, read from the environment (and an optional `.env`)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    neo4j_uri: str | None = Field(
        default=None, description="Bolt or neo4j:// URI; empty means the local embedded Neo4j."
    )
    neo4j_user: str = Field(default="neo4j", description="Neo4j user name.")
    neo4j_password: str = Field(default="caselink-local", description="Neo4j password (8+ characters).")
    neo4j_database: str = Field(default="neo4j", description="Neo4j database name used by every session.")

    caselink_neo4j_port: int = Field(default=7687, description="Bolt port of the local Neo4j.")
    caselink_neo4j_home: Path = Field(
        default=REPO_ROOT / "var" / "neo4j", description="Store directory of the local Neo4j."
    )
    caselink_neo4j_heap: str = Field(default="2g", description="JVM heap of the local Neo4j.")
    caselink_neo4j_pagecache: str = Field(default="1g", description="Page cache of the local Neo4j.")
    caselink_launcher_dir: Path = Field(
        default=REPO_ROOT / "neo4j-launcher", description="Maven project of the Neo4j launcher."
    )

    caselink_host: str = Field(default="127.0.0.1", description="Address the API binds to.")
    caselink_port: int = Field(default=8000, description="Port the API binds to.")
    caselink_city_code: str = Field(
        default="410600", description="Area code of the centre's city: the fallback area of a record."
    )
    caselink_config_dir: Path = Field(
        default=REPO_ROOT / "config", description="Directory of rules, thresholds and lexicons."
    )
    caselink_reference_dir: Path | None = Field(
        default=None, description="Reference data directory loaded at start when the graph is empty."
    )
    caselink_demo: bool = Field(default=True, description="Load a generated demo city into an empty graph.")
    caselink_demo_scale: float = Field(
        default=0.25, description="Share of a city's year the demo city holds (1.0: about 27,500 records)."
    )
    caselink_scheduler: bool = Field(default=True, description="Run the scheduled jobs inside the service.")

    caselink_admin_user: str = Field(default="admin", description="Bootstrap administrator user name.")
    caselink_admin_password: str = Field(
        default="caselink-admin", description="Bootstrap administrator password."
    )
    caselink_secret_key: str = Field(
        default="change-me-in-deployment-caselink-dev-signing-key",
        description="Key that signs the API's bearer tokens.",
    )
    caselink_token_minutes: int = Field(default=480, description="Lifetime of a bearer token in minutes.")
    caselink_user_cache_seconds: float = Field(
        default=5.0, description="How long a worker reuses a user read for a bearer token (0: read every request)."
    )
    caselink_workers: int = Field(default=1, description="uvicorn worker processes of `caselink serve`.")

    @field_validator("neo4j_uri", mode="before")
    @classmethod
    def _empty_uri_is_local(cls, value: str | None) -> str | None:
        """Treat an empty NEO4J_URI as unset, so `NEO4J_URI=` means the local Neo4j."""
        return value or None

    @property
    def uses_local_neo4j(self) -> bool:
        """True when no external URI is configured and the embedded Neo4j serves the graph."""
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        """The URI the driver connects to."""
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.caselink_neo4j_port}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
