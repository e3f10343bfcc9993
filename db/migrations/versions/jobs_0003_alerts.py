"""jobs: stock alerts, per-product low-stock thresholds, alert deliveries.

Revision ID: jobs_0003_alerts
Revises: jobs_0002_stored_images
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_0003_alerts"
down_revision = "jobs_0002_stored_images"
branch_labels = None
depends_on = None

S = "jobs"


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sku", sa.Text),
        sa.Column("product_handle", sa.Text),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("details", sa.JSON, nullable=False, server_default="{}"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("run_id", sa.BigInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by", sa.String(255)),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("resolved_by", sa.String(255)),
        sa.Column("resolved_at", sa.DateTime(timezone=True)),
        schema=S,
    )
    # One alert per condition while it lasts: a second identical sync cannot raise it again.
    op.create_index(
        "uq_alerts_active_condition",
        "alerts",
        ["kind", "subject"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("active"),
    )
    op.create_index("ix_alerts_status_created", "alerts", ["status", "created_at"], schema=S)
    op.create_table(
        "stock_thresholds",
        sa.Column("product_handle", sa.Text, primary_key=True),
        sa.Column("threshold", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(255)),
        schema=S,
    )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("alert_ids", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("alert_deliveries", schema=S)
    op.drop_table("stock_thresholds", schema=S)
    op.drop_table("alerts", schema=S)
