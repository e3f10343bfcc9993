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


@dataclass(frozen=True)
class Clauses:
    """SQL pieces of one query. With a condition filter, price and stock apply to the chosen
    grades' own units ("Good, under $500, in stock" means a Good unit that is all three), so the
    condition, price and stock filters form one clause; without it they apply to the product.
    A grade's price and stock are read by position (`array_position`) from the arrays aligned
    with `conditions`: plain expressions, no per-row subquery."""

    base: list[str]  # region, search words: every facet counts within these
    category: str
    collection: str
    grade: str  # condition + price + stock
    grade_without_stock: str
    grade_without_price: str
    grade_in_stock: str  # every filter, and in stock (the "in stock only" facet's count)
    price_ok: str  # on `g.p` (a grade's price), for the per-grade condition facet
    stock_ok: str  # on `g.s`
    shown_price: str  # the price a card shows: the lowest of the chosen grades that pass the filters
    bounds_price: str  # the price the price filter's hint ranges over (its own filter left out)
    shown_varies: str
    shown_in_stock: str
    params: dict


def _and(*parts: str) -> str:
    kept = [p for p in parts if p and p != "true"]
    return " AND ".join(f"({p})" for p in kept) if kept else "true"


def _or(*parts: str) -> str:
    return " OR ".join(f"({p})" for p in parts) if parts else "false"


def grade_position(name: str) -> str:
    """Where the grade bound to `:name` sits in a row's `conditions` (NULL when it has none)."""
    return f"array_position(conditions, CAST(:{name} AS text))"


def clauses(query: Query, position=grade_position) -> Clauses:
    """`position(name)` is the SQL of a chosen grade's position in `conditions`; the facet query
    passes columns it computed once per row (array_position is the costly part of these)."""
    base = ["region_id = :region_id"]
    params: dict = {"region_id": query.region_id}
    if query.text:
        base.append(_match_sql(query.lang))
        params["text"] = query.text
    names = [f"category_{i}" for i in range(len(query.category_ids))]
    params.update(zip(names, query.category_ids, strict=True))
    category = _and(*(f"category_ids @> ARRAY[:{n}]::text[]" for n in names))
    collection = "true"
    if query.collection_id:
        collection = "collection_id = :collection_id"
        params["collection_id"] = query.collection_id
    bounds = []
    if query.min_price is not None:
        bounds.append(">= :min_price")
        params["min_price"] = query.min_price
    if query.max_price is not None:
        bounds.append("<= :max_price")
        params["max_price"] = query.max_price

    def in_range(column: str) -> str:
        return _and(*(f"{column} {b}" for b in bounds))

    stock_ok = "g.s" if query.in_stock else "true"
    if not query.conditions:
        stock = "in_stock" if query.in_stock else "true"
        return Clauses(
            base=base,
            category=category,
            collection=collection,
            grade=_and(in_range("price"), stock),
            grade_without_stock=in_range("price"),
            grade_without_price=stock,
            grade_in_stock=_and(in_range("price"), "in_stock"),
            price_ok=in_range("g.p"),
            stock_ok=stock_ok,
            shown_price="price",
            bounds_price="price",
            shown_varies="price_varies",
            shown_in_stock="in_stock",
            params=params,
        )
    grades = [f"grade_{i}" for i in range(len(query.conditions))]
    params.update(zip(grades, query.conditions, strict=True))

    def ok(name: str, price: bool, stock: bool) -> str:
        parts = [f"{position(name)} IS NOT NULL"]
        if price:
            parts.append(in_range(f"condition_prices[{position(name)}]"))
        if stock:
            parts.append(f"condition_in_stock[{position(name)}]")
        return f"coalesce({_and(*parts)}, false)"

    def grade_price(name: str) -> str:
        return f"condition_prices[{position(name)}]"

    def any_grade(price: bool, stock: bool) -> str:
        return _or(*(ok(n, price, stock) for n in grades))

    def chosen_prices(stock: bool, price: bool = True) -> list[str]:
        return [f"CASE WHEN {ok(n, price, stock)} THEN {grade_price(n)} END" for n in grades]

    shown = chosen_prices(query.in_stock)
    return Clauses(
        base=base,
        category=category,
        collection=collection,
        grade=any_grade(True, query.in_stock),
        grade_without_stock=any_grade(True, False),
        grade_without_price=any_grade(False, query.in_stock),
        grade_in_stock=any_grade(True, True),
        price_ok=in_range("g.p"),
        stock_ok=stock_ok,
        shown_price=f"LEAST({', '.join(shown)})",
        bounds_price=f"LEAST({', '.join(chosen_prices(query.in_stock, price=False))})",
        shown_varies=f"LEAST({', '.join(shown)}) <> GREATEST({', '.join(shown)})",
        shown_in_stock=any_grade(False, True),
        params=params,
    )


