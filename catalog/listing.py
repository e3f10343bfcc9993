"""Product listings. `list_products` is the single seam the catalog read model will replace."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from medusa import Product

from .cache import SWRCache
from .source import medusa

PAGE_SIZE = 12


@dataclass(frozen=True)
class ListingQuery:
    region_id: str
    locale: str
    page: int = 1
    per_page: int = PAGE_SIZE
    category_ids: tuple[str, ...] = ()
    collection_ids: tuple[str, ...] = ()
    sort: str = "newest"  # Medusa's Store API can only do newest/title; price sort comes later


@dataclass(frozen=True)
class ListingPage:
    products: list[Product]
    count: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pages", max(1, math.ceil(self.count / self.per_page)))


# Fresh for 10 s; served stale (refreshing in the background) for up to 2 minutes.
_cache: SWRCache[ListingPage] = SWRCache(ttl=10, max_stale=120)

SORT_ORDERS = {"newest": "-created_at", "title": "title"}


async def list_products(query: ListingQuery) -> ListingPage:
    """A listing page, from the in-process cache when it has seen it recently."""
    return await _cache.get(query, lambda: fetch_products(query))


async def fetch_products(query: ListingQuery) -> ListingPage:
    """A listing page straight from Medusa (no cache)."""
    page = max(1, query.page)
    result = await medusa().store.product.list(
        region_id=query.region_id,
        locale=query.locale,
        limit=query.per_page,
        offset=(page - 1) * query.per_page,
        order=SORT_ORDERS.get(query.sort, "-created_at"),
        category_id=list(query.category_ids) or None,
        collection_id=list(query.collection_ids) or None,
    )
    return ListingPage(products=list(result.items), count=result.count, page=page, per_page=query.per_page)
