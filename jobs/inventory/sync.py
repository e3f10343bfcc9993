"""The ``inventory-sync`` job: read the stock feed, read Medusa's levels, write only what changed
(in batches), then raise and resolve stock alerts and deliver the new ones.

Medusa is read and written through our own Admin routes (``medusa-backend/src/api/admin/stock-levels``):
one call reads every item's levels, and each batch is one workflow run that updates the levels
set-based and emits Medusa's own ``inventory-level.*`` events — Medusa's ``/admin/inventory-items``
list and ``location-levels/batch`` took 5–7 s to read 10,000 items and ~20 s to write them here.

    python -m jobs run inventory-sync [FEED]     FEED: a CSV file or http(s) URL (default INVENTORY_FEED)

Settings (.env.example): ``INVENTORY_FEED``, ``INVENTORY_SYNC_SCHEDULE`` (default hourly),
``INVENTORY_SYNC_BATCH_SIZE`` (levels per Medusa call, default 2500, at most 10000),
``INVENTORY_SYNC_CONCURRENCY`` (batch calls in flight at once, default 2),
``INVENTORY_LOW_STOCK_THRESHOLD`` (global, default 3; per product: ``python -m jobs threshold``),
``INVENTORY_DEFAULT_LOCATION`` (id or name for rows without a location; default: the store's).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import db
from medusa import Medusa, NotFoundError

from .. import runs
from ..alert_delivery import deliver, retry_failed
from ..alert_rules import (
    FEED_UNREADABLE,
    LOW_STOCK,
    OUT_OF_STOCK,
    SYNC_FAILED,
    UNKNOWN_SKU,
    Condition,
    feed_unreadable,
    stock_conditions,
    sync_failed,
    unknown_sku_conditions,
)
from ..alerts import AlertRow, new_conditions, reconcile, thresholds
from ..context import JobContext, JobResult
from ..ingest import sources
from ..medusa_admin import admin_medusa
from .diff import ItemStock, SyncPlan, apply_plan, availability, location_lookup, plan_sync
from .feed import FeedError, FeedRow, FeedUnreadable, parse_feed

log = logging.getLogger("jobs.inventory")

JOB = "inventory-sync"
TITLE = "Sync stock levels from the stock feed"
SYNC_KINDS = (LOW_STOCK, OUT_OF_STOCK, UNKNOWN_SKU, FEED_UNREADABLE, SYNC_FAILED)
LOOKUP_CHUNK = 100
MAX_BATCH = 10_000  # levels per call that /admin/stock-levels/batch accepts


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


@dataclass(frozen=True)
class InventorySettings:
    feed: str = field(default_factory=lambda: _env("INVENTORY_FEED"))
    schedule: str = field(default_factory=lambda: _env("INVENTORY_SYNC_SCHEDULE", "0 * * * *"))
    batch_size: int = field(default_factory=lambda: int(_env("INVENTORY_SYNC_BATCH_SIZE", "2500")))
    concurrency: int = field(default_factory=lambda: int(_env("INVENTORY_SYNC_CONCURRENCY", "2")))
    low_stock_threshold: int = field(default_factory=lambda: int(_env("INVENTORY_LOW_STOCK_THRESHOLD", "3")))
    default_location: str = field(default_factory=lambda: _env("INVENTORY_DEFAULT_LOCATION"))


def schedule(_: Any = None) -> str:
    """For the registry: the schedule is on only when a feed is configured."""
    settings = InventorySettings()
    return settings.schedule if settings.feed else "off"


@dataclass
class SyncOutcome:
    plan: SyncPlan
    feed_rows: int
    raised: list[AlertRow] = field(default_factory=list)
    cleared: list[AlertRow] = field(default_factory=list)
    interrupted: bool = False
    written: int = 0

    def counts(self, errors: Sequence[FeedError]) -> dict[str, Any]:
        return {
            "feed_rows": self.feed_rows,
            "updated": self.written,
            "levels_created": len(self.plan.create),
            "unchanged": self.plan.unchanged,
            "unknown": len(self.plan.unknown),
            "invalid": len(errors),
            "alerts_raised": len(self.raised),
            "alerts_resolved": len(self.cleared),
        }


# --- Medusa reads ----------------------------------------------------------------------------------


async def read_stock(medusa: Medusa) -> dict[str, ItemStock]:
    """Every inventory item with a SKU → its levels, in one call to our Medusa route
    (``POST /admin/stock-levels/query``). Every item, not only the feed's: the stock alerts cover
    the whole store (an item sold out by orders alerts even when the feed does not list it)."""
    try:
        found = await medusa.admin.stock_level.query()
    except NotFoundError as exc:
        raise RuntimeError(
            "Medusa has no /admin/stock-levels routes: it runs older sources than medusa-backend/ "
            "(restart or redeploy it)"
        ) from exc
    items: dict[str, ItemStock] = {}
    for item in found:
        if item.sku:
            levels = {
                lv.location_id: [lv.stocked_quantity, lv.reserved_quantity] for lv in item.location_levels
            }
            items[item.sku] = ItemStock(item.id, levels)
    return items


async def read_locations(medusa: Medusa, configured: str) -> tuple[dict[str, str], str | None]:
    """Location lookup (id and name → id) and the default location for rows without one."""
    page = await medusa.admin.stock_location.list(limit=1000)
    lookup = location_lookup((loc.id, loc.name) for loc in page.items)
    if configured:
        default = lookup.get(configured) or lookup.get(configured.lower())
        if default is None:
            raise ValueError(f"INVENTORY_DEFAULT_LOCATION {configured!r} is not a Medusa stock location")
        return lookup, default
    stores = await medusa.admin.store.list(fields="id,default_location_id")
    default = stores.items[0].default_location_id if stores.items else None
    if default is None and len(page.items) == 1:
        default = page.items[0].id
    return lookup, default


async def sku_thresholds(medusa: Medusa, per_product: dict[str, int]) -> dict[str, int]:
    """Per-product thresholds (by handle) → per SKU, for the products' variants."""
    found: dict[str, int] = {}
    handles = sorted(per_product)
    for start in range(0, len(handles), LOOKUP_CHUNK):
        chunk = handles[start : start + LOOKUP_CHUNK]
        page = await medusa.admin.product.list(
            handle=chunk, limit=len(chunk), fields="id,handle,variants.sku"
        )
        for product in page.items:
            for variant in product.variants:
                if variant.sku:
                    found[variant.sku] = per_product[product.handle]
    return found


