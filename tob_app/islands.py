"""Server-rendered HTML islands: the product grids of the home and listing pages.

`tob_app.routing` injects them into the prerendered HTML of a request (first paint shows real
cards with no websocket round trip); the page states send the same HTML after each load.
"""

from __future__ import annotations

import asyncio
import logging

from catalog import listing, navigation
from translations import LANGS, MEDUSA_LOCALES, gettext, ngettext, normalize_lang

from .components.listing_html import grid_html, listing_html
from .state.views import product_card
from .urls import parse_page

log = logging.getLogger(__name__)

LISTING_ISLAND = "tob-listing"
ARRIVALS_ISLAND = "tob-arrivals"
HOME_NEW_ARRIVALS = 8


async def arrivals(lang: str, region_id: str) -> str:
    lang = normalize_lang(lang)
    page = await listing.list_products(
        listing.ListingQuery(region_id=region_id, locale=MEDUSA_LOCALES[lang], per_page=HOME_NEW_ARRIVALS)
    )
    return grid_html([product_card(p, lang) for p in page.products], lang)


async def listing_page(lang: str, region_id: str, path: str, page: int) -> str:
    """The island of `/{lang}/store`, `/{lang}/categories/x` or `/{lang}/collections/x`.

    Raises medusa.NotFoundError for an unknown category or collection.
    """
    lang = normalize_lang(lang)
    locale = MEDUSA_LOCALES[lang]
    segments = [s for s in path.split("/") if s]
    kind = segments[1] if len(segments) > 1 else "store"
    handle = segments[2] if len(segments) > 2 else ""
    t = gettext(lang)
    heading, description = t("All products"), ""
    categories: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    if kind == "categories":
        category = await navigation.category_by_handle(handle, locale)
        heading, description, categories = category.name, category.description or "", (category.id,)
    elif kind == "collections":
        collection = await navigation.collection_by_handle(handle, locale)
        heading, collections = collection.title, (collection.id,)
    result = await listing.list_products(
        listing.ListingQuery(
            region_id=region_id,
            locale=locale,
            page=page,
            category_ids=categories,
            collection_ids=collections,
        )
    )
    return listing_html(
        heading=heading,
        description=description,
        cards=[product_card(p, lang) for p in result.products],
        count_label=ngettext(lang, "{n} product", "{n} products", result.count),
        page=result.page,
        pages=result.pages,
        base_path="/" + "/".join(segments),
        lang=lang,
    )


async def for_request(path: str, query: dict[str, str], region_cookie: str | None) -> dict[str, str]:
    """The islands of one page request, by element id ({} for pages without one)."""
    segments = [s for s in path.split("/") if s]
    lang = normalize_lang(segments[0] if segments else "")
    region = await navigation.region(region_cookie)
    if len(segments) == 1:
        return {ARRIVALS_ISLAND: await arrivals(lang, region.id)}
    if segments[1] in ("store", "categories", "collections"):
        html = await listing_page(lang, region.id, path, parse_page(query.get("page")))
        return {LISTING_ISLAND: html}
    return {}


async def keep_warm(interval: float = 8.0) -> None:
    """Keep the most visited grids (home, first store page; each region and language) in the
    listing cache, so no shopper's first paint waits on Medusa. Runs for the app's lifetime."""
    while True:
        try:
            for region in await navigation.regions():
                for lang in LANGS:
                    await arrivals(lang, region.id)
                    await listing_page(lang, region.id, f"/{lang}/store", 1)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # Medusa down or restarting: pages report it themselves
            log.info("cache warm-up skipped: %r", exc)
        await asyncio.sleep(interval)
