"""The typed client against the real Medusa started for the session, with the demo catalog."""

from decimal import Decimal

import pytest

from medusa import NotFoundError, ValidationError


async def test_demo_regions_are_canada_and_united_states(regions):
    assert set(regions) == {"CAD", "USD"}
    assert "ca" in regions["CAD"].country_codes
    assert "us" in regions["USD"].country_codes


async def test_listing_pages_are_ordered_newest_first_without_overlap(medusa_client, regions):
    region = regions["CAD"]
    seen: list[str] = []
    created: list = []
    first = await medusa_client.store.product.list(region_id=region.id, limit=20, order="-created_at")
    assert first.count >= 60
    for offset in range(0, first.count, 20):
        page = await medusa_client.store.product.list(
            region_id=region.id, limit=20, offset=offset, order="-created_at"
        )
        seen += [p.id for p in page.items]
        created += [p.created_at for p in page.items]
    assert len(seen) == first.count == len(set(seen))
    assert created == sorted(created, reverse=True)


async def test_prices_are_exact_decimals_in_each_region_currency(medusa_client, regions):
    for currency, region in regions.items():
        page = await medusa_client.store.product.list(region_id=region.id, limit=50)
        prices = [v.price for p in page.items for v in p.variants if v.price]
        assert prices, f"no prices in {currency}"
        assert all(isinstance(p.amount, Decimal) and p.amount > 0 for p in prices)
        assert {p.currency for p in prices} == {currency}


async def test_stock_is_reported_and_some_products_are_sold_out(medusa_client, regions):
    products = [
        p async for p in medusa_client.store.product.iterate(region_id=regions["CAD"].id, page_size=100)
    ]
    assert any(p.in_stock for p in products)
    assert sum(1 for p in products if not p.in_stock) >= 3


async def test_product_by_handle_in_english_and_french(medusa_client, regions):
    listing = await medusa_client.store.product.list(region_id=regions["CAD"].id, limit=1)
    handle = listing.items[0].handle
    english = await medusa_client.store.product.retrieve_by_handle(
        handle, region_id=regions["CAD"].id, locale="en-CA"
    )
    french = await medusa_client.store.product.retrieve_by_handle(
        handle, region_id=regions["CAD"].id, locale="fr-CA"
    )
    assert english.id == french.id
    assert english.title and french.title and english.title != french.title
    assert english.description != french.description
    assert english.thumbnail or english.images


async def test_unknown_handle_is_not_found(medusa_client, regions):
    with pytest.raises(NotFoundError):
        await medusa_client.store.product.retrieve_by_handle("no-such-product", region_id=regions["CAD"].id)


async def test_category_and_collection_filters(medusa_client, regions):
    categories = await medusa_client.store.category.list(limit=100)
    collections = await medusa_client.store.collection.list(limit=100)
    assert len(categories.items) >= 5
    assert len(collections.items) >= 2
    category = categories.items[0]
    page = await medusa_client.store.product.list(
        region_id=regions["CAD"].id, category_id=[category.id], limit=100
    )
    assert page.count > 0
    assert all(category.id in [c.id for c in p.categories] for p in page.items)
    collection = collections.items[0]
    page = await medusa_client.store.product.list(
        region_id=regions["USD"].id, collection_id=[collection.id], limit=100
    )
    assert page.count > 0
    assert all(p.collection and p.collection.id == collection.id for p in page.items)


async def test_price_sort_is_refused_before_reaching_medusa(medusa_client):
    with pytest.raises(ValidationError):
        await medusa_client.store.product.list(order="variants.calculated_price")
