"""Scheduled jobs inside the service (APScheduler): nightly passes, daily re-score, supervision."""

import importlib
import logging
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

from app.db.graph import Graph

log = logging.getLogger(__name__)

# Modules that expose `register_jobs(scheduler, graph_factory)`; absent ones are skipped.
JOB_MODULES = ("app.scoring.service", "app.detection.service", "app.workorders.service")


def start_scheduler(graph_factory: Callable[[], Graph]) -> BackgroundScheduler:
    """Start a background scheduler with every domain's jobs."""
    scheduler = BackgroundScheduler(timezone="Asia/Shanghai")
    for name in JOB_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        register = getattr(module, "register_jobs", None)
        if register is not None:
            register(scheduler, graph_factory)
    scheduler.start()
    log.info("scheduler started with jobs: %s", [job.id for job in scheduler.get_jobs()])
    return scheduler
