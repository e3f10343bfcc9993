"""The assistant's tables (Postgres schema ``assistant``). Server-side only: floors live here and
nowhere else — never in Medusa metadata, never in a reply or the browser."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

SCHEMA = "assistant"

__all__ = ["SCHEMA", "MessageRow", "NegotiationRow", "RuleChangeRow", "RuleRow", "utcnow"]


# JSONB on Postgres; Python None is SQL NULL (not JSON null), so CHECK constraints see it.
_JSON = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _money(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(Numeric(14, 4), nullable=nullable))


def _ts(nullable: bool = False) -> Any:
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class RuleRow(SQLModel, table=True):
    """One negotiation rule; see :mod:`assistant.rules` for what each field means."""

    __tablename__ = "rule"
    __table_args__ = (UniqueConstraint("level", "target", name="rule_level_target_key"), {"schema": SCHEMA})

    id: int | None = Field(default=None, primary_key=True)
    level: str = Field(sa_column=Column(String(16), nullable=False))
    target: str = Field(default="", sa_column=Column(String(255), nullable=False, server_default=""))
    enabled: bool | None = None
    floor_percent: Decimal | None = Field(default=None, sa_column=Column(Numeric(7, 4), nullable=True))
    # {"cad": "900.00", "usd": "700.00"} — decimal strings, never JSON floats
    floor_amounts: dict[str, str] | None = Field(default=None, sa_column=Column(_JSON, nullable=True))
    mode: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    max_rounds: int | None = None
    deal_validity_hours: int | None = None
    final_offer_at_floor: bool | None = None
    note: str | None = None
    updated_by: str = Field(sa_column=Column(String(255), nullable=False))
    updated_at: datetime = _ts()
    created_at: datetime = _ts()


class RuleChangeRow(SQLModel, table=True):
    """Audit trail: every set or delete of a rule, who did it and the values after it."""

    __tablename__ = "rule_change"
    __table_args__ = {"schema": SCHEMA}

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    level: str = Field(sa_column=Column(String(16), nullable=False))
    target: str = Field(sa_column=Column(String(255), nullable=False))
    action: str = Field(sa_column=Column(String(16), nullable=False))  # "set" | "delete"
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(_JSON, nullable=True))
    changed_by: str = Field(sa_column=Column(String(255), nullable=False))
    changed_at: datetime = _ts()


class NegotiationRow(SQLModel, table=True):
    __tablename__ = "negotiation"
    __table_args__ = {"schema": SCHEMA}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    product_id: str = Field(sa_column=Column(String(64), nullable=False))
    product_handle: str = Field(sa_column=Column(String(255), nullable=False))
    variant_id: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    region_id: str = Field(sa_column=Column(String(64), nullable=False))
    currency_code: str = Field(sa_column=Column(String(3), nullable=False))
    lang: str = Field(sa_column=Column(String(5), nullable=False))
    list_price: Decimal = Field(sa_column=Column(Numeric(14, 4), nullable=False))
    status: str = Field(default="open", sa_column=Column(String(16), nullable=False))
    # agreed / declined / expired once over; None while open
    outcome: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    counters: list[str] = Field(default_factory=list, sa_column=Column(_JSON, nullable=False))
    best_offer: Decimal | None = _money()
    last_offer: Decimal | None = _money()
    deal_price: Decimal | None = _money()
    expires_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    promo_code: str | None = Field(default=None, sa_column=Column(String(64), nullable=True, unique=True))
    promotion_id: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    # The amount off the promotion gives now: current list − agreed, 0 while the list is at or
    # below the agreed price (promotion deactivated). See assistant.deals.
    promotion_amount: Decimal | None = _money()
    promotion_attempts: int = 0  # failed attempts to create it (the outbox's backoff)
    promotion_retry_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    promotion_error: str | None = None
    turns: int = 0
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class MessageRow(SQLModel, table=True):
    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("negotiation_id", "seq", name="message_negotiation_seq_key"),
        UniqueConstraint("negotiation_id", "client_key", name="message_client_key_key"),
        Index("message_negotiation_idx", "negotiation_id", "seq"),
        {"schema": SCHEMA},
    )

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    negotiation_id: uuid.UUID = Field(
        sa_column=Column(Uuid, ForeignKey(f"{SCHEMA}.negotiation.id", ondelete="CASCADE"), nullable=False)
    )
    seq: int
    role: str = Field(sa_column=Column(String(16), nullable=False))  # "shopper" | "assistant"
    text: str
    intent: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    offer: Decimal | None = _money()  # the price the parser read (shopper messages)
    action: str | None = Field(default=None, sa_column=Column(String(16), nullable=True))
    reason: str | None = Field(default=None, sa_column=Column(String(32), nullable=True))
    price: Decimal | None = _money()  # the decision's price (assistant messages)
    client_key: str | None = Field(default=None, sa_column=Column(String(64), nullable=True))
    created_at: datetime = _ts()
