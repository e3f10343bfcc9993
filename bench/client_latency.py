"""p50/p95 of the storefront's listing calls: straight through the Medusa client to the Store API
(`fetch_products`), and as pages see them (`list_products`, with the in-process cache)."""

from __future__ import annotations

import statistics
import time

from catalog import listing, navigation


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


async def _timed(call, queries) -> list[float]:
    timings = []
    for query in queries:
        started = time.perf_counter()
        await call(query)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def measure(calls: int = 60) -> dict[str, float]:
    region = await navigation.region(None)
    count = (await listing.fetch_products(listing.ListingQuery(region_id=region.id, locale="en-CA"))).count
    pages = max(1, -(-count // listing.PAGE_SIZE))
    queries = [
        listing.ListingQuery(region_id=region.id, locale=("en-CA", "fr-CA")[i % 2], page=1 + i % pages)
        for i in range(calls)
    ]
    direct = await _timed(listing.fetch_products, queries)
    for query in set(queries):  # pages read a warm cache (kept warm by tob_app.islands.keep_warm)
        await listing.list_products(query)
    cached = await _timed(listing.list_products, queries)
    return {
        "calls": calls,
        "medusa_p50_ms": statistics.median(direct),
        "medusa_p95_ms": _percentile(direct, 95),
        "cached_p50_ms": statistics.median(cached),
        "cached_p95_ms": _percentile(cached, 95),
    }
