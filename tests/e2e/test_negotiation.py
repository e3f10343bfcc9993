"""The negotiation chat on the product page, in Chromium: haggle in French, accept, add to cart at the
deal price, check out; the conversation survives a reload; the API is mounted in the web app."""

from __future__ import annotations

import re
from decimal import Decimal

import httpx
from playwright.async_api import expect
from shopper import fill_address

D = Decimal
GST = D("1.05")  # the demo Canada region's tax


async def negotiable_handle(medusa_client, region, exclude=()) -> tuple[str, Decimal]:
    """A one-variant product open to negotiation with stock for this test (others order units)."""
    best = None
    async for product in medusa_client.store.product.iterate(region_id=region.id):
        if product.handle in ("apple-airpods-pro-2", *exclude) or len(product.variants) != 1:
            continue
        variant = product.variants[0]
        if variant.in_stock and variant.price and variant.price.amount > 100:
            stock = variant.inventory_quantity or 0
            if best is None or stock > best[0]:
                best = (stock, product.handle, variant.price.amount)
    assert best is not None and best[0] >= 1
    return best[1], best[2]


def money_fr(text: str) -> Decimal:
    return D(re.sub(r"[^\d,]", "", text).replace(",", "."))


async def test_negotiate_in_french_accept_add_to_cart_and_check_out(
    page, medusa_client, admin_client, regions
):
    handle, list_price = await negotiable_handle(medusa_client, regions["CAD"])
    await page.goto(f"/fr/products/{handle}")
    chat = page.get_by_test_id("chat")
    await expect(chat.get_by_role("heading", name="Faire une offre")).to_be_visible()
    await page.get_by_test_id("chat-start").click()
    await expect(page.get_by_test_id("chat-assistant")).to_have_count(1)
    await expect(page.locator("#chat-input")).to_be_focused()  # ready to type
    await expect(page.get_by_test_id("chat-chip")).to_have_count(3)

    await page.get_by_label("Votre message").fill("je vous en donne 1 $")
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("chat-shopper")).to_have_text(["Vous : je vous en donne 1 $"])
    await expect(page.get_by_test_id("chat-offer")).to_contain_text("Offre actuelle")
    offer = money_fr(await page.get_by_test_id("chat-offer").locator("strong").inner_text())
    assert D(1) < offer < list_price
    reply = page.get_by_test_id("chat-assistant").nth(1)
    await expect(reply).to_contain_text(re.compile(r"\d"))

    await page.get_by_test_id("chat-accept").click()
    deal = page.get_by_test_id("deal")
    await expect(deal).to_contain_text("Marché conclu à")
    assert money_fr(await deal.locator("strong").inner_text()) == offer
    await expect(page.get_by_test_id("deal-add")).to_be_focused()  # focus moves to the next step
    await page.get_by_test_id("deal-add").click()
    await expect(page.get_by_test_id("deal-added")).to_be_visible()
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")

    await page.goto("/fr/cart")
    await expect(page.get_by_test_id("promo-applied")).to_contain_text("DEAL-")
    discount = money_fr(await page.get_by_test_id("discount").inner_text())
    assert discount == list_price - offer

    await page.goto("/fr/checkout")
    await fill_address(page, email="marchande@example.test", postal_code="H2X 1Y4")
    await page.get_by_test_id("address-continue").click()
    await page.get_by_test_id("step-delivery").get_by_text("Livraison standard").click()
    await page.get_by_test_id("delivery-continue").click()
    await page.get_by_test_id("step-payment").get_by_text("Paiement à la livraison").click()
    await page.get_by_test_id("payment-continue").click()
    await page.get_by_test_id("place-order").click()
    await expect(page).to_have_url(re.compile(r"/fr/order/order_\w+/confirmed$"))

    order = await admin_client.admin.order.retrieve(page.url.split("/order/")[1].split("/")[0])
    assert abs(order.item_total - offer * GST) <= D("0.01")  # the agreed price, taxes on top
    assert len(order.items) == 1 and order.items[0].quantity == 1


async def test_the_conversation_survives_a_reload(page, medusa_client, regions):
    handle, _ = await negotiable_handle(medusa_client, regions["CAD"])
    await page.goto(f"/en/products/{handle}")
    await page.get_by_test_id("chat-start").click()
    await expect(page.get_by_test_id("chat-assistant")).to_have_count(1)
    await page.get_by_test_id("chat-chip").first.click()
    await expect(page.get_by_test_id("chat-assistant")).to_have_count(2)
    await expect(page.get_by_test_id("chat-offer")).to_be_visible()
    offer = await page.get_by_test_id("chat-offer").inner_text()
    transcript = await page.get_by_test_id("chat-log").locator("li").all_text_contents()
    assert len(transcript) == 3

    await page.reload()
    await expect(page.get_by_test_id("chat-assistant")).to_have_count(2)
    await expect(page.get_by_test_id("chat-log").locator("li")).to_have_text(transcript)
    await expect(page.get_by_test_id("chat-offer")).to_have_text(offer)
    await expect(page.get_by_test_id("chat-start")).to_have_count(0)

    await page.get_by_test_id("chat-leave").click()  # the shopper walks away
    await expect(page.get_by_text("This negotiation is over.")).to_be_visible()
    await expect(page.get_by_test_id("chat-input")).to_have_count(0)


async def test_the_api_is_mounted_in_the_web_app(web, medusa_client, regions):
    handle, _ = await negotiable_handle(medusa_client, regions["CAD"])
    product = await medusa_client.store.product.retrieve_by_handle(handle, region_id=regions["CAD"].id)
    async with httpx.AsyncClient(base_url=web, timeout=30) as client:
        r = await client.post(
            "/api/assistant/negotiations",
            json={"variant_id": product.variants[0].id, "region_id": regions["CAD"].id, "locale": "en"},
        )
        assert r.status_code == 201, r.text
        nid = r.json()["id"]
        r = await client.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": ""})
        assert r.status_code == 422
        assert (await client.get(f"/api/assistant/negotiations/{nid}")).json()["status"] == "open"
        docs = await client.get("/api/assistant/openapi.json")
        assert "/api/assistant/negotiations/{negotiation_id}/messages" in docs.json()["paths"]
