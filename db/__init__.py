"""The app's own Postgres database (`DATABASE_URL`): engines, sessions and schema migrations.

Medusa owns commerce data. These are our tables (negotiation rules and sessions, job runs,
alerts, the catalog read model); each package defines its own with SQLModel in its own
Postgres schema, and Alembic migrations in `db/migrations/versions/` create them.
"""

from .engine import async_autocommit_engine, async_engine, async_session, database_url, engine, session

__all__ = ["async_autocommit_engine", "async_engine", "async_session", "database_url", "engine", "session"]
