"""staff: signed-in staff sessions for the admin page (hashed session id → Medusa admin token).

Revision ID: staff_0001_sessions
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "staff_0001_sessions"
down_revision = "0001_base"
branch_labels = ("staff",)
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS staff")
    op.create_table(
        "staff_session",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False, index=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("medusa_token", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        schema="staff",
    )


def downgrade() -> None:
    op.drop_table("staff_session", schema="staff")
