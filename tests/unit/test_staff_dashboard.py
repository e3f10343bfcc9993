from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from staff.dashboard import NegotiationFact, period_starts, summarize

TZ = ZoneInfo("America/Toronto")


def fact(day: int, hour: int, list_price: str, deal: str | None, currency: str = "cad") -> NegotiationFact:
    return NegotiationFact(
        datetime(2026, 11, day, hour, tzinfo=UTC),
        currency,
        Decimal(list_price),
        Decimal(deal) if deal else None,
    )


def test_totals_rate_and_discounts_per_currency():
    facts = [
        fact(24, 15, "100.00", "90.00"),
        fact(24, 16, "200.00", None),
        fact(25, 15, "50.00", "45.50"),
        fact(25, 16, "80.00", "70.00", "usd"),
    ]
    summary = summarize(facts, today=date(2026, 11, 25), days=3, tz=TZ)
    assert (summary.started, summary.agreed) == (4, 3)
    assert summary.deal_rate == Decimal("75.0")
    assert summary.total_discount == {"cad": Decimal("14.50"), "usd": Decimal("10.00")}
    assert summary.average_discount == {"cad": Decimal("7.25"), "usd": Decimal("10.00")}
    assert [p.day for p in summary.days] == [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]
    assert [(p.started, p.agreed) for p in summary.days] == [(0, 0), (2, 1), (2, 2)]
    assert summary.days[2].discount == {"cad": Decimal("4.50"), "usd": Decimal("10.00")}


def test_days_are_the_stores_not_utc():
    # 03:00 UTC on the 25th is still the 24th in Toronto
    summary = summarize([fact(25, 3, "10", None)], today=date(2026, 11, 25), days=2, tz=TZ)
    assert [(p.day, p.started) for p in summary.days] == [(date(2026, 11, 24), 1), (date(2026, 11, 25), 0)]


def test_no_negotiation_gives_no_rate_and_empty_days():
    summary = summarize([], today=date(2026, 11, 25), days=14, tz=TZ)
    assert summary.deal_rate is None and summary.total_discount == {} and len(summary.days) == 14


def test_a_deal_above_list_counts_no_negative_discount():
    summary = summarize([fact(25, 15, "10.00", "12.00")], today=date(2026, 11, 25), days=1, tz=TZ)
    assert summary.total_discount == {"cad": Decimal("0")}


def test_today_and_week_start_in_the_store_timezone():
    today, week = period_starts(datetime(2026, 11, 26, 3, 0, tzinfo=UTC), TZ)  # Wed 22:00 in Toronto
    assert today == datetime(2026, 11, 25, 0, 0, tzinfo=TZ)
    assert week == datetime(2026, 11, 23, 0, 0, tzinfo=TZ)  # Monday
