"""Our Medusa routes for the stock-feed sync (medusa-backend/src/api/admin/stock-levels), against the
real Medusa of the test session: the read answers what Medusa's own inventory routes answer, the
batch writes through the inventory module, all or nothing, and refuses bad input."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from medusa import AuthenticationError, NotFoundError, ValidationError


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
