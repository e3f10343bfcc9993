"""Every SQL statement that reads the read model: listing page, facet counts.

Plain functions over an AsyncConnection. Filters are built from a whitelist of columns and text
search configurations; every value is a bound parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

SCHEMA = "catalog"
TABLE_NAME = "product_listing"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Per shopper language: vector column, text search configuration, title sort column.
LANG_SQL = {
    "en": ("search_en", "catalog.en_unaccent", "sort_en"),
    "fr": ("search_fr", "catalog.fr_unaccent", "sort_fr"),
}
# A search matches in either language (brand names, an English word on the French site); the
# page's language weighs more in the ranking.
OTHER_LANGUAGE_WEIGHT = 0.3
# Sort key and direction; ties break on product_id so pages never overlap. Each matches an index
# (see the migration), so a page is read in order and stops after LIMIT + OFFSET entries.
ORDER_BY = {
    "newest": ("created_at", "DESC NULLS LAST", "product_id"),
    "price_asc": ("price", "ASC NULLS LAST", "product_id"),
    "price_desc": ("price", "DESC NULLS LAST", "product_id DESC"),
    "title": ("{sort_col}", "ASC", "product_id"),
    "relevance": ("{rank}", "DESC", "product_id"),
}
FACETS = ("category", "collection", "condition", "stock", "price")


@dataclass(frozen=True)
class Query:
    region_id: str
    lang: str = "en"
    text: str = ""
    category_ids: tuple[str, ...] = ()  # any of (a category page plus its chosen subcategory: all)
    collection_id: str | None = None
    conditions: tuple[str, ...] = ()  # any of
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool = False
    sort: str = "newest"
    limit: int = 12
    offset: int = 0
    schema: str = SCHEMA  # the bench reads a 10k-product copy in another schema

    @property
    def table(self) -> str:
        if not _IDENTIFIER.match(self.schema):
            raise ValueError(f"bad schema name {self.schema!r}")
        return f"{self.schema}.{TABLE_NAME}"


@dataclass(frozen=True)
class Row:
    product_id: str
    handle: str
    title: str
    thumbnail: str
    currency_code: str
    price: Decimal | None
    original_price: Decimal | None
    price_varies: bool
    in_stock: bool
    conditions: tuple[str, ...]  # labels in the shopper's language
    created_at: datetime | None


@dataclass(frozen=True)
class FacetCount:
    facet: str  # category | collection | condition | stock
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PriceBounds:
    low: Decimal | None
    high: Decimal | None


def _lang(lang: str) -> tuple[str, str, str]:
    return LANG_SQL.get(lang, LANG_SQL["en"])


def filter_clauses(query: Query) -> tuple[list[str], dict[str, str], dict]:
    """The base clauses (region, search words), one clause per active filter (by facet name),
    and the bound parameters."""
    base = ["region_id = :region_id"]
    params: dict = {"region_id": query.region_id}
    if query.text:
        base.append(_match_sql(query.lang))
        params["text"] = query.text
    filters: dict[str, str] = {}
    if query.category_ids:
        names = [f"category_{i}" for i in range(len(query.category_ids))]
        filters["category"] = " AND ".join(f"category_ids @> ARRAY[:{n}]::text[]" for n in names)
        params.update(zip(names, query.category_ids, strict=True))
    if query.collection_id:
        filters["collection"] = "collection_id = :collection_id"
        params["collection_id"] = query.collection_id
    if query.conditions:
        filters["condition"] = "conditions && CAST(:conditions AS text[])"
        params["conditions"] = list(query.conditions)
    price = []
    if query.min_price is not None:
        price.append("price >= :min_price")
        params["min_price"] = query.min_price
    if query.max_price is not None:
        price.append("price <= :max_price")
        params["max_price"] = query.max_price
    if price:
        filters["price"] = " AND ".join(price)
    if query.in_stock:
        filters["stock"] = "in_stock"
    return base, filters, params


def where(query: Query) -> tuple[str, dict]:
    """The WHERE clause of `query` with every filter applied."""
    base, filters, params = filter_clauses(query)
    return " AND ".join([*base, *(f"({c})" for c in filters.values())]), params


def _match_sql(lang: str) -> str:
    own_col, own_cfg, _ = _lang(lang)
    other_col, other_cfg, _ = _lang("fr" if lang == "en" else "en")
    return (
        f"({own_col} @@ websearch_to_tsquery('{own_cfg}', :text) "
        f"OR {other_col} @@ websearch_to_tsquery('{other_cfg}', :text))"
    )


def _rank_sql(lang: str) -> str:
    own_col, own_cfg, _ = _lang(lang)
    other_col, other_cfg, _ = _lang("fr" if lang == "en" else "en")
    return (
        f"ts_rank_cd({own_col}, websearch_to_tsquery('{own_cfg}', :text)) + {OTHER_LANGUAGE_WEIGHT} * "
        f"ts_rank_cd({other_col}, websearch_to_tsquery('{other_cfg}', :text))"
    )


def listing_sql(query: Query) -> tuple[str, dict]:
    """One page, read as a "deferred join": the ordered ids come from an index (cheap even at a
    deep OFFSET), then only the page's rows are read whole."""
    title = "title_fr" if query.lang == "fr" else "title_en"
    labels = "condition_labels_fr" if query.lang == "fr" else "condition_labels_en"
    sort = query.sort if query.sort in ORDER_BY else "newest"
    if sort == "relevance" and not query.text:
        sort = "newest"
    key, direction, tie = ORDER_BY[sort]
    key = key.format(sort_col=_lang(query.lang)[2], rank=_rank_sql(query.lang) if query.text else "0")
    tie_outer = tie.replace("product_id", "p.product_id")
    clause, params = where(query)
    sql = (
        f"SELECT t.product_id, t.handle, t.{title} AS title, t.thumbnail, t.currency_code, t.price, "
        f"t.original_price, t.price_varies, t.in_stock, t.{labels} AS conditions, t.created_at "
        f"FROM (SELECT product_id, {key} AS k FROM {query.table} WHERE {clause} "
        f"ORDER BY {key} {direction}, {tie} LIMIT :limit OFFSET :offset) AS p "
        f"JOIN {query.table} AS t ON t.region_id = :region_id AND t.product_id = p.product_id "
        f"ORDER BY p.k {direction}, {tie_outer}"
    )
    return sql, {**params, "limit": query.limit, "offset": query.offset}


