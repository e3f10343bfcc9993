"""Telling the active scheduler that the schedules changed, so it acts now rather than at its next
planned wake-up (which can be hours away when every other job is nightly, or never when no job
is scheduled).

Whoever changes the job store or the scheduled sheets calls :func:`notify` (Postgres ``NOTIFY``,
delivered when the transaction commits). The active scheduler holds a :class:`Listener` on its own
connection; standby schedulers do not listen, and read the store when they take over.
"""

from __future__ import annotations

import contextlib
import logging
import time

import psycopg
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

import db

log = logging.getLogger("jobs.wakeup")

CHANNEL = "tob_jobs_schedule"


def notify(conn: Connection | None = None, what: str = "") -> None:
    """Announce a change; inside ``conn``'s transaction when given (sent on its commit)."""
    statement = text("SELECT pg_notify(:channel, :what)")
    params = {"channel": CHANNEL, "what": what[:200]}
    if conn is not None:
        conn.execute(statement, params)
        return
    with db.engine().begin() as own:
        own.execute(statement, params)


def libpq_url(url: str | None = None) -> str:
    """Our SQLAlchemy URL as a plain ``postgresql://`` URL for psycopg itself."""
    return (
        make_url(url or db.database_url()).set(drivername="postgresql").render_as_string(hide_password=False)
    )


class Listener:
    """``LISTEN`` on a dedicated autocommit connection.

    ``wait(timeout)`` returns True when a change was announced, and also after the connection had
    to be made again (announcements sent while it was down are lost, so assume a change)."""

    def __init__(self, url: str | None = None) -> None:
        self._url = libpq_url(url)
        self._conn: psycopg.Connection | None = None

    def connect(self) -> bool:
        try:
            self._conn = psycopg.connect(self._url, autocommit=True, connect_timeout=5)
            self._conn.execute(f"LISTEN {CHANNEL}")
            return True
        except psycopg.Error as exc:
            log.warning("cannot listen for schedule changes (%s); retrying", exc)
            self.close()
            return False

    def wait(self, timeout: float) -> bool:
        if self._conn is None:
            if not self.connect():
                time.sleep(timeout)  # no busy loop while the database is away
                return False
            return True
        try:
            heard = False
            for _ in self._conn.notifies(timeout=timeout, stop_after=1):
                heard = True
            if heard:  # several changes at once need one wake-up
                for _ in self._conn.notifies(timeout=0.05):
                    pass
            return heard
        except psycopg.Error as exc:
            log.warning("lost the schedule-change connection (%s)", exc)
            self.close()
            return False

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
            self._conn = None
