"""Home and listing pages (store, category, collection): data from `catalog`, never raw HTTP."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import islands
from .page import PageLoader
from .site import SiteState


class HomeState(PageLoader, rx.State):
    collections_html: str = ""
    categories_html: str = ""
    arrivals_html: str = ""

    async def _load(self, site: SiteState) -> None:
        (self.collections_html, self.categories_html), self.arrivals_html = await asyncio.gather(
            islands.home_tiles(site.lang), islands.arrivals(site.lang, site.region_id)
        )

    def _clear(self) -> None:
        self.arrivals_html = ""


class ListingState(PageLoader, rx.State):
    """`/{lang}/store`, `/{lang}/search`, `/{lang}/categories/{handle}`, `/{lang}/collections/{handle}`;
    sort, filters, search words and page come from the URL's query (see catalog.params)."""

    # Backend-only (leading underscore): the browser gets the markup once, through `island_html`.
    _listing_html: str = ""
    _listing_url: str = ""  # the URL `_listing_html` was rendered for
    heading: str = ""  # the category, collection or search the URL shows: the tab title

    @rx.var
    def island_html(self) -> str:
        """The listing markup, only for the URL it belongs to. Filter, sort and page links are full
        page loads in the same tab, where Reflex restores the state of the previous page: without
        this, the previous listing would replace the server's correct markup until the new load."""
        url = self.router.url
        return self._listing_html if self._listing_url == f"{url.path}?{url.query}" else ""

    async def _load(self, site: SiteState) -> None:
        url = self.router.url
        self._listing_html = await islands.listing_page(
            site.lang,
            site.region_id,
            url.path,
            dict(url.query_parameters),
        )
        self._listing_url = f"{url.path}?{url.query}"
        self.heading = (
            await islands.listing_scope(site.lang, url.path, url.query_parameters.get("q", ""))
        ).heading

    def _clear(self) -> None:
        self._listing_html = ""
        self.heading = ""
