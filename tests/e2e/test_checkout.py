"""A shopper fills a cart and checks out to a real Medusa order, in English and in French."""

from __future__ import annotations

import re

from playwright.async_api import expect
from shopper import add_to_cart, fill_address, stocked_handle

from shop.addresses import provinces

NBSP = "\u00a0"


async def test_cart_survives_reload_and_quantities_change(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "en", handle, quantity=2)
    await expect(page.get_by_test_id("cart-count")).to_have_text("2")

    await page.goto("/en/cart")
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    subtotal_two = await page.get_by_test_id("subtotal").inner_text()
    await page.get_by_test_id("line-quantity").select_option("1")
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")
    await expect(page.get_by_test_id("subtotal")).not_to_have_text(subtotal_two)

    await page.reload()  # the cart id is in a cookie: same cart after a reload
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")

    await page.get_by_role("button", name=re.compile("^Remove ")).click()
    await expect(page.get_by_test_id("cart-empty")).to_be_visible()
    await expect(page.get_by_test_id("cart-count")).to_have_text("0")


async def test_a_cart_line_fits_a_phone_screen_in_french(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await page.set_viewport_size({"width": 360, "height": 740})
    await add_to_cart(page, "fr", handle)
    await page.goto("/fr/cart")
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    # Nothing wider than the screen (no sideways scrolling), and "Remove" is on it.
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    remove = await page.get_by_role("button", name=re.compile("^Retirer ")).bounding_box()
    assert remove is not None and remove["x"] + remove["width"] <= 360


SUBTOTALS_SEEN = """
window.__subtotals = [];
new MutationObserver(() => {
  for (const el of document.querySelectorAll('[data-testid="line-subtotal"]')) window.__subtotals.push(el.textContent);
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


async def test_a_cart_filled_in_french_never_shows_french_prices_on_the_english_page(
    page, medusa_client, regions
):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "fr", handle)
    await page.goto("/fr/cart")
    await expect(page.get_by_test_id("line-subtotal")).to_have_text(re.compile(r"^[\d\s]+,\d{2}\s\$$"))

    await page.context.add_init_script(SUBTOTALS_SEEN)
    await page.goto("/en/cart")
    await expect(page.get_by_test_id("line-subtotal")).to_have_text(re.compile(r"^\$[\d,]+\.\d{2}$"))
    seen = await page.evaluate("window.__subtotals")
    assert seen and all(text.startswith("$") for text in seen), seen


EMPTY_SEEN = """
window.__emptySeen = false;
new MutationObserver(() => {
  if (document.querySelector('[data-testid="cart-empty"]')) window.__emptySeen = true;
}).observe(document, { childList: true, subtree: true });
"""


async def test_following_the_header_count_right_after_adding_never_shows_an_empty_cart(
    page, medusa_client, regions
):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await page.goto(f"/en/products/{handle}")
    await expect(page.get_by_test_id("add-to-cart")).to_be_enabled()
    await page.evaluate(EMPTY_SEEN)
    await page.get_by_test_id("add-to-cart").click()
    # The count shows the unit before Medusa has confirmed it: go to the cart at once.
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")
    await page.get_by_test_id("cart-link").click()
    await expect(page).to_have_url(re.compile("/en/cart$"))
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    assert await page.evaluate("window.__emptySeen") is False


async def test_loading_the_cart_right_after_adding_finds_the_new_cart(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await page.goto(f"/en/products/{handle}")
    await expect(page.get_by_test_id("add-to-cart")).to_be_enabled()
    await page.get_by_test_id("add-to-cart").click()
    # A whole page load before Medusa has answered: the browser has no cart cookie yet.
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")
    await page.goto("/en/cart")
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    await expect(page.get_by_test_id("cart-count")).to_have_text("1")
    await page.reload()  # and the cookie now holds it
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)


# Frame by frame, what the header shows (a frame is drawn only once the page's CSS is in, so a
# badge the stylesheet hides is never counted as shown).
COUNTS_SHOWN = """
window.__counts = [];
const frame = () => {
  const badge = document.querySelector('[data-testid="cart-count"]');
  if (badge && getComputedStyle(badge).visibility === "visible") window.__counts.push(badge.textContent);
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"""


async def test_a_returning_shoppers_header_never_counts_zero(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "en", handle, quantity=2)
    tab = await page.context.new_page()  # a new tab: the page's HTML and a fresh state
    await tab.add_init_script(COUNTS_SHOWN)
    await tab.goto("/en/store")
    await expect(tab.get_by_test_id("cart-count")).to_be_visible()
    await expect(tab.get_by_test_id("cart-count")).to_have_text("2")
    shown = await tab.evaluate("window.__counts")
    assert shown and set(shown) == {"2"}, shown


async def test_more_than_in_stock_is_refused_with_a_clear_message(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await page.goto(f"/en/products/{handle}")
    await expect(page.get_by_test_id("add-to-cart")).to_be_enabled()
    await page.get_by_test_id("quantity").fill("500")
    await page.get_by_test_id("add-to-cart").click()
    await expect(page.get_by_test_id("cart-error")).to_have_text(
        "Sorry, we do not have that many in stock. Try a smaller quantity."
    )


async def test_unknown_promo_code_says_why(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "en", handle)
    await page.goto("/en/cart")
    await page.get_by_label("Promo code").fill("NOT-A-REAL-CODE")
    await page.get_by_role("button", name="Apply").click()
    await expect(page.get_by_test_id("promo-error")).to_have_text(
        "This code is not valid. Check the spelling, or it may have expired."
    )


async def test_guest_checkout_in_french_places_one_order(page, medusa_client, admin_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "fr", handle)
    await page.goto("/fr/checkout")

    # A bad postal code is refused next to its field, in French.
    await fill_address(page, email="ana@example.test", postal_code="12345")
    await page.get_by_test_id("address-continue").click()
    await expect(page.locator("[id='shipping.postal_code-error']")).to_have_text(
        "Entrez un code postal canadien comme H2X 1Y4."
    )
    await page.locator("[id='shipping.postal_code']").fill("h2x1y4")
    await page.get_by_test_id("address-continue").click()

    delivery = page.get_by_test_id("step-delivery")
    await expect(delivery.get_by_text("Livraison standard")).to_be_visible()
    await delivery.get_by_text("Livraison express").click()
    await page.get_by_test_id("delivery-continue").click()
    await expect(page.get_by_test_id("shipping")).to_have_text(re.compile(rf"^35,00{NBSP}\$$"))

    await page.get_by_test_id("step-payment").get_by_text("Paiement à la livraison").click()
    await page.get_by_test_id("payment-continue").click()
    review = page.get_by_test_id("step-review")
    await expect(review.get_by_text("H2X 1Y4")).to_have_count(2)  # shipping and billing
    total = await page.get_by_test_id("order-summary").get_by_test_id("total").inner_text()

    await page.get_by_test_id("place-order").dblclick()  # a double click still makes one order
    await expect(page).to_have_url(re.compile(r"/fr/order/order_\w+/confirmed$"))
    await expect(page.get_by_role("heading", name="Merci de votre commande")).to_be_visible()
    await expect(page.get_by_test_id("order-confirmed").get_by_test_id("total")).to_have_text(total)
    await expect(page.get_by_test_id("cart-count")).to_have_text("0")
    await page.reload()  # the link in the confirmation mail opens the same page
    await expect(page.get_by_role("heading", name="Merci de votre commande")).to_be_visible()
    await expect(page.get_by_test_id("order-confirmed").get_by_test_id("total")).to_have_text(total)

    order_id = page.url.split("/order/")[1].split("/")[0]
    order = await admin_client.admin.order.retrieve(order_id)  # as staff see it in Medusa
    assert order.email == "ana@example.test"
    assert order.shipping_address.postal_code == "H2X 1Y4"
    assert order.shipping_methods[0].name == "Express shipping"
    assert order.currency_code == "cad"


async def test_the_cart_follows_a_region_switch(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "en", handle)
    await page.goto("/en/cart")
    await expect(page.get_by_test_id("total")).to_have_text(re.compile(r"^\$[\d,]+\.\d{2}$"))
    await page.get_by_test_id("region-select").select_option(regions["USD"].id)
    await expect(page.get_by_test_id("total")).to_have_text(re.compile(r"^US\$[\d,]+\.\d{2}$"))
    await expect(page.get_by_test_id("cart-line")).to_have_count(1)
    await expect(page.get_by_test_id("line-subtotal")).to_have_text(re.compile(r"^US\$"))


async def test_the_cart_survives_a_browser_restart(browser, web, page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["CAD"])
    await add_to_cart(page, "en", handle, quantity=2)
    cookies = await page.context.cookies()
    assert any(c["name"] == "tob_cart" and c["expires"] > 0 for c in cookies)  # persistent, not per session

    restarted = await browser.new_context(base_url=web, locale="en-CA")
    try:
        await restarted.add_cookies(cookies)
        fresh = await restarted.new_page()
        await fresh.goto("/en/cart")
        await expect(fresh.get_by_test_id("cart-line")).to_have_count(1)
        await expect(fresh.get_by_test_id("line-quantity")).to_have_value("2")
    finally:
        await restarted.close()


async def test_checkout_by_keyboard_alone(page, medusa_client, regions):
    handle = await stocked_handle(medusa_client, regions["USD"])
    await page.goto("/en")
    await page.get_by_test_id("region-select").select_option(regions["USD"].id)
    await expect(page.get_by_test_id("region-select")).to_have_value(regions["USD"].id)
    await page.goto(f"/en/products/{handle}")
    await page.get_by_test_id("add-to-cart").focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("added")).to_be_visible()

    await page.goto("/en/checkout")
    await page.locator("#email").focus()
    await page.keyboard.type("kb@example.test")
    for text in ("Sam", "Lee", "350 Fifth Avenue", "", "New York"):
        await page.keyboard.press("Tab")
        if text:
            await page.keyboard.type(text)
    await page.keyboard.press("Tab")  # country: the region's only country, United States
    await page.keyboard.press("Tab")  # province or state: arrow keys move through the list
    names = [choice.name for choice in provinces("us", "en")]
    for _ in range(names.index("New York") + 1):  # the first option is "Choose…"
        await page.keyboard.press("ArrowDown")
    await expect(page.locator("[id='shipping.province']")).to_have_value("ny")
    await page.keyboard.press("Tab")
    await page.keyboard.type("10118")
    await page.keyboard.press("Enter")  # submits the address form

    await expect(page.get_by_test_id("delivery-continue")).to_be_visible()
    await page.get_by_test_id("delivery-continue").focus()
    await page.keyboard.press("Enter")
    await page.get_by_test_id("payment-continue").focus()
    await page.keyboard.press("Enter")
    await page.get_by_test_id("place-order").focus()
    await page.keyboard.press("Enter")
    await expect(page).to_have_url(re.compile(r"/en/order/order_\w+/confirmed$"))
    await expect(page.get_by_test_id("order-confirmed")).to_contain_text("New York, New York 10118")
