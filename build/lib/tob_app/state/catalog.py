"""Home and listing pages (store, category, collection): data from `catalog`, never raw HTTP."""

from __future__ import annotations

import reflex as rx

from catalog import listing, navigation

from ..i18n import ngettext
from ..urls import parse_page
from .page import PageLoader
from .site import SiteState
from .views import NavLink, ProductCard, nav_link, product_card

HOME_NEW_ARRIVALS = 8


class HomeState(PageLoader, rx.State):
    collections: list[NavLink] = []
    new_arrivals: list[ProductCard] = []

    async def _load(self, site: SiteState) -> None:
        collections = await navigation.collections(site.locale)
        self.collections = [nav_link(c.handle, c.title) for c in collections]
        page = await listing.list_products(
            listing.ListingQuery(region_id=site.region_id, locale=site.locale, per_page=HOME_NEW_ARRIVALS)
        )
        self.new_arrivals = [product_card(p, site.lang) for p in page.products]


class ListingState(PageLoader, rx.State):
    """`/{lang}/store`, `/{lang}/categories/{handle}` and `/{lang}/collections/{handle}`."""

    heading: str = ""
    description: str = ""
    products: list[ProductCard] = []
    count: int = 0
    count_label: str = ""
    page: int = 1
    pages: int = 1

    async def _load(self, site: SiteState) -> None:
        segments = [s for s in self.router.url.path.split("/") if s]
        kind = segments[1] if len(segments) > 1 else "store"
        handle = self.router.page.params.get("handle", "")
        query = listing.ListingQuery(
            region_id=site.region_id,
            locale=site.locale,
            page=parse_page(self.router.url.query_parameters.get("page")),
        )
        self.heading, self.description = "", ""
        if kind == "categories":
            category = await navigation.category_by_handle(handle, site.locale)
            self.heading, self.description = category.name, category.description or ""
            query = listing.ListingQuery(**{**query.__dict__, "category_ids": (category.id,)})
        elif kind == "collections":
            collection = await navigation.collection_by_handle(handle, site.locale)
            self.heading = collection.title
            query = listing.ListingQuery(**{**query.__dict__, "collection_ids": (collection.id,)})
        result = await listing.list_products(query)
        self.products = [product_card(p, site.lang) for p in result.products]
        self.count, self.page, self.pages = result.count, result.page, result.pages
        self.count_label = ngettext(site.lang, "{n} product", "{n} products", result.count)

    @rx.var
    def base_path(self) -> str:
        return self.router.url.path

    @rx.var
    def prev_href(self) -> str:
        return f"{self.router.url.path}?page={self.page - 1}" if self.page > 2 else self.router.url.path

    @rx.var
    def next_href(self) -> str:
        return f"{self.router.url.path}?page={self.page + 1}"
