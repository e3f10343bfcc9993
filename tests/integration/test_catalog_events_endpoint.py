"""The signed events endpoint (as mounted on the web app) refreshes the read model."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import sqlalchemy as sa

import db
from catalog import events
from catalog.tables import ProductListing

LISTING = ProductListing.__table__


def _signed(body: dict, secret: str, timestamp: int | None = None) -> tuple[bytes, dict]:
    raw = json.dumps(body).encode()
    ts = str(timestamp or int(time.time()))
    return raw, {
        "content-type": "application/json",
        "x-tob-timestamp": ts,
        "x-tob-signature": events.sign(secret, ts, raw),
    }


async def test_a_signed_event_refreshes_the_product_and_a_forged_one_is_refused(stack, regions, monkeypatch):
    monkeypatch.setenv("TOB_EVENTS_SECRET", "integration-secret")
    region = regions["CAD"]
    async with db.async_engine().begin() as conn:
        product_id, price = (
            await conn.execute(
                sa.select(LISTING.c.product_id, LISTING.c.price)
                .where(LISTING.c.region_id == region.id)
                .limit(1)
            )
        ).one()
        await conn.execute(sa.update(LISTING).where(LISTING.c.product_id == product_id).values(price=0))

    transport = httpx.ASGITransport(app=events.api())
    async with httpx.AsyncClient(transport=transport, base_url="http://web") as client:
        raw, headers = _signed({"event": "product.updated", "product_ids": [product_id]}, "wrong-secret")
        assert (await client.post(events.PATH, content=raw, headers=headers)).status_code == 401

        raw, headers = _signed(
            {"event": "product.updated", "product_ids": [product_id]}, "integration-secret"
        )
        answer = await client.post(events.PATH, content=raw, headers=headers)
        assert answer.status_code == 202, answer.text
        assert (await client.post(events.PATH, content=raw, headers=headers)).status_code == 409  # replay

        old, old_headers = _signed(
            {"product_ids": [product_id]}, "integration-secret", int(time.time()) - 3600
        )
        assert (await client.post(events.PATH, content=old, headers=old_headers)).status_code == 401

    await asyncio.wait_for(events.queue().idle.wait(), 10)
    async with db.async_engine().connect() as conn:
        refreshed = (
            await conn.execute(
                sa.select(LISTING.c.price).where(
                    LISTING.c.product_id == product_id, LISTING.c.region_id == region.id
                )
            )
        ).scalar_one()
    assert refreshed == price