async def sku_handles(medusa: Medusa, skus: Sequence[str]) -> dict[str, str]:
    """SKU → product handle, for the SKUs about to be named in new alerts."""
    found: dict[str, str] = {}
    unique = sorted(set(skus))
    for start in range(0, len(unique), LOOKUP_CHUNK):
        chunk = unique[start : start + LOOKUP_CHUNK]
        page = await medusa.admin.product_variant.list(
            sku=chunk, limit=len(chunk), fields="id,sku,product.handle"
        )
        for variant in page.items:
            if variant.sku and variant.product and variant.product.handle:
                found[variant.sku] = variant.product.handle
    return found


# --- the sync --------------------------------------------------------------------------------------


async def _write(
    medusa: Medusa,
    ctx: JobContext,
    plan: SyncPlan,
    items: dict[str, ItemStock],
    batch_size: int,
    concurrency: int,
) -> int:
    """Write the plan in batches, ``concurrency`` calls at a time. A stop request lets the calls
    already sent finish and sends no more; the count of levels written is returned."""
    writes = plan.writes
    batches = [writes[start : start + batch_size] for start in range(0, len(writes), batch_size)]
    done = 0
    finished = 0
    if ctx.progress:
        ctx.progress(0, len(writes))
    gate = asyncio.Semaphore(concurrency)
    failed = asyncio.Event()

    async def send(number: int, chunk: list[tuple[str, dict[str, Any]]]) -> None:
        nonlocal done, finished
        async with gate:
            if ctx.stop.is_set() or failed.is_set():
                return
            create = [body for op, body in chunk if op == "create"]
            update = [body for op, body in chunk if op == "update"]
            try:
                await medusa.admin.stock_level.batch(create=create, update=update)
            except BaseException:
                failed.set()  # the batches still waiting are not sent
                raise
        apply_plan(items, [body for _, body in chunk])
        done += len(chunk)
        if ctx.progress:
            ctx.progress(done, len(writes))
        if ctx.after_batch:
            ctx.after_batch(finished + 1)
        finished += 1

    await asyncio.gather(*(send(n, chunk) for n, chunk in enumerate(batches)))
    return done


