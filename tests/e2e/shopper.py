"""Steps a shopper takes, shared by the browser tests."""

from __future__ import annotations

from playwright.async_api import Page, expect


async def stocked_handle(medusa_client, region, at_least: int = 3) -> str:
    """A product whose first in-stock variant has enough stock for the test's quantities."""
    page = await medusa_client.store.product.list(region_id=region.id, limit=60)
    for product in page.items:
        variants = [v for v in product.variants if v.in_stock]
        if variants and (variants[0].inventory_quantity or 0) >= at_least and len(product.variants) == 1:
            return product.handle
    for product in page.items:
        variants = [v for v in product.variants if v.in_stock]
        if variants and (variants[0].inventory_quantity or 0) >= at_least:
            return product.handle
    raise AssertionError("no product with enough stock")


async def add_to_cart(page: Page, lang: str, handle: str, quantity: int = 1) -> None:
    await page.goto(f"/{lang}/products/{handle}")
    await expect(page.get_by_test_id("add-to-cart")).to_be_enabled()
    await page.get_by_test_id("quantity").fill(str(quantity))
    await page.get_by_test_id("add-to-cart").click()
    await expect(page.get_by_test_id("added")).to_be_visible()


async def fill_address(page: Page, *, email: str, postal_code: str) -> None:
    await page.locator("#email").fill(email)
    await page.locator("[id='shipping.first_name']").fill("Ana")
    await page.locator("[id='shipping.last_name']").fill("Tremblay")
    await page.locator("[id='shipping.address_1']").fill("1 rue Sainte-Catherine")
    await page.locator("[id='shipping.city']").fill("Montréal")
    await page.locator("[id='shipping.province']").select_option("qc")
    await page.locator("[id='shipping.postal_code']").fill(postal_code)
