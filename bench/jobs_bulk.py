"""Bulk jobs: product import (ours beside Medusa's own CSV import of the same file shape) and the
inventory sync of 10,000 SKUs (levels created, a full update, then a no-change run).

    python -m bench.jobs_bulk [--variants 10000] [--import-variants N] [--no-record]
                              [--sync-prefix P] [--sync-batch-size N] [--sync-concurrency N]
                              [--sync-store] [--data-dir DIR]

``--sync-store`` skips the imports and syncs the first ``--variants`` SKUs (by SKU) of the store's
inventory items; when the store tracks fewer, more of its variants are switched to managed
inventory first (Medusa's product update creates their inventory items), e.g. on the 10,000-product
store of ``bench.catalog_medusa``: ``--sync-store --data-dir .data/bench-10k`` (with your own ports).

Runs against its own stack and data dir (``.data/bench``, the venv's ports), so the test stack's
database stays small. Each run adds products with fresh handles (a stamp in each handle), so
figures from a reused data dir are taken on a growing store: the product and inventory-item
counts are printed with them. Order: Medusa's import then ours of the same file shape (back to
back, so both see the same machine load), then the inventory syncs on SKUs created by Medusa's
import (the quickest way to 10,000 inventory items).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime
import io
import json
import logging
import os
import platform
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from medusa import MedusaError

from . import record

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data" / "bench"
GRADES = ("Like new", "Good", "Fair")


def product_csv(prefix: str, variants: int, sales_channel: str, shipping_profile: str) -> bytes:
    """Medusa's own import columns (our importer accepts them too): 3 graded variants a product."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "Product Handle",
            "Product Title",
            "Product Description",
            "Product Status",
            "Product Sales Channel 1",
            "Shipping Profile Id",
            "Variant Title",
            "Variant Sku",
            "Variant Manage Inventory",
            "Variant Price CAD",
            "Variant Option 1 Name",
            "Variant Option 1 Value",
        ]
    )
    rng = random.Random(7)
    for n in range(variants):
        product, grade = divmod(n, len(GRADES))
        price = f"{rng.randint(20, 2000)}.{rng.randint(0, 99):02d}"
        writer.writerow(
            [
                f"{prefix}-{product:05d}",
                f"Bench product {prefix} {product}",
                "A product of the bulk benchmark.",
                "published",
                sales_channel,
                shipping_profile,
                GRADES[grade],
                f"{prefix.upper()}-{product:05d}-{grade}",
                "TRUE",
                price,
                "Condition",
                GRADES[grade],
            ]
        )
    return out.getvalue().encode()


def feed_csv(skus: list[str], seed: int) -> str:
    rng = random.Random(seed)
    return "sku,quantity\n" + "".join(f"{sku},{rng.randint(5, 60)}\n" for sku in skus)


async def _placement() -> tuple[str, str]:
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        stores = await medusa.admin.store.list()
        channel = stores.items[0].default_sales_channel_id
        profiles = await medusa.admin.shipping_profile.list(type="default")
        return channel or "", profiles.items[0].id if profiles.items else ""


async def _counts() -> dict[str, int]:
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        products = await medusa.admin.product.list(limit=1, fields="id,handle")
        items = await medusa.admin.inventory_item.list(limit=1, fields="id")
        return {"products_in_store": products.count, "inventory_items_in_store": items.count}


async def _variant_count(medusa, prefix: str) -> tuple[int, int]:
    """(products, inventory items) whose handle / SKU carry ``prefix``."""
    products = await medusa.admin.product.list(q=prefix, limit=1, fields="id,handle")
    items = await medusa.admin.inventory_item.list(q=prefix.upper(), limit=1, fields="id")
    return products.count, items.count