async def _sync(ctx: JobContext, feed: str, rows: list[FeedRow], settings: InventorySettings) -> SyncOutcome:
    clock = _Clock()
    async with admin_medusa() as medusa:
        clock.lap("login")
        items, (lookup, default_location) = await asyncio.gather(
            read_stock(medusa), read_locations(medusa, settings.default_location)
        )
        clock.lap("read")
        plan = plan_sync(rows, items, lookup, default_location)
        clock.lap("diff")
        written = await _write(
            medusa,
            ctx,
            plan,
            items,
            min(MAX_BATCH, max(1, settings.batch_size)),
            max(1, settings.concurrency),
        )
        clock.lap("write")
        outcome = SyncOutcome(plan, len(rows), written=written)
        if written < len(plan.writes):
            outcome.interrupted = True
            return outcome
        with db.session() as session:
            per_product = thresholds(session)
        per_sku = await sku_thresholds(medusa, per_product) if per_product else {}
        available = availability(items)
        current: list[Condition] = stock_conditions(available, per_sku, settings.low_stock_threshold)
        current += unknown_sku_conditions([r.sku for r in plan.unknown], feed)
        with db.session() as session:
            fresh = new_conditions(session, current)
        handles = await sku_handles(medusa, [c.sku for c in fresh if c.sku and c.kind != UNKNOWN_SKU])
        with db.session() as session:
            done = reconcile(
                session, SYNC_KINDS, current, run_id=ctx.run_id, handles=handles, available=available
            )
        clock.lap("alerts")
        outcome.raised, outcome.cleared = done.raised, done.cleared
        log.info(
            "inventory sync: %d items read, %d levels written; seconds %s",
            len(items),
            written,
            clock.laps,
        )
        return outcome


class _Clock:
    """Seconds per phase, logged with the outcome (where a slow sync spends its time)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now


def _raise(condition: Condition, run_id: int) -> list[AlertRow]:
    """Raise one condition without resolving anything else (the sync could not judge the rest)."""
    with db.session() as session:
        if not new_conditions(session, [condition]):
            return []
        return reconcile(session, (condition.kind,), [condition], run_id=run_id, clear=False).raised


def _deliver(alerts: list[AlertRow]) -> dict[str, str]:
    try:
        return deliver(alerts)
    except Exception:  # the alerts are stored; a broken channel must not fail the sync
        log.exception("delivering %d alert(s) failed", len(alerts))
        return {"error": "failed"}


def run(ctx: JobContext, feed: str | None = None, data: bytes | None = None) -> JobResult:
    """``feed``: a CSV path or URL (default ``INVENTORY_FEED``); ``data``: the feed's content when it
    was uploaded (then ``feed`` is its name)."""
    settings = InventorySettings()
    ref = (feed or settings.feed or "").strip()
    if not ref:
        return JobResult(runs.FAILED, error="no stock feed: set INVENTORY_FEED or give a file or URL")
    try:
        retried = retry_failed()
        if retried.get("sent") or retried.get("failed"):
            log.info("earlier failed alert deliveries tried again: %s", retried)
    except Exception:
        log.exception("retrying earlier alert deliveries failed")

    try:
        content = data if data is not None else sources.load(ref).data
        rows, errors = parse_feed(content)
    except (sources.SourceUnavailable, FeedUnreadable) as exc:
        raised = _raise(feed_unreadable(ref, str(exc)), ctx.run_id)
        delivered = _deliver(raised)
        counts = {"alerts_raised": len(raised), "deliveries": delivered}
        return JobResult(runs.FAILED, counts, f"the stock feed {ref} cannot be read: {exc}")

    try:
        outcome = asyncio.run(_sync(ctx, ref, rows, settings))
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        log.exception("inventory sync failed")
        raised = _raise(sync_failed(JOB, reason), ctx.run_id)
        delivered = _deliver(raised)
        return JobResult(runs.FAILED, {"alerts_raised": len(raised), "deliveries": delivered}, reason)

    counts = outcome.counts(errors + outcome.plan.errors)
    if outcome.raised:
        counts["deliveries"] = _deliver(outcome.raised)
    problems = [f"line {e.line}: {e.sku or ''} {e.reason}".strip() for e in errors + outcome.plan.errors]
    error = "\n".join(problems[:200]) or None
    if outcome.interrupted:
        return JobResult(runs.INTERRUPTED, counts, error)
    return JobResult(runs.PARTIAL if problems else runs.SUCCEEDED, counts, error)
