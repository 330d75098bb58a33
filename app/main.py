"""The FastAPI application: one driver per process, opened in the lifespan."""

import fcntl
import hashlib
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO

from fastapi import Depends, FastAPI

from app import __version__
from app.audit import service as audit
from app.audit.routes import router as audit_router
from app.auth.routes import router as auth_router
from app.auth.service import ensure_bootstrap_admin
from app.db.graph import Graph
from app.db.schema import apply_schema
from app.deps import require_login
from app.detection.routes import router as detection_router
from app.disputes.routes import router as disputes_router
from app.health.routes import router as health_router
from app.ingest.routes import router as ingest_router
from app.investigate.routes import router as investigate_router
from app.notices.routes import router as notices_router
from app.scheduler import start_scheduler
from app.scoring.routes import router as scoring_router
from app.settings import Settings, get_settings
from app.stats.routes import router as stats_router
from app.warnings.routes import router as warnings_router
from app.workbench.apidocs import router as apidocs_router
from app.workbench.routes import router as workbench_router
from app.workorders.routes import router as workorders_router

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the lifespan connects to Neo4j and applies the schema."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = Graph.connect(settings)
        apply_schema(graph)
        ensure_bootstrap_admin(graph=graph, settings=settings)
        app.state.graph = graph
        app.state.settings = settings
        lock = _scheduler_lock(settings) if settings.caselink_scheduler else None
        scheduler = start_scheduler(lambda: graph) if lock is not None else None
        try:
            yield
        finally:
            if scheduler is not None:
                scheduler.shutdown(wait=False)
            if lock is not None:
                lock.close()
            audit.flush()
            graph.close()

    app = FastAPI(
        title="CaseLink 案联",
        version=__version__,
        description="Case linkage for comprehensive-governance centres (综治中心).",
        lifespan=lifespan,
        dependencies=[Depends(require_login)],
        # `/docs` is served from local files (app/workbench/apidocs.py), FastAPI's page loads a CDN; no ReDoc.
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(health_router, prefix=API_PREFIX)
    app.include_router(ingest_router, prefix=API_PREFIX)
    app.include_router(warnings_router, prefix=API_PREFIX)
    app.include_router(disputes_router, prefix=API_PREFIX)
    app.include_router(scoring_router, prefix=API_PREFIX)
    app.include_router(detection_router, prefix=API_PREFIX)
    app.include_router(workorders_router, prefix=API_PREFIX)
    app.include_router(notices_router, prefix=API_PREFIX)
    app.include_router(auth_router, prefix=API_PREFIX)
    app.include_router(audit_router, prefix=API_PREFIX)
    app.include_router(investigate_router, prefix=API_PREFIX)
    app.include_router(stats_router, prefix=API_PREFIX)
    app.include_router(workbench_router)
    app.include_router(apidocs_router)
    return app


def _scheduler_lock(settings: Settings) -> IO[str] | None:
    """An exclusive lock held while this process runs the scheduled jobs, so that of several uvicorn
    workers (CASELINK_WORKERS) serving one graph only one does; None when another process holds it."""
    graph_id = hashlib.sha256(f"{settings.bolt_uri}|{settings.neo4j_database}".encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"caselink-scheduler-{graph_id}.lock"
    handle = path.open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle
