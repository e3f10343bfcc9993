"""Listing pages at 10,000 products loaded into Medusa (issue #3, "Scale").

`python -m bench.catalog_scale` starts its own stack (data in `.data/bench-catalog`, ports below,
so the test stack is left alone), tops Medusa up to 10,000 products with our CSV importer (Medusa's
batch endpoints; kept between runs, so only the first run pays for it), rebuilds the catalog read
model from Medusa's Store API, then for price ascending and descending, with and without facets:

- p50/p95 of the **query** (`catalog.listing.list_products`: the page's SQL, plus the facet
  counts' SQL when facets are on) and of the **page event** (`tob_app.islands.listing_page`: what
  the listing page's load event does — query, facets, category names, and the HTML it sends) at
  the first, a middle and the last page;
- a walk through every page of both sorts checking the order, no duplicate and no gap, against
  the number of products Medusa's Store API lists.

Facet counts are cached for a few seconds per filter set in the web process; the figures here
are cold: the cache is cleared before every sample.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import random
import statistics
import time
from decimal import Decimal

from .catalog_queries import ADJECTIVES, BRANDS, GRADES, NOUNS

PRODUCTS = 10_000
SAMPLES = 20
ENV = {
    "TOB_DATA_DIR": os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".data", "bench-catalog"
    ),
    "TOB_PG_PORT": "55436",
    "MEDUSA_PORT": "9006",
    "SMTP_PORT": "1036",
    "JOBS_SCHEDULER": "off",
}


def generate_csv(start: int, count: int, categories: list[str]) -> bytes:
    """`count` deterministic one-variant products numbered from `start`, in our CSV row schema."""
    rng = random.Random(start)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["handle", "title", "title_fr", "category", "condition", "sku", "price_cad", "price_usd", "quantity"]
    )
    for n in range(start, start + count):
        noun_en, noun_fr = rng.choice(NOUNS)
        adj_en, adj_fr = rng.choice(ADJECTIVES)
        brand = rng.choice(BRANDS)
        grade = rng.choice(GRADES)[1]
        cad = Decimal(rng.randrange(1_000, 300_000)) / 100
        writer.writerow(
            [
                f"scale-{n:05d}",
                f"{brand} {adj_en} {noun_en} {n}",
                f"{noun_fr.capitalize()} {adj_fr} {brand} {n}",
                rng.choice(categories),
                grade,
                f"SCALE-{n:05d}",
                f"{cad:.2f}",
                f"{(cad * Decimal('0.73')).quantize(Decimal('0.01'))}",
                rng.randrange(0, 6),
            ]
        )
    return out.getvalue().encode()


async def top_up(medusa) -> tuple[int, float | None]:
    """Bring Medusa to PRODUCTS products; returns (products created, rows/s or None)."""
    from jobs.ingest.importer import ingest

    have = (await medusa.admin.product.list(limit=1, fields="id,handle")).count
    missing = PRODUCTS - have
    if missing <= 0:
        return 0, None
    categories = [c.handle for c in (await medusa.admin.product_category.list(limit=100)).items if c.handle]
    started = time.monotonic()
    created = 0
    chunk = 1_000
    for first in range(have, have + missing, chunk):
        size = min(chunk, have + missing - first)
        report = await ingest(medusa, generate_csv(first, size, categories), batch_size=100)
        created += size
        print(f"  imported {created}/{missing} ({report.counts})", flush=True)
    return created, created / (time.monotonic() - started)


def _p(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def measure() -> dict[str, float]:
    from catalog import listing, sync
    from catalog.params import parse
    from jobs.medusa_admin import admin_medusa
    from medusa import Medusa
    from tob_app import islands

    figures: dict[str, float] = {}
    async with admin_medusa() as admin:
        created, rate = await top_up(admin)
    async with Medusa.from_env() as medusa:
        figures["products_created_this_run"] = created
        if rate:
            figures["import_rows_per_s"] = rate
        region = next(r for r in (await medusa.store.region.list()).items if r.currency_code == "cad")
        listed = (await medusa.store.product.list(region_id=region.id, limit=1)).count
    figures["medusa_store_products"] = listed
    started = time.monotonic()
    result = await sync.rebuild()
    figures["read_model_rebuild_s"] = time.monotonic() - started
    figures["read_model_products"] = result.products if result else 0

    pages = -(-listed // listing.PAGE_SIZE)
    for sort in ("price_asc", "price_desc"):
        for with_facets in (False, True):
            for where, page in (("first", 1), ("middle", pages // 2), ("last", pages)):
                params = {"sort": sort, "page": str(page)}
                query_ms, event_ms = [], []
                for _ in range(SAMPLES):
                    listing._facet_cache.clear()
                    clock = time.perf_counter()
                    await listing.list_products(
                        listing.ListingQuery(
                            region_id=region.id, params=parse(params), with_facets=with_facets
                        )
                    )
                    query_ms.append((time.perf_counter() - clock) * 1000)
                    if with_facets:  # the page event always shows the facets
                        listing._facet_cache.clear()
                        clock = time.perf_counter()
                        await islands.listing_page("en", region.id, "/en/store", params)
                        event_ms.append((time.perf_counter() - clock) * 1000)
                name = f"{sort}_{where}{'_facets' if with_facets else ''}"
                figures[f"{name}_query_p50_ms"], figures[f"{name}_query_p95_ms"] = _p(query_ms)
                if event_ms:
                    figures[f"{name}_page_event_p50_ms"], figures[f"{name}_page_event_p95_ms"] = _p(event_ms)

    for sort in ("price_asc", "price_desc"):
        seen: list[str] = []
        prices: list[Decimal] = []
        for page in range(1, pages + 1):
            found = await listing.list_products(
                listing.ListingQuery(
                    region_id=region.id, params=parse({"sort": sort, "page": str(page)}), with_facets=False
                )
            )
            seen += [row.product_id for row in found.products]
            prices += [row.price for row in found.products]
        ordered = prices == sorted(prices, reverse=sort == "price_desc")
        complete = len(seen) == len(set(seen)) == listed
        if not (ordered and complete):
            raise AssertionError(
                f"{sort}: ordered={ordered}, {len(seen)} rows, {len(set(seen))} distinct, Medusa lists {listed}"
            )
        figures[f"walked_{sort}_products"] = len(seen)
    return figures


def report(figures: dict[str, float]) -> str:
    lines = [
        "### Listing pages at 10,000 products in Medusa (bench/catalog_scale.py; read model rebuilt from Medusa)",
        "",
        "| figure | value |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v:.1f} |" for k, v in figures.items()]
    lines += [
        "",
        "Goal: ≤ 50 ms for the query, ≤ 300 ms for the page event (cold facet cache). Every page of",
        "both price sorts walked: in order, no duplicate, no gap, as many as Medusa lists.",
    ]
    return "\n".join(lines)


def main() -> None:
    import datetime
    import platform

    from stack.services import Stack

    from .__main__ import RESULTS

    for key, value in ENV.items():
        os.environ[key] = value
    with Stack() as stack:
        stack.start_postgres()
        stack.start_mail()
        stack.start_medusa()
        os.environ.update(stack.env)
        figures = asyncio.run(measure())
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = f"## {stamp} — {platform.node()} ({os.cpu_count()} cores)\n\n" + report(figures)
    print(text)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
