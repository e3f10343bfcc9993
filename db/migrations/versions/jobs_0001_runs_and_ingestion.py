"""jobs: job runs, ingestion batches and row results, APScheduler's job store.

Revision ID: jobs_0001_runs_and_ingestion
Revises: 0001_base
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_0001_runs_and_ingestion"
down_revision = "0001_base"
branch_labels = ("jobs",)
depends_on = None

S = "jobs"


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS jobs")
    op.create_table(
        "job_runs",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("trigger", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("counts", sa.JSON, nullable=False, server_default="{}"),
        sa.Column("error", sa.Text),
        sa.Column("host", sa.String(255)),
        sa.Column("pid", sa.Integer),
        schema=S,
    )
    op.create_index("ix_job_runs_job_started", "job_runs", ["job", "started_at"], schema=S)
    op.create_index("ix_jobs_job_runs_status", "job_runs", ["status"], schema=S)
    op.create_table(
        "ingestion_batches",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "run_id", sa.BigInteger, sa.ForeignKey(f"{S}.job_runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_kind", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("counts", sa.JSON, nullable=False, server_default="{}"),
        sa.Column("error", sa.Text),
        schema=S,
    )
    op.create_index("ix_jobs_ingestion_batches_run_id", "ingestion_batches", ["run_id"], schema=S)
    op.create_table(
        "ingestion_rows",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column(
            "batch_id",
            sa.BigInteger,
            sa.ForeignKey(f"{S}.ingestion_batches.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("handle", sa.Text),
        sa.Column("sku", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message", sa.Text),
        sa.Column("product_id", sa.String(64)),
        sa.Column("variant_id", sa.String(64)),
        sa.Column("floor_amount", sa.Numeric(14, 4)),
        sa.Column("floor_currency", sa.String(3)),
        sa.Column("floor_status", sa.String(16)),
        schema=S,
    )
    op.create_index("ix_jobs_ingestion_rows_batch_id", "ingestion_rows", ["batch_id"], schema=S)
    # APScheduler 3.11's SQLAlchemyJobStore table (same definition it would create itself).
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(191), primary_key=True),
        sa.Column("next_run_time", sa.Float(25), index=True),
        sa.Column("job_state", sa.LargeBinary, nullable=False),
        schema=S,
    )


def downgrade() -> None:
    op.drop_table("apscheduler_jobs", schema=S)
    op.drop_table("ingestion_rows", schema=S)
    op.drop_table("ingestion_batches", schema=S)
    op.drop_table("job_runs", schema=S)
