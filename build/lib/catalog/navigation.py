"""Regions, categories and collections: small, slow-changing lists cached briefly in-process."""

from __future__ import annotations

from async_lru import alru_cache

from medusa import Category, Collection, NotFoundError, Region

from .source import medusa

# Short enough that staff edits show up quickly; long enough that pages never wait on them.
NAV_TTL_SECONDS = 60


@alru_cache(ttl=NAV_TTL_SECONDS)
async def regions() -> tuple[Region, ...]:
    page = await medusa().store.region.list(limit=50)
    return tuple(page.items)


async def region(region_id: str | None) -> Region:
    """The shopper's region, falling back to the first (Canada in the demo) when unknown."""
    all_regions = await regions()
    if not all_regions:
        raise NotFoundError("no region is configured in Medusa", status=404, type="not_found")
    for candidate in all_regions:
        if candidate.id == region_id:
            return candidate
    return default_region(all_regions)


def default_region(all_regions: tuple[Region, ...]) -> Region:
    for candidate in all_regions:
        if "ca" in candidate.country_codes:
            return candidate
    return all_regions[0]


@alru_cache(ttl=NAV_TTL_SECONDS)
async def categories(locale: str) -> tuple[Category, ...]:
    page = await medusa().store.category.list(locale=locale, limit=100)
    return tuple(page.items)


@alru_cache(ttl=NAV_TTL_SECONDS)
async def collections(locale: str) -> tuple[Collection, ...]:
    page = await medusa().store.collection.list(locale=locale, limit=100)
    return tuple(page.items)


async def category_by_handle(handle: str, locale: str) -> Category:
    for candidate in await categories(locale):
        if candidate.handle == handle:
            return candidate
    raise NotFoundError(f"category {handle!r} not found", status=404, type="not_found")


async def collection_by_handle(handle: str, locale: str) -> Collection:
    for candidate in await collections(locale):
        if candidate.handle == handle:
            return candidate
    raise NotFoundError(f"collection {handle!r} not found", status=404, type="not_found")
