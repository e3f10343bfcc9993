"""The scheduler process (``python -m jobs``): APScheduler 3.11 with its job store in our database.

Exactly one process is active: it holds the Postgres advisory lock ``jobs:scheduler``. Any other
scheduler process waits as a standby, trying the lock every ``JOBS_STANDBY_POLL_SECONDS``; when
the active one dies its connection closes, the lock is freed and a standby takes over (the job
store keeps the next run times, so nothing is lost or doubled). If the active process loses its
database connection it stops scheduling and goes back to standby.

Changes made elsewhere (pause / resume on the admin page, a Google Sheet added to or removed from
the schedule) are announced with Postgres ``NOTIFY`` (``jobs.wakeup``): the active process listens,
brings its jobs in line with the plan and wakes APScheduler up, so they take effect at once
instead of at its next planned wake-up.

SIGTERM / SIGINT: no new runs start; a running job stops at its next safe point (an import
finishes its current batch) and records itself as interrupted; then the process exits.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import threading
import time
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

import db

from . import runner
from .locks import SCHEDULER_LOCK, AdvisoryLock
from .registry import JOBS
from .settings import JobsSettings, parse_schedule
from .wakeup import Listener

log = logging.getLogger("jobs.scheduler")

HEALTH_SECONDS = 5.0
# How long one wait for a change announcement lasts: the longest a stop request waits.
LISTEN_SECONDS = 0.5


def planned_jobs(settings: JobsSettings, stored_sheets: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """job name → APScheduler trigger, for every scheduled job that is enabled and not "off".
    ``stored_sheets``: the sheets staff scheduled (the table), besides those in the settings."""
    if stored_sheets:
        settings = dataclasses.replace(settings, sheets=(*settings.sheets, *stored_sheets))
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


def current_plan(settings: JobsSettings) -> dict[str, Any]:
    """The plan with the sheets stored in the database (reads it)."""
    from .ingest.sheet_schedule import stored_sheets

    with db.session() as session:
        sheets = [entry.url for entry in stored_sheets(session)]
    return planned_jobs(settings, sheets)


def sync_jobs(scheduler: BackgroundScheduler, plan: dict[str, Any], *, prune: bool = True) -> None:
    """Make the stored jobs match the plan: add or update configured ones, drop the others
    (``prune=False``: drop only known jobs that are no longer planned, keep one-off jobs)."""
    for job in scheduler.get_jobs():
        if job.id not in plan and (prune or job.id in JOBS):
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


def build_index_if_needed(scheduler: BackgroundScheduler) -> bool:
    """Queue one knowledge-index build now when the index was never built (a new or wiped data
    dir) or was built by another embedder (an upgrade: its vectors cannot answer this version's
    queries), so `make run` answers semantic searches without waiting for the nightly run."""
    from assistant.knowledge.index import index_embedder_name, index_status

    try:
        status = index_status()
    except Exception:
        log.exception("cannot read the knowledge index state; not building it now")
        return False
    if status.last_refresh is None or not any(status.documents.values()):
        log.info("knowledge index is empty: building it now")
    elif status.embedder != index_embedder_name():
        log.info("knowledge index was built by %s: rebuilding it now", status.embedder)
    else:
        return False
    scheduler.add_job(
        runner.scheduled,
        "date",
        args=["refresh-index"],
        id="refresh-index-initial",
        name="Build the product knowledge index",
        replace_existing=True,
    )
    return True


def apply_changes(scheduler: BackgroundScheduler, settings: JobsSettings) -> None:
    """After an announced change: jobs in line with the plan, and APScheduler re-reads its store
    (a resumed job's next run time) now rather than at its next planned wake-up."""
    try:
        sync_jobs(scheduler, current_plan(settings), prune=False)
    except Exception:
        log.exception("could not bring the jobs in line with the plan; keeping the current ones")
    scheduler.wakeup()


def serve(settings: JobsSettings | None = None, stop: threading.Event | None = None) -> int:
    """Run until ``stop`` is set (the CLI sets it on SIGTERM / SIGINT)."""
    settings = settings or JobsSettings()
    stop = stop or threading.Event()
    planned_jobs(settings)  # bad schedules fail here, before taking the lock
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
        # Listen before reading the plan: a change made meanwhile is heard, not missed.
        listener = Listener()
        listener.connect()
        scheduler = None
        failed = False
        try:
            active_plan = current_plan(settings)
            log.info(
                "active (pid %d): scheduling %s",
                pid,
                ", ".join(f"{n} [{t}]" for n, t in active_plan.items()) or "nothing",
            )
            runner.STOP.clear()
            scheduler = build_scheduler(settings)
            scheduler.start(paused=True)
            sync_jobs(scheduler, active_plan)
            if settings.build_index_on_start:
                build_index_if_needed(scheduler)
            scheduler.resume()
            checked = time.monotonic()
            while not stop.is_set():
                if listener.wait(LISTEN_SECONDS) and not stop.is_set():
                    apply_changes(scheduler, settings)
                if time.monotonic() - checked >= HEALTH_SECONDS:
                    checked = time.monotonic()
                    if not lock.alive():
                        log.error("lost the scheduler lock (database connection gone); going back to standby")
                        break
        except Exception:
            log.exception("the scheduler failed; going back to standby")
            failed = True
        finally:
            runner.STOP.set()  # running jobs stop at their next safe point
            if scheduler is not None:
                scheduler.shutdown(wait=True)
            listener.close()
            lock.release()
            log.info("scheduler stopped")
        if failed:
            stop.wait(settings.standby_poll_seconds)
    return 0


def install_signal_handlers(stop: threading.Event) -> None:
    def handle(signum: int, frame: Any) -> None:
        log.info("signal %d: stopping after the running job's current step", signum)
        stop.set()
        runner.STOP.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
