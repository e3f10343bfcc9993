"""The products a negotiation turn needs (list price, categories, SKU), without waiting on Medusa.

A turn used to re-read the product from Medusa's Store API every 20 s (~0.3 s here), which made
those turns 10× slower than the rest. Now a turn serves the product from this process's cache
and, when the entry is older than ``REFRESH_AFTER_SECONDS``, refreshes it in the background
(stale-while-revalidate). Price changes do not wait for that: Medusa's signed change events
(catalog/events.py) call :func:`refresh` for the products they name, so the cache follows a price
change within the event's delay. An entry older than ``MAX_AGE_SECONDS`` (a product nobody
negotiated for a while) is read afresh before the turn, as is a product never seen — though
:func:`remember` primes the cache when a negotiation opens, so a conversation's turns never wait.

The agreed price's promotion never trusts this cache: assistant.deals reads the current list
price from Medusa when it creates or reprices a promotion.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from medusa import NotFoundError, Product

if TYPE_CHECKING:
    from collections.abc import Iterable

    from medusa import Medusa

__all__ = [
    "MAX_AGE_SECONDS",
    "REFRESH_AFTER_SECONDS",
    "cached_products",
    "clear",
    "product",
    "refresh",
    "remember",
    "stats",
]

log = logging.getLogger("assistant.prices")

REFRESH_AFTER_SECONDS = 20.0
MAX_AGE_SECONDS = 120.0  # bounds how stale a price can be if events and background reads fail
MAX_ENTRIES = 4096


@dataclass
class Stats:
    hits: int = 0  # served from the cache
    waits: int = 0  # a turn waited for Medusa (first sight, or an entry past MAX_AGE)
    background: int = 0  # refreshes done off the turn


@dataclass
class _Entry:
    product: Product | None  # None: Medusa does not list it (deleted, unpublished)
    fetched_at: float


stats = Stats()
_entries: dict[tuple[str, str], _Entry] = {}
_pending: dict[tuple[str, str], asyncio.Task] = {}


def _store(key: tuple[str, str], product: Product | None, fetched_at: float) -> None:
    current = _entries.get(key)
    if current is not None and current.fetched_at > fetched_at:
        return  # a newer read (an event's refresh) already landed
    _entries[key] = _Entry(product, fetched_at)
    while len(_entries) > MAX_ENTRIES:
        _entries.pop(next(iter(_entries)))


async def _fetch(medusa: Medusa, key: tuple[str, str]) -> Product | None:
    started = time.monotonic()
    product_id, region_id = key
    try:
        product: Product | None = await medusa.store.product.retrieve(product_id, region_id=region_id)
    except NotFoundError:
        product = None
    _store(key, product, started)
    return product


def _refresh_soon(medusa: Medusa, key: tuple[str, str]) -> None:
    if key in _pending:
        return

    async def run() -> None:
        try:
            await _fetch(medusa, key)
            stats.background += 1
        except Exception as exc:  # Medusa briefly down: the entry stays, the next turn retries
            log.info("background price refresh of %s failed: %r", key, exc)
        finally:
            _pending.pop(key, None)

    _pending[key] = asyncio.get_running_loop().create_task(run())


async def product(medusa: Medusa, product_id: str, region_id: str, *, fresh: bool = False) -> Product | None:
    """The product as priced in the region, from the cache when it is fresh enough (``fresh``:
    read it from Medusa now)."""
    key = (product_id, region_id)
    entry = None if fresh else _entries.get(key)
    age = time.monotonic() - entry.fetched_at if entry is not None else None
    if entry is not None and age is not None and age < MAX_AGE_SECONDS:
        stats.hits += 1
        if age >= REFRESH_AFTER_SECONDS:
            _refresh_soon(medusa, key)
        return entry.product
    stats.waits += 1
    return await _fetch(medusa, key)


def remember(product: Product, region_id: str) -> None:
    """Prime the cache with a product just read (a negotiation opening)."""
    _store((product.id, region_id), product, time.monotonic())


async def refresh(product_ids: Iterable[str], medusa: Medusa) -> int:
    """Re-read the cached entries of these products (every region) now: their price changed.
    Returns how many entries were refreshed; a failure leaves the entry to its normal refresh."""
    wanted = set(product_ids)
    keys = [k for k in list(_entries) if k[0] in wanted]
    done = 0
    for key in keys:
        try:
            await _fetch(medusa, key)
            done += 1
        except Exception as exc:
            log.warning("price refresh of %s after a change event failed: %r", key, exc)
            _entries.pop(key, None)  # never serve a price we know to be stale
    return done


def cached_products() -> set[str]:
    return {product_id for product_id, _ in _entries}


def clear() -> None:
    _entries.clear()
