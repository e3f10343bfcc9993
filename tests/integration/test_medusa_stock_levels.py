"""Our Medusa routes for the stock-feed sync (medusa-backend/src/api/admin/stock-levels), against the
real Medusa of the test session: the read answers what Medusa's own inventory routes answer, the
batch stores levels as Medusa's own route does, all or nothing (its compensation puts updates back),
its events reach the storefront's read model, and it refuses bad input."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator

import httpx
import psycopg
import pytest
import sqlalchemy as sa

import db
from catalog.tables import ProductListing
from medusa import AuthenticationError, NotFoundError, ValidationError

LISTING = ProductListing.__table__


def _levels(item) -> dict[str, tuple[int, int]]:
    return {lv.location_id: (lv.stocked_quantity, lv.reserved_quantity) for lv in item.location_levels}


@pytest.fixture
async def items(stack, admin_client) -> AsyncIterator[list[dict]]:
    """Two inventory items of this test (no level yet) and the store's stock location."""
    s = uuid.uuid4().hex[:8]
    made = []
    async with httpx.AsyncClient(base_url=os.environ["MEDUSA_BACKEND_URL"], timeout=30) as http:
        http.headers["authorization"] = f"Bearer {admin_client.admin_token}"
        for n in range(2):
            answer = await http.post(
                "/admin/inventory-items", json={"sku": f"LVL-{s}-{n}", "title": "Level test"}
            )
            assert answer.status_code == 200, answer.text
            made.append(answer.json()["inventory_item"])
        yield made
        for item in made:
            await http.delete(f"/admin/inventory-items/{item['id']}")


async def _location(admin_client) -> str:
    return (await admin_client.admin.stock_location.list(limit=1)).items[0].id


async def test_the_query_answers_every_item_with_a_sku_and_its_levels_as_medusas_own_route_does(
    admin_client, items
):
    location = await _location(admin_client)
    await admin_client.admin.stock_level.batch(
        create=[{"inventory_item_id": items[0]["id"], "location_id": location, "stocked_quantity": 4}]
    )

    everything = await admin_client.admin.stock_level.query()

    standard = [item async for item in admin_client.admin.inventory_item.iterate(page_size=500)]
    assert {i.id: (i.sku, _levels(i)) for i in everything} == {
        i.id: (i.sku, _levels(i)) for i in standard if i.sku
    }
    assert [i.id for i in everything] == sorted(i.id for i in everything)
    mine = {i.sku: _levels(i) for i in everything if i.id in {items[0]["id"], items[1]["id"]}}
    assert mine == {items[0]["sku"]: {location: (4, 0)}, items[1]["sku"]: {}}


async def test_the_query_can_be_limited_to_some_skus(admin_client, items):
    found = await admin_client.admin.stock_level.query(skus=[items[1]["sku"], "NO-SUCH-SKU"])
    assert [(i.id, i.sku, i.location_levels) for i in found] == [(items[1]["id"], items[1]["sku"], [])]
    assert await admin_client.admin.stock_level.query(skus=[]) == []


async def test_the_batch_creates_and_updates_levels_through_medusa(admin_client, items):
    location = await _location(admin_client)
    first, second = (item["id"] for item in items)

    made = await admin_client.admin.stock_level.batch(
        create=[
            {"inventory_item_id": first, "location_id": location, "stocked_quantity": 7},
            {"inventory_item_id": second, "location_id": location, "stocked_quantity": 0},
        ]
    )
    changed = await admin_client.admin.stock_level.batch(
        update=[{"inventory_item_id": second, "location_id": location, "stocked_quantity": 12}]
    )

    assert (made.created, made.updated, changed.created, changed.updated) == (2, 0, 0, 1)
    page = await admin_client.admin.inventory_item.list(id=[first, second], limit=10)
    assert {i.id: _levels(i) for i in page.items} == {first: {location: (7, 0)}, second: {location: (12, 0)}}


