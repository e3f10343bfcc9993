"""Listing at 10,000 products on the real path: the products go into Medusa through its own CSV
import, the read model is rebuilt from Medusa's Store API (what `python -m catalog rebuild` and
the nightly refresh do), then the listing queries, facet counts, the server side of a listing
page and the paging checks of `bench.catalog_queries` run on that real table.

    python -m bench.catalog_medusa [--products 10000] [--no-record]

Own stack and data dir (`.data/bench-10k`, Postgres 55436, Medusa 9006), so neither the test
database nor a running `make run` is touched. A second run reuses what the first loaded: only
missing chunks of products are imported again.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import io
import os
import random
import time
from pathlib import Path

from medusa import Category, MedusaError

from . import record
from .catalog_queries import ADJECTIVES, BRANDS, NOUNS, measure_table

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "TOB_DATA_DIR": str(ROOT / ".data" / "bench-10k"),
    "TOB_PG_PORT": "55436",
    "MEDUSA_PORT": "9006",
    "TOB_PORT": "3006",  # not started: Medusa's change events find no listener, the rebuild reads all
    "SMTP_PORT": "1036",
}
PREFIX = "bench10k"
CHUNK = 2_000  # products per import file: Medusa's import holds a whole file in one workflow
GRADES = (("Like new", 1.0), ("Good", 0.88), ("Fair", 0.76))
USD_PER_CAD = 0.73


def chunk_csv(
    chunk: int, size: int, placement: dict[str, str], categories: list[str], collections: list[str]
):
    """One import file in Medusa's own columns: 1–3 condition grades per product, CAD and USD
    prices, a category, sometimes a collection; a fifth of the products track inventory with no
    stock (out of stock), the rest do not track it (always available)."""
    rng = random.Random(chunk)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Product Handle",
            "Product Title",
            "Product Subtitle",
            "Product Description",
            "Product Status",
            "Product Thumbnail",
            "Product Sales Channel 1",
            "Product Category 1",
            "Product Collection Id",
            "Shipping Profile Id",
            "Variant Title",
            "Variant Sku",
            "Variant Manage Inventory",
            "Variant Price CAD",
            "Variant Price USD",
            "Variant Option 1 Name",
            "Variant Option 1 Value",
        ]
    )
    for n in range(size):
        i = chunk * CHUNK + n
        noun, _ = NOUNS[i % len(NOUNS)]
        adjective, _ = rng.choice(ADJECTIVES)
        brand = rng.choice(BRANDS)
        handle = f"{PREFIX}-{chunk:02d}-{i:05d}"
        base = rng.randint(999, 500_000) / 100
        collection = rng.choice(collections) if collections and rng.random() < 0.2 else ""
        tracked = rng.random() < 0.2
        for title, factor in sorted(rng.sample(GRADES, rng.randint(1, 3)), key=GRADES.index):
            cad = round(base * factor, 2)
            writer.writerow(
                [
                    handle,
                    f"{brand} {adjective} {noun} {i}",
                    f"{PREFIX}-{chunk:02d}-",  # what the wait counts (Medusa's q does not search handles)
                    f"{brand} {noun}, open box, graded {title.lower()}.",
                    "published",
                    placement["thumbnail"],
                    placement["channel"],
                    categories[i % len(categories)],
                    collection,
                    placement["profile"],
                    title,
                    f"{PREFIX.upper()}-{i:05d}-{title[0]}",
                    "TRUE" if tracked else "FALSE",
                    f"{cad:.2f}",
                    f"{cad * USD_PER_CAD:.2f}",
                    "Condition",
                    title,
                ]
            )
    return out.getvalue().encode()


async def _count(medusa, text: str) -> int:
    return (await medusa.admin.product.list(q=text, limit=1, fields="id,handle")).count


async def load(products: int) -> dict[str, float]:
    """Import the missing chunks through Medusa's CSV import and wait for each to land."""
    from jobs.medusa_admin import admin_medusa

    figures = {"imported_products": 0.0, "import_seconds": 0.0}
    async with admin_medusa() as medusa:
        stores = await medusa.admin.store.list()
        profiles = await medusa.admin.shipping_profile.list(type="default")
        sample = (await medusa.admin.product.list(limit=1, fields="id,handle,thumbnail")).items
        placement = {
            "channel": stores.items[0].default_sales_channel_id or "",
            "profile": profiles.items[0].id,
            "thumbnail": (sample[0].thumbnail if sample else "") or "",
        }
        leaves = [c for c in await _categories(medusa) if not c.category_children]
        collections = [c.id for c in (await medusa.store.collection.list(limit=100)).items]
        for chunk in range(-(-products // CHUNK)):
            size = min(CHUNK, products - chunk * CHUNK)
            marker = f"{PREFIX}-{chunk:02d}-"
            if await _count(medusa, marker) >= size:
                continue
            data = chunk_csv(chunk, size, placement, [c.id for c in leaves], collections)
            started = time.perf_counter()
            (upload,) = await medusa.admin.upload.create([(f"{marker}.csv", data, "text/csv")])
            job = await medusa.admin.product.create_import(upload.id, f"{marker}.csv", size=len(data))
            await medusa.admin.product.confirm_import(job.transaction_id)
            while True:
                await asyncio.sleep(2)
                try:
                    landed = await _count(medusa, marker)
                except MedusaError as exc:  # Medusa's pool is busy with the import
                    print(f"[bench] while waiting for chunk {chunk}: {exc}", flush=True)
                    continue
                if landed >= size:
                    break
                if time.perf_counter() - started > 1800:
                    raise RuntimeError(f"chunk {chunk}: {landed} of {size} products after 30 min")
            seconds = time.perf_counter() - started
            figures["imported_products"] += size
            figures["import_seconds"] += seconds
            print(f"[bench] chunk {chunk}: {size} products in {seconds:.0f} s", flush=True)
        figures["products_in_medusa"] = await _count(medusa, PREFIX)
    return figures


async def _categories(medusa) -> list[Category]:
    return (await medusa.store.category.list(limit=1000, include_descendants_tree=True)).items


async def measure(products: int) -> dict[str, float]:
    from catalog.sync import rebuild
    from medusa import Medusa

    figures = await load(products)
    async with Medusa.from_env() as medusa:
        started = time.perf_counter()
        result = await rebuild(medusa)
        figures["read_model_rebuild_seconds"] = time.perf_counter() - started
        figures["read_model_rows"] = result.rows_written if result else 0
        regions = (await medusa.store.region.list()).items
        region = next(r.id for r in regions if r.currency_code == "cad")
        categories = await _categories(medusa)
    print(f"[bench] read model rebuilt in {figures['read_model_rebuild_seconds']:.1f} s", flush=True)
    # the facet filtered on: a top-level category (with its subcategories, if it has any)
    top = next(c for c in categories if not c.parent_category_id)
    figures.update(await measure_table("catalog", region, categories, top.id))
    return figures


def report(figures: dict[str, float], load_average: tuple[float, float]) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {stamp} — {os.cpu_count()} cores: listing at 10,000 products loaded into Medusa "
        f"(load average {load_average[0]:.1f} → {load_average[1]:.1f})",
        "",
        "Products through Medusa's CSV import, read model rebuilt from the Store API; 12 per page; "
        "goal ≤ 50 ms per query, ≤ 300 ms per page.",
        "",
        "| figure | value |",
        "|---|---:|",
    ]
    for key, value in figures.items():
        lines.append(
            f"| {key} | {value:,.1f} |" if not float(value).is_integer() else f"| {key} | {int(value):,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.catalog_medusa")
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    args = parser.parse_args()
    os.environ.update(ENV)

    from stack.services import Stack

    before = os.getloadavg()[0]
    with Stack() as stack:
        stack.start_postgres()
        stack.start_medusa()
        os.environ.update(stack.env)
        figures = asyncio.run(measure(args.products))
    text = report(figures, (before, os.getloadavg()[0]))
    if args.no_record:
        print(text)
    else:
        record(text)


if __name__ == "__main__":
    main()
