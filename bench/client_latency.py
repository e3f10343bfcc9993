"""p50/p95 of a storefront listing page's data: straight from Medusa's Store API (what pages
used before the read model: products only, no price sort, no facets) and from the catalog read
model (`list_products`: the page of products plus every facet count)."""

from __future__ import annotations

import statistics
import time

from catalog import listing, navigation
from catalog.params import ListingParams
from catalog.source import medusa


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
    count = (await medusa().store.product.list(region_id=region.id, limit=1)).count
    pages = max(1, -(-count // listing.PAGE_SIZE))
    queries = [
        listing.ListingQuery(
            region_id=region.id, lang=("en", "fr")[i % 2], params=ListingParams(page=1 + i % pages)
        )
        for i in range(calls)
    ]

    async def store_api(query: listing.ListingQuery):
        return await medusa().store.product.list(
            region_id=query.region_id,
            locale="fr-CA" if query.lang == "fr" else "en-CA",
            limit=query.per_page,
            offset=(query.params.page - 1) * query.per_page,
            order="-created_at",
        )

    direct = await _timed(store_api, queries)
    await listing.list_products(queries[0])  # navigation caches and the connection pool
    read_model = await _timed(listing.list_products, queries)
    return {
        "calls": calls,
        "medusa_p50_ms": statistics.median(direct),
        "medusa_p95_ms": _percentile(direct, 95),
        "read_model_with_facets_p50_ms": statistics.median(read_model),
        "read_model_with_facets_p95_ms": _percentile(read_model, 95),
    }
