"""The read model against the real Postgres and Medusa with the demo catalog."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

import db
from catalog import queries, sync
from catalog.tables import ProductListing

LISTING = ProductListing.__table__


@pytest.fixture(scope="session")
async def catalog_products(stack, medusa_client, regions):
    """Every demo product as Medusa sends it for Canada (prices, stock, options)."""
    return [p async for p in medusa_client.store.product.iterate(region_id=regions["CAD"].id, order="id")]


async def _rows() -> dict[tuple[str, str], dict]:
    async with db.async_engine().connect() as conn:
        result = (await conn.execute(sa.select(LISTING))).mappings().all()
    return {
        (r["region_id"], r["product_id"]): {k: v for k, v in r.items() if k != "synced_at"} for r in result
    }


async def test_stack_start_filled_the_read_model_one_row_per_product_and_region(
    medusa_client, regions, catalog_products
):
    rows = await _rows()
    assert len(rows) == len(catalog_products) * len(regions)
    for product in catalog_products[:10]:
        for currency, region in regions.items():
            row = rows[(region.id, product.id)]
            fetched = await medusa_client.store.product.retrieve(product.id, region_id=region.id)
            assert row["price"] == fetched.lowest_price.amount
            assert row["currency_code"] == currency.lower()
            assert row["in_stock"] == fetched.in_stock
            assert row["title_en"] == product.title


async def test_french_titles_come_from_medusas_translations(medusa_client, catalog_products):
    french = await medusa_client.store.product.retrieve(catalog_products[0].id, locale="fr-CA")
    rows = await _rows()
    row = next(r for (_, pid), r in rows.items() if pid == french.id)
    assert row["title_fr"] == french.title != row["title_en"]


async def test_rebuild_is_idempotent_and_readers_never_see_an_empty_or_partial_model(medusa_client):
    # In step with Medusa first: earlier tests change stock and prices with no storefront
    # running to receive the change events (the rebuild is what repairs that).
    await sync.rebuild(medusa_client)
    before = await _rows()
    counts: list[int] = []

    async def watch():
        while True:
            async with db.async_engine().connect() as conn:
                counts.append(
                    (await conn.execute(sa.select(sa.func.count()).select_from(LISTING))).scalar_one()
                )
            await asyncio.sleep(0.01)

    watcher = asyncio.create_task(watch())
    result = await sync.rebuild(medusa_client)
    watcher.cancel()
    assert result is not None and result.rows_deleted == 0
    assert counts and set(counts) == {len(before)}
    assert await _rows() == before


async def test_refresh_repairs_a_stale_row_and_drops_a_deleted_product(
    medusa_client, regions, catalog_products
):
    product = catalog_products[3]
    region = regions["CAD"]
    good = (await _rows())[(region.id, product.id)]
    async with db.async_engine().begin() as conn:
        await conn.execute(
            sa.update(LISTING)
            .where(LISTING.c.product_id == product.id, LISTING.c.region_id == region.id)
            .values(price=1, in_stock=not good["in_stock"])
        )
        await conn.execute(
            sa.insert(LISTING).values(
                region_id=region.id,
                product_id="prod_gone",
                handle="gone",
                currency_code="cad",
                in_stock=True,
                title_en="Gone",
                title_fr="Parti",
                sort_en="gone",
                sort_fr="parti",
                synced_at=sa.func.now() - sa.text("interval '1 minute'"),
            )
        )
    result = await sync.refresh_products([product.id, "prod_gone"], medusa_client)
    assert result.rows_deleted == 1
    rows = await _rows()
    assert rows[(region.id, product.id)] == good
    assert not any(pid == "prod_gone" for _, pid in rows)


# --- queries ------------------------------------------------------------------------------


async def _page(region_id: str, **kwargs) -> tuple[list[queries.Row], int]:
    async with db.async_engine().connect() as conn:
        return await queries.listing(conn, queries.Query(region_id=region_id, **kwargs))


async def _all_pages(region_id: str, per_page: int = 12, **kwargs) -> list[queries.Row]:
    rows, total = await _page(region_id, limit=per_page, **kwargs)
    found = list(rows)
    for offset in range(per_page, total, per_page):
        found += (await _page(region_id, limit=per_page, offset=offset, **kwargs))[0]
    assert len(found) == total
    return found


@pytest.mark.parametrize("sort", ["price_asc", "price_desc"])
async def test_price_sort_is_right_across_pages_without_duplicates_or_gaps(regions, catalog_products, sort):
    for region in regions.values():
        rows = await _all_pages(region.id, sort=sort)
        assert len({r.product_id for r in rows}) == len(rows) == len(catalog_products)
        prices = [r.price for r in rows]
        assert prices == sorted(prices, reverse=sort == "price_desc")


async def test_title_sort_follows_the_shoppers_language_ignoring_accents(regions):
    rows = await _all_pages(regions["CAD"].id, lang="fr", sort="title")
    from catalog.readmodel import fold

    assert [fold(r.title) for r in rows] == sorted(fold(r.title) for r in rows)


async def test_filters_match_what_medusa_says(regions, catalog_products):
    region = regions["CAD"]
    fair = await _all_pages(region.id, conditions=("fair",))
    expected = {
        p.id
        for p in catalog_products
        if any(v.option_value(o.id) == "Fair" for o in p.options for v in p.variants)
    }
    assert {r.product_id for r in fair} == expected

    stocked = await _all_pages(region.id, in_stock=True)
    assert {r.product_id for r in stocked} == {p.id for p in catalog_products if p.in_stock}
    assert len(stocked) < len(catalog_products)  # the demo has sold-out products

    category = catalog_products[0].categories[0]
    in_category = await _all_pages(region.id, category_ids=(category.id,))
    assert {r.product_id for r in in_category} == {
        p.id for p in catalog_products if category.id in p.category_ids
    }

    from decimal import Decimal

    priced = await _all_pages(region.id, min_price=Decimal("100"), max_price=Decimal("500"), sort="price_asc")
    assert priced and all(Decimal("100") <= r.price <= Decimal("500") for r in priced)


async def test_each_facet_count_is_what_choosing_that_value_would_list(regions):
    region = regions["USD"]
    base = queries.Query(region_id=region.id, lang="fr", in_stock=True, text="")
    async with db.async_engine().connect() as conn:
        counts, bounds = await queries.facet_counts(conn, base)
    assert bounds.low is not None and bounds.low < bounds.high
    conditions = [c for c in counts if c.facet == "condition"]
    assert {c.label for c in conditions} >= {"Comme neuf", "Bon", "Passable"}
    for count in [*conditions, *[c for c in counts if c.facet == "category"][:3]]:
        chosen = (
            {"conditions": (count.key,)} if count.facet == "condition" else {"category_ids": (count.key,)}
        )
        _, total = await _page(region.id, lang="fr", in_stock=True, **chosen)
        assert total == count.count, count
    stock = next(c for c in counts if c.facet == "stock")
    _, in_stock_total = await _page(region.id, in_stock=True)
    assert stock.count == in_stock_total


async def test_a_facet_ignores_its_own_filter_but_applies_the_others(regions):
    region = regions["CAD"]
    query = queries.Query(region_id=region.id, conditions=("fair",), in_stock=True)
    async with db.async_engine().connect() as conn:
        counts, _ = await queries.facet_counts(conn, query)
    good = next(c for c in counts if c.facet == "condition" and c.key == "good")
    _, total = await _page(region.id, conditions=("good",), in_stock=True)
    assert good.count == total  # not narrowed by "fair", narrowed by in stock


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("fr", "cafetiere", "Cafetière"),  # accents optional
        ("fr", "CAFETIÈRES", "Cafetière"),  # case and plural (stemming)
        ("fr", "lave-vaisselle", "Lave-vaisselle"),
        ("fr", "lave vaisselle", "Lave-vaisselle"),
        ("fr", "refrigerateurs", "Réfrigérateur"),
        ("en", "dishwashers", "dishwasher"),
        ("en", "refrigerator", "refrigerator"),
    ],
)
async def test_full_text_search_folds_accents_and_stems(regions, lang, text, expected):
    rows, total = await _page(regions["CAD"].id, lang=lang, text=text, sort="relevance")
    assert total > 0, f"{text!r} found nothing"
    assert expected.lower() in rows[0].title.lower()


async def test_hyphenated_and_spaced_searches_find_the_same_products(regions):
    dash, _ = await _page(regions["CAD"].id, lang="fr", text="lave-vaisselle", limit=50)
    space, _ = await _page(regions["CAD"].id, lang="fr", text="lave vaisselle", limit=50)
    assert {r.product_id for r in dash} == {r.product_id for r in space}


async def test_search_with_no_match_is_empty_not_an_error(regions):
    rows, total = await _page(regions["CAD"].id, lang="fr", text="zzzqqq le la", sort="relevance")
    assert (rows, total) == ([], 0)


async def test_a_chosen_grade_keeps_its_french_label_when_nothing_matches(regions):
    from decimal import Decimal

    query = queries.Query(
        region_id=regions["CAD"].id, lang="fr", conditions=("fair",), min_price=Decimal(99999)
    )
    async with db.async_engine().connect() as conn:
        counts, _ = await queries.facet_counts(conn, query)
    fair = next(c for c in counts if c.facet == "condition" and c.key == "fair")
    assert (fair.label, fair.count) == ("Passable", 0)


async def test_price_and_stock_filters_apply_to_the_chosen_grades_own_units(regions, catalog_products):
    """ "Good under $X" lists a product only when its Good unit costs at most X, and the card shows
    the Good price, not the product's cheapest (a Fair unit)."""
    region = regions["CAD"]

    def grade_price(product, grade: str):
        option = next(o for o in product.options if o.title == "Condition")
        return min(v.price.amount for v in product.variants if v.option_value(option.id) == grade)

    product = next(
        p
        for p in catalog_products
        if {"Good", "Fair"} <= {v.value for o in p.options if o.title == "Condition" for v in o.values}
    )
    good, fair = grade_price(product, "Good"), grade_price(product, "Fair")
    assert fair < good
    between = (fair + good) / 2

    listed, _ = await _page(region.id, conditions=("good",), max_price=between, limit=100)
    assert product.id not in {r.product_id for r in listed}
    listed, _ = await _page(region.id, conditions=("fair",), max_price=between, limit=100)
    assert product.id in {r.product_id for r in listed}

    rows = await _all_pages(region.id, conditions=("good",), sort="price_asc")
    card = next(r for r in rows if r.product_id == product.id)
    assert card.price == good
    assert [r.price for r in rows] == sorted(r.price for r in rows)  # sorted by the Good prices

    async with db.async_engine().connect() as conn:
        counts, bounds = await queries.facet_counts(
            conn, queries.Query(region_id=region.id, conditions=("good",), max_price=between)
        )
    _, total = await _page(region.id, conditions=("good",), max_price=between)
    good_facet = next(c for c in counts if c.facet == "condition" and c.key == "good")
    assert good_facet.count == total
    # the price hint ranges over Good prices, its own filter left out
    assert bounds.low <= good <= bounds.high and bounds.high > between


async def test_the_scheduled_full_refresh_repairs_what_a_missed_event_left_stale(regions, catalog_products):
    """`catalog.sync.full_refresh` is what the jobs scheduler runs (blocking, its own loop)."""
    product, region = catalog_products[5], regions["USD"]
    good = (await _rows())[(region.id, product.id)]
    async with db.async_engine().begin() as conn:
        await conn.execute(
            sa.update(LISTING)
            .where(LISTING.c.product_id == product.id, LISTING.c.region_id == region.id)
            .values(price=0, title_fr="périmé", synced_at=sa.func.now() - sa.text("interval '1 hour'"))
        )
    result = await asyncio.to_thread(sync.full_refresh)
    assert result is not None and result.products == len(catalog_products)
    assert (await _rows())[(region.id, product.id)] == good
    async with db.async_engine().connect() as conn:
        kind = (
            await conn.execute(sa.text("SELECT kind FROM catalog.sync_run ORDER BY id DESC LIMIT 1"))
        ).scalar()
    assert kind == "scheduled"
