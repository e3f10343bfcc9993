"""Time from a click on "Add to cart" until the header's cart count shows the new total.

Each sample is a fresh Chromium context (a new shopper): the first add creates the Medusa cart,
the next adds reuse it. Times are the browser's own clock (performance.now) from the click to the
mutation that changes the count, seen by a MutationObserver ("count shown": the header counts the
units at once), and to the "Added to your cart" confirmation once Medusa has the line ("confirmed").
"""

from __future__ import annotations

import statistics

from playwright.async_api import Page, async_playwright

from stack.chromium import CHROMIUM_ARGS, executable

WATCH = """
(expected) => new Promise((resolve) => {
  const count = document.querySelector('[data-testid="cart-count"]');
  const button = document.querySelector('[data-testid="add-to-cart"]');
  const started = performance.now();
  let shown = null;
  let busy = false;  // the button is disabled while Medusa adds the line
  const done = () => {
    if (shown === null && count.textContent.trim() === String(expected)) shown = performance.now() - started;
    busy = busy || button.disabled;
    const confirmed = busy && !button.disabled && document.querySelector('[data-testid="added"]');
    if (shown !== null && confirmed) { observer.disconnect(); resolve([shown, performance.now() - started]); }
  };
  const observer = new MutationObserver(done);
  observer.observe(document.body, { childList: true, characterData: true, subtree: true, attributes: true });
  button.click();
})
"""


async def _add(page: Page, expected: int) -> tuple[float, float]:
    shown, confirmed = await page.evaluate(WATCH, expected)
    return shown, confirmed


async def measure(base_url: str, handle: str, shoppers: int = 5, adds: int = 3) -> dict[str, float]:
    first: list[tuple[float, float]] = []
    later: list[tuple[float, float]] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        try:
            for _ in range(shoppers):
                context = await browser.new_context(base_url=base_url)
                page = await context.new_page()
                await page.goto(f"/en/products/{handle}")
                await page.get_by_test_id("add-to-cart").wait_for()
                await page.wait_for_function(
                    "!document.querySelector('[data-testid=\"add-to-cart\"]').disabled"
                )
                first.append(await _add(page, 1))
                for n in range(2, adds + 2):
                    await page.wait_for_function(
                        "!document.querySelector('[data-testid=\"add-to-cart\"]').disabled"
                    )
                    later.append(await _add(page, n))
                await context.close()
        finally:
            await browser.close()
    return {
        "first_add_to_count_median_ms": statistics.median(s for s, _ in first),
        "next_add_to_count_median_ms": statistics.median(s for s, _ in later),
        "first_add_confirmed_median_ms": statistics.median(c for _, c in first),
        "next_add_confirmed_median_ms": statistics.median(c for _, c in later),
    }
