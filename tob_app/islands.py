"""Server-rendered HTML islands: the header's category links, the home page's tiles, the
product grids of the home, listing and search pages, and the top of a product page.

`tob_app.routing` injects them into the prerendered HTML of a request (first paint shows real
cards with no websocket round trip); the page states send the same HTML after each load.
Listings read the catalog read model (Postgres): sort, filters and search come from the URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from catalog import listing, navigation, products, sync
from catalog import params as listing_params
from catalog.cache import SWRCache
from medusa import NotFoundError, Product
from translations import LANGS, MEDUSA_LOCALES, gettext, ngettext, normalize_lang

from .components.listing_html import ListingView, grid_html, listing_html
from .components.nav_html import category_links_html, tiles_html
from .components.product_html import product_preview_html
from .state.views import NavLink, listing_card, nav_link, product_detail

log = logging.getLogger(__name__)

LISTING_ISLAND = "tob-listing"
ARRIVALS_ISLAND = "tob-arrivals"
NAV_ISLAND = "tob-nav"
COLLECTIONS_ISLAND = "tob-collections"
CATEGORIES_ISLAND = "tob-categories"
PRODUCT_ISLAND = "tob-product"
HOME_NEW_ARRIVALS = 8
LISTING_SECTIONS = ("store", "categories", "collections", "search")
# The product a page request shows (its preview here, its head tags in tob_app.seo): one Medusa
# read per product, region and language for both. A catalog change event received by this
# process starts a new generation (catalog.sync), so a changed price is read afresh at once;
# otherwise a read is fresh for 5 s, then served once more while it is read again, so a page
# never waits on Medusa's product endpoint (~0.3 s in French) for a product seen lately. The
# page's state reads Medusa itself and corrects anything older.
_products: SWRCache[Product] = SWRCache(ttl=5, max_stale=120)
# Within the page's island budget (tob_app.routing), so the header's links are never lost to it.
PREVIEW_BUDGET_SECONDS = 0.25
# A listing's markup, shared by the page request and the page state's load that follows it over
# the websocket (the same URL a moment later), and by shoppers opening the same listing. Short,
# and never served stale: a catalog change event received here starts a new generation at once.
LISTING_TTL_SECONDS = 2.0
_listings: SWRCache[str] = SWRCache(ttl=LISTING_TTL_SECONDS, max_stale=LISTING_TTL_SECONDS)


async def _top_categories(lang: str) -> list[NavLink]:
    categories = await navigation.categories(MEDUSA_LOCALES[normalize_lang(lang)])
    return [nav_link(c.handle, c.name) for c in categories if not c.parent_category_id]


async def category_links(lang: str) -> str:
    lang = normalize_lang(lang)
    return category_links_html(await _top_categories(lang), lang)


async def home_tiles(lang: str) -> tuple[str, str]:
    """The home page's collection tiles and category tiles."""
    lang = normalize_lang(lang)
    collections, categories = await asyncio.gather(
        navigation.collections(MEDUSA_LOCALES[lang]), _top_categories(lang)
    )
    return (
        tiles_html([nav_link(c.handle, c.title) for c in collections], lang, "collections"),
        tiles_html(categories, lang, "categories"),
    )


async def arrivals(lang: str, region_id: str) -> str:
    lang = normalize_lang(lang)
    page = await listing.list_products(
        listing.ListingQuery(region_id=region_id, lang=lang, per_page=HOME_NEW_ARRIVALS, with_facets=False)
    )
    return grid_html([listing_card(p, lang) for p in page.products], lang)


async def product(handle: str, region_id: str, locale: str) -> Product:
    """Raises medusa.NotFoundError for an unknown handle."""
    return await _products.get(
        (handle, region_id, locale, sync.generation),
        lambda: products.by_handle(handle, region_id=region_id, locale=locale),
    )


async def product_preview(lang: str, region_id: str, handle: str) -> str:
    """The top of `/{lang}/products/{handle}` (gallery, title, price, stock) for the default variant."""
    lang = normalize_lang(lang)
    found = await product(handle, region_id, MEDUSA_LOCALES[lang])
    return product_preview_html(product_detail(found, lang), lang)


@dataclass(frozen=True)
class ListingScope:
    """What a listing URL is about: its heading (also the page title), description and filter."""

    heading: str
    description: str = ""
    category_id: str | None = None
    collection_id: str | None = None


