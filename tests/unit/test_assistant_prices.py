"""The turns' price cache (assistant.prices): served without waiting on Medusa, refreshed in the
background when old, at once on a change event, and never serving a price known to be stale."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from assistant import prices
from medusa import NotFoundError, Product


class Store:
    """Medusa's ``store.product.retrieve`` as seen by the cache: counts reads, answers a title
    that changes on every read so a test can tell which read it got."""

    def __init__(self, fail: bool = False, missing: bool = False):
        self.reads = 0
        self.fail, self.missing = fail, missing
        self._n = itertools.count(1)

    async def retrieve(self, product_id: str, *, region_id: str) -> Product:
        self.reads += 1
        await asyncio.sleep(0)
        if self.fail:
            raise ConnectionError("Medusa down")
        if self.missing:
            raise NotFoundError("gone", status=404)
        return Product(id=product_id, handle="h", title=f"read {next(self._n)}")


class Client:
    def __init__(self, **kw):
        self.store = type("S", (), {})()
        self.store.product = Store(**kw)


@pytest.fixture(autouse=True)
def empty_cache(monkeypatch):
    prices.clear()
    monkeypatch.setattr(prices, "stats", prices.Stats())
    clock = [1000.0]
    monkeypatch.setattr(prices.time, "monotonic", lambda: clock[0])
    yield clock
    prices.clear()


async def test_a_primed_product_is_served_without_reading_medusa(empty_cache):
    client = Client()
    prices.remember(Product(id="p", handle="h", title="opening"), "reg")
    assert (await prices.product(client, "p", "reg")).title == "opening"
    assert client.store.product.reads == 0 and prices.stats.waits == 0


async def test_an_old_entry_is_served_while_a_background_read_refreshes_it(empty_cache):
    client = Client()
    await prices.product(client, "p", "reg")  # first sight: waits
    assert prices.stats.waits == 1
    empty_cache[0] += prices.REFRESH_AFTER_SECONDS + 1
    assert (await prices.product(client, "p", "reg")).title == "read 1"  # no wait
    await asyncio.gather(*prices._pending.values())
    assert (await prices.product(client, "p", "reg")).title == "read 2"
    assert prices.stats.waits == 1 and prices.stats.background == 1


async def test_an_entry_past_the_maximum_age_is_read_before_the_turn(empty_cache):
    client = Client()
    await prices.product(client, "p", "reg")
    empty_cache[0] += prices.MAX_AGE_SECONDS + 1
    assert (await prices.product(client, "p", "reg")).title == "read 2"
    assert prices.stats.waits == 2


async def test_a_change_event_refreshes_every_region_of_the_product_at_once(empty_cache):
    client = Client()
    for region in ("cad", "usd"):
        await prices.product(client, "p", region)
    await prices.product(client, "other", "cad")
    assert await prices.refresh({"p"}, client) == 2
    assert (await prices.product(client, "p", "usd")).title == "read 5"  # cad was read 4
    assert (await prices.product(client, "other", "cad")).title == "read 3"


async def test_a_failed_refresh_after_a_change_drops_the_entry_instead_of_serving_it(empty_cache):
    client = Client()
    await prices.product(client, "p", "reg")
    client.store.product.fail = True
    assert await prices.refresh({"p"}, client) == 0
    with pytest.raises(ConnectionError):
        await prices.product(client, "p", "reg")  # the turn fails clearly rather than use a stale price


async def test_a_product_medusa_no_longer_lists_is_cached_as_missing(empty_cache):
    client = Client(missing=True)
    assert await prices.product(client, "p", "reg") is None
    assert await prices.product(client, "p", "reg") is None
    assert client.store.product.reads == 1
