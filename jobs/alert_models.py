"""Tables of the stock alerts (schema ``jobs``): alerts, per-product low-stock thresholds, and
delivery attempts (email, webhook). See jobs/alerts.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, DateTime, Index, Integer, Text, text
from sqlmodel import Field, SQLModel

from .models import SCHEMA, utcnow


class Alert(SQLModel, table=True):
    """One alert. ``active`` says the condition still holds: while it does, the same condition
    (kind + subject) is never raised again, whatever staff did with the alert; when it ends the
    alert is resolved by the job and ``active`` turns false."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index(
            "uq_alerts_active_condition",
            "kind",
            "subject",
            unique=True,
            postgresql_where=text("active"),
        ),
        Index("ix_alerts_status_created", "status", "created_at"),
        {"schema": SCHEMA},
    )

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    kind: str = Field(max_length=32)
    subject: str = Field(sa_column=Column(Text, nullable=False))  # what the condition is about
    sku: str | None = Field(default=None, sa_column=Column(Text))
    product_handle: str | None = Field(default=None, sa_column=Column(Text))
    message: str = Field(sa_column=Column(Text, nullable=False))
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="open", max_length=16)  # open | acknowledged | resolved
    active: bool = Field(default=True, sa_column=Column(Boolean, nullable=False))
    run_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    acknowledged_by: str | None = Field(default=None, max_length=255)
    acknowledged_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    resolved_by: str | None = Field(default=None, max_length=255)
    resolved_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class StockThreshold(SQLModel, table=True):
    """A product's own low-stock threshold (units available per variant), overriding the global one."""

    __tablename__ = "stock_thresholds"
    __table_args__ = {"schema": SCHEMA}

    product_handle: str = Field(sa_column=Column(Text, primary_key=True))
    threshold: int = Field(sa_column=Column(Integer, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    updated_by: str | None = Field(default=None, max_length=255)


class AlertDelivery(SQLModel, table=True):
    """One message sent (or tried) on one channel for a group of alerts."""

    __tablename__ = "alert_deliveries"
    __table_args__ = {"schema": SCHEMA}

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    channel: str = Field(max_length=16)  # email | webhook
    # Where it goes (recipients or URL): a failed delivery is tried again only to the same target.
    target: str = Field(sa_column=Column(Text, nullable=False))
    alert_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | sent | failed
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
