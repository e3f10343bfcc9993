"""View models of the admin page, built from our rows by pure functions (tested without Reflex).

Staff-only data: these reach a browser only through handlers guarded by ``staff.guard``.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from translations import format_money, gettext

from .admin_labels import status_label


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else ""


def duration(start: datetime | None, end: datetime | None) -> str:
    if not start or not end:
        return ""
    seconds = (end - start).total_seconds()
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def counts_text(counts: dict[str, Any]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items() if v not in (0, None, ""))


@dataclasses.dataclass
class RunView:
    id: int = 0
    job: str = ""
    trigger: str = ""
    status: str = ""
    status_label: str = ""
    source: str = ""
    started: str = ""
    duration: str = ""
    counts: str = ""
    error: str = ""


def run_view(run: Any, tz: ZoneInfo, lang: str) -> RunView:
    return RunView(
        id=run.id or 0,
        job=run.job,
        trigger=run.trigger,
        status=run.status,
        status_label=status_label(run.status, lang),
        source=run.source or "",
        started=local_time(run.started_at, tz),
        duration=duration(run.started_at, run.finished_at),
        counts=counts_text(run.counts or {}),
        error=(run.error or "").strip().splitlines()[-1][:300] if run.error else "",
    )


@dataclasses.dataclass
class RowView:
    line: int = 0
    handle: str = ""
    sku: str = ""
    status: str = ""
    status_label: str = ""
    message: str = ""


def row_view(row: Any, lang: str) -> RowView:
    return RowView(
        line=row.line,
        handle=row.handle or "",
        sku=row.sku or "",
        status=row.status,
        status_label=status_label(row.status, lang),
        message=row.message or "",
    )


@dataclasses.dataclass
class NegotiationView:
    id: str = ""
    created: str = ""
    product: str = ""
    outcome: str = ""
    outcome_label: str = ""
    list_price: str = ""
    deal_price: str = ""
    discount: str = ""
    promo_code: str = ""
    promo_used: str = ""
    turns: int = 0


def negotiation_view(row: Any, outcome: str, used: bool | None, tz: ZoneInfo, lang: str) -> NegotiationView:
    t = gettext(lang)
    currency = row.currency_code
    deal = row.deal_price
    return NegotiationView(
        id=str(row.id),
        created=local_time(row.created_at, tz),
        product=row.product_handle,
        outcome=outcome,
        outcome_label=status_label(outcome, lang),
        list_price=format_money(row.list_price, currency, lang),
        deal_price=format_money(deal, currency, lang) if deal is not None else "",
        discount=format_money(row.list_price - deal, currency, lang) if deal is not None else "",
        promo_code=row.promo_code or "",
        promo_used=""
        if not row.promo_code
        else (t("Used") if used else t("Not used") if used is not None else "?"),
        turns=row.turns,
    )


def money_by_currency(amounts: dict[str, Decimal], lang: str) -> str:
    if not amounts:
        return "—"
    return " · ".join(format_money(v, c, lang) for c, v in sorted(amounts.items()))


@dataclasses.dataclass
class SheetView:
    id: int = 0  # 0: from the settings (JOBS_SHEETS), not removable on the page
    url: str = ""
    added: str = ""  # who added it and when, or where it is configured


def sheet_views(
    configured: list[str] | tuple[str, ...], stored: list[Any], tz: ZoneInfo, lang: str
) -> list[SheetView]:
    """The scheduled sheets: those in the settings first, then those staff added (oldest first)."""
    t = gettext(lang)
    return [SheetView(url=url, added=t("server settings (JOBS_SHEETS)")) for url in configured] + [
        SheetView(id=e.id or 0, url=e.url, added=f"{e.added_by} · {local_time(e.added_at, tz)}")
        for e in stored
    ]


def sheets_schedule_note(schedule: str, stored: Any, scheduler_active: bool, tz: ZoneInfo, lang: str) -> str:
    """One line on when the scheduled sheets are imported. ``schedule``: the configured schedule
    ("" when off); ``stored``: the ``ingest-sheets`` job as the scheduler stored it (or None)."""
    t = gettext(lang)
    if not schedule:
        return t(
            "The sheets schedule is off on this server (JOBS_INGEST_SHEETS_SCHEDULE): "
            "these sheets are imported only with Run now on the Jobs view."
        )
    parts = [t("Imported on the schedule {schedule}.", schedule=schedule)]
    if not scheduler_active:
        parts.append(t("No scheduler process is running: scheduled runs wait until one starts."))
    elif stored is not None and stored.paused:
        parts.append(t("The schedule is paused (Jobs view)."))
    elif stored is not None and stored.next_run is not None:
        parts.append(t("Next run: {time}.", time=local_time(stored.next_run, tz)))
    return " ".join(parts)