def count_sql(query: Query) -> tuple[str, dict]:
    clause, params = where(query)
    return f"SELECT count(*) FROM {query.table} WHERE {clause}", params


def facets_sql(query: Query) -> tuple[str, dict]:
    """Every facet in one statement over one scan: the rows matching the region and search words
    are read once (narrow columns, from an index) with one flag per active filter; each facet
    then counts the rows that pass every filter but its own."""
    labels = "condition_labels_fr" if query.lang == "fr" else "condition_labels_en"
    base, filters, params = filter_clauses(query)
    flags = ", ".join(f"({filters[f]}) AS f_{f}" if f in filters else f"true AS f_{f}" for f in FACETS)

    def others(facet: str) -> str:
        return " AND ".join(f"f_{f}" for f in FACETS if f != facet)

    sql = (
        f"WITH base AS MATERIALIZED (SELECT category_ids, conditions, {labels} AS labels, collection_id, "
        f"in_stock, price, {flags} FROM {query.table} WHERE {' AND '.join(base)}) "
        # unnest in the select list (ProjectSet) is several times faster than a lateral unnest
        f"SELECT 'category' AS facet, c AS key, '' AS label, count(*) AS n FROM "
        f"(SELECT unnest(category_ids) AS c FROM base WHERE {others('category')}) AS cats GROUP BY c "
        f"UNION ALL SELECT 'collection', collection_id, '', count(*) FROM base "
        f"WHERE collection_id IS NOT NULL AND {others('collection')} GROUP BY collection_id "
        # every grade of the searched rows, with its label, even when the other filters leave none
        f"UNION ALL SELECT 'condition', g.key, min(g.label), count(*) FILTER (WHERE g.pass) FROM "
        f"(SELECT unnest(conditions) AS key, unnest(labels) AS label, {others('condition')} AS pass FROM base) AS g "
        f"GROUP BY g.key "
        f"UNION ALL SELECT 'stock', 'in_stock', '', count(*) FROM base WHERE in_stock AND {others('stock')} "
        f"UNION ALL SELECT 'price', coalesce(min(price)::text, ''), coalesce(max(price)::text, ''), count(*) "
        f"FROM base WHERE {others('price')}"
    )
    return sql, params


async def listing(conn: AsyncConnection, query: Query) -> tuple[list[Row], int]:
    """One page of rows and the total number of matches."""
    sql, params = listing_sql(query)
    result = (await conn.execute(sa.text(sql), params)).mappings().all()
    if query.offset == 0 and len(result) < query.limit:
        total = len(result)  # everything fits on the first page: no count needed
    else:
        count, count_params = count_sql(query)
        total = (await conn.execute(sa.text(count), count_params)).scalar_one()
    rows = [
        Row(
            product_id=r["product_id"],
            handle=r["handle"],
            title=r["title"],
            thumbnail=r["thumbnail"],
            currency_code=r["currency_code"],
            price=r["price"],
            original_price=r["original_price"],
            price_varies=r["price_varies"],
            in_stock=r["in_stock"],
            conditions=tuple(r["conditions"] or ()),
            created_at=r["created_at"],
        )
        for r in result
    ]
    return rows, total


async def facet_counts(conn: AsyncConnection, query: Query) -> tuple[list[FacetCount], PriceBounds]:
    sql, params = facets_sql(query)
    counts: list[FacetCount] = []
    bounds = PriceBounds(None, None)
    for facet, key, label, n in (await conn.execute(sa.text(sql), params)).all():
        if facet == "price":
            bounds = PriceBounds(Decimal(key) if key else None, Decimal(label) if label else None)
        else:
            counts.append(FacetCount(facet, key, label, int(n)))
    return counts, bounds
