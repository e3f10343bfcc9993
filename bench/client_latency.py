"""p50/p95 of the storefront's listing calls (catalog.listing → Medusa's Store API)."""

from __future__ import annotations

import statistics
import time

from catalog import listing, navigation


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


async def measure(calls: int = 60) -> dict[str, float]:
    region = await navigation.region(None)
    count = (await listing.list_products(listing.ListingQuery(region_id=region.id, locale="en-CA"))).count
    pages = max(1, -(-count // listing.PAGE_SIZE))
    timings: list[float] = []
    for index in range(calls):
        query = listing.ListingQuery(
            region_id=region.id,
            locale=("en-CA", "fr-CA")[index % 2],
            page=1 + index % pages,
        )
        started = time.perf_counter()
        await listing.list_products(query)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "calls": calls,
        "p50_ms": statistics.median(timings),
        "p95_ms": _percentile(timings, 95),
        "max_ms": max(timings),
    }
