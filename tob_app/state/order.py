"""`/{lang}/order/{id}/confirmed`: the order as Medusa recorded it."""

from __future__ import annotations

import reflex as rx

from shop import checkout

from ..urls import segment_after
from .cart_views import OrderView, order_view
from .page import PageLoader
from .site import SiteState


class OrderState(PageLoader, rx.State):
    order: OrderView = OrderView()

    async def _load(self, site: SiteState) -> None:
        # /{lang}/order/{id}/confirmed or /{lang}/account/orders/{id}
        found = await checkout.order(segment_after(self.router.url.path, "order", "orders"))
        self.order = order_view(found, site.lang)

    def _clear(self) -> None:
        self.order = OrderView()
