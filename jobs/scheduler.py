"""The scheduler process (``python -m jobs``): APScheduler 3.11 with its job store in our database.

Exactly one process is active: it holds the Postgres advisory lock ``jobs:scheduler``. Any other
scheduler process waits as a standby, trying the lock every ``JOBS_STANDBY_POLL_SECONDS``; when
the active one dies its connection closes, the lock is freed and a standby takes over (the job
store keeps the next run times, so nothing is lost or doubled). If the active process loses its
database connection it stops scheduling and goes back to standby.

SIGTERM / SIGINT: no new runs start; a running job stops at its next safe point (an import
finishes its current batch) and records itself as interrupted; then the process exits.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

import db

from . import runner
from .locks import SCHEDULER_LOCK, AdvisoryLock
from .registry import JOBS
from .settings import JobsSettings, parse_schedule

log = logging.getLogger("jobs.scheduler")

HEALTH_SECONDS = 5.0


def planned_jobs(settings: JobsSettings) -> dict[str, Any]:
    """job name → APScheduler trigger, for every scheduled job that is enabled and not "off"."""
    plan: dict[str, Any] = {}
    for name, spec in JOBS.items():
        if spec.schedule is None or not spec.enabled(settings):
            continue
        trigger = parse_schedule(spec.schedule(settings), settings.tz)
        if trigger is not None:
            plan[name] = trigger
    return plan


def build_scheduler(settings: JobsSettings) -> BackgroundScheduler:
    store = SQLAlchemyJobStore(engine=db.engine(), tablename="apscheduler_jobs", tableschema="jobs")
    return BackgroundScheduler(
        jobstores={"default": store},
        executors={"default": ThreadPoolExecutor(max_workers=2)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 600},
        timezone=settings.tz,
    )


def sync_jobs(scheduler: BackgroundScheduler, plan: dict[str, Any]) -> None:
    """Make the stored jobs match the plan: add or update configured ones, drop the others."""
    for job in scheduler.get_jobs():
        if job.id not in plan:
            log.info("removing job %s (no longer scheduled)", job.id)
            job.remove()
    for name, trigger in plan.items():
        existing = scheduler.get_job(name)
        if existing is not None and str(existing.trigger) == str(trigger):
            continue  # keep its stored next run time
        scheduler.add_job(
            runner.scheduled,
            trigger,
            args=[name],
            id=name,
            name=JOBS[name].title,
            replace_existing=True,
        )


def build_index_if_empty(scheduler: BackgroundScheduler) -> bool:
    """Queue one knowledge-index build now when the index was never built (a new or wiped data
    dir), so a fresh `make run` answers semantic searches without waiting for the nightly run."""
    from assistant.knowledge.index import is_empty

    try:
        if not is_empty():
            return False
    except Exception:
        log.exception("cannot read the knowledge index state; not building it now")
        return False
    log.info("knowledge index is empty: building it now")
    scheduler.add_job(
        runner.scheduled,
        "date",
        args=["refresh-index"],
        id="refresh-index-initial",
        name="Build the empty product knowledge index",
        replace_existing=True,
    )
    return True


def serve(settings: JobsSettings | None = None, stop: threading.Event | None = None) -> int:
    """Run until ``stop`` is set (the CLI sets it on SIGTERM / SIGINT)."""
    settings = settings or JobsSettings()
    stop = stop or threading.Event()
    plan = planned_jobs(settings)  # bad schedules fail here, before taking the lock
    lock = AdvisoryLock(SCHEDULER_LOCK)
    pid = os.getpid()
    announced_standby = False
    while not stop.is_set():
        try:
            got = lock.try_acquire()
        except Exception as exc:  # database down: wait and retry
            log.warning("cannot reach the database (%s); retrying", exc)
            stop.wait(settings.standby_poll_seconds)
            continue
        if not got:
            if not announced_standby:
                log.info("standby (pid %d): another scheduler is active", pid)
                announced_standby = True
            stop.wait(settings.standby_poll_seconds)
            continue
        announced_standby = False
        log.info(
            "active (pid %d): scheduling %s",
            pid,
            ", ".join(f"{n} [{t}]" for n, t in plan.items()) or "nothing",
        )
        runner.STOP.clear()
        scheduler = build_scheduler(settings)
        scheduler.start(paused=True)
        sync_jobs(scheduler, plan)
        if settings.build_index_on_start:
            build_index_if_empty(scheduler)
        scheduler.resume()
        try:
            while not stop.is_set():
                if stop.wait(HEALTH_SECONDS):
                    break
                if not lock.alive():
                    log.error("lost the scheduler lock (database connection gone); going back to standby")
                    break
        finally:
            runner.STOP.set()  # running jobs stop at their next safe point
            scheduler.shutdown(wait=True)
            lock.release()
            log.info("scheduler stopped")
    return 0


def install_signal_handlers(stop: threading.Event) -> None:
    def handle(signum: int, frame: Any) -> None:
        log.info("signal %d: stopping after the running job's current step", signum)
        stop.set()
        runner.STOP.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
