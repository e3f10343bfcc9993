"""An agreed price becomes a single-use Medusa promotion code.

The code is drawn when the deal is agreed and stored with the negotiation *before* Medusa is
asked, so a retry after any failure finds or creates exactly one promotion for it: usage limit
1, a fixed amount off (list − agreed) on one unit of exactly that variant of that product, in
that currency, inside a campaign that ends when the deal expires, with the negotiation id in
its metadata.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import secrets
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool
from sqlmodel import select

import db
from medusa import AuthenticationError, Medusa, MedusaError, NotFoundError

from .models import NegotiationRow, utcnow

__all__ = [
    "CODE_PREFIX",
    "amount_off",
    "ensure_promotion",
    "new_code",
    "on_catalog_change",
    "promotion_body",
    "relay",
    "repair",
    "reprice",
    "schedule",
    "sweep",
]

log = logging.getLogger("assistant.deals")

CODE_PREFIX = "DEAL-"
CODE_BYTES = 10  # 80 random bits


def new_code() -> str:
    """``DEAL-`` + 16 base32 characters from the OS's CSPRNG (80 bits; unguessable)."""
    return CODE_PREFIX + base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=")


def promotion_body(
    *,
    code: str,
    negotiation_id: str,
    product_id: str,
    variant_id: str,
    currency_code: str,
    list_price: Decimal,
    deal_price: Decimal,
    starts_at: datetime,
    expires_at: datetime,
    tax_inclusive: bool = False,
) -> dict[str, Any]:
    """The ``POST /admin/promotions`` body for one deal (pure)."""
    amount_off = list_price - deal_price
    if amount_off <= 0:
        raise ValueError("a deal below the list price is needed for a promotion")
    return {
        "code": code,
        "type": "standard",
        "status": "active",
        "is_automatic": False,
        "is_tax_inclusive": tax_inclusive,
        "limit": 1,
        "metadata": {"negotiation_id": negotiation_id, "source": "assistant"},
        "campaign": {
            "name": f"Negotiated deal {negotiation_id}",
            "campaign_identifier": f"negotiation-{negotiation_id}",
            "starts_at": starts_at,
            "ends_at": expires_at,
        },
        "application_method": {
            "type": "fixed",
            "target_type": "items",
            "allocation": "each",
            "value": amount_off,
            "currency_code": currency_code,
            "max_quantity": 1,
            "target_rules": [
                {"attribute": "items.product.id", "operator": "in", "values": [product_id]},
                {"attribute": "items.variant_id", "operator": "in", "values": [variant_id]},
            ],
        },
        "rules": [{"attribute": "currency_code", "operator": "in", "values": [currency_code]}],
    }


_admin_token: str | None = None


async def _admin(medusa: Medusa, *, fresh: bool = False) -> Medusa:
    """A copy of the client logged in as the staff user (token cached per process)."""
    global _admin_token
    if _admin_token is None or fresh:
        _admin_token = await medusa.admin.auth.login(
            os.environ.get("MEDUSA_ADMIN_EMAIL", "admin@theopenbox.test"),
            os.environ.get("MEDUSA_ADMIN_PASSWORD", "supersecret"),
        )
    return medusa.with_admin_token(_admin_token)


# --- the deal's promotion follows the list price ----------------------------------------------

PROMOTION_LOCK = 7_340_201  # advisory lock class: one promotion writer per negotiation at a time
RETRY_DELAYS_SECONDS = (0.0, 2.0, 10.0, 30.0)  # the background task's attempts after the turn
RECHECK_AFTER = timedelta(minutes=15)  # a deal whose list fell to the agreed price: look again later
SWEEP_INTERVAL_SECONDS = 60.0


def amount_off(list_price: Decimal | None, deal_price: Decimal) -> Decimal:
    """What the promotion must take off one unit so the shopper pays exactly the agreed price:
    current list − agreed; 0 (no promotion) when the list is at or below the agreed price — the
    shopper then pays the list, which is no more than agreed. Never more than list − agreed, so
    never below the agreed price (hence never below the floor)."""
    if list_price is None or list_price <= deal_price:
        return Decimal(0)
    return list_price - deal_price


def retry_at(attempts: int, now: datetime) -> datetime:
    """Exponential backoff for a promotion Medusa keeps refusing: 30 s, 1 min, 2 min … 1 h."""
    return now + timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def update_body(amount: Decimal) -> dict[str, Any]:
    """``POST /admin/promotions/{id}``: the new amount off, or the promotion switched off."""
    if amount > 0:
        return {"status": "active", "application_method": {"value": amount}}
    return {"status": "inactive"}


def _live(row: NegotiationRow | None, now: datetime) -> bool:
    return (
        row is not None
        and row.status == "agreed"
        and row.promo_code is not None
        and row.deal_price is not None
        and row.expires_at is not None
        and row.expires_at > now
    )


Products = dict[tuple[str, str], Any]  # one pass's reads of (product, region) → Product | None


