"""Schedule changes take effect at once: a resumed job runs at its next fire time even when the
active scheduler was sleeping with nothing due, and a Google Sheet staff add to (or remove from)
the schedule makes the scheduler add (or drop) the ingest-sheets job, with a standby scheduler
beside it that runs nothing. Plus the stored sheets themselves: one per tab, who added and removed."""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest
from scheduler_processes import last_run_id, runs_since, start, wait_for
from sqlmodel import select

import db
from jobs import schedules
from jobs.ingest.sheet_schedule import (
    NotASheet,
    ScheduledSheet,
    add_sheet,
    remove_sheet,
    sheet_refs,
    stored_sheets,
)
from jobs.settings import JobsSettings
from jobs.wakeup import Listener


def schedule_of(job: str) -> schedules.Schedule:
    return next(s for s in schedules.list_schedules() if s.job == job)


def sheet_link() -> str:
    return f"https://docs.google.com/spreadsheets/d/1Sched{uuid.uuid4().hex}/edit"


def test_stored_sheets_one_per_tab_with_who_added_and_removed_and_a_notification(stack, monkeypatch):
    monkeypatch.setenv("JOBS_SHEETS", "")
    link = sheet_link()
    listener = Listener()
    assert listener.connect()
    try:
        with db.session() as s:
            entry, added = add_sheet(s, link, by="a@x")
        assert added and entry.added_by == "a@x"
        assert listener.wait(5), "adding a sheet announces a schedule change"
        with db.session() as s:
            again, added_again = add_sheet(s, link.replace("/edit", "/edit#gid=0"), by="b@x")
        assert (again.id, added_again) == (entry.id, False)
        assert not listener.wait(0.5), "nothing changed, nothing announced"
        with db.session() as s:
            assert link in sheet_refs(s, JobsSettings())
            with pytest.raises(NotASheet):
                add_sheet(s, "https://example.test/products.csv", by="a@x")
        with db.session() as s:
            assert remove_sheet(s, entry.id, by="c@x")
            assert not remove_sheet(s, entry.id, by="c@x")
        assert listener.wait(5)
        with db.session() as s:
            row = s.get(ScheduledSheet, entry.id)
            assert (row.removed_by, row.removed_at is not None) == ("c@x", True)
            assert link not in sheet_refs(s, JobsSettings())
            readded, added = add_sheet(s, link, by="d@x")  # a removed sheet can come back
            assert added and readded.id != entry.id
    finally:
        listener.close()
        with db.session() as s:
            for row in s.exec(select(ScheduledSheet).where(ScheduledSheet.url.in_([link]))).all():
                s.delete(row)


def test_resume_and_sheet_changes_reach_a_sleeping_scheduler_at_once(stack, tmp_path):
    with db.session() as s:
        assert stored_sheets(s) == [], "a scheduled sheet was left over by another test"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = {
        **os.environ,
        "JOBS_INGEST_FOLDER_SCHEDULE": "every 3s",
        "JOBS_INGEST_SHEETS_SCHEDULE": "every 1h",
        "JOBS_CATALOG_REFRESH_SCHEDULE": "off",
        "JOBS_REFRESH_INDEX_SCHEDULE": "off",
        "JOBS_BUILD_INDEX_ON_START": "off",
        "INVENTORY_FEED": "",
        "JOBS_SHEETS": "",
        "JOBS_STANDBY_POLL_SECONDS": "0.5",
        "JOBS_INBOX_DIR": str(inbox),
    }
    first = last_run_id()
    active = start(env, tmp_path / "active.log")
    procs = [active]
    link = sheet_link()
    try:
        wait_for("the first scheduled run", lambda: runs_since(first), timeout=60)
        standby = start(env, tmp_path / "standby.log")
        procs.append(standby)
        wait_for("the standby", lambda: "standby" in (tmp_path / "standby.log").read_text())

        # Paused: no run. With its only job paused, the scheduler sleeps with nothing due.
        assert schedules.pause("ingest-folder")
        time.sleep(1)
        mark = last_run_id()
        time.sleep(4)
        assert schedule_of("ingest-folder").paused
        assert runs_since(mark) == []

        # Resumed: it runs at its next fire time (≤ 3 s), not at some later wake-up.
        resumed_at = time.monotonic()
        assert schedules.resume("ingest-folder")
        wait_for("a run after resume", lambda: runs_since(mark), timeout=15)
        assert time.monotonic() - resumed_at < 10
        assert {r.pid for r in runs_since(first)} == {active.pid}, "the standby ran jobs"

        # A sheet added on the admin page: the ingest-sheets job is scheduled at once; removed: dropped.
        assert schedule_of("ingest-sheets").trigger == ""
        with db.session() as s:
            entry, _ = add_sheet(s, link, by="staff@x")
        wait_for("ingest-sheets to be scheduled", lambda: schedule_of("ingest-sheets").trigger, timeout=10)
        assert schedule_of("ingest-sheets").next_run is not None
        with db.session() as s:
            remove_sheet(s, entry.id, by="staff@x")
        wait_for(
            "ingest-sheets to be dropped", lambda: schedule_of("ingest-sheets").trigger == "", timeout=10
        )
        assert "ingest-folder" in {s.job for s in schedules.list_schedules() if s.trigger}

        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        assert [proc.wait(30) for proc in procs] == [0, 0]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        with db.session() as s:
            for row in s.exec(select(ScheduledSheet).where(ScheduledSheet.url == link)).all():
                s.delete(row)
