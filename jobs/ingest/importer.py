"""Import a CSV into Medusa: validate every row, then upsert products by handle and variants by
SKU in batches, then their French translations and stock.

Each batch reads what Medusa has for its handles and SKUs right before writing, so a re-run after
a crash finds what the crashed run made and creates nothing twice. Results are handed to
``on_results`` batch by batch (the job stores them as it goes).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from medusa import Medusa, MedusaAPIError
from medusa.admin.models import AdminProduct, BatchResult

from . import floors
from .columns import map_headers
from .images import BrokenImage, ImageImporter, ImageStore, default_store
from .plan import (
    CREATED,
    ERROR,
    FR_LOCALE,
    UNCHANGED,
    UPDATED,
    Placement,
    ProductPlan,
    diff_stock,
    diff_translations,
    plan_product,
    wanted_translations,
)
from .rows import Reference, RowError, SourceError, VariantRow, group_rows, map_row, read_csv

log = logging.getLogger("jobs.ingest")

NOT_PROCESSED = "not_processed"
# Products per batch: Medusa's own CSV import hands its batch workflow ~1,000 rows at a time, and
# the workflow's cost is mostly per call, so small batches were what made imports slow.
DEFAULT_BATCH_SIZE = 250
LOOKUP_CHUNK = 100  # ids or handles per list call (they travel in the query string)
LOOKUP_CONCURRENCY = 2
# What the translations, the stock step and the row report need of a product after writing it.
STOCK_FIELDS = (
    "id,sku,location_levels.inventory_item_id,location_levels.location_id,location_levels.stocked_quantity"
)
READBACK_FIELDS = (
    "id,handle,options.id,options.title,options.values.id,options.values.value,variants.id,variants.sku"
)


@dataclass
class RowResult:
    line: int
    status: str  # created | updated | unchanged | error | not_processed
    handle: str | None = None
    sku: str | None = None
    message: str | None = None
    product_id: str | None = None
    variant_id: str | None = None
    floor_amount: Decimal | None = None
    floor_currency: str | None = None
    floor_status: str | None = None  # provided | applied


@dataclass
class Report:
    rows: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = {s: 0 for s in (CREATED, UPDATED, UNCHANGED, ERROR, NOT_PROCESSED)}
        for r in self.rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        counts["rows"] = len(self.rows)
        counts["floors"] = sum(1 for r in self.rows if r.floor_status)
        return counts

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]


ResultSink = Callable[[list[RowResult]], Any]
StopCheck = Callable[[], bool]
BatchHook = Callable[[int], Awaitable[None] | None]


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


async def load_reference(medusa: Medusa) -> Reference:
    regions = await medusa.admin.region.list(limit=200)
    categories: dict[str, str] = {}
    offset = 0
    while True:
        page = await medusa.admin.product_category.list(limit=200, offset=offset, fields="id,handle,name")
        categories.update({c.handle: c.id for c in page.items})
        if page.next_offset is None:
            break
        offset = page.next_offset
    collections: dict[str, str] = {}
    offset = 0
    while True:
        page = await medusa.admin.product_collection.list(limit=200, offset=offset, fields="id,handle,title")
        collections.update({c.handle: c.id for c in page.items})
        if page.next_offset is None:
            break
        offset = page.next_offset
    return Reference(
        currencies=frozenset(r.currency_code.lower() for r in regions.items),
        categories=categories,
        collections=collections,
    )


async def load_placement(medusa: Medusa) -> tuple[Placement, str | None]:
    """The store's default sales channel and location, and the default shipping profile."""
    stores = await medusa.admin.store.list()
    store = stores.items[0] if stores.items else None
    profiles = await medusa.admin.shipping_profile.list(type="default")
    if not profiles.items:
        profiles = await medusa.admin.shipping_profile.list()
    location_id = store.default_location_id if store else None
    if location_id is None:
        locations = await medusa.admin.stock_location.list(limit=1)
        location_id = locations.items[0].id if locations.items else None
    return (
        Placement(
            sales_channel_id=store.default_sales_channel_id if store else None,
            shipping_profile_id=profiles.items[0].id if profiles.items else None,
        ),
        location_id,
    )


