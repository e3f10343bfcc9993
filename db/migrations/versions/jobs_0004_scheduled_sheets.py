"""jobs: Google Sheets staff added to the ingest-sheets schedule (who added / removed them).

Revision ID: jobs_0004_scheduled_sheets
Revises: jobs_0003_alerts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_0004_scheduled_sheets"
down_revision = "jobs_0003_alerts"
branch_labels = None
depends_on = None

S = "jobs"


def upgrade() -> None:
    op.create_table(
        "scheduled_sheets",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("sheet_key", sa.String(255), nullable=False),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_by", sa.String(255)),
        sa.Column("removed_at", sa.DateTime(timezone=True)),
        schema=S,
    )
    # A sheet tab is on the schedule at most once (removed rows stay as the record).
    op.create_index(
        "uq_scheduled_sheets_live",
        "scheduled_sheets",
        ["sheet_key"],
        unique=True,
        schema=S,
        postgresql_where=sa.text("removed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("scheduled_sheets", schema=S)
