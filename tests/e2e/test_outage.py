"""When Medusa goes down the storefront says so in the shopper's language, keeps the cart, then
recovers."""

import re

from playwright.async_api import expect
from shopper import add_to_cart, stocked_handle


async def test_medusa_outage_shows_a_message_keeps_the_cart_and_recovers(
    page, stack, medusa_fr_title, medusa_client, regions
):
    await add_to_cart(page, "fr", await stocked_handle(medusa_client, regions["CAD"]))
    handle, _ = medusa_fr_title
    await page.goto(f"/fr/products/{handle}")
    # The page's state is in (the title alone is already in the server's preview).
    await expect(page.get_by_test_id("chat-start")).to_be_enabled()

    stack.stop_service("medusa")
    try:
        # The negotiation chat on the already loaded page says so too, in French.
        await page.get_by_test_id("chat-start").click()
        await expect(page.get_by_test_id("chat-error")).to_contain_text(
            "temporairement indisponible", timeout=30_000
        )

        await page.goto("/fr/cart")
        await expect(page.get_by_test_id("cart-error")).to_contain_text("Votre panier est conservé")

        # Product pages read Medusa directly (listings read the catalog read model in Postgres).
        await page.goto(f"/fr/products/{handle}")
        outage = page.get_by_test_id("outage")
        await expect(outage).to_be_visible(timeout=30_000)
        await expect(outage).to_contain_text("temporairement indisponible")
        await expect(page.get_by_test_id("product-title")).to_have_count(0)
    finally:
        stack.start_medusa()

    await page.get_by_role("button", name="Réessayer").click()
    await expect(page.get_by_test_id("outage")).to_have_count(0)
    await expect(page.get_by_test_id("product-title")).to_be_visible()
    await expect(page).to_have_url(re.compile(rf"/fr/products/{handle}$"))

    await page.goto("/fr/cart")  # the cart id was never forgotten
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)


async def test_lost_connection_is_announced_in_the_pages_language_and_clears_on_reconnect(page):
    """The store's live connection (Reflex's websocket) drops and cannot come back for a while."""
    blocked = False
    open_sockets = []

    def route(ws):
        if blocked:  # like a server that does not answer: the connection attempt times out
            return
        ws.connect_to_server()
        open_sockets.append(ws)

    await page.route_web_socket(re.compile(r"/_event"), route)
    await page.goto("/fr/store")
    await expect(page.get_by_test_id("cart-count")).to_be_visible()
    notice = page.get_by_test_id("connection-notice")
    await expect(notice).to_have_count(0)

    blocked = True
    for ws in open_sockets:
        await ws.close()
    await expect(notice).to_be_visible(timeout=90_000)  # two failed attempts (each may wait 20 s)
    await expect(notice).to_have_text("Connexion à la boutique perdue. Nouvelle tentative…")
    await expect(notice).to_have_attribute("role", "alert")

    blocked = False
    await expect(notice).to_have_count(0, timeout=90_000)