def prepare(data: bytes, ref: Reference) -> tuple[list, list[RowError], list[str]]:
    """Parse and check the whole file: (product specs, row errors, ignored columns).
    Raises SourceError when the file as a whole is unusable."""
    headers, raw_rows = read_csv(data)
    cols = map_headers(headers)
    missing = cols.missing_required()
    if missing:
        raise SourceError(
            f"missing column(s): {', '.join(missing)} (e.g. 'handle' or 'Product Handle', 'sku' or 'Variant SKU')"
        )
    if cols.duplicates:
        raise SourceError(f"columns given twice: {', '.join(cols.duplicates)}")
    if not raw_rows:
        raise SourceError("the file has a header but no rows")
    good: list[VariantRow] = []
    errors: list[RowError] = []
    for line, raw in raw_rows:
        mapped = map_row(line, raw, cols, ref)
        (errors if isinstance(mapped, RowError) else good).append(mapped)
    specs, group_errors = group_rows(good)
    return specs, sorted(errors + group_errors, key=lambda e: e.line), cols.ignored


async def ingest(
    medusa: Medusa,
    data: bytes,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_results: ResultSink | None = None,
    should_stop: StopCheck | None = None,
    after_batch: BatchHook | None = None,
    on_progress: Callable[[int, int], Any] | None = None,
    base_dir: Path | None = None,
    image_store: ImageStore | None = None,
) -> Report:
    """Import ``data`` (CSV bytes) into Medusa; see the module docstring. ``should_stop`` is asked
    before each batch (a shutdown finishes the current batch, then stops: the remaining rows are
    ``not_processed`` and the report ``interrupted``). ``on_progress(done_rows, total_rows)``.
    ``base_dir``: the CSV's folder, where image file names are looked up (None for URLs)."""
    ref = await load_reference(medusa)
    specs, row_errors, ignored = prepare(data, ref)
    placement, location_id = await load_placement(medusa)
    report = Report(ignored_columns=ignored)
    total = len(row_errors) + sum(len(s.variants) for s in specs)

    def emit(results: list[RowResult]) -> None:
        report.rows.extend(results)
        if on_results and results:
            on_results(results)
        if on_progress:
            on_progress(len(report.rows), total)

    emit([RowResult(e.line, ERROR, e.handle, e.sku, e.reason) for e in row_errors])

    batches = list(_chunks(specs, max(1, batch_size)))
    images = None
    if any(spec.images for spec in specs):
        images = ImageImporter(image_store or default_store(medusa), base_dir)
    try:
        await _run_batches(
            medusa, batches, placement, location_id, images, emit, report, should_stop, after_batch
        )
    finally:
        if images is not None:
            await images.aclose()
    report.rows.sort(key=lambda r: r.line)
    return report


async def _run_batches(
    medusa, batches, placement, location_id, images, emit, report, should_stop, after_batch
):
    for number, batch in enumerate(batches):
        if should_stop and should_stop():
            report.interrupted = True
            emit(
                [
                    RowResult(v.line, NOT_PROCESSED, v.handle, v.sku, "the run stopped before this row")
                    for rest in batches[number:]
                    for spec in rest
                    for v in spec.variants
                ]
            )
            break
        emit(await _import_batch(medusa, list(batch), placement, location_id, images))
        if after_batch is not None:
            maybe = after_batch(number)
            if maybe is not None:
                await maybe


async def _few_at_a_time(items: Iterable[Any], call: Callable[[Any], Awaitable[Any]]) -> list[Any]:
    """``call`` each item, ``LOOKUP_CONCURRENCY`` at a time; the answers in item order."""
    gate = asyncio.Semaphore(LOOKUP_CONCURRENCY)

    async def one(item: Any) -> Any:
        async with gate:
            return await call(item)

    return list(await asyncio.gather(*(one(item) for item in items)))


async def _lookup(chunks: Iterable[Sequence[Any]], read: Callable[[list[Any]], Awaitable[list[Any]]]) -> list:
    """``read`` each chunk, a few at a time; the items of every page, in chunk order."""
    pages = await _few_at_a_time((list(chunk) for chunk in chunks), read)
    return [item for page in pages for item in page]


async def _existing(medusa: Medusa, handles: list[str], fields: str | None = None) -> dict[str, AdminProduct]:
    async def read(chunk: list[str]) -> list[AdminProduct]:
        if fields is None:
            page = await medusa.admin.product.list(handle=chunk, limit=len(chunk))
        else:
            page = await medusa.admin.product.list(handle=chunk, limit=len(chunk), fields=fields)
        return page.items

    return {p.handle: p for p in await _lookup(_chunks(handles, LOOKUP_CHUNK), read)}


