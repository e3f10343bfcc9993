"""Every SQL statement that reads the read model: listing page, facet counts.

Plain functions over an AsyncConnection. Filters are built from a whitelist of columns and text
search configurations; every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

TABLE = "catalog.product_listing"
# Per shopper language: vector column, text search configuration, title sort column.
LANG_SQL = {
    "en": ("search_en", "catalog.en_unaccent", "sort_en"),
    "fr": ("search_fr", "catalog.fr_unaccent", "sort_fr"),
}
# A search matches in either language (brand names, an English word on the French site); the
# page's language weighs more in the ranking.
OTHER_LANGUAGE_WEIGHT = 0.3
ORDER_BY = {
    "newest": "created_at DESC NULLS LAST, product_id",
    "price_asc": "price ASC NULLS LAST, product_id",
    "price_desc": "price DESC NULLS LAST, product_id",
    "title": "{sort_col}, product_id",
    "relevance": "rank DESC, product_id",
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


def where(query: Query, skip: str = "") -> tuple[str, dict]:
    """The WHERE clause of `query`, leaving out filter `skip` (a facet counts with every other
    filter applied, so its own values stay visible)."""
    clauses = ["region_id = :region_id"]
    params: dict = {"region_id": query.region_id}
    if query.text:
        clauses.append(_match_sql(query.lang))
        params["text"] = query.text
    for category_id in query.category_ids if skip != "category" else ():
        name = f"category_{len(params)}"
        clauses.append(f"category_ids @> ARRAY[:{name}]::text[]")
        params[name] = category_id
    if query.collection_id and skip != "collection":
        clauses.append("collection_id = :collection_id")
        params["collection_id"] = query.collection_id
    if query.conditions and skip != "condition":
        clauses.append("conditions && CAST(:conditions AS text[])")
        params["conditions"] = list(query.conditions)
    if skip != "price":
        if query.min_price is not None:
            clauses.append("price >= :min_price")
            params["min_price"] = query.min_price
        if query.max_price is not None:
            clauses.append("price <= :max_price")
            params["max_price"] = query.max_price
    if query.in_stock and skip != "stock":
        clauses.append("in_stock")
    return " AND ".join(clauses), params


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
    title = "title_fr" if query.lang == "fr" else "title_en"
    labels = "condition_labels_fr" if query.lang == "fr" else "condition_labels_en"
    sort = query.sort if query.sort in ORDER_BY else "newest"
    if sort == "relevance" and not query.text:
        sort = "newest"
    order = ORDER_BY[sort].format(sort_col=_lang(query.lang)[2])
    rank = _rank_sql(query.lang) if sort == "relevance" else "0"
    clause, params = where(query)
    sql = (
        f"SELECT product_id, handle, {title} AS title, thumbnail, currency_code, price, original_price, "
        f"price_varies, in_stock, {labels} AS conditions, created_at, {rank} AS rank, "
        f"count(*) OVER () AS total FROM {TABLE} WHERE {clause} ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    return sql, {**params, "limit": query.limit, "offset": query.offset}


def facets_sql(query: Query) -> tuple[str, dict]:
    labels = "condition_labels_fr" if query.lang == "fr" else "condition_labels_en"
    parts, params = [], {}
    for facet in FACETS:
        clause, facet_params = where(query, skip=facet)
        params.update(facet_params)  # the same names always hold the same values
        if facet == "category":
            parts.append(
                f"SELECT 'category' AS facet, c AS key, '' AS label, count(*) AS n "
                f"FROM {TABLE}, unnest(category_ids) AS c WHERE {clause} GROUP BY c"
            )
        elif facet == "collection":
            parts.append(
                f"SELECT 'collection', collection_id, '', count(*) FROM {TABLE} "
                f"WHERE {clause} AND collection_id IS NOT NULL GROUP BY collection_id"
            )
        elif facet == "condition":
            parts.append(
                f"SELECT 'condition', g.key, min(g.label), count(*) FROM {TABLE}, "
                f"unnest(conditions, {labels}) AS g(key, label) WHERE {clause} GROUP BY g.key"
            )
        elif facet == "stock":
            parts.append(f"SELECT 'stock', 'in_stock', '', count(*) FROM {TABLE} WHERE {clause} AND in_stock")
        else:
            parts.append(
                f"SELECT 'price', coalesce(min(price)::text, ''), coalesce(max(price)::text, ''), count(*) "
                f"FROM {TABLE} WHERE {clause}"
            )
    return " UNION ALL ".join(parts), params


async def listing(conn: AsyncConnection, query: Query) -> tuple[list[Row], int]:
    """One page of rows and the total number of matches."""
    sql, params = listing_sql(query)
    result = (await conn.execute(sa.text(sql), params)).mappings().all()
    if result:
        total = int(result[0]["total"])
    elif query.offset:  # past the last page: the window count is not there, ask for it
        clause, count_params = where(query)
        total = (
            await conn.execute(sa.text(f"SELECT count(*) FROM {TABLE} WHERE {clause}"), count_params)
        ).scalar_one()
    else:
        total = 0
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
