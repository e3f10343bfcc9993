"""Fill the read model from Medusa's Store API: full rebuild and per-product refresh.

Both write in one transaction per call, so readers see the old rows until the new ones commit
(never an empty or half-built listing). Every row carries the time its fetch *started*; a write
never replaces a row stamped later, so a slow full rebuild cannot undo a newer event refresh.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

import db
from medusa import Category, Medusa, Product, Region
from translations import MEDUSA_LOCALES

from . import readmodel
from .source import medusa as shared_medusa
from .tables import ProductListing, SyncRun

log = logging.getLogger(__name__)

LISTING = ProductListing.__table__
PAGE_SIZE = 100
REBUILD_LOCK_ID = 7_340_101  # Postgres advisory lock: one full rebuild at a time
EN, FR = MEDUSA_LOCALES["en"], MEDUSA_LOCALES["fr"]
# French content only: titles, text and option values (prices come from the English fetch).
FRENCH_FIELDS = "id,handle,title,subtitle,description,*options,*options.values,*collection,*tags"
LISTING_COLUMNS = [c.name for c in LISTING.columns]

# Bumped after every write in this process; caches of derived data (facet counts) key on it.
generation = 0


def _written() -> None:
    global generation
    generation += 1


@dataclass(frozen=True)
class SyncResult:
    products: int
    rows_written: int
    rows_deleted: int
    seconds: float


async def _regions(client: Medusa) -> list[Region]:
    return list((await client.store.region.list(limit=100)).items)


async def _categories(client: Medusa, locale: str) -> list[Category]:
    found, offset = [], 0
    while True:
        page = await client.store.category.list(locale=locale, limit=100, offset=offset)
        found.extend(page.items)
        if not page.items or not page.has_more:
            return found
        offset += len(page.items)


async def _products(client: Medusa, ids: Sequence[str] | None, **query: object) -> list[Product]:
    if ids is None:
        return [p async for p in client.store.product.iterate(page_size=PAGE_SIZE, order="id", **query)]
    found: list[Product] = []
    for start in range(0, len(ids), PAGE_SIZE):
        chunk = list(ids[start : start + PAGE_SIZE])
        page = await client.store.product.list(id=chunk, limit=len(chunk), **query)  # type: ignore[arg-type]
        found.extend(page.items)
    return found


async def fetch_rows(
    client: Medusa, ids: Sequence[str] | None = None
) -> tuple[list[ProductListing], set[str]]:
    """Rows for every product (ids=None) or for these product ids, in every region; and the
    ids Medusa returned (a requested id missing from it was deleted or unpublished)."""
    synced_at = datetime.now(UTC)
    regions = await _regions(client)
    lineage = readmodel.category_lineage(await _categories(client, EN))
    french_names = {c.id: c.name for c in await _categories(client, FR)}
    french = {p.id: p for p in await _products(client, ids, locale=FR, fields=FRENCH_FIELDS)}
    rows: list[ProductListing] = []
    seen: set[str] = set()
    for region in regions:
        for product in await _products(client, ids, region_id=region.id, locale=EN):
            seen.add(product.id)
            rows.append(
                readmodel.listing_row(
                    product, french.get(product.id), region, lineage, french_names, synced_at
                )
            )
    return rows, seen


def _values(row: ProductListing) -> dict:
    return {name: getattr(row, name) for name in LISTING_COLUMNS}


async def _upsert(conn: AsyncConnection, rows: Iterable[ProductListing]) -> int:
    values = [_values(r) for r in rows]
    written = 0
    for start in range(0, len(values), 500):
        stmt = insert(LISTING).values(values[start : start + 500])
        stmt = stmt.on_conflict_do_update(
            index_elements=[LISTING.c.region_id, LISTING.c.product_id],
            set_={
                name: stmt.excluded[name]
                for name in LISTING_COLUMNS
                if name not in ("region_id", "product_id")
            },
            where=LISTING.c.synced_at <= stmt.excluded.synced_at,
        ).returning(LISTING.c.product_id)
        written += len((await conn.execute(stmt)).all())
    return written


async def rebuild(
    client: Medusa | None = None, *, kind: str = "rebuild", engine: AsyncEngine | None = None
) -> SyncResult | None:
    """Replace the whole read model with Medusa's current catalog (idempotent). Returns None
    when another rebuild holds the lock (it will produce the same result)."""
    client = client or shared_medusa()
    started, clock = datetime.now(UTC), time.monotonic()
    rows, seen = await fetch_rows(client)
    stamp = min((r.synced_at for r in rows), default=started)
    async with (engine or db.async_engine()).begin() as conn:
        locked = (await conn.execute(sa.select(sa.func.pg_try_advisory_xact_lock(REBUILD_LOCK_ID)))).scalar()
        if not locked:
            log.info("catalog rebuild skipped: another rebuild is running")
            return None
        written = await _upsert(conn, rows)
        # Rows older than this fetch and not in it: products deleted, unpublished or moved out of
        # the sales channel, and regions that no longer exist.
        deleted = (await conn.execute(sa.delete(LISTING).where(LISTING.c.synced_at < stamp))).rowcount
        await conn.execute(
            sa.insert(SyncRun.__table__).values(
                kind=kind,
                started_at=started,
                finished_at=datetime.now(UTC),
                products=len(seen),
                rows_written=written,
                rows_deleted=deleted,
            )
        )
    _written()
    result = SyncResult(len(seen), written, deleted, time.monotonic() - clock)
    log.info("catalog %s: %s", kind, result)
    return result


async def refresh_products(product_ids: Iterable[str], client: Medusa | None = None) -> SyncResult:
    """Re-read these products from Medusa and update their rows (deleting the rows of products
    Medusa no longer lists)."""
    ids = sorted({i for i in product_ids if i})
    clock = time.monotonic()
    if not ids:
        return SyncResult(0, 0, 0, 0.0)
    client = client or shared_medusa()
    rows, seen = await fetch_rows(client, ids)
    gone = [i for i in ids if i not in seen]
    stamp = min((r.synced_at for r in rows), default=datetime.now(UTC))
    async with db.async_engine().begin() as conn:
        written = await _upsert(conn, rows)
        deleted = 0
        if gone:
            deleted = (
                await conn.execute(
                    sa.delete(LISTING).where(LISTING.c.product_id.in_(gone), LISTING.c.synced_at <= stamp)
                )
            ).rowcount
        # A product that left one region (no longer priced there) keeps no stale row in it.
        kept = {(r.region_id, r.product_id) for r in rows}
        stale = (
            await conn.execute(
                sa.select(LISTING.c.region_id, LISTING.c.product_id).where(
                    LISTING.c.product_id.in_(list(seen)), LISTING.c.synced_at < stamp
                )
            )
        ).all()
        for region_id, product_id in stale:
            if (region_id, product_id) not in kept:
                await conn.execute(
                    sa.delete(LISTING).where(
                        LISTING.c.region_id == region_id, LISTING.c.product_id == product_id
                    )
                )
                deleted += 1
    _written()
    return SyncResult(len(seen), written, deleted, time.monotonic() - clock)


async def row_count() -> int:
    async with db.async_engine().connect() as conn:
        return (await conn.execute(sa.select(sa.func.count()).select_from(LISTING))).scalar_one()


async def rebuild_if_empty(client: Medusa | None = None) -> SyncResult | None:
    """What the stack runs on start: a new or wiped database gets its read model."""
    if await row_count():
        return None
    return await rebuild(client, kind="initial")


def full_refresh() -> SyncResult | None:
    """Blocking entry point for the scheduler (`jobs/`): rebuild the read model from Medusa, the
    safety net that repairs any missed change event. Uses its own client and event loop, so it
    can run in a scheduler thread; returns None when another rebuild was already running."""

    async def run() -> SyncResult | None:
        client = Medusa.from_env()
        # its own engine: the process-wide one may hold connections of another event loop
        engine = create_async_engine(db.database_url(), poolclass=NullPool)
        try:
            return await rebuild(client, kind="scheduled", engine=engine)
        finally:
            await client.aclose()
            await engine.dispose()

    return asyncio.run(run())
