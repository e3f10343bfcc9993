"""Postgres advisory locks: one active scheduler, and one run of a job (group) at a time.

Session-level advisory locks live as long as the connection that took them, so a process that
dies (even with SIGKILL) releases its locks at once and a standby can take over. Each lock holds
its own connection, outside the pool.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

import db

log = logging.getLogger("jobs.locks")

SCHEDULER_LOCK = "jobs:scheduler"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (Python's hash() changes between processes)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class AdvisoryLock:
    """``try_acquire()`` / ``alive()`` / ``release()`` on a dedicated connection."""

    def __init__(self, name: str, engine: Engine | None = None) -> None:
        self.name = name
        self.key = lock_key(name)
        self._engine = engine or db.engine()
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def try_acquire(self) -> bool:
        if self._conn is not None:
            return True
        conn = self._engine.connect()
        try:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
            conn.commit()
        except BaseException:
            conn.close()
            raise
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def alive(self) -> bool:
        """True while the connection holding the lock still works (if Postgres restarted or the
        network dropped, the lock is gone and so is our right to run)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1")).scalar()
            self._conn.commit()
            return True
        except DBAPIError:
            self._drop()
            return False

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            self._conn.commit()
        except DBAPIError:
            log.warning("could not unlock %s cleanly (its connection is gone, so is the lock)", self.name)
        self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.invalidate()
                self._conn.close()
            except DBAPIError:
                pass
            self._conn = None


@contextmanager
def try_lock(name: str) -> Iterator[bool]:
    """``with try_lock("jobs:ingest") as got:`` — ``got`` is False when another process holds it."""
    lock = AdvisoryLock(name)
    got = lock.try_acquire()
    try:
        yield got
    finally:
        if got:
            lock.release()
