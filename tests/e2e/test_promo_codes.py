"""Promo codes in the cart: a valid code shows its discount; a code past its usage limit, which
Medusa drops silently (HTTP 200, no discount), is reported as used up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from playwright.async_api import expect
from shopper import stocked_handle

from assistant.deals import promotion_body
from shop import checkout

ADDRESS = {
    "first_name": "Léa",
    "last_name": "Roy",
    "address_1": "3 rue King",
    "city": "Sherbrooke",
    "province": "qc",
    "postal_code": "J1H 1R4",
    "country_code": "ca",
}


async def test_valid_then_used_up_code(page, browser, web, medusa_client, admin_client, regions):
    from catalog import source

    source.reset()
    region = regions["CAD"]
    handle = await stocked_handle(medusa_client, region)
    product = await medusa_client.store.product.retrieve_by_handle(handle, region_id=region.id)
    variant = next(v for v in product.variants if v.in_stock)
    code = f"TEST-{uuid.uuid4().hex[:12].upper()}"
    now = datetime.now(UTC)
    await admin_client.admin.promotion.create(
        promotion_body(
            code=code,
            negotiation_id=f"e2e-{code}",
            product_id=product.id,
            variant_id=variant.id,
            currency_code="cad",
            list_price=variant.price.amount,
            deal_price=variant.price.amount - Decimal(50),
            starts_at=now - timedelta(minutes=1),
            expires_at=now + timedelta(hours=1),
        )
    )

    await page.goto(f"/en/products/{handle}")
    await page.get_by_test_id("add-to-cart").click()
    await expect(page.get_by_test_id("added")).to_be_visible()
    await page.goto("/en/cart")
    await page.get_by_label("Promo code").fill(code)
    await page.get_by_role("button", name="Apply").click()
    await expect(page.get_by_test_id("promo-applied")).to_contain_text(code)
    await expect(page.get_by_test_id("discount")).to_have_text("−$50.00")

    # Someone else uses the code up (limit 1).
    other = await medusa_client.store.cart.create(region_id=region.id)
    await medusa_client.store.cart.create_line_item(other.id, variant_id=variant.id, quantity=1)
    await medusa_client.store.cart.update(other.id, promo_codes=[code])
    await checkout.save_contact(other.id, email="first@example.test", shipping=ADDRESS)
    await checkout.choose_shipping(other.id, (await checkout.shipping_options(other.id))[0].id)
    used = await checkout.place_order(other.id, "pp_system_default")
    assert used.discount_total > 0

    late = await browser.new_context(base_url=web, locale="en-CA")
    try:
        shopper = await late.new_page()
        await shopper.goto(f"/en/products/{handle}")
        await shopper.get_by_test_id("add-to-cart").click()
        await expect(shopper.get_by_test_id("added")).to_be_visible()
        await shopper.goto("/en/cart")
        await shopper.get_by_label("Promo code").fill(code)
        await shopper.get_by_role("button", name="Apply").click()
        await expect(shopper.get_by_test_id("promo-error")).to_contain_text("can no longer be used")
        await expect(shopper.get_by_test_id("promo-applied")).to_have_count(0)
        await expect(shopper.get_by_test_id("discount")).to_have_count(0)
    finally:
        await late.close()
        await source.medusa().aclose()
        source.reset()
