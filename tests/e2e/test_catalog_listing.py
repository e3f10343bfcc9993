"""Sort, filters, pagination and search on the listing pages, in the browser; every state is a URL."""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.async_api import expect


def _amount(text: str) -> Decimal:
    number = re.search(r"[\d][\d,\u00a0\u202f ]*[.,]\d{2}", text).group(0)
    return Decimal(number.replace(",", "").replace("\u00a0", "").replace(" ", ""))


async def _ready(page) -> None:
    """The page's state has loaded (the listing shows what the state holds)."""
    await expect(page.locator("#tob-listing")).to_have_attribute("data-state", "ready")


async def _card_prices(page) -> list[Decimal]:
    texts = await page.get_by_test_id("product-card").locator("span.font-semibold").all_inner_texts()
    return [_amount(t) for t in texts]


async def test_sort_filter_and_page_through_the_store_then_share_the_url(page):
    await page.goto("/en/store")
    await expect(page.get_by_test_id("product-card")).to_have_count(12)
    await _ready(page)
    total = await page.get_by_test_id("count").inner_text()

    await page.get_by_label("Sort by").select_option("price_asc")
    await expect(page).to_have_url(re.compile(r"/en/store\?sort=price_asc$"))
    first_page = await _card_prices(page)
    assert first_page == sorted(first_page)

    facet = page.get_by_test_id("facet-condition").filter(has_text="Fair")
    fair_count = int(await facet.get_by_test_id("facet-count").inner_text())
    await facet.click()
    await expect(page).to_have_url(re.compile(r"/en/store\?sort=price_asc&condition=fair$"))
    await expect(page.get_by_test_id("count")).to_have_text(f"{fair_count} products")
    assert fair_count and f"{fair_count} products" != total
    for conditions in await page.get_by_test_id("conditions").all_inner_texts():
        if conditions.strip():
            assert "Fair" in conditions

    page_one = await _card_prices(page)
    await page.get_by_role("link", name="Next", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/en/store\?sort=price_asc&condition=fair&page=2$"))
    page_two = await _card_prices(page)
    assert page_two == sorted(page_two) and page_two[0] >= page_one[-1]

    await page.reload()  # a shared link shows the same page
    await expect(page.get_by_text("Page 2 /")).to_be_visible()
    assert await _card_prices(page) == page_two
    await expect(page.get_by_label("Sort by")).to_have_value("price_asc")

    await page.get_by_test_id("clear-filters").click()
    await expect(page).to_have_url(re.compile(r"/en/store\?sort=price_asc$"))
    await expect(page.get_by_test_id("count")).to_have_text(total)


async def test_price_range_and_in_stock_filters(page):
    await page.goto("/en/store?sort=price_desc")
    await _ready(page)
    form = page.get_by_test_id("price-form")
    await form.get_by_label("Min").fill("100")
    await form.get_by_label("Max").fill("600")
    await form.get_by_role("button", name="Apply").click()
    await expect(page).to_have_url(re.compile(r"sort=price_desc&min=100&max=600$"))
    prices = await _card_prices(page)
    assert prices and all(Decimal(100) <= p <= Decimal(600) for p in prices)
    assert prices == sorted(prices, reverse=True)

    await page.get_by_test_id("facet-stock").click()
    await expect(page).to_have_url(re.compile(r"&stock=1$"))
    await expect(page.get_by_test_id("product-card").filter(has_text="Sold out")).to_have_count(0)


async def test_french_search_from_the_header_ignores_accents(page):
    await page.goto("/fr")
    await page.get_by_test_id("search-input").fill("cafetiere")
    await page.get_by_test_id("search-input").press("Enter")
    await expect(page).to_have_url(re.compile(r"/fr/search\?q=cafetiere$"))
    await expect(page.get_by_role("heading", level=1)).to_have_text("Résultats pour « cafetiere »")
    await expect(page.get_by_test_id("product-card").first).to_contain_text("Cafetière")
    await expect(page.get_by_label("Trier par")).to_have_value("relevance")


async def test_no_match_says_so_and_offers_to_clear_filters(page):
    await page.goto("/en/search?q=zzzqqq")
    await expect(page.get_by_test_id("empty")).to_have_text("No products match “zzzqqq”.")
    await page.goto("/en/store?condition=fair&min=99999")
    await expect(page.get_by_test_id("empty")).to_contain_text("No products match these filters.")
    await page.get_by_test_id("empty-clear-filters").click()
    await expect(page).to_have_url(re.compile(r"/en/store$"))
    await expect(page.get_by_test_id("product-card")).to_have_count(12)


async def test_bad_parameters_are_reported_not_fatal(page):
    await page.goto("/en/store?sort=cheapest&page=2")
    await expect(page.get_by_test_id("notices")).to_contain_text("Ignored sort: “cheapest”")
    await expect(page.get_by_text("Page 2 /")).to_be_visible()


RECORD_ISLAND = """
window.__counts = [];
document.addEventListener('DOMContentLoaded', () => {
  const island = document.getElementById('tob-listing');
  const record = () => {
    const count = island.querySelector('[data-testid=count]');
    window.__counts.push(count ? count.textContent : '');
  };
  record();
  new MutationObserver(record).observe(island, {childList: true});
});
"""


async def test_a_filter_link_never_flashes_the_previous_listing(page):
    """Filter links are full page loads in the same tab, where Reflex restores the previous
    page's state: the island must go straight from the server's markup to the same listing."""
    await page.add_init_script(RECORD_ISLAND)
    await page.goto("/en/store")
    await _ready(page)
    total = await page.get_by_test_id("count").inner_text()
    await page.get_by_test_id("facet-condition").filter(has_text="Fair").click()
    await expect(page).to_have_url(re.compile(r"condition=fair$"))
    await _ready(page)
    await page.wait_for_timeout(500)
    shown = [c for c in await page.evaluate("window.__counts") if c]
    assert shown and total not in shown, shown


MARK_SERVER_CARDS = """
new MutationObserver((_, observer) => {
  const card = document.querySelector('[data-testid=product-card]');
  if (card) { card.tobFromServer = true; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""


async def test_the_first_state_load_keeps_the_servers_cards(page):
    """The page's first state load brings the markup the server already sent: the cards and
    their images are not built a second time (no second layout and paint during the load)."""
    await page.add_init_script(MARK_SERVER_CARDS)
    await page.goto("/en/store")
    await _ready(page)
    await page.wait_for_timeout(300)
    first = page.get_by_test_id("product-card").first
    assert await first.evaluate("card => card.tobFromServer === true")
    await expect(page.get_by_test_id("product-card")).to_have_count(12)
