"""Our schema migrations run on the real Postgres the test session starts."""

from __future__ import annotations

from sqlalchemy import text

import db
from db.migrate import upgrade


def test_stack_start_applied_every_migration_and_a_rerun_changes_nothing(stack):
    with db.session() as s:
        before = set(s.execute(text("SELECT version_num FROM alembic_version")).scalars())
    assert before, "alembic_version is empty: the stack did not migrate"

    upgrade()

    with db.session() as s:
        after = set(s.execute(text("SELECT version_num FROM alembic_version")).scalars())
    assert after == before
