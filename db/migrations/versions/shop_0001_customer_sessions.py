"""shop: signed-in shopper sessions (hashed session id → Medusa customer token).

Revision ID: shop_0001_customer_sessions
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "shop_0001_customer_sessions"
down_revision = "0001_base"
branch_labels = ("shop",)
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS shop")
    op.create_table(
        "customer_session",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
        sa.Column("medusa_token", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        schema="shop",
    )


def downgrade() -> None:
    op.drop_table("customer_session", schema="shop")
