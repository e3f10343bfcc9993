"""Alembic environment: runs on the connection `db.migrate.upgrade` hands over (or its own)."""

from __future__ import annotations

from alembic import context

from db.engine import engine

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, include_schemas=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine().connect() as conn:
        context.configure(connection=conn, include_schemas=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run `python -m db.migrate`")
run()
