"""The product page: Medusa is read directly (not the listing model), variant choice is local."""

from __future__ import annotations

import reflex as rx

from catalog import products

from ..urls import segment_after
from .page import PageLoader
from .site import SiteState
from .views import ProductDetail, VariantView, default_selection, images_shown, product_detail, select_variant


class ProductState(PageLoader, rx.State):
    product: ProductDetail = ProductDetail()
    selection: dict[str, str] = {}
    active_image: int = 0

    async def _load(self, site: SiteState) -> None:
        handle = segment_after(self.router.url.path, "products")
        found = await products.by_handle(handle, region_id=site.region_id, locale=site.locale)
        self.product = product_detail(found, site.lang)
        self.selection = default_selection(self.product)
        self.active_image = 0

    def _clear(self) -> None:
        self.product = ProductDetail()
        self.selection = {}

    @rx.event
    def choose(self, option_id: str, value: str):
        """Pick an option value; keep the other choices when that combination exists."""
        wanted = {**self.selection, option_id: value}
        if select_variant(self.product, wanted) is None:
            # Fall back to any variant with this value, so the page never shows "unavailable"
            # for a combination the shopper did not ask for.
            match = next((v for v in self.product.variants if v.options.get(option_id) == value), None)
            wanted = dict(match.options) if match else wanted
        self.selection = wanted
        self.active_image = 0

    @rx.event
    def show_image(self, index: int):
        self.active_image = index

    @rx.var
    def variant(self) -> VariantView:
        return select_variant(self.product, self.selection) or VariantView()

    @rx.var
    def gallery(self) -> list[str]:
        return images_shown(self.product, self.variant)

    @rx.var
    def main_image(self) -> str:
        gallery = self.gallery
        if not gallery:
            return ""
        return gallery[min(self.active_image, len(gallery) - 1)]