async def _sku_owners(medusa: Medusa, skus: list[str]) -> dict[str, str]:
    async def read(chunk: list[str]) -> list:
        page = await medusa.admin.product_variant.list(
            sku=chunk, limit=len(chunk) * 2, fields="id,sku,product_id"
        )
        return page.items

    found = await _lookup(_chunks(skus, LOOKUP_CHUNK), read)
    return {v.sku: v.product_id for v in found if v.sku and v.product_id}


def _fail(plan: ProductPlan, reason: str) -> None:
    for row in plan.rows:
        plan.errors.append(RowError(row.line, reason, row.handle, row.sku))
    plan.rows = []
    plan.status.clear()


async def _write_products(medusa: Medusa, plans: list[ProductPlan]) -> dict[str, AdminProduct]:
    """Product creates and updates in one batch call; if Medusa rejects the batch, product by
    product, so one bad product fails alone with Medusa's reason. Returns the products Medusa
    echoed (with ``READBACK_FIELDS``) by handle; option and variant calls follow per product."""
    echoed: dict[str, AdminProduct] = {}

    def keep(result: BatchResult) -> None:
        for data in (*result.created, *result.updated):
            product = AdminProduct.model_validate(data)
            echoed[product.handle] = product

    todo = [p for p in plans if p.create or p.update]
    if todo:
        try:
            keep(
                await medusa.admin.product.batch(
                    create=[p.create for p in todo if p.create],
                    update=[p.update for p in todo if p.update],
                    fields=READBACK_FIELDS,
                )
            )
        except MedusaAPIError:
            for plan in todo:
                try:
                    keep(
                        await medusa.admin.product.batch(
                            create=[plan.create] if plan.create else None,
                            update=[plan.update] if plan.update else None,
                            fields=READBACK_FIELDS,
                        )
                    )
                except MedusaAPIError as exc:
                    _fail(plan, f"Medusa refused the product: {exc.message}")
    for plan in plans:
        if plan.product_id and plan.rows and plan.option_update:
            try:
                await medusa.admin.product.batch_options(plan.product_id, update=plan.option_update)
            except MedusaAPIError as exc:
                _fail(plan, f"Medusa refused the new option values: {exc.message}")
        if plan.product_id and plan.rows and (plan.variant_create or plan.variant_update):
            try:
                await medusa.admin.product.batch_variants(
                    plan.product_id, create=plan.variant_create, update=plan.variant_update
                )
            except MedusaAPIError as exc:
                _fail(plan, f"Medusa refused the variants: {exc.message}")
    return echoed


async def _write_translations(
    medusa: Medusa, plans: list[ProductPlan], products: dict[str, AdminProduct]
) -> None:
    wanted_by_plan = {
        id(plan): wanted_translations(plan.spec, plan.rows, products[plan.spec.handle])
        for plan in plans
        if plan.rows and plan.spec.handle in products
    }
    # A product created in this batch has no translations yet: look up only the others'.
    ids = [w.reference_id for plan in plans if not plan.create for w in wanted_by_plan.get(id(plan), [])]

    async def read(chunk: list[str]) -> list:
        page = await medusa.admin.translation.list(
            reference_id=chunk, locale_code=FR_LOCALE, limit=len(chunk)
        )
        return page.items

    existing = await _lookup(_chunks(ids, LOOKUP_CHUNK), read)
    create: list[dict] = []
    update: list[dict] = []
    for plan in plans:
        wanted = wanted_by_plan.get(id(plan))
        if not wanted:
            continue
        c, u, changed = diff_translations(wanted, existing)
        create += c
        update += u
        for want in changed:
            for line in want.lines:
                plan.mark(line, UPDATED)
    calls = [{"create": list(c)} for c in _chunks(create, 500)]
    calls += [{"update": list(c)} for c in _chunks(update, 500)]
    await _few_at_a_time(calls, lambda body: medusa.admin.translation.batch(**body))