async def listing_scope(lang: str, path: str, q: str = "") -> ListingScope:
    """Raises medusa.NotFoundError for an unknown category or collection in the path."""
    lang = normalize_lang(lang)
    locale = MEDUSA_LOCALES[lang]
    segments = [s for s in path.split("/") if s]
    kind = segments[1] if len(segments) > 1 else "store"
    handle = segments[2] if len(segments) > 2 else ""
    t = gettext(lang)
    if kind == "categories":
        category = await navigation.category_by_handle(handle, locale)
        return ListingScope(category.name, category.description or "", category_id=category.id)
    if kind == "collections":
        collection = await navigation.collection_by_handle(handle, locale)
        return ListingScope(collection.title, collection_id=collection.id)
    if kind == "search":
        return ListingScope(t("Results for “{q}”", q=q) if q else t("Search"))
    return ListingScope(t("All products"))


async def listing_page(lang: str, region_id: str, path: str, query: Mapping[str, str | list[str]]) -> str:
    """The island of `/{lang}/store`, `/{lang}/search`, `/{lang}/categories/x` or
    `/{lang}/collections/x`, with the sort, filters, search and page of `query`.

    Raises medusa.NotFoundError for an unknown category or collection in the path.
    """
    lang = normalize_lang(lang)
    key = (
        lang,
        region_id,
        path,
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in query.items())),
        sync.generation,
    )
    return await _listings.get(key, lambda: _render_listing_page(lang, region_id, path, query))


async def _render_listing_page(
    lang: str, region_id: str, path: str, query: Mapping[str, str | list[str]]
) -> str:
    segments = [s for s in path.split("/") if s]
    kind = segments[1] if len(segments) > 1 else "store"
    params = listing_params.parse(query)
    scope = await listing_scope(lang, path, params.q)
    region, result = await asyncio.gather(
        navigation.region(region_id),
        listing.list_products(
            listing.ListingQuery(
                region_id=region_id,
                lang=lang,
                params=params,
                scope_category_id=scope.category_id,
                scope_collection_id=scope.collection_id,
            )
        ),
    )
    return listing_html(
        ListingView(
            heading=scope.heading,
            description=scope.description,
            cards=[listing_card(p, lang) for p in result.products],
            count_label=ngettext(lang, "{n} product", "{n} products", result.count),
            pages=result.pages,
            base_path="/" + "/".join(segments[:3]),
            params=result.params,
            facets=result.facets,
            currency=region.currency_code,
            search_box=kind == "search",
        ),
        lang,
    )


async def for_request(path: str, query: dict[str, str], region_cookie: str | None) -> dict[str, str]:
    """The islands of one page request, by element id (the header's links on every storefront
    page; a page without an island's container leaves it out)."""
    segments = [s for s in path.split("/") if s]
    lang = normalize_lang(segments[0] if segments else "")
    if len(segments) > 1 and segments[1] == "admin":
        return {}
    region = await navigation.region(region_cookie)
    found = {NAV_ISLAND: await category_links(lang)}
    if len(segments) == 1:
        (collections, categories), grid = await asyncio.gather(home_tiles(lang), arrivals(lang, region.id))
        found |= {COLLECTIONS_ISLAND: collections, CATEGORIES_ISLAND: categories, ARRIVALS_ISLAND: grid}
    elif segments[1] in LISTING_SECTIONS:
        # An unknown category or collection: the page says so, with the header's links.
        with contextlib.suppress(NotFoundError):
            found[LISTING_ISLAND] = await listing_page(lang, region.id, path, query)
    elif segments[1] == "products" and len(segments) == 3:
        # Unknown: the page says so, with the header's links. Slow: the page comes without its
        # preview (the read goes on and fills the cache), and React shows the product.
        with contextlib.suppress(NotFoundError, TimeoutError):
            found[PRODUCT_ISLAND] = await asyncio.wait_for(
                product_preview(lang, region.id, segments[2]), PREVIEW_BUDGET_SECONDS
            )
    return found


async def keep_warm(interval: float = 8.0) -> None:
    """Keep Medusa's slow-changing lists (regions, categories, collections) in their in-process
    caches and the database pool open, so no shopper's first paint waits on them."""
    while True:
        try:
            for region in await navigation.regions():
                for lang in LANGS:
                    await arrivals(lang, region.id)
                    await listing_page(lang, region.id, f"/{lang}/store", {})
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # Medusa or Postgres down or restarting: pages report it themselves
            log.info("cache warm-up skipped: %r", exc)
        await asyncio.sleep(interval)
