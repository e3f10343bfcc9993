"""The schedules as stored by the scheduler (APScheduler's job store in our database), for the
admin page: next run, pause and resume, and whether a scheduler or a job is running right now.

Pausing clears the stored next run time and resuming sets it again; both tell the active scheduler
at once (``wakeup.notify``), so a resumed job runs at its next fire time even when the scheduler
was sleeping until a far-away run. The scheduler keeps a paused job paused across restarts
(``sync_jobs`` keeps unchanged triggers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import text

import db

from . import wakeup
from .locks import SCHEDULER_LOCK, lock_key
from .registry import JOBS


@dataclass(frozen=True)
class Schedule:
    job: str
    title: str
    trigger: str  # e.g. "cron[minute='*/15']"; "" when the job only runs on demand
    next_run: datetime | None  # None: paused, or on demand only
    paused: bool


def _store() -> SQLAlchemyJobStore:
    store = SQLAlchemyJobStore(engine=db.engine(), tablename="apscheduler_jobs", tableschema="jobs")
    store.start(None, "default")  # creates the table if the scheduler never ran
    return store


def list_schedules() -> list[Schedule]:
    """Every job we know, with its stored schedule (jobs without one run on demand only)."""
    stored = {job.id: job for job in _store().get_all_jobs()}
    out = []
    for name, spec in JOBS.items():
        job = stored.get(name)
        if job is None:
            out.append(Schedule(name, spec.title, "", None, False))
        else:
            out.append(
                Schedule(name, spec.title, str(job.trigger), job.next_run_time, job.next_run_time is None)
            )
    return out


def pause(job_id: str) -> bool:
    """Stop the scheduled runs of a job (run now still works). False when it has no schedule."""
    store = _store()
    job = store.lookup_job(job_id)
    if job is None:
        return False
    job.next_run_time = None  # set directly: Job._modify needs a running scheduler
    store.update_job(job)
    wakeup.notify(what=f"paused {job_id}")
    return True


def resume(job_id: str, now: datetime | None = None) -> bool:
    """Schedule the job again from its trigger's next fire time."""
    store = _store()
    job = store.lookup_job(job_id)
    if job is None:
        return False
    now = now or datetime.now(UTC)
    job.next_run_time = job.trigger.get_next_fire_time(None, now.astimezone(job.trigger.timezone))
    store.update_job(job)
    wakeup.notify(what=f"resumed {job_id}")
    return True


def _held(name: str) -> bool:
    unsigned = lock_key(name) & 0xFFFF_FFFF_FFFF_FFFF
    with db.engine().connect() as conn:
        found = conn.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND classid = :hi AND objid = :lo AND objsubid = 1"
            ),
            {"hi": unsigned >> 32, "lo": unsigned & 0xFFFF_FFFF},
        ).scalar()
    return bool(found)


def scheduler_active() -> bool:
    """A scheduler process holds the scheduler lock (one is active, others stand by)."""
    return _held(SCHEDULER_LOCK)


def running_groups() -> set[str]:
    """Lock groups with a run in progress (any process)."""
    return {spec.lock_group for spec in JOBS.values() if _held(f"jobs:{spec.lock_group}")}