async def native_import(data: bytes, name: str, prefix: str, variants: int) -> dict[str, float]:
    """Medusa's CSV import: upload, create the import, confirm, wait until every variant's
    inventory item exists (products arrive seconds before their variants' items)."""
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        start = time.perf_counter()
        (upload,) = await medusa.admin.upload.create([(name, data, "text/csv")])
        job = await medusa.admin.product.create_import(upload.id, name, size=len(data))
        await medusa.admin.product.confirm_import(job.transaction_id)
        confirmed = time.perf_counter()
        products_target = -(-variants // len(GRADES))
        products = items = 0
        while time.perf_counter() - start < 1800:
            await asyncio.sleep(1.0)
            try:  # one client for the whole wait: Medusa's pool is busy with the import
                products, items = await _variant_count(medusa, prefix)
            except MedusaError as exc:
                print(f"[bench] while waiting for the import: {exc}", flush=True)
                continue
            if products >= products_target and items >= variants:
                break
        seconds = time.perf_counter() - start
        notes = await medusa.admin.notification.list(limit=5)
        print(
            "[bench] native import notifications:",
            [n.data.get("title") or n.template for n in notes.items][:3],
        )
    return {
        "native_import_seconds": seconds,
        "native_import_rows_per_s": variants / seconds,
        "native_confirm_seconds": confirmed - start,
        "native_products": products,
        "native_inventory_items": items,
    }


def our_import(path: Path, variants: int, batch_size: int) -> dict[str, float]:
    from jobs import execute

    start = time.perf_counter()
    outcome = execute("ingest", source=str(path), batch_size=batch_size)
    seconds = time.perf_counter() - start
    if outcome.status != "succeeded":
        raise RuntimeError(f"our import did not succeed: {outcome.status} {outcome.counts} {outcome.error}")
    again_start = time.perf_counter()
    again = execute("ingest", source=str(path), batch_size=batch_size)
    again_seconds = time.perf_counter() - again_start
    return {
        "our_import_seconds": seconds,
        "our_import_rows_per_s": variants / seconds,
        "our_created": outcome.counts.get("created", 0),
        "our_rerun_seconds": again_seconds,
        "our_rerun_rows_per_s": variants / again_seconds,
        "our_rerun_unchanged": again.counts.get("unchanged", 0),
    }


class EventSink:
    """Stands in for the storefront at Medusa's TOB_EVENTS_URL: records when each signed catalog
    event arrives, so a sync is also timed until Medusa's subscriber has resolved and delivered
    the events of the levels it wrote (they are handled after the write answers)."""

    def __init__(self, port: int) -> None:
        self.arrivals: list[tuple[float, int]] = []  # (perf_counter, product ids in the post)
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    products = len(json.loads(body).get("product_ids") or [])
                except ValueError:
                    products = 0
                sink.arrivals.append((time.perf_counter(), products))
                self.send_response(202)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def settle(self, since: float, quiet: float = 10.0, limit: float = 180.0) -> tuple[float, int]:
        """Seconds from ``since`` to the last event that arrived before ``quiet`` seconds without
        one, and the product ids posted meanwhile."""
        while True:
            mine = [a for a in self.arrivals if a[0] >= since]
            last = mine[-1][0] if mine else since
            now = time.perf_counter()
            if now - max(last, since) >= quiet or now - since > limit:
                return last - since, sum(n for _, n in mine)
            time.sleep(0.1)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def inventory_syncs(skus: list[str], folder: Path, sink: EventSink | None = None) -> dict[str, float]:
    from jobs import execute

    figures: dict[str, float] = {}
    for label, seed in (("first_sync_levels_created", 1), ("full_update_sync", 2), ("no_change_sync", 2)):
        path = folder / f"stock-{label}.csv"
        path.write_text(feed_csv(skus, seed), encoding="utf-8")
        start = time.perf_counter()
        outcome = execute("inventory-sync", feed=str(path))
        seconds = time.perf_counter() - start
        if outcome.status != "succeeded":
            raise RuntimeError(f"inventory sync {label}: {outcome.status} {outcome.error}")
        c = outcome.counts
        load = os.getloadavg()[0]
        print(f"[bench] {label}: {seconds:.2f} s (load average {load:.1f}) {c}", flush=True)
        figures[f"{label}_seconds"] = seconds
        figures[f"{label}_written"] = c["updated"]
        figures[f"{label}_unchanged"] = c["unchanged"]
        figures[f"{label}_load_average"] = load
        if sink:
            # before the next sync: its writes must not share Medusa with these events
            delivered, products = sink.settle(start)
            print(
                f"[bench] {label}: catalog events delivered {delivered:.2f} s after the start "
                f"({products} product ids)",
                flush=True,
            )
            figures[f"{label}_events_delivered_seconds"] = delivered
    return figures


async def store_skus(count: int) -> list[str]:
    """The first ``count`` SKUs (by SKU) of the store's inventory items; variants are switched to
    managed inventory first when the store tracks fewer (whole products at a time: a product
    update lists all its variants, or Medusa would delete the missing ones)."""
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        tracked = (await medusa.admin.inventory_item.list(limit=1, fields="id")).count
        if tracked < count:
            todo: list[dict] = []
            offset = 0
            while tracked + sum(len(p["variants"]) for p in todo) < count:
                page = await medusa.admin.product.list(
                    limit=500,
                    offset=offset,
                    order="id",
                    fields="id,handle,variants.id,variants.manage_inventory",
                )
                if not page.items:
                    raise RuntimeError(f"the store has fewer than {count} variants to track")
                offset += len(page.items)
                for product in page.items:
                    untracked = [v for v in product.variants if not v.manage_inventory]
                    if untracked and tracked + sum(len(p["variants"]) for p in todo) < count:
                        variants = [{"id": v.id, "manage_inventory": True} for v in product.variants]
                        todo.append({"id": product.id, "variants": variants, "untracked": len(untracked)})
            print(f"[bench] tracking the variants of {len(todo)} more products", flush=True)
            for start in range(0, len(todo), 200):
                chunk = [{"id": p["id"], "variants": p["variants"]} for p in todo[start : start + 200]]
                await medusa.admin.product.batch(update=chunk, fields="id")
        skus: list[str] = []
        async for item in medusa.admin.inventory_item.iterate(page_size=5000, fields="id,sku"):
            if item.sku:
                skus.append(item.sku)
        return sorted(skus)[:count]


def report(figures: dict[str, float], variants: int) -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {stamp} — {platform.node()} ({os.cpu_count()} cores): bulk jobs (import, inventory sync)",
        "",
        "| figure | value | goal |",
        "|---|---:|---:|",
    ]
    goals = {
        "our_import_rows_per_s": "≥ native",
        "full_update_sync_seconds": "≤ 10",
        "no_change_sync_seconds": "≤ 3",
    }
    for key, value in figures.items():
        text = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"
        lines.append(f"| {key} | {text} | {goals.get(key, '')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.jobs_bulk")
    parser.add_argument("--variants", type=int, default=10_000, help="SKUs of the inventory-sync benchmark")
    parser.add_argument(
        "--import-variants",
        type=int,
        default=None,
        help="rows of the import comparison (default: --variants)",
    )
    parser.add_argument("--batch-size", type=int, default=None, help="products per batch of our import")
    parser.add_argument("--sync-batch-size", type=int, default=None, help="levels per batch call of the sync")
    parser.add_argument(
        "--sync-concurrency", type=int, default=None, help="batch calls of the sync in flight"
    )
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    parser.add_argument(
        "--sync-prefix",
        default=None,
        help="skip the imports: sync the SKUs an earlier run made with this prefix",
    )
    parser.add_argument(
        "--sync-store",
        action="store_true",
        help="skip the imports: sync the first --variants SKUs of the store (tracking more if needed)",
    )
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="the stack's data dir")
    args = parser.parse_args()
    compare = args.import_variants or args.variants
    os.environ["TOB_DATA_DIR"] = str(args.data_dir.resolve())
    for name in ("ALERT_EMAIL_TO", "ALERT_WEBHOOK_URL", "INVENTORY_FEED"):
        os.environ.pop(name, None)
    if args.sync_batch_size:
        os.environ["INVENTORY_SYNC_BATCH_SIZE"] = str(args.sync_batch_size)
    if args.sync_concurrency:
        os.environ["INVENTORY_SYNC_CONCURRENCY"] = str(args.sync_concurrency)
    # the jobs log where their time goes (the sync's phases, per batch of the import)
    logging.basicConfig(level=logging.WARNING, format="[%(name)s] %(message)s")
    logging.getLogger("jobs.inventory").setLevel(logging.INFO)
    logging.getLogger("jobs.ingest").setLevel(logging.INFO)

    from stack.services import Stack

    folder = args.data_dir / "files"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%m%d%H%M")
    ours, native, stock = f"bo{stamp}", f"bn{stamp}", f"bs{stamp}"
    with Stack() as stack:
        stack.start_postgres()
        stack.start_medusa()
        os.environ.update(stack.env)
        from db.migrate import upgrade

        upgrade()
        from jobs.settings import JobsSettings

        batch_size = args.batch_size or JobsSettings().batch_size
        channel, profile = asyncio.run(_placement())
        figures: dict[str, float] = {"import_rows": compare, "sync_skus": args.variants}
        figures.update({f"before_{k}": v for k, v in asyncio.run(_counts()).items()})
        if args.sync_store:
            prefix = ""
            figures["import_rows"] = 0
        elif args.sync_prefix:
            prefix = args.sync_prefix
            figures["import_rows"] = 0
        else:
            # (a) the same file shape, Medusa's import then ours, back to back (same machine load)
            data = product_csv(native, compare, channel, profile)
            figures.update(asyncio.run(native_import(data, f"{native}.csv", native, compare)))
            print(f"[bench] native import: {figures['native_import_rows_per_s']:.1f} rows/s", flush=True)
            path = folder / f"{ours}.csv"
            path.write_bytes(product_csv(ours, compare, channel, profile))
            figures.update(our_import(path, compare, batch_size))
            print(f"[bench] our import: {figures['our_import_rows_per_s']:.1f} rows/s", flush=True)
            # (b) the inventory sync on SKUs made by Medusa's import (the quickest way to 10k items)
            if args.variants == compare:
                prefix = native
            else:
                prefix = stock
                data = product_csv(stock, args.variants, channel, profile)
                made = asyncio.run(native_import(data, f"{stock}.csv", stock, args.variants))
                figures["fixture_import_seconds"] = made["native_import_seconds"]
        if args.sync_store:
            skus = asyncio.run(store_skus(args.variants))
            figures["sync_skus"] = len(skus)
        else:
            skus = [
                f"{prefix.upper()}-{n // len(GRADES):05d}-{n % len(GRADES)}" for n in range(args.variants)
            ]
        try:
            sink = EventSink(stack.settings.web_port)
        except OSError:
            sink = None
            print(f"[bench] port {stack.settings.web_port} is taken: catalog events not timed", flush=True)
        try:
            figures.update(inventory_syncs(skus, folder, sink))
        finally:
            if sink:
                sink.close()
        figures.update({f"after_{k}": v for k, v in asyncio.run(_counts()).items()})
    text = report(figures, args.variants)
    if args.no_record:
        print(text)
    else:
        record(text)


if __name__ == "__main__":
    main()
