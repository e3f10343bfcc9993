"""Negotiations as staff see them: a filtered list from our tables, and whether each deal's
promotion code was used (read from Medusa, which owns promotions and orders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import col, select

import db
from assistant.models import NegotiationRow, utcnow
from medusa import Medusa

OUTCOMES = ("open", "agreed", "declined", "expired")


@dataclass(frozen=True)
class Filters:
    product: str = ""  # part of a product handle
    outcome: str = ""  # one of OUTCOMES, or "" for all
    date_from: date | None = None  # store-local days, inclusive
    date_to: date | None = None


def outcome_of(row: NegotiationRow, now: datetime) -> str:
    """One word for the list: open, agreed (deal still valid), expired, or declined."""
    if row.status == "agreed" and row.expires_at is not None and row.expires_at <= now:
        return "expired"
    if row.status == "agreed":
        return "agreed"
    if row.status == "open":
        return "open"
    return row.outcome if row.outcome in OUTCOMES else "declined"


def parse_day(text: str) -> date | None:
    """``YYYY-MM-DD`` from a date input, or None (empty or malformed)."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


async def list_negotiations(filters: Filters, tz: ZoneInfo, limit: int = 100) -> list[NegotiationRow]:
    query = select(NegotiationRow).order_by(col(NegotiationRow.created_at).desc())
    if filters.product.strip():
        query = query.where(col(NegotiationRow.product_handle).icontains(filters.product.strip()))
    if filters.date_from:
        query = query.where(NegotiationRow.created_at >= datetime.combine(filters.date_from, time(0), tz))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time(0), tz)
        query = query.where(NegotiationRow.created_at < end)
    now = utcnow()
    if filters.outcome == "open":
        query = query.where(NegotiationRow.status == "open")
    elif filters.outcome == "agreed":
        query = query.where(NegotiationRow.status == "agreed").where(
            (col(NegotiationRow.expires_at).is_(None)) | (col(NegotiationRow.expires_at) > now)
        )
    elif filters.outcome == "expired":
        query = query.where(
            (NegotiationRow.status == "expired")
            | ((NegotiationRow.status == "agreed") & (col(NegotiationRow.expires_at) <= now))
        )
    elif filters.outcome == "declined":
        query = query.where(col(NegotiationRow.status).in_(["closed"]))
    async with db.async_session() as s:
        rows = list((await s.exec(query.limit(limit))).all())
        for row in rows:
            s.expunge(row)
    return rows


def discount(row: NegotiationRow) -> Decimal | None:
    return row.list_price - row.deal_price if row.deal_price is not None else None


async def promo_usage(medusa: Medusa, codes: list[str]) -> dict[str, bool]:
    """code → used at least once (Medusa counts a use when an order is placed with it)."""
    codes = [c for c in dict.fromkeys(codes) if c]
    if not codes:
        return {}
    found: dict[str, bool] = {}
    for start in range(0, len(codes), 50):
        chunk = codes[start : start + 50]
        page = await medusa.admin.promotion.list(code=chunk, limit=len(chunk), fields="id,code,+used,+limit")
        for promotion in page.items:
            if promotion.code:
                found[promotion.code] = bool(promotion.used)
    return found
