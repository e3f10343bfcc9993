"""Home and listing pages (store, category, collection): data from `catalog`, never raw HTTP."""

from __future__ import annotations

import reflex as rx

from catalog import navigation

from .. import islands
from .page import PageLoader
from .site import SiteState
from .views import NavLink, nav_link


class HomeState(PageLoader, rx.State):
    collections: list[NavLink] = []
    arrivals_html: str = ""

    async def _load(self, site: SiteState) -> None:
        collections = await navigation.collections(site.locale)
        self.collections = [nav_link(c.handle, c.title) for c in collections]
        self.arrivals_html = await islands.arrivals(site.lang, site.region_id)

    def _clear(self) -> None:
        self.arrivals_html = ""


class ListingState(PageLoader, rx.State):
    """`/{lang}/store`, `/{lang}/search`, `/{lang}/categories/{handle}`, `/{lang}/collections/{handle}`;
    sort, filters, search words and page come from the URL's query (see catalog.params)."""

    listing_html: str = ""

    async def _load(self, site: SiteState) -> None:
        self.listing_html = await islands.listing_page(
            site.lang,
            site.region_id,
            self.router.url.path,
            dict(self.router.url.query_parameters),
        )

    def _clear(self) -> None:
        self.listing_html = ""
