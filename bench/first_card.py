"""Time until the first product card is visible on a listing page, for a new visitor.

Each sample is a fresh Chromium context (empty HTTP cache and cookies). "Cold" is the first
sample, taken right after the web server started; "warm" samples follow. Times are the browser's
own clock from navigation start:
- "visible": the first card is in the document with a layout box (what Playwright calls visible),
  seen by a MutationObserver installed before any page script;
- "painted": the first card's title was painted (Element Timing API, `elementtiming="first-card"`).
  In a fresh headless context on this machine kind, Chromium's first paint lands at ~250–400 ms
  even for the same HTML with every script blocked, so this figure has a browser floor.
Bytes are the encoded sizes of every response the page loaded (what went over the wire).

Samples are separate visitors: each starts once the previous one's browser context has been torn
down (`SETTLE_SECONDS`). Back to back, the next navigation shared the 2 cores with that teardown
(~100 ms at 25–55 % CPU here), which measured the previous visitor rather than the page.
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import dataclass

from playwright.async_api import Browser, async_playwright

from stack.chromium import CHROMIUM_ARGS, executable

OBSERVER = """
(() => {
  const mark = () => {
    const card = window.__cardInDom === undefined && document.querySelector('[data-testid="product-card"]');
    if (card && card.getBoundingClientRect().height > 0) window.__cardInDom = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', mark);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === 'first-card' && window.__firstCard === undefined) {
        window.__firstCard = entry.renderTime || entry.loadTime;
      }
    }
  }).observe({ type: 'element', buffered: true });
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})();
"""


SETTLE_SECONDS = 0.5


@dataclass
class Sample:
    first_card_ms: float
    in_dom_ms: float
    lcp_ms: float
    bytes: int
    js_bytes: int
    requests: int


async def sample(browser: Browser, url: str) -> Sample:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(OBSERVER)
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    types: dict[str, str] = {}
    cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    await page.goto(url)
    await page.wait_for_function(
        "window.__firstCard !== undefined && window.__cardInDom !== undefined", timeout=30_000
    )
    await page.wait_for_load_state("networkidle")
    first_card = await page.evaluate("window.__firstCard")
    in_dom = await page.evaluate("window.__cardInDom")
    lcp = await page.evaluate("window.__lcp")
    await context.close()
    await asyncio.sleep(SETTLE_SECONDS)
    js = sum(size for rid, size in sizes.items() if types.get(rid) == "Script")
    return Sample(first_card, in_dom, lcp, sum(sizes.values()), js, len(sizes))


async def measure(url: str, runs: int = 20) -> dict[str, float]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        cold = await sample(browser, url)
        warm = [await sample(browser, url) for _ in range(runs)]
        await browser.close()
    return {
        "cold_first_card_visible_ms": cold.in_dom_ms,
        "warm_first_card_visible_median_ms": statistics.median(s.in_dom_ms for s in warm),
        "warm_first_card_visible_min_ms": min(s.in_dom_ms for s in warm),
        "warm_first_card_visible_max_ms": max(s.in_dom_ms for s in warm),
        "cold_first_card_painted_ms": cold.first_card_ms,
        "warm_first_card_painted_median_ms": statistics.median(s.first_card_ms for s in warm),
        "warm_lcp_median_ms": statistics.median(s.lcp_ms for s in warm),
        "kb_transferred": statistics.median(s.bytes for s in warm) / 1000,
        "kb_javascript": statistics.median(s.js_bytes for s in warm) / 1000,
        "requests": statistics.median(s.requests for s in warm),
    }