def where(query: Query) -> tuple[str, dict]:
    """The WHERE clause of `query` with every filter applied."""
    c = clauses(query)
    return _and(*c.base, c.category, c.collection, c.grade), c.params


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
    c = clauses(query)
    sort = query.sort if query.sort in ORDER_BY else "newest"
    if sort == "relevance" and not query.text:
        sort = "newest"
    key, direction, tie = ORDER_BY[sort]
    key = key.format(sort_col=_lang(query.lang)[2], rank=_rank_sql(query.lang) if query.text else "0")
    if key == "price":
        key = c.shown_price  # with a condition filter: the chosen grades' price (no index order)
    tie_outer = tie.replace("product_id", "p.product_id")
    clause = _and(*c.base, c.category, c.collection, c.grade)
    if query.conditions:
        # the chosen grades' price; the sale price shows only when that is the product's lowest
        inner = f", {c.shown_price} AS shown, {c.shown_varies} AS varies, {c.shown_in_stock} AS stocked"
        grade_cols = (
            "p.shown AS price, CASE WHEN p.shown = t.price THEN t.original_price END AS original_price, "
            "p.varies AS price_varies, p.stocked AS in_stock"
        )
    else:  # the inner query stays an index-only scan
        inner, grade_cols = "", "t.price, t.original_price, t.price_varies, t.in_stock"
    sql = (
        f"SELECT t.product_id, t.handle, t.{title} AS title, t.thumbnail, t.currency_code, {grade_cols}, "
        f"t.{labels} AS conditions, t.created_at "
        f"FROM (SELECT product_id, {key} AS k{inner} FROM {query.table} WHERE {clause} "
        f"ORDER BY {key} {direction}, {tie} LIMIT :limit OFFSET :offset) AS p "
        f"JOIN {query.table} AS t ON t.region_id = :region_id AND t.product_id = p.product_id "
        f"ORDER BY p.k {direction}, {tie_outer}"
    )
    return sql, {**c.params, "limit": query.limit, "offset": query.offset}


def count_sql(query: Query) -> tuple[str, dict]:
    clause, params = where(query)
    return f"SELECT count(*) FROM {query.table} WHERE {clause}", params


def facets_sql(query: Query) -> tuple[str, dict]:
    """Every facet in one statement over one scan: the rows matching the region and search words
    are read once (narrow columns, from an index) with a flag per filter; each facet then counts
    the rows that pass every filter but its own. The condition facet counts each grade by its own
    units' price and stock.

    Costs are per row of the whole region (10,000 at the bench's scale), so: each chosen grade's
    position is found once per row (a subquery kept apart by OFFSET 0); equal flags (the same
    filter with and without price, say) are computed once; rows are grouped by their category set
    and grade set (a few dozen of each) before those are unnested; only the arrays a facet reads
    are unnested."""
    labels = "condition_labels_fr" if query.lang == "fr" else "condition_labels_en"
    grades = [f"grade_{i}" for i in range(len(query.conditions))]
    c = clauses(query, position=lambda name: f"pos_{name}")
    flags: dict[str, str] = {}  # SQL → column name

    def flag(expression: str) -> str:
        return "true" if expression == "true" else flags.setdefault(expression, f"f_{len(flags)}")

    f_category, f_collection = flag(c.category), flag(c.collection)
    f_grade, f_grade_any_price, f_stock_value = (
        flag(c.grade),
        flag(c.grade_without_price),
        flag(c.grade_in_stock),
    )
    condition_pass = _and(f_category, f_collection)
    flag_columns = "".join(f", {expression} AS {name}" for expression, name in flags.items())
    positions = "".join(f", {grade_position(n)} AS pos_{n}" for n in grades)
    unit_arrays = [
        (column, alias)
        for column, alias, needed in (
            ("condition_prices", "p", c.price_ok != "true"),
            ("condition_in_stock", "s", c.stock_ok != "true"),
        )
        if needed
    ]
    grade_arrays = "".join(f", {column}" for column, _ in unit_arrays)
    grade_units = "".join(f", unnest({column}) AS {alias}" for column, alias in unit_arrays)
    if c.price_ok == "true":
        grade_sets = f"count(*) AS n FROM base GROUP BY conditions, labels{grade_arrays}, pass"
    else:  # prices make nearly every row's grade set its own: grouping would only cost
        grade_sets = "1 AS n FROM base"
    sql = (
        f"WITH base AS MATERIALIZED (SELECT category_ids, conditions, labels, condition_prices, "
        f"condition_in_stock, collection_id{flag_columns}, {c.bounds_price} AS grade_price FROM "
        f"(SELECT category_ids, conditions, {labels} AS labels, condition_prices, condition_in_stock, "
        f"collection_id, price, in_stock{positions} FROM {query.table} WHERE {_and(*c.base)} OFFSET 0) AS r) "
        # unnest in the select list (ProjectSet) is several times faster than a lateral unnest
        f"SELECT 'category' AS facet, x AS key, '' AS label, sum(n) AS n FROM (SELECT unnest(category_ids) AS x, n "
        f"FROM (SELECT category_ids, count(*) AS n FROM base WHERE {_and(f_collection, f_grade)} "
        f"GROUP BY category_ids) AS sets) AS cats GROUP BY x "
        f"UNION ALL SELECT 'collection', collection_id, '', count(*) FROM base "
        f"WHERE {_and('collection_id IS NOT NULL', f_category, f_grade)} GROUP BY collection_id "
        # every grade of the searched rows, with its label, even when the other filters leave none
        f"UNION ALL SELECT 'condition', g.k, min(g.label), coalesce(sum(g.n) FILTER (WHERE "
        f"{_and('g.pass', c.price_ok, c.stock_ok)}), 0) FROM (SELECT unnest(conditions) AS k, unnest(labels) AS label"
        f"{grade_units}, pass, n FROM (SELECT conditions, labels{grade_arrays}, {condition_pass} AS pass, {grade_sets}"
        f") AS sets) AS g GROUP BY g.k "
        f"UNION ALL SELECT 'stock', 'in_stock', '', count(*) FROM base "
        f"WHERE {_and(f_category, f_collection, f_stock_value)} "
        f"UNION ALL SELECT 'price', coalesce(min(grade_price)::text, ''), coalesce(max(grade_price)::text, ''), "
        f"count(*) FROM base WHERE {_and(f_category, f_collection, f_grade_any_price)}"
    )
    return sql, c.params


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