async def _write_stock(medusa: Medusa, plans: list[ProductPlan], location_id: str | None) -> None:
    rows = [(plan, row) for plan in plans for row in plan.rows if row.quantity is not None]
    if not rows:
        return
    if location_id is None:
        for plan, row in rows:
            plan.errors.append(
                RowError(row.line, "Medusa has no stock location for the quantity", row.handle, row.sku)
            )
        return

    async def read(chunk: list[str]) -> list:
        page = await medusa.admin.inventory_item.list(sku=chunk, limit=len(chunk) * 2, fields=STOCK_FIELDS)
        return page.items

    levels: dict[str, tuple[str, int | None]] = {}
    for item in await _lookup(_chunks([row.sku for _, row in rows], LOOKUP_CHUNK), read):
        if item.sku:
            at = [lv.stocked_quantity for lv in item.location_levels if lv.location_id == location_id]
            levels[item.sku] = (item.id, at[0] if at else None)
    create, update, changed, errors = diff_stock([row for _, row in rows], levels, location_id)
    if create or update:
        await medusa.admin.inventory_item.batch_inventory_items_location_levels(create=create, update=update)
    by_line = {row.line: plan for plan, row in rows}
    for line in changed:
        by_line[line].mark(line, UPDATED)
    for err in errors:
        by_line[err.line].errors.append(err)


async def _store_images(
    specs: list, images: ImageImporter | None
) -> tuple[dict[str, tuple[str, ...]], list[RowError]]:
    """Stored URLs by handle; a product with a broken image is rejected whole (its rows say why)."""
    urls: dict[str, tuple[str, ...]] = {}
    errors: list[RowError] = []
    for spec in specs:
        if not spec.images:
            continue
        if images is None:
            raise RuntimeError("images given but no image importer")
        try:
            urls[spec.handle] = tuple([await images.url_for(ref) for ref in spec.images])
        except BrokenImage as exc:
            errors += [RowError(v.line, f"broken image: {exc}", v.handle, v.sku) for v in spec.variants]
    return urls, errors


async def _import_batch(
    medusa: Medusa,
    specs: list,
    placement: Placement,
    location_id: str | None,
    images: ImageImporter | None = None,
) -> list[RowResult]:
    laps: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps[name] = round(now - clock, 2)
        clock = now

    image_urls, image_errors = await _store_images(specs, images)
    broken = {e.handle for e in image_errors}
    specs = [s for s in specs if s.handle not in broken]
    handles = [s.handle for s in specs]
    existing, owners = await asyncio.gather(
        _existing(medusa, handles), _sku_owners(medusa, [v.sku for s in specs for v in s.variants])
    )
    lap("read")
    plans = [
        plan_product(spec, existing.get(spec.handle), owners, placement, image_urls.get(spec.handle))
        for spec in specs
    ]
    echoed = await _write_products(medusa, plans)
    lap("products")

    live = [p for p in plans if p.rows]
    # Read back only what was written and not echoed by the batch call (option values and
    # variants added to existing products); the rest is as read above.
    written = [p.spec.handle for p in live if p.has_product_calls]
    products = {h: existing[h] for h in (p.spec.handle for p in live) if h in existing and h not in written}
    products.update({h: echoed[h] for h in written if h in echoed})
    again = [
        p.spec.handle
        for p in live
        if p.has_product_calls
        and (p.option_update or p.variant_create or p.variant_update or p.spec.handle not in echoed)
    ]
    if again:
        products.update(await _existing(medusa, again, READBACK_FIELDS))
    lap("read_back")
    for plan in live:
        if plan.spec.handle not in products:
            _fail(plan, "the product is not in Medusa after writing it")
    live = [p for p in plans if p.rows]
    await _write_translations(medusa, live, products)
    lap("translations")
    await _write_stock(medusa, live, location_id)
    lap("stock")
    log.info(
        "import batch: %d products (%d written), %d rows; seconds %s",
        len(specs),
        len(written),
        sum(len(s.variants) for s in specs),
        laps,
    )

    results: list[RowResult] = [RowResult(e.line, ERROR, e.handle, e.sku, e.reason) for e in image_errors]
    for plan in plans:
        product = products.get(plan.spec.handle)
        variants = {v.sku: v.id for v in product.variants} if product else {}
        failed = {e.line for e in plan.errors}
        for err in plan.errors:
            results.append(
                RowResult(err.line, ERROR, err.handle, err.sku, err.reason, product.id if product else None)
            )
        for row in plan.rows:
            if row.line in failed:
                continue
            result = RowResult(
                row.line,
                plan.status.get(row.line, UNCHANGED),
                row.handle,
                row.sku,
                product_id=product.id if product else None,
                variant_id=variants.get(row.sku),
            )
            if row.floor is not None:
                applied = floors.apply_floor(row.handle, row.sku, row.floor.amount, row.floor.currency)
                result.floor_amount = row.floor.amount
                result.floor_currency = row.floor.currency
                result.floor_status = "applied" if applied else "provided"
                result.message = "floor applied" if applied else "floor provided"
            results.append(result)
    return sorted(results, key=lambda r: r.line)
