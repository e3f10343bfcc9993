import os

import pytest
from playwright.async_api import async_playwright, expect
from sheets_server import SheetsServer, reserve_port

from stack.chromium import CHROMIUM_ARGS, executable


def pytest_configure(config):
    # Sheets the web app imports come from a local server (set before the web app starts).
    os.environ["GOOGLE_SHEETS_BASE_URL"] = f"http://127.0.0.1:{reserve_port()}"


@pytest.fixture(scope="session")
def sheets_server():
    """``sheets_server.sheets[sheet_id] = csv_bytes`` serves a link-shared Google Sheet."""
    server = SheetsServer()
    yield server
    server.close()


# Medusa's cart and order writes take a few seconds on a busy 2-core machine (first call after a
# cold start especially); assertions wait up to 15 s like actions do.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
async def browser():
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
        yield browser
        await browser.close()


@pytest.fixture
async def context(browser, web):
    context = await browser.new_context(base_url=web, locale="en-CA", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    await context.close()


@pytest.fixture
async def page(context):
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # React reports a server/client markup mismatch on the console, then re-renders everything.
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" and "ydrat" in msg.text else None,
    )
    yield page
    assert errors == [], f"JavaScript or hydration errors on the page: {errors}"


@pytest.fixture(scope="session")
async def medusa_fr_title(medusa_client, regions):
    """An in-stock product's handle and its French title, read from Medusa."""
    page = await medusa_client.store.product.list(region_id=regions["CAD"].id, locale="fr-CA", limit=50)
    product = next(p for p in page.items if p.in_stock)
    return product.handle, product.title


@pytest.fixture(scope="session")
async def multi_condition_product(medusa_client, regions):
    """A product whose condition grades have different prices."""
    async for product in medusa_client.store.product.iterate(region_id=regions["CAD"].id, page_size=100):
        prices = {v.price.amount for v in product.variants if v.price}
        if len(product.variants) == len(prices) > 1 and len(product.options) == 1:
            return product.handle, prices
    raise AssertionError("the demo catalog has no product with several priced conditions")
