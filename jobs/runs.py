"""Recording job runs and ingestion results in our tables (what the admin page shows)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from typing import Any

from sqlmodel import col, select

import db

from .models import IngestionBatch, IngestionRow, JobRun, utcnow

TRIGGERS = ("schedule", "manual", "admin", "form")
RUNNING, SUCCEEDED, PARTIAL, FAILED, INTERRUPTED, SKIPPED = (
    "running",
    "succeeded",
    "partial",
    "failed",
    "interrupted",
    "skipped",
)


def start_run(job: str, trigger: str, source: str | None = None) -> int:
    if trigger not in TRIGGERS:
        raise ValueError(f"trigger must be one of {', '.join(TRIGGERS)}, got {trigger!r}")
    with db.session() as s:
        run = JobRun(
            job=job,
            trigger=trigger,
            status=RUNNING,
            source=source,
            host=socket.gethostname(),
            pid=os.getpid(),
        )
        s.add(run)
        s.flush()
        assert run.id is not None
        return run.id


def finish_run(
    run_id: int, status: str, counts: dict[str, Any] | None = None, error: str | None = None
) -> None:
    with db.session() as s:
        run = s.get(JobRun, run_id)
        if run is None:
            return
        run.status = status
        run.finished_at = utcnow()
        run.counts = dict(counts or {})
        run.error = error
        s.add(run)


def record_skipped(job: str, trigger: str, source: str | None, reason: str) -> int:
    run_id = start_run(job, trigger, source)
    finish_run(run_id, SKIPPED, error=reason)
    return run_id


def close_stale_runs(jobs: Iterable[str]) -> int:
    """Runs still 'running' for jobs whose lock we now hold belong to a process that died:
    mark them interrupted. Returns how many."""
    with db.session() as s:
        stale = s.exec(select(JobRun).where(col(JobRun.job).in_(list(jobs)), JobRun.status == RUNNING)).all()
        for run in stale:
            run.status = INTERRUPTED
            run.finished_at = utcnow()
            run.error = (run.error or "") + "the process running this job ended before it finished"
            s.add(run)
        batches = (
            s.exec(
                select(IngestionBatch).where(
                    col(IngestionBatch.run_id).in_([r.id for r in stale]), IngestionBatch.status == RUNNING
                )
            ).all()
            if stale
            else []
        )
        for batch in batches:
            batch.status = INTERRUPTED
            batch.finished_at = utcnow()
            s.add(batch)
        return len(stale)


def start_batch(run_id: int, source: str, kind: str, sha256: str | None) -> int:
    with db.session() as s:
        batch = IngestionBatch(run_id=run_id, source=source, source_kind=kind, sha256=sha256, status=RUNNING)
        s.add(batch)
        s.flush()
        assert batch.id is not None
        return batch.id


def add_rows(batch_id: int, results: Iterable[Any]) -> None:
    with db.session() as s:
        for r in results:
            s.add(
                IngestionRow(
                    batch_id=batch_id,
                    line=r.line,
                    handle=r.handle,
                    sku=r.sku,
                    status=r.status,
                    message=r.message,
                    product_id=r.product_id,
                    variant_id=r.variant_id,
                    floor_amount=r.floor_amount,
                    floor_currency=r.floor_currency,
                    floor_status=r.floor_status,
                )
            )


def finish_batch(
    batch_id: int, status: str, rows: int, counts: dict[str, Any], error: str | None = None
) -> None:
    with db.session() as s:
        batch = s.get(IngestionBatch, batch_id)
        if batch is None:
            return
        batch.status = status
        batch.rows = rows
        batch.counts = counts
        batch.error = error
        batch.finished_at = utcnow()
        s.add(batch)


def recent_runs(limit: int = 20, job: str | None = None) -> list[JobRun]:
    with db.session() as s:
        query = select(JobRun).order_by(col(JobRun.id).desc()).limit(limit)
        if job:
            query = query.where(JobRun.job == job)
        return list(s.exec(query).all())


def run_rows(run_id: int) -> list[IngestionRow]:
    with db.session() as s:
        query = (
            select(IngestionRow)
            .join(IngestionBatch, col(IngestionRow.batch_id) == IngestionBatch.id)
            .where(IngestionBatch.run_id == run_id)
            .order_by(col(IngestionRow.batch_id), col(IngestionRow.line))
        )
        return list(s.exec(query).all())
