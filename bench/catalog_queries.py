"""The catalog read model's queries at 10,000 products (× 2 regions = 20,000 rows).

`python -m bench.catalog_queries` (also part of `make bench`): generates a deterministic
synthetic catalog straight into schema `catalog_bench` of the test Postgres (a copy of the
`catalog.product_listing` table with its generated full-text columns and indexes; Medusa is not
involved), then prints p50/p95 of the listing, price sort (first, middle, last page), facet
counts and EN/FR search, the whole page (listing + facets + HTML), and checks that price-sorted
paging has no duplicates and no gaps.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import statistics
import time
from decimal import Decimal

import sqlalchemy as sa

import db
from catalog import facets, queries
from catalog.params import parse
from catalog.readmodel import fold
from medusa import Category

SCHEMA = "catalog_bench"
PRODUCTS = 10_000
REGIONS = {"reg_bench_ca": ("cad", Decimal("1")), "reg_bench_us": ("usd", Decimal("0.73"))}
SAMPLES = 40
PER_PAGE = 12

NOUNS = [
    ("dishwasher", "lave-vaisselle"),
    ("coffee maker", "cafetière"),
    ("refrigerator", "réfrigérateur"),
    ("washer", "laveuse"),
    ("dryer", "sécheuse"),
    ("headphones", "casque d'écoute"),
    ("running shoes", "chaussures de course"),
    ("television", "téléviseur"),
    ("laptop", "ordinateur portable"),
    ("range hood", "hotte de cuisinière"),
    ("vacuum", "aspirateur"),
    ("speaker", "haut-parleur"),
    ("office chair", "chaise de bureau"),
    ("blender", "mélangeur"),
    ("microwave", "four à micro-ondes"),
    ("kettle", "bouilloire électrique"),
]
ADJECTIVES = [
    ("compact", "compact"),
    ("stainless", "en inox"),
    ("quiet", "silencieux"),
    ("smart", "intelligent"),
]
BRANDS = ["Bosch", "LG", "Samsung", "Whirlpool", "Sony", "Breville", "Dyson", "Asics", "Lenovo", "KitchenAid"]
GRADES = [("like-new", "Like new", "Comme neuf"), ("good", "Good", "Bon"), ("fair", "Fair", "Passable")]
GRADE_FACTORS = {"like-new": Decimal("1"), "good": Decimal("0.88"), "fair": Decimal("0.76")}


def _categories() -> list[Category]:
    """12 top-level categories with 3 subcategories each (nested, like a real store)."""
    found = []
    for top in range(12):
        found.append(Category(id=f"pcat_{top}", name=f"Department {top}", handle=f"dept-{top}", rank=top))
        for sub in range(3):
            found.append(
                Category(
                    id=f"pcat_{top}_{sub}",
                    name=f"Aisle {top}.{sub}",
                    handle=f"aisle-{top}-{sub}",
                    parent_category_id=f"pcat_{top}",
                    rank=sub,
                )
            )
    return found


def _rows() -> list[dict]:
    rng = random.Random(20261125)
    start = dt.datetime(2025, 11, 25, tzinfo=dt.UTC)
    rows = []
    for i in range(PRODUCTS):
        noun_en, noun_fr = NOUNS[i % len(NOUNS)]
        adj_en, adj_fr = rng.choice(ADJECTIVES)
        brand = rng.choice(BRANDS)
        title_en = f"{brand} {adj_en} {noun_en} {100 + i}"
        title_fr = f"{noun_fr.capitalize()} {adj_fr} {brand} {100 + i}"
        top, sub = rng.randrange(12), rng.randrange(3)
        grades = sorted(rng.sample(GRADES, rng.randint(1, 3)), key=GRADES.index)
        base = Decimal(rng.randint(999, 500_000)) / 100
        on_sale = rng.random() < 0.1
        created = start + dt.timedelta(minutes=rng.randrange(525_600))
        collection = f"pcol_{rng.randrange(5)}" if rng.random() < 0.2 else None
        stocked = [rng.random() < 0.8 for _ in grades]
        for region_id, (currency, factor) in REGIONS.items():
            grade_prices = [(base * factor * GRADE_FACTORS[g[0]]).quantize(Decimal("0.01")) for g in grades]
            price = min(grade_prices)
            rows.append(
                {
                    "region_id": region_id,
                    "product_id": f"prod_bench_{i:05d}",
                    "handle": f"bench-{i:05d}",
                    "currency_code": currency,
                    "price": price,
                    "original_price": (price * Decimal("1.25")).quantize(Decimal("0.01"))
                    if on_sale
                    else None,
                    "price_varies": len(grades) > 1,
                    "category_ids": [f"pcat_{top}_{sub}", f"pcat_{top}"],
                    "category_handles": [f"aisle-{top}-{sub}", f"dept-{top}"],
                    "collection_id": collection,
                    "collection_handle": collection,
                    "conditions": [g[0] for g in grades],
                    "condition_labels_en": [g[1] for g in grades],
                    "condition_labels_fr": [g[2] for g in grades],
                    "condition_prices": grade_prices,
                    "condition_in_stock": stocked,
                    "in_stock": any(stocked),
                    "created_at": created,
                    "updated_at": created,
                    "title_en": title_en,
                    "title_fr": title_fr,
                    "sort_en": fold(title_en),
                    "sort_fr": fold(title_fr),
                    "thumbnail": f"http://localhost:9000/static/bench-{i % 50}.png",
                    "body_en": f"{brand}. Department {top}. " + " ".join(g[1] for g in grades),
                    "body_fr": f"{brand}. Rayon {top}. " + " ".join(g[2] for g in grades),
                    "synced_at": start,
                }
            )
    return rows


def load() -> float:
    """(Re)create the bench table and fill it; returns seconds."""
    from catalog.tables import ProductListing

    started = time.perf_counter()
    rows = _rows()
    with db.engine().begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {SCHEMA}"))
        conn.execute(
            sa.text(f"CREATE TABLE {SCHEMA}.product_listing (LIKE catalog.product_listing INCLUDING ALL)")
        )
        table = sa.Table(
            "product_listing",
            sa.MetaData(),
            *[c._copy() for c in ProductListing.__table__.columns],
            schema=SCHEMA,
        )
        for offset in range(0, len(rows), 1000):
            conn.execute(sa.insert(table), rows[offset : offset + 1000])
    with db.engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f"VACUUM ANALYZE {SCHEMA}.product_listing"))  # index-only scans need it
    return time.perf_counter() - started


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


async def _time(call, samples: int = SAMPLES) -> list[float]:
    for _ in range(3):
        await call()
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        await call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def _check_paging(conn, schema: str, region: str, sort: str, **filters) -> int:
    """Walk every page; the order must hold across pages with no duplicate and no gap."""
    base = queries.Query(region_id=region, sort=sort, limit=PER_PAGE, schema=schema, **filters)
    _, total = await queries.listing(conn, base)
    seen: list[queries.Row] = []
    for offset in range(0, total, PER_PAGE):
        rows, _ = await queries.listing(conn, queries.Query(**{**base.__dict__, "offset": offset}))
        seen += rows
    ids = [r.product_id for r in seen]
    prices = [r.price for r in seen]
    assert len(ids) == total == len(set(ids)), f"{sort}: duplicates or gaps"
    assert prices == sorted(prices, reverse=sort == "price_desc"), f"{sort}: out of order"
    return total


async def measure() -> dict[str, float]:
    figures: dict[str, float] = {
        "products": PRODUCTS,
        "rows": PRODUCTS * len(REGIONS),
        "load_seconds": load(),
    }
    figures.update(await measure_table(SCHEMA, "reg_bench_ca", _categories(), "pcat_3"))
    return figures


async def measure_table(
    schema: str, region: str, categories: list[Category], category_id: str
) -> dict[str, float]:
    """Query and page timings, and the paging checks, on one read-model table (the synthetic copy
    here, or the real one `bench.catalog_medusa` fills from Medusa). `category_id` is the facet
    filtered on."""
    from tob_app.components.listing_html import ListingView, listing_html
    from tob_app.state.views import listing_card

    figures: dict[str, float] = {}
    engine = db.async_engine()
    filtered = {"category_ids": (category_id,), "conditions": ("good", "fair"), "in_stock": True}

    def q(**kwargs) -> queries.Query:
        return queries.Query(region_id=region, schema=schema, **kwargs)

    async with engine.connect() as conn:
        _, total = await queries.listing(conn, q())
        last = (total - 1) // PER_PAGE * PER_PAGE
        middle = total // 2 // PER_PAGE * PER_PAGE
        cases = {
            "newest_page1": q(),
            "price_asc_first": q(sort="price_asc"),
            "price_asc_middle": q(sort="price_asc", offset=middle),
            "price_asc_last": q(sort="price_asc", offset=last),
            "price_desc_first": q(sort="price_desc"),
            "price_desc_middle": q(sort="price_desc", offset=middle),
            "price_desc_last": q(sort="price_desc", offset=last),
            "price_asc_filtered_first": q(sort="price_asc", **filtered),
            "good_under_500_in_stock_price_asc": q(
                sort="price_asc", conditions=("good",), max_price=Decimal(500), in_stock=True
            ),
            "title_fr_page1": q(lang="fr", sort="title"),
            "search_fr_lave_vaisselle": q(lang="fr", text="lave vaisselle", sort="relevance"),
            "search_fr_cafetiere": q(lang="fr", text="cafetiere", sort="relevance"),
            "search_en_dishwashers": q(lang="en", text="dishwashers", sort="relevance"),
        }
        for name, query in cases.items():
            timings = await _time(lambda query=query: queries.listing(conn, query))
            figures[f"{name}_p50_ms"] = statistics.median(timings)
            figures[f"{name}_p95_ms"] = _pct(timings, 95)
        facet_cases = {
            "facets_all": q(),
            "facets_filtered": q(**filtered),
            "facets_search_fr": q(lang="fr", text="cafetiere"),
        }
        for name, query in facet_cases.items():
            timings = await _time(lambda query=query: queries.facet_counts(conn, query))
            figures[f"{name}_p50_ms"] = statistics.median(timings)
            figures[f"{name}_p95_ms"] = _pct(timings, 95)
        for sort in ("price_asc", "price_desc"):
            figures[f"paging_checked_{sort}"] = await _check_paging(conn, schema, region, sort)
            figures[f"paging_checked_{sort}_filtered"] = await _check_paging(
                conn, schema, region, sort, **filtered
            )

    params = parse({"sort": "price_asc", "condition": "good,fair", "stock": "1", "page": "5"})

    async def page() -> str:
        """What a listing page costs the server apart from Medusa's cached names: both queries
        on two connections, facet assembly and the HTML."""
        query = q(sort="price_asc", conditions=("fair", "good"), in_stock=True, offset=4 * PER_PAGE)

        async def rows():
            async with engine.connect() as c:
                return await queries.listing(c, query)

        async def counts():
            async with engine.connect() as c:
                return await queries.facet_counts(c, query)

        (found, total), (facet_counts, bounds) = await asyncio.gather(rows(), counts())
        sidebar = facets.assemble(facet_counts, bounds, params, categories, [])
        return listing_html(
            ListingView(
                heading="All products",
                description="",
                cards=[listing_card(r, "en") for r in found],
                count_label=f"{total} products",
                pages=-(-total // PER_PAGE),
                base_path="/en/store",
                params=params,
                facets=sidebar,
                currency="cad",
            ),
            "en",
        )

    timings = await _time(page)
    figures["page_server_p50_ms"] = statistics.median(timings)
    figures["page_server_p95_ms"] = _pct(timings, 95)
    await engine.dispose()
    return figures


def report(figures: dict[str, float]) -> str:
    lines = [
        f"### Catalog read model at {PRODUCTS:,} products ({SAMPLES} samples each, 12 per page; "
        "goal ≤ 50 ms query, ≤ 300 ms page)",
        "",
        "| figure | value |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v:.1f} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in figures.items()]
    return "\n".join(lines)


def main() -> None:
    from stack.services import Stack

    from . import record
    from .__main__ import BENCH_ENV

    for key, value in BENCH_ENV.items():
        os.environ.setdefault(key, value)
    with Stack() as stack:
        stack.start_postgres()
        os.environ.update(stack.env)
        text = report(asyncio.run(measure()))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    record(f"## {stamp} — catalog read model ({os.cpu_count()} cores)\n\n{text}")


if __name__ == "__main__":
    main()
