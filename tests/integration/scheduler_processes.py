"""Helpers for the tests that start real scheduler processes (`python -m jobs`) and watch their
recorded runs."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

import db
from jobs.models import JobRun

ROOT = Path(__file__).resolve().parents[2]


def wait_for(what: str, check: Callable[[], object], timeout: float = 45) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def last_run_id() -> int:
    with db.session() as session:
        return session.exec(select(func.coalesce(func.max(JobRun.id), 0))).one()


def runs_since(first_id: int, job: str = "ingest-folder") -> list[JobRun]:
    with db.session() as session:
        return list(
            session.exec(
                select(JobRun).where(JobRun.id > first_id, JobRun.job == job).order_by(col(JobRun.id))
            ).all()
        )


def start(env: dict[str, str], log: Path) -> subprocess.Popen:
    """A scheduler process with this environment, its output in `log`."""
    return subprocess.Popen(
        [sys.executable, "-m", "jobs"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
