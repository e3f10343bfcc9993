"""One engine per process and URL, sync for jobs and scripts, async for the web app."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache

from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import Session, create_engine
from sqlmodel.ext.asyncio.session import AsyncSession

# The embedded Postgres the stack starts when DATABASE_URL is not set.
EMBEDDED_URL = "postgresql://postgres@127.0.0.1:{port}/tob"


def database_url(url: str | None = None) -> str:
    """`url`, `DATABASE_URL` or the embedded Postgres on `TOB_PG_PORT`, for the psycopg 3 driver."""
    url = (
        url
        or os.environ.get("DATABASE_URL")
        or EMBEDDED_URL.format(port=os.environ.get("TOB_PG_PORT", "55432"))
    )
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


@cache
def _engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=10)


@cache
def _async_engine(url: str) -> AsyncEngine:
    return create_async_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=10)


@cache
def _async_autocommit_engine(url: str) -> AsyncEngine:
    return create_async_engine(
        url, isolation_level="AUTOCOMMIT", pool_size=5, max_overflow=5, pool_timeout=10
    )


def engine() -> Engine:
    return _engine(database_url())


def async_engine() -> AsyncEngine:
    return _async_engine(database_url())


def async_autocommit_engine() -> AsyncEngine:
    """Autocommit connections with no ping on checkout, for hot paths that count round trips: each
    statement commits on its own unless the caller opens a transaction, and the caller retries a
    first statement that finds the pooled connection gone (a ping would cost a round trip each time)."""
    return _async_autocommit_engine(database_url())


@contextmanager
def session() -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine(), expire_on_commit=False) as s:
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise


@asynccontextmanager
async def async_session(engine: AsyncEngine | None = None) -> AsyncIterator[AsyncSession]:
    """A session that commits on success; on the process-wide engine unless given another (a job
    thread's own event loop needs its own engine)."""
    maker = async_sessionmaker(engine or async_engine(), class_=AsyncSession, expire_on_commit=False)
    async with maker() as s:
        try:
            yield s
            await s.commit()
        except BaseException:
            await s.rollback()
            raise


def dispose() -> None:
    """Close pooled connections (tests that restart Postgres, forked workers)."""
    for cached in (_engine, _async_engine, _async_autocommit_engine):
        cached.cache_clear()
