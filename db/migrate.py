"""Bring our schema up to date: `python -m db.migrate` (the stack runs it on every start).

Each package adds its tables in its own migration branch; `heads` applies all of them. A
Postgres advisory lock keeps two processes starting at once from migrating twice.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from .engine import _engine, database_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_ID = 7_340_001  # arbitrary, constant: "tob schema migration"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(url: str | None = None) -> None:
    """Apply every pending migration on `url` (default: `DATABASE_URL`)."""
    with _engine(database_url(url)).connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": LOCK_ID})
        try:
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
            conn.commit()
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": LOCK_ID})
            conn.commit()


if __name__ == "__main__":
    upgrade()
    print("database schema is up to date")
