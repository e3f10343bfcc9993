import asyncio

import pytest

from catalog.cache import SWRCache


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def loader(values):
    calls = []

    async def load():
        calls.append(1)
        return values[len(calls) - 1]

    return load, calls


async def test_fresh_entries_are_served_without_loading_again():
    clock = Clock()
    cache = SWRCache(ttl=10, max_stale=60, clock=clock)
    load, calls = loader(["a", "b"])
    assert await cache.get("k", load) == "a"
    clock.now = 9
    assert await cache.get("k", load) == "a"
    assert len(calls) == 1


async def test_stale_entries_are_served_at_once_and_refreshed_in_the_background():
    clock = Clock()
    cache = SWRCache(ttl=10, max_stale=60, clock=clock)
    load, calls = loader(["a", "b"])
    await cache.get("k", load)
    clock.now = 30
    assert await cache.get("k", load) == "a"  # stale, not waited for
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert await cache.get("k", load) == "b"
    assert len(calls) == 2


async def test_too_old_entries_are_reloaded_before_answering():
    clock = Clock()
    cache = SWRCache(ttl=10, max_stale=60, clock=clock)
    load, _ = loader(["a", "b"])
    await cache.get("k", load)
    clock.now = 61
    assert await cache.get("k", load) == "b"


async def test_concurrent_misses_share_one_load_and_a_timeout_does_not_cancel_it():
    cache = SWRCache(ttl=10, max_stale=60)
    started = asyncio.Event()
    release = asyncio.Event()
    calls = []

    async def slow():
        calls.append(1)
        started.set()
        await release.wait()
        return "v"

    waiter = asyncio.ensure_future(cache.get("k", slow))
    await started.wait()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(cache.get("k", slow), 0.01)
    release.set()
    assert await waiter == "v"
    assert await cache.get("k", slow) == "v"
    assert len(calls) == 1


async def test_failures_are_not_cached():
    cache = SWRCache(ttl=10, max_stale=60)

    async def broken():
        raise ConnectionError("down")

    for _ in range(2):
        with pytest.raises(ConnectionError):
            await cache.get("k", broken)
