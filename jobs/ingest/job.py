"""The ingestion jobs: one source (file / URL / sheet), the drop folder, the scheduled sheets.

Each source becomes an ingestion batch of the run with its row results; rows are stored batch by
batch while the import goes, so a crash leaves an exact record of what was done.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import db
from assistant.floors import store_imported_floor
from medusa import MedusaError

from .. import runs
from ..context import JobContext, JobResult
from ..medusa_admin import admin_medusa
from ..settings import JobsSettings
from . import floors, sheet_schedule, sources
from .importer import ERROR, NOT_PROCESSED, Report, ingest
from .rows import SourceError

log = logging.getLogger("jobs.ingest")

# Floors from import files become the negotiation assistant's variant rules (never Medusa data).
floors.set_floor_handler(store_imported_floor)


@dataclass
class SourceOutcome:
    source: str
    status: str
    report: Report | None
    error: str | None = None


def _status(report: Report) -> str:
    if report.interrupted:
        return runs.INTERRUPTED
    return runs.PARTIAL if report.errors else runs.SUCCEEDED


def ingest_source(
    ctx: JobContext,
    ref: str,
    *,
    batch_size: int | None = None,
    data: bytes | None = None,
    base_dir: Path | None = None,
) -> SourceOutcome:
    """Read one source and import it as one ingestion batch of the current run. ``base_dir``: where
    image file names of uploaded ``data`` are found (a form's pictures)."""
    settings = JobsSettings()
    try:
        src = sources.Source(name=ref, kind="upload", data=data) if data is not None else sources.load(ref)
    except sources.SourceUnavailable as exc:
        batch_id = runs.start_batch(ctx.run_id, ref, "url" if "://" in ref else "file", None)
        runs.finish_batch(batch_id, runs.FAILED, 0, {}, str(exc))
        return SourceOutcome(ref, runs.FAILED, None, str(exc))
    batch_id = runs.start_batch(ctx.run_id, src.name, src.kind, src.sha256)
    if src.kind == "file":
        base_dir = Path(src.name).resolve().parent

    async def go() -> Report:
        async with admin_medusa() as medusa:
            return await ingest(
                medusa,
                src.data,
                batch_size=batch_size or settings.batch_size,
                on_results=lambda results: runs.add_rows(batch_id, results),
                should_stop=ctx.stop.is_set,
                after_batch=ctx.after_batch,
                on_progress=ctx.progress,
                base_dir=base_dir,
            )

    try:
        report = asyncio.run(go())
    except SourceError as exc:
        runs.finish_batch(batch_id, runs.FAILED, 0, {}, str(exc))
        return SourceOutcome(src.name, runs.FAILED, None, str(exc))
    except MedusaError as exc:
        runs.finish_batch(batch_id, runs.FAILED, 0, {}, f"Medusa: {exc}")
        return SourceOutcome(src.name, runs.FAILED, None, f"Medusa: {exc}")
    status = _status(report)
    runs.finish_batch(batch_id, status, len(report.rows), report.counts)
    return SourceOutcome(src.name, status, report)


def _sum_counts(outcomes: list[SourceOutcome]) -> dict[str, Any]:
    counts: dict[str, Any] = {"sources": len(outcomes), "failed_sources": 0}
    for outcome in outcomes:
        if outcome.report is None:
            counts["failed_sources"] += 1
            continue
        for key, value in outcome.report.counts.items():
            counts[key] = counts.get(key, 0) + value
    return counts


def _overall(outcomes: list[SourceOutcome]) -> str:
    statuses = {o.status for o in outcomes}
    if runs.INTERRUPTED in statuses:
        return runs.INTERRUPTED
    if not outcomes or statuses == {runs.SUCCEEDED}:
        return runs.SUCCEEDED
    if statuses == {runs.FAILED}:
        return runs.FAILED
    return runs.PARTIAL


def _errors(outcomes: list[SourceOutcome]) -> str | None:
    errors = [f"{o.source}: {o.error}" for o in outcomes if o.error]
    return "\n".join(errors) or None


def run_ingest(
    ctx: JobContext,
    source: str,
    batch_size: int | None = None,
    data: bytes | None = None,
    base_dir: Path | None = None,
) -> JobResult:
    """One source; ``data`` is an uploaded file's content (then ``source`` is its name)."""
    outcome = ingest_source(ctx, source, batch_size=batch_size, data=data, base_dir=base_dir)
    return JobResult(outcome.status, _sum_counts([outcome]), outcome.error, [outcome])


def run_ingest_sheets(ctx: JobContext) -> JobResult:
    """The sheets in ``JOBS_SHEETS`` and those staff scheduled on the admin page."""
    with db.session() as session:
        refs = sheet_schedule.sheet_refs(session)
    outcomes = []
    for ref in refs:
        if ctx.stop.is_set():
            break
        outcomes.append(ingest_source(ctx, ref))
    return JobResult(_overall(outcomes), _sum_counts(outcomes), _errors(outcomes), outcomes)


def inbox_files(inbox: Path, settle_seconds: float) -> list[Path]:
    """CSV files ready in the inbox, oldest first (files still being written wait)."""
    if not inbox.is_dir():
        return []
    now = time.time()
    files = [
        p
        for p in inbox.iterdir()
        if p.is_file()
        and p.suffix.lower() == ".csv"
        and not p.name.startswith(".")
        and now - p.stat().st_mtime >= settle_seconds
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{stamp}-{path.name}"
    shutil.move(str(path), target)
    return target


def _error_report(outcome: SourceOutcome) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "handle", "sku", "status", "reason"])
    if outcome.report is None:
        writer.writerow(["", "", "", "failed", outcome.error or ""])
    else:
        for row in outcome.report.rows:
            if row.status in (ERROR, NOT_PROCESSED):
                writer.writerow([row.line, row.handle or "", row.sku or "", row.status, row.message or ""])
    return out.getvalue()


def run_ingest_folder(ctx: JobContext) -> JobResult:
    """Import every CSV in the inbox. A file whose every row imported goes to ``done/``; a file
    with bad rows or that could not be read goes to ``failed/`` with ``<name>.errors.csv`` beside
    it (line, reason). A file cut short by a shutdown stays in the inbox for the next run."""
    settings = JobsSettings()
    outcomes: list[SourceOutcome] = []
    for path in inbox_files(settings.inbox_dir, settings.inbox_settle_seconds):
        if ctx.stop.is_set():
            break
        outcome = ingest_source(ctx, str(path))
        outcomes.append(outcome)
        if outcome.status == runs.INTERRUPTED:
            continue
        if outcome.status == runs.SUCCEEDED:
            _move(path, settings.inbox_dir / "done")
        else:
            moved = _move(path, settings.inbox_dir / "failed")
            moved.with_name(moved.name + ".errors.csv").write_text(_error_report(outcome), encoding="utf-8")
    return JobResult(_overall(outcomes), _sum_counts(outcomes), _errors(outcomes), outcomes)
