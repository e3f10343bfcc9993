"""The search page shows products related by meaning (the knowledge index) beside the keyword
results, for a French query."""

from __future__ import annotations

import asyncio

from playwright.async_api import expect

from assistant.knowledge import index


async def test_french_search_shows_products_related_by_meaning(page):
    await asyncio.to_thread(index.refresh)  # the test data dir's index, up to date with Medusa
    await page.goto("/fr/search?q=grand+t%C3%A9l%C3%A9viseur+OLED+pour+jouer")
    related = page.get_by_test_id("related-results")
    await expect(related.get_by_role("heading")).to_have_text("Résultats apparentés par le sens")
    first = related.get_by_role("link").first
    await expect(first).to_have_text("Téléviseur OLED 4K LG C3 65 po")
    await expect(first).to_have_attribute("href", "/fr/products/lg-c3-oled-65")
    # the keyword results (the listing island) are still on the page, above it
    await expect(page.locator("#tob-listing")).to_have_attribute("data-state", "ready")