async def test_a_bad_batch_is_refused_whole_and_writes_nothing(admin_client, items):
    location = await _location(admin_client)
    first, second = (item["id"] for item in items)
    await admin_client.admin.stock_level.batch(
        create=[{"inventory_item_id": first, "location_id": location, "stocked_quantity": 5}]
    )
    good = {"inventory_item_id": first, "location_id": location, "stocked_quantity": 9}

    # the second item has no level at the location: nothing of the request is written
    with pytest.raises(NotFoundError, match="not stocked at location"):
        await admin_client.admin.stock_level.batch(
            update=[good, {"inventory_item_id": second, "location_id": location, "stocked_quantity": 1}]
        )
    with pytest.raises(ValidationError, match="Unknown stock location"):
        await admin_client.admin.stock_level.batch(
            update=[good],
            create=[{"inventory_item_id": second, "location_id": "sloc_nope", "stocked_quantity": 1}],
        )
    with pytest.raises(ValidationError):
        await admin_client.admin.stock_level.batch(update=[{**good, "stocked_quantity": -1}])
    with pytest.raises(ValidationError, match="at most 10000 levels"):
        await admin_client.admin.stock_level.batch(update=[good] * 10_001)

    page = await admin_client.admin.inventory_item.list(id=[first, second], limit=10)
    assert {i.id: _levels(i) for i in page.items} == {first: {location: (5, 0)}, second: {}}


async def test_the_routes_need_a_staff_login(stack, medusa_client):
    with pytest.raises(AuthenticationError):
        await medusa_client.with_admin_token("not-a-token").admin.stock_level.query()


# --- the set-based update: same rows, same events, all or nothing --------------------------------


async def _rows(item_ids: list[str]) -> dict[str, dict]:
    """The inventory levels of these items as stored in Medusa's database (item id → row)."""
    async with await psycopg.AsyncConnection.connect(os.environ["MEDUSA_DATABASE_URL"]) as conn:
        cursor = await conn.execute(
            """SELECT inventory_item_id, stocked_quantity, raw_stocked_quantity, reserved_quantity,
                      raw_reserved_quantity, incoming_quantity, raw_incoming_quantity, updated_at
                 FROM inventory_level WHERE inventory_item_id = ANY(%s) AND deleted_at IS NULL""",
            [item_ids],
        )
        names = [c.name for c in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in await cursor.fetchall()}


async def test_an_update_stores_the_level_as_medusas_own_route_does_and_keeps_reservations(
    admin_client, items
):
    location = await _location(admin_client)
    first, second = (item["id"] for item in items)
    await admin_client.admin.stock_level.batch(
        create=[
            {"inventory_item_id": first, "location_id": location, "stocked_quantity": 5},
            {"inventory_item_id": second, "location_id": location, "stocked_quantity": 5},
        ]
    )
    async with httpx.AsyncClient(base_url=os.environ["MEDUSA_BACKEND_URL"], timeout=30) as http:
        http.headers["authorization"] = f"Bearer {admin_client.admin_token}"
        for item in (first, second):  # a shopper's reservation on each: 2 of the 5 units
            answer = await http.post(
                "/admin/reservations",
                json={"inventory_item_id": item, "location_id": location, "quantity": 2},
            )
            assert answer.status_code == 200, answer.text
        before = await _rows([first, second])
        # the first through Medusa's own route, the second through ours
        answer = await http.post(
            f"/admin/inventory-items/{first}/location-levels/{location}", json={"stocked_quantity": 8}
        )
        assert answer.status_code == 200, answer.text
        await admin_client.admin.stock_level.batch(
            update=[{"inventory_item_id": second, "location_id": location, "stocked_quantity": 8}]
        )
        after = await _rows([first, second])
        standard = (await http.get(f"/admin/inventory-items/{second}/location-levels")).json()

    ours, theirs = after[second], after[first]
    assert {k: v for k, v in ours.items() if k not in ("inventory_item_id", "updated_at")} == {
        k: v for k, v in theirs.items() if k not in ("inventory_item_id", "updated_at")
    }
    assert ours["stocked_quantity"] == 8 and ours["raw_stocked_quantity"]["value"].startswith("8")
    assert (ours["reserved_quantity"], ours["incoming_quantity"]) == (2, 0)
    assert ours["updated_at"] > before[second]["updated_at"]
    # Medusa's own API reads it back with the availability it computes
    [level] = standard["inventory_levels"]
    assert (level["stocked_quantity"], level["reserved_quantity"], level["available_quantity"]) == (8, 2, 6)


