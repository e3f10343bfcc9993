"""Product listings from the read model: the seam the storefront's listing pages use.

`list_products` answers one listing page — rows for the product cards, the total, and the facet
counts for the filter sidebar — from Postgres (price sort, facets and EN/FR search are things
Medusa's Store API cannot do). Category and collection names come from Medusa (cached briefly).
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field, replace

from sqlalchemy.exc import DBAPIError

import db
from medusa import Category, Collection, MedusaUnavailableError
from translations import MEDUSA_LOCALES, normalize_lang

from . import facets, navigation, queries, sync
from .params import ListingParams, ParamError

PAGE_SIZE = 12


class ReadModelUnavailableError(MedusaUnavailableError):
    """The read model's database could not answer; pages show the same outage message as for
    an unreachable Medusa (a subclass, so existing handlers catch it)."""


@dataclass(frozen=True)
class ListingQuery:
    region_id: str
    lang: str = "en"
    params: ListingParams = field(default_factory=ListingParams)
    per_page: int = PAGE_SIZE
    # The page's own category or collection (`/categories/x`, `/collections/x`), by id.
    scope_category_id: str | None = None
    scope_collection_id: str | None = None
    with_facets: bool = True


@dataclass(frozen=True)
class ListingPage:
    products: list[queries.Row]
    count: int
    page: int
    per_page: int
    params: ListingParams
    facets: facets.Facets = field(default_factory=facets.Facets)
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", max(1, math.ceil(self.count / self.per_page)))


def _by_handle(items, handle: str):
    return next((item for item in items if item.handle == handle), None)


def _resolve(
    query: ListingQuery, categories: tuple[Category, ...], collections: tuple[Collection, ...]
) -> tuple[queries.Query, ListingParams, Category | None, Category | None]:
    """Handles in the URL → ids; an unknown handle is dropped and reported."""
    params = query.params
    errors = list(params.errors)
    selected = _by_handle(categories, params.category) if params.category else None
    if params.category and selected is None:
        errors.append(ParamError("category", params.category))
        params = replace(params, category="")
    collection = _by_handle(collections, params.collection) if params.collection else None
    if params.collection and collection is None:
        errors.append(ParamError("collection", params.collection))
        params = replace(params, collection="")
    params = replace(params, errors=tuple(errors))
    scope = next((c for c in categories if c.id == query.scope_category_id), None)
    category_ids = tuple(i for i in (query.scope_category_id, selected.id if selected else None) if i)
    sql_query = queries.Query(
        region_id=query.region_id,
        lang=query.lang,
        text=params.q,
        category_ids=category_ids,
        collection_id=query.scope_collection_id or (collection.id if collection else None),
        conditions=params.conditions,
        min_price=params.min_price,
        max_price=params.max_price,
        in_stock=params.in_stock,
        sort=params.effective_sort,
        limit=query.per_page,
        offset=(params.page - 1) * query.per_page,
    )
    return sql_query, params, scope, selected


async def _page(sql_query: queries.Query) -> tuple[list[queries.Row], int]:
    async with db.async_engine().connect() as conn:
        return await queries.listing(conn, sql_query)


# Facet counts depend on the filters, not on the sort or the page: paging through a listing reuses
# them. Short-lived, and dropped at once when this process writes the read model (an event).
FACETS_TTL_SECONDS = 5.0
_facet_cache: dict[tuple, tuple[float, tuple[list[queries.FacetCount], queries.PriceBounds]]] = {}


async def _counts(sql_query: queries.Query) -> tuple[list[queries.FacetCount], queries.PriceBounds]:
    key = (replace(sql_query, sort="", limit=0, offset=0), sync.generation)
    cached = _facet_cache.get(key)
    if cached and time.monotonic() - cached[0] < FACETS_TTL_SECONDS:
        return cached[1]
    async with db.async_engine().connect() as conn:
        value = await queries.facet_counts(conn, sql_query)
    if len(_facet_cache) > 1000:
        _facet_cache.clear()
    _facet_cache[key] = (time.monotonic(), value)
    return value


async def list_products(query: ListingQuery) -> ListingPage:
    """One listing page with its facets. Raises ReadModelUnavailableError when Postgres cannot
    answer, medusa errors when category or collection names cannot be read."""
    locale = MEDUSA_LOCALES[normalize_lang(query.lang)]
    categories, collections = await asyncio.gather(
        navigation.categories(locale), navigation.collections(locale)
    )
    sql_query, params, scope, selected = _resolve(query, categories, collections)
    try:
        if not query.with_facets:
            rows, total = await _page(sql_query)
            return ListingPage(rows, total, params.page, query.per_page, params)
        # two connections: the page and the facet counts are read at the same time
        (rows, total), (facet_counts, bounds) = await asyncio.gather(_page(sql_query), _counts(sql_query))
    except (DBAPIError, OSError) as exc:
        raise ReadModelUnavailableError(f"catalog read model unavailable: {exc.__class__.__name__}") from exc
    sidebar = facets.assemble(
        facet_counts,
        bounds,
        params,
        categories,
        collections,
        scope_category=scope,
        selected_category=selected,
        show_collections=query.scope_collection_id is None,
    )
    return ListingPage(rows, total, params.page, query.per_page, params, sidebar)