async def _current_price(
    client: Medusa, row: NegotiationRow, read: Products | None = None
) -> tuple[Decimal | None, bool]:
    """The variant's list price in the deal's region now, read from Medusa (never the turns'
    cache; `read` only shares one pass's reads between deals), and whether it includes tax.
    None when Medusa no longer sells it there."""
    key = (row.product_id, row.region_id)
    if read is not None and key in read:
        product = read[key]
    else:
        try:
            product = await client.store.product.retrieve(row.product_id, region_id=row.region_id)
        except NotFoundError:
            product = None
        if read is not None:
            read[key] = product
    if product is None:
        return None, False
    variant = next((v for v in product.variants if v.id == row.variant_id), None)
    price = variant.price if variant is not None else None
    if price is None or price.currency_code.lower() != row.currency_code.lower():
        return None, False
    tax_inclusive = bool(
        variant.calculated_price and variant.calculated_price.is_calculated_price_tax_inclusive
    )
    return price.amount, tax_inclusive


async def ensure_promotion(
    negotiation_id: str | uuid.UUID,
    *,
    medusa: Medusa | None = None,
    engine: AsyncEngine | None = None,
    _read: Products | None = None,
) -> str | None:
    """The deal's promotion code, once Medusa's promotion gives exactly current list − agreed.

    Creates the promotion if it does not exist yet (looking the code up first, so a retry after
    any failure never makes a second one), updates its amount if the list price moved, and
    switches it off while the list is at or below the agreed price. Returns the code when it
    discounts, ``None`` when there is nothing to discount (no live deal, or list ≤ agreed: the
    item is added at its list price). Raises :class:`medusa.MedusaError` when Medusa cannot be
    reached (the deal stays agreed; the outbox tries again).
    """
    from .service import _client

    client = _client(medusa)
    nid = uuid.UUID(str(negotiation_id))
    now = utcnow()
    async with db.async_session(engine) as session:
        # Serializes promotion writers for this negotiation without locking its row (a turn on it
        # never waits for Medusa).
        await session.exec(select(sa.func.pg_advisory_xact_lock(PROMOTION_LOCK, sa.func.hashtext(str(nid)))))
        row = await session.get(NegotiationRow, nid, populate_existing=True)
        if row is None or not _live(row, now):
            return None
        deal_price = Decimal(row.deal_price)  # type: ignore[arg-type]
        current, tax_inclusive = await _current_price(client, row, _read)
        wanted = amount_off(current, deal_price)
        if row.promotion_id is None and wanted == 0:
            row.promotion_retry_at = now + RECHECK_AFTER
        elif (
            row.promotion_id is None
            or row.promotion_amount is None
            or Decimal(row.promotion_amount) != wanted
        ):
            try:
                admin = await _admin(client)
                await _apply(admin, row, wanted, tax_inclusive)
            except AuthenticationError:
                admin = await _admin(client, fresh=True)
                await _apply(admin, row, wanted, tax_inclusive)
            row.promotion_amount = wanted
            row.promotion_attempts, row.promotion_retry_at, row.promotion_error = 0, None, None
        row.updated_at = utcnow()
        session.add(row)
        return row.promo_code if row.promotion_id is not None and wanted > 0 else None


async def _apply(admin: Medusa, row: NegotiationRow, amount: Decimal, tax_inclusive: bool) -> None:
    if row.promotion_id is None:
        found = await _find(admin, row.promo_code)  # type: ignore[arg-type]
        if found is None:
            if amount <= 0:
                return
            row.promotion_id = await _create(admin, row, amount, tax_inclusive)
            return
        row.promotion_id = found  # created by an attempt whose answer was lost: set its amount
    await admin.admin.promotion.update(row.promotion_id, update_body(amount), fields="id")


async def _find(admin: Medusa, code: str) -> str | None:
    existing = await admin.admin.promotion.list(code=code, limit=1, fields="id,code")
    return existing.items[0].id if existing.items else None


async def _create(admin: Medusa, row: NegotiationRow, amount: Decimal, tax_inclusive: bool) -> str:
    body = promotion_body(
        code=row.promo_code,  # type: ignore[arg-type]
        negotiation_id=str(row.id),
        product_id=row.product_id,
        variant_id=row.variant_id,
        currency_code=row.currency_code,
        list_price=Decimal(row.deal_price) + amount,  # type: ignore[arg-type]
        deal_price=Decimal(row.deal_price),  # type: ignore[arg-type]
        starts_at=row.created_at,
        expires_at=row.expires_at,  # type: ignore[arg-type]
        tax_inclusive=tax_inclusive,
    )
    try:
        return (await admin.admin.promotion.create(body, fields="id")).id
    except MedusaError:
        # A create that reached Medusa but whose answer was lost: look once more before failing.
        again = await _find(admin, row.promo_code)  # type: ignore[arg-type]
        if again is not None:
            return again
        raise


async def _failed(nid: uuid.UUID, exc: Exception, engine: AsyncEngine | None = None) -> None:
    """Remember a failed attempt, for the backoff and for staff."""
    now = utcnow()
    async with db.async_session(engine) as session:
        row = await session.get(NegotiationRow, nid, populate_existing=True)
        if row is None:
            return
        row.promotion_attempts += 1
        row.promotion_retry_at = retry_at(row.promotion_attempts, now)
        row.promotion_error = repr(exc)[:500]
        session.add(row)


