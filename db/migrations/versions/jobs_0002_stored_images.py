"""jobs: pictures stored by imports (sha256 → URL per store).

Revision ID: jobs_0002_stored_images
Revises: jobs_0001_runs_and_ingestion
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_0002_stored_images"
down_revision = "jobs_0001_runs_and_ingestion"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_images",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("store", sa.String(255), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        schema="jobs",
    )


def downgrade() -> None:
    op.drop_table("stored_images", schema="jobs")
