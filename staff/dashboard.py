"""Dashboard figures: pure aggregation of negotiation facts, plus the reads that feed it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import col, select

import db
from medusa import Medusa

DEFAULT_DAYS = 14


def store_timezone() -> ZoneInfo:
    """Days and weeks are the store's (the jobs' timezone, America/Toronto by default)."""
    return ZoneInfo(os.environ.get("JOBS_TIMEZONE") or "America/Toronto")


@dataclass(frozen=True)
class NegotiationFact:
    created_at: datetime
    currency_code: str
    list_price: Decimal
    deal_price: Decimal | None  # set once agreed (a deal stays a deal after it expires)


@dataclass
class DayPoint:
    day: date
    started: int = 0
    agreed: int = 0
    discount: dict[str, Decimal] = field(default_factory=dict)  # per currency, major units


@dataclass
class Summary:
    started: int
    agreed: int
    deal_rate: Decimal | None  # agreed / started, as a percent; None with no negotiation
    average_discount: dict[str, Decimal]  # per currency: mean of (list − deal) over deals
    total_discount: dict[str, Decimal]
    days: list[DayPoint]


def period_starts(now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Start of today and of this week (Monday) in the store's timezone, as aware datetimes."""
    local = now.astimezone(tz)
    today = datetime.combine(local.date(), time(0), tz)
    week = datetime.combine(local.date() - timedelta(days=local.weekday()), time(0), tz)
    return today, week


def summarize(facts: Iterable[NegotiationFact], *, today: date, days: int, tz: ZoneInfo) -> Summary:
    """Totals over the facts given, and one point per day for the last ``days`` days (today included)."""
    first = today - timedelta(days=days - 1)
    points = {first + timedelta(days=i): DayPoint(first + timedelta(days=i)) for i in range(days)}
    started = agreed = 0
    totals: dict[str, Decimal] = {}
    deals: dict[str, int] = {}
    for fact in facts:
        started += 1
        day = fact.created_at.astimezone(tz).date()
        point = points.get(day)
        if point is not None:
            point.started += 1
        if fact.deal_price is None:
            continue
        agreed += 1
        currency = fact.currency_code.lower()
        discount = max(fact.list_price - fact.deal_price, Decimal(0))
        totals[currency] = totals.get(currency, Decimal(0)) + discount
        deals[currency] = deals.get(currency, 0) + 1
        if point is not None:
            point.agreed += 1
            point.discount[currency] = point.discount.get(currency, Decimal(0)) + discount
    rate = (Decimal(agreed) * 100 / started).quantize(Decimal("0.1")) if started else None
    average = {c: (totals[c] / deals[c]).quantize(Decimal("0.01")) for c in totals}
    return Summary(started, agreed, rate, average, totals, list(points.values()))


async def negotiation_facts(since: datetime) -> list[NegotiationFact]:
    from assistant.models import NegotiationRow

    async with db.async_session() as s:
        rows = (
            await s.exec(
                select(NegotiationRow)
                .where(NegotiationRow.created_at >= since)
                .order_by(col(NegotiationRow.created_at))
            )
        ).all()
    return [NegotiationFact(r.created_at, r.currency_code, r.list_price, r.deal_price) for r in rows]


@dataclass(frozen=True)
class OrderCounts:
    today: int
    week: int


async def order_counts(medusa: Medusa, now: datetime | None = None) -> OrderCounts:
    """Orders placed today and this week (Admin API, counts only)."""
    today, week = period_starts(now or datetime.now(UTC), store_timezone())
    today_page = await medusa.admin.order.list(created_after=today, limit=1)
    week_page = await medusa.admin.order.list(created_after=week, limit=1)
    return OrderCounts(today_page.count, week_page.count)