# --- the outbox: after the turn, at startup, every minute, after a price change ---------------

_tasks: set[asyncio.Task] = set()


def schedule(negotiation_id: str | uuid.UUID, *, medusa: Medusa | None = None) -> asyncio.Task:
    """Create the deal's promotion right after the turn that agreed it, off the turn: a few
    quick attempts, then the periodic sweep takes over (the deal is already stored)."""

    async def run() -> None:
        nid = uuid.UUID(str(negotiation_id))
        for attempt, delay in enumerate(RETRY_DELAYS_SECONDS):
            await asyncio.sleep(delay)
            try:
                await ensure_promotion(nid, medusa=medusa)
                return
            except Exception as exc:  # Medusa down or refusing: recorded, retried with backoff
                log.warning("promotion for negotiation %s, attempt %d: %r", nid, attempt + 1, exc)
                try:
                    await _failed(nid, exc)
                except Exception:
                    log.exception("could not record the failed promotion attempt")

    task = asyncio.get_running_loop().create_task(run())
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return task


async def _live_ids(
    engine: AsyncEngine | None, *, product_ids: Iterable[str] | None = None, pending_only: bool = False
) -> list[uuid.UUID]:
    now = utcnow()
    query = select(NegotiationRow.id).where(
        NegotiationRow.status == "agreed",
        NegotiationRow.promo_code.is_not(None),  # type: ignore[union-attr]
        NegotiationRow.expires_at > now,  # type: ignore[operator]
    )
    if product_ids is not None:
        query = query.where(NegotiationRow.product_id.in_(list(product_ids)))  # type: ignore[attr-defined]
    if pending_only:
        query = query.where(
            NegotiationRow.promotion_id.is_(None),  # type: ignore[union-attr]
            sa.or_(NegotiationRow.promotion_retry_at.is_(None), NegotiationRow.promotion_retry_at <= now),  # type: ignore[union-attr,operator]
        )
    async with db.async_session(engine) as session:
        return list((await session.exec(query.order_by(NegotiationRow.updated_at))).all())


async def _each(ids: list[uuid.UUID], medusa: Medusa | None, engine: AsyncEngine | None) -> dict[str, int]:
    counts = {"deals": len(ids), "discounting": 0, "failed": 0}
    read: Products = {}  # one Medusa read per product and region for the whole pass
    for nid in ids:
        try:
            if await ensure_promotion(nid, medusa=medusa, engine=engine, _read=read):
                counts["discounting"] += 1
        except Exception as exc:
            counts["failed"] += 1
            log.warning("promotion for negotiation %s: %r", nid, exc)
            await _failed(nid, exc, engine)
    return counts


async def sweep(*, medusa: Medusa | None = None, engine: AsyncEngine | None = None) -> dict[str, int]:
    """Create the promotions still pending (Medusa was down, the process restarted mid-way)."""
    return await _each(await _live_ids(engine, pending_only=True), medusa, engine)


async def reprice(
    product_ids: Iterable[str] | None = None,
    *,
    medusa: Medusa | None = None,
    engine: AsyncEngine | None = None,
) -> dict[str, int]:
    """Make every live deal's promotion (of these products, or all) give current list − agreed
    again — after a price change, so a lower list never takes the price below the agreed one."""
    ids = None if product_ids is None else sorted(set(product_ids))
    if ids is not None and not ids:
        return {"deals": 0, "discounting": 0, "failed": 0}
    return await _each(await _live_ids(engine, product_ids=ids), medusa, engine)


async def on_catalog_change(product_ids: Iterable[str], full_refresh: bool) -> None:
    """Medusa said these products changed (catalog/events.py): refresh the turns' price cache,
    then reprice their deals' promotions."""
    from . import prices
    from .service import _client

    client = _client(None)
    ids = set(prices.cached_products()) if full_refresh else set(product_ids)
    await prices.refresh(ids, client)
    await reprice(None if full_refresh else ids, medusa=client)


async def relay(interval: float = SWEEP_INTERVAL_SECONDS) -> None:
    """The web process's outbox relay (a lifespan task): pending promotions at startup, then
    every `interval` seconds."""
    while True:
        try:
            counts = await sweep()
            if counts["deals"]:
                log.info("pending deal promotions: %s", counts)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # Postgres or Medusa restarting: next round
            log.info("deal promotion sweep skipped: %r", exc)
        await asyncio.sleep(interval)


def repair() -> dict[str, int]:
    """Blocking entry point for the scheduled catalog refresh: every live deal's promotion
    checked against the current list price (repairs a missed price event) and pending ones
    created. Own client, engine and event loop, so it runs in a scheduler thread."""

    async def run() -> dict[str, int]:
        client = Medusa.from_env()
        engine = create_async_engine(db.database_url(), poolclass=NullPool)
        try:
            return await reprice(None, medusa=client, engine=engine)
        finally:
            await client.aclose()
            await engine.dispose()

    return asyncio.run(run())
