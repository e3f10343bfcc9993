"""Two real scheduler processes on one database: one runs jobs, the other stands by and takes over
when the first is killed; SIGTERM stops a running import between batches and records it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid

import pytest
from scheduler_processes import last_run_id, runs_since, start, wait_for
from sqlalchemy import func
from sqlmodel import col, select

import db
from jobs import execute, run_rows
from jobs.medusa_admin import admin_medusa
from jobs.models import IngestionBatch, IngestionRow, JobRun

HEADER = "handle,title,title_fr,category,condition,sku,price_cad,quantity\n"


@pytest.fixture
def imported(stack):
    """Handles this test imports; deleted from Medusa afterwards (bulk-created products share
    `created_at`, and leftovers would make Medusa's newest-first pages overlap in other tests)."""
    handles: list[str] = []
    yield handles

    async def delete() -> None:
        async with admin_medusa() as medusa:
            page = await medusa.admin.product.list(handle=handles, limit=100, fields="id,handle")
            if page.items:
                await medusa.admin.product.batch(delete=[p.id for p in page.items])

    asyncio.run(delete())


def test_two_schedulers_one_active_standby_takes_over_and_sigterm_interrupts_cleanly(
    stack, tmp_path, monkeypatch, imported
):
    s = uuid.uuid4().hex[:8]
    imported += [f"once-{s}"] + [f"big-{s}-{i}" for i in range(25)]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {
        **os.environ,
        "JOBS_INGEST_FOLDER_SCHEDULE": "every 1s",
        "JOBS_INGEST_SHEETS_SCHEDULE": "off",
        "JOBS_SHEETS": "",
        "JOBS_STANDBY_POLL_SECONDS": "0.5",
        "JOBS_INBOX_DIR": str(inbox),
        "JOBS_INBOX_SETTLE_SECONDS": "0",
        "JOBS_INGEST_BATCH_SIZE": "1",
    }
    first_id = last_run_id()

    a = start(env, tmp_path / "a.log")
    procs = [a]
    try:
        wait_for("the first scheduler's runs", lambda: runs_since(first_id))
        b = start(env, tmp_path / "b.log")
        procs.append(b)
        # Starting a process takes several seconds on a loaded machine: wait for it to stand by.
        wait_for("the second scheduler to stand by", lambda: "standby" in (tmp_path / "b.log").read_text())
        time.sleep(3)
        assert {r.pid for r in runs_since(first_id)} == {a.pid}, "the standby ran jobs"
        assert {r.trigger for r in runs_since(first_id)} == {"schedule"}

        # one file dropped while two schedulers run is imported once
        (inbox / "one.csv").write_text(HEADER + f"once-{s},Once,Une fois,furniture,Good,ONC-{s},20,1\n")
        wait_for(
            "the file to be imported",
            lambda: list((inbox / "done").glob("*one.csv")) if (inbox / "done").exists() else [],
        )
        with db.session() as session:
            batches = session.exec(
                select(IngestionBatch).where(IngestionBatch.source == str(inbox / "one.csv"))
            ).all()
        assert len(batches) == 1 and batches[0].status == "succeeded"

        # the active one dies without any cleanup: the standby takes over
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        killed_at = runs_since(first_id)[-1].id
        wait_for("the standby to take over", lambda: [r for r in runs_since(killed_at) if r.pid == b.pid])
        assert "active" in (tmp_path / "b.log").read_text()

        # SIGTERM during an import: the current batch finishes, the rest is recorded as not processed
        big = inbox / "big.csv"
        big.write_text(
            HEADER
            + "".join(
                f"big-{s}-{i},Big {i},Grand {i},furniture,Good,BIG-{s}-{i},{30 + i},1\n" for i in range(25)
            )
        )

        def rows_done() -> int:
            with db.session() as session:
                return session.exec(
                    select(func.count(IngestionRow.id))
                    .join(IngestionBatch, col(IngestionRow.batch_id) == IngestionBatch.id)
                    .where(IngestionBatch.source == str(big))
                ).one()

        wait_for("the big import to start", lambda: rows_done() >= 2)
        b.send_signal(signal.SIGTERM)
        assert b.wait(60) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)

    with db.session() as session:
        run = session.exec(
            select(JobRun)
            .join(IngestionBatch, col(IngestionBatch.run_id) == JobRun.id)
            .where(IngestionBatch.source == str(big))
        ).one()
    assert run.status == "interrupted" and run.pid == b.pid
    results = run_rows(run.id)
    assert len(results) == 25
    assert {r.status for r in results} == {"created", "not_processed"}
    assert big.exists(), "an interrupted file stays in the inbox for the next run"

    # no run is left "running"; the next run finishes the file without duplicates
    monkeypatch.setenv("JOBS_INBOX_DIR", str(inbox))
    monkeypatch.setenv("JOBS_INBOX_SETTLE_SECONDS", "0")
    finished = execute("ingest-folder")
    assert finished.status == "succeeded"
    assert not big.exists()
    statuses = [r.status for r in run_rows(finished.run_id)]
    created_before = sum(1 for r in results if r.status == "created")
    assert statuses.count("unchanged") == created_before and statuses.count("created") == 25 - created_before
    assert not [r for r in runs_since(first_id) if r.status == "running"]
