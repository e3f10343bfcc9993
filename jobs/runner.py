"""Run one job now: take its lock, record the run, run it, record how it ended.

Used by the scheduler (trigger "schedule"), the command line ("manual") and the admin page
("admin"). A job whose lock group is busy is not run: the attempt is recorded as "skipped".
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import runs
from .context import JobContext, JobResult
from .locks import try_lock
from .registry import JOBS, group_members

log = logging.getLogger("jobs")

# Set by the scheduler process on shutdown; scheduled runs stop at their next safe point.
STOP = threading.Event()


@dataclass
class Outcome:
    run_id: int
    status: str
    counts: dict[str, Any]
    error: str | None = None
    detail: Any = None


def execute(
    job: str,
    *,
    trigger: str = "manual",
    source: str | None = None,
    stop: threading.Event | None = None,
    progress: Callable[[int, int], Any] | None = None,
    after_batch: Callable[[int], Any] | None = None,
    **kwargs: Any,
) -> Outcome:
    """Run ``job`` once and return how it ended (exceptions inside the job become a "failed" run
    with the traceback as its error; Ctrl-C becomes "interrupted" and is re-raised)."""
    if job not in JOBS:
        raise KeyError(f"unknown job {job!r} (known: {', '.join(JOBS)})")
    spec = JOBS[job]
    if source is not None:
        kwargs["source"] = source
    with try_lock(f"jobs:{spec.lock_group}") as got:
        if not got:
            reason = f"another {spec.lock_group} job is running; this one was not started"
            run_id = runs.record_skipped(job, trigger, source, reason)
            log.info("%s: skipped (%s)", job, reason)
            return Outcome(run_id, runs.SKIPPED, {}, reason)
        stale = runs.close_stale_runs(group_members(spec.lock_group))
        if stale:
            log.warning("%s: marked %d run(s) of a dead process as interrupted", job, stale)
        run_id = runs.start_run(job, trigger, source)
        ctx = JobContext(
            run_id=run_id, trigger=trigger, stop=stop or STOP, progress=progress, after_batch=after_batch
        )
        log.info("%s: run %d started (%s)", job, run_id, trigger)
        try:
            result: JobResult = spec.run(ctx, **kwargs)
        except KeyboardInterrupt:
            runs.finish_run(run_id, runs.INTERRUPTED, error="stopped with Ctrl-C")
            raise
        except Exception as exc:
            error = "".join(traceback.format_exception(exc))[-4000:]
            runs.finish_run(run_id, runs.FAILED, error=error)
            log.exception("%s: run %d failed", job, run_id)
            return Outcome(run_id, runs.FAILED, {}, f"{type(exc).__name__}: {exc}")
        runs.finish_run(run_id, result.status, result.counts, result.error)
        log.info("%s: run %d %s %s", job, run_id, result.status, result.counts)
        return Outcome(run_id, result.status, result.counts, result.error, result.detail)


def scheduled(job: str) -> None:
    """The function APScheduler stores (by reference) for each scheduled job."""
    execute(job, trigger="schedule")
