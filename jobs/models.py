"""The jobs package's own tables (Postgres schema ``jobs``): job runs, ingestion batches and their
per-row results. The admin page reads these; nothing here is a copy of Medusa's data."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, ForeignKey, Index, Numeric, Text
from sqlmodel import Field, SQLModel

SCHEMA = "jobs"


def utcnow() -> datetime:
    return datetime.now(UTC)


class JobRun(SQLModel, table=True):
    """One execution of a job, whoever started it."""

    __tablename__ = "job_runs"
    __table_args__ = (Index("ix_job_runs_job_started", "job", "started_at"), {"schema": SCHEMA})

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    job: str = Field(max_length=64)
    trigger: str = Field(max_length=16)  # schedule | manual | admin
    status: str = Field(max_length=16, index=True)  # running | succeeded | partial | failed | interrupted
    source: str | None = Field(default=None, sa_column=Column(Text))
    started_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    finished_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text))
    host: str | None = Field(default=None, max_length=255)
    pid: int | None = None


class IngestionBatch(SQLModel, table=True):
    """One source (file, URL, upload) ingested by one run."""

    __tablename__ = "ingestion_batches"
    __table_args__ = {"schema": SCHEMA}

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    run_id: int = Field(
        sa_column=Column(BigInteger, ForeignKey(f"{SCHEMA}.job_runs.id", ondelete="CASCADE"), index=True)
    )
    source: str = Field(sa_column=Column(Text, nullable=False))
    source_kind: str = Field(max_length=16)  # file | url | folder | upload
    sha256: str | None = Field(default=None, max_length=64)
    status: str = Field(max_length=16)
    rows: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    finished_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text))


class IngestionRow(SQLModel, table=True):
    """What happened to one line of a source."""

    __tablename__ = "ingestion_rows"
    __table_args__ = {"schema": SCHEMA}

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    batch_id: int = Field(
        sa_column=Column(
            BigInteger, ForeignKey(f"{SCHEMA}.ingestion_batches.id", ondelete="CASCADE"), index=True
        )
    )
    line: int
    handle: str | None = Field(default=None, sa_column=Column(Text))
    sku: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(max_length=16)  # created | updated | unchanged | error | not_processed
    message: str | None = Field(default=None, sa_column=Column(Text))
    product_id: str | None = Field(default=None, max_length=64)
    variant_id: str | None = Field(default=None, max_length=64)
    # Server-side only: the floor price is never sent to Medusa (see jobs.ingest.floors).
    floor_amount: Decimal | None = Field(default=None, sa_column=Column(Numeric(14, 4)))
    floor_currency: str | None = Field(default=None, max_length=3)
    floor_status: str | None = Field(default=None, max_length=16)  # provided | applied


class StoredImage(SQLModel, table=True):
    """A product picture stored by an import, by content: the same picture is stored once."""

    __tablename__ = "stored_images"
    __table_args__ = {"schema": SCHEMA}

    sha256: str = Field(primary_key=True, max_length=64)
    store: str = Field(
        primary_key=True, max_length=255
    )  # "s3:<endpoint>/<bucket>/<prefix>" or "medusa:<url>"
    url: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