async def test_a_batch_failing_after_its_updates_puts_them_back_and_refuses_a_level_given_twice(
    admin_client, items
):
    location = await _location(admin_client)
    first, second = (item["id"] for item in items)
    await admin_client.admin.stock_level.batch(
        create=[
            {"inventory_item_id": first, "location_id": location, "stocked_quantity": 5},
            {"inventory_item_id": second, "location_id": location, "stocked_quantity": 3},
        ]
    )
    before = await _rows([first, second])

    # the update is written first, then creating a level that already exists fails the run:
    # the workflow's compensation puts the first item's quantity back
    with pytest.raises(ValidationError, match="already exists"):
        await admin_client.admin.stock_level.batch(
            update=[{"inventory_item_id": first, "location_id": location, "stocked_quantity": 9}],
            create=[{"inventory_item_id": second, "location_id": location, "stocked_quantity": 1}],
        )
    assert await _rows([first, second]) == before

    with pytest.raises(ValidationError, match="given more than once"):
        await admin_client.admin.stock_level.batch(
            update=[
                {"inventory_item_id": first, "location_id": location, "stocked_quantity": 9},
                {"inventory_item_id": first, "location_id": location, "stocked_quantity": 8},
            ]
        )
    assert await _rows([first, second]) == before


async def _listed_in_stock(product_id: str) -> set[bool]:
    async with db.async_engine().connect() as conn:
        rows = await conn.execute(sa.select(LISTING.c.in_stock).where(LISTING.c.product_id == product_id))
        return {row[0] for row in rows}


async def _until(predicate, seconds: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not await predicate():
        assert asyncio.get_running_loop().time() < deadline, "the listing did not change"
        await asyncio.sleep(0.2)


async def test_the_batchs_events_reach_the_catalog_subscriber_and_flip_the_listings_stock_flag(
    web, admin_client
):
    """The storefront's read model (fed by the subscriber's signed events) sees a batch's writes."""
    async with httpx.AsyncClient(base_url=os.environ["MEDUSA_BACKEND_URL"], timeout=30) as http:
        http.headers["authorization"] = f"Bearer {admin_client.admin_token}"
        products = (
            await http.get(
                "/admin/products",
                params={
                    "limit": 100,
                    "fields": "id,variants.id,variants.manage_inventory,variants.allow_backorder,*variants.inventory_items",
                },
            )
        ).json()["products"]
    levels = {item.id: item.location_levels for item in await admin_client.admin.stock_level.query()}
    for product in products:
        variants = product["variants"]
        if (
            len(variants) == 1
            and variants[0]["manage_inventory"]
            and not variants[0]["allow_backorder"]
            and len(variants[0]["inventory_items"]) == 1
            and len(levels.get(variants[0]["inventory_items"][0]["inventory_item_id"]) or []) == 1
            and await _is(product["id"], {True})
        ):
            break
    else:
        raise AssertionError("the demo catalog has no listed single-variant product stocked at one location")
    item_id = variants[0]["inventory_items"][0]["inventory_item_id"]
    [level] = levels[item_id]

    async def set_stock(quantity: int) -> None:
        await admin_client.admin.stock_level.batch(
            update=[
                {"inventory_item_id": item_id, "location_id": level.location_id, "stocked_quantity": quantity}
            ]
        )

    try:
        await set_stock(level.reserved_quantity)  # nothing left to sell
        await _until(lambda: _is(product["id"], {False}))
        await set_stock(level.reserved_quantity + 4)
        await _until(lambda: _is(product["id"], {True}))
    finally:
        await set_stock(level.stocked_quantity)


async def _is(product_id: str, flags: set[bool]) -> bool:
    return await _listed_in_stock(product_id) == flags
