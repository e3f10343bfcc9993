"""The Reflex app: one compiled page per route and language, plus the `/` language redirect."""

from __future__ import annotations

import reflex as rx

from catalog.events import api as catalog_events_api
from translations import LANGS, gettext

from .islands import keep_warm
from .pages.home import home_page
from .pages.listing import listing_page, search_title, store_title
from .pages.product import product_page
from .routing import StorefrontRouting, pick_lang
from .state.catalog import HomeState, ListingState
from .state.product import ProductState

app = rx.App(
    # Applied in order: the catalog events endpoint (Medusa → POST /api/catalog/events) around
    # Reflex's app, then the storefront routing middleware around both.
    api_transformer=[catalog_events_api(), StorefrontRouting],
    stylesheets=[],
    head_components=[
        rx.el.meta(name="color-scheme", content="light"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)


class RootState(rx.State):
    """Fallback for `/` when the frontend is served without our middleware (dev mode)."""

    @rx.event
    def redirect_by_language(self):
        headers = {
            "accept-language": self.router.headers.accept_language,
            "cookie": self.router.headers.cookie,
        }
        return rx.redirect(f"/{pick_lang(headers)}", replace=True)


app.register_lifespan_task(keep_warm)
app.add_page(rx.el.div(), route="/", on_load=RootState.redirect_by_language, title="The Open Box")

for lang in LANGS:
    t = gettext(lang)
    site = t("The Open Box")
    app.add_page(home_page(lang), route=f"/{lang}", on_load=HomeState.load(lang), title=site)
    app.add_page(
        listing_page(lang),
        route=f"/{lang}/store",
        on_load=ListingState.load(lang),
        title=f"{store_title(lang)} · {site}",
    )
    app.add_page(
        listing_page(lang),
        route=f"/{lang}/search",
        on_load=ListingState.load(lang),
        title=f"{search_title(lang)} · {site}",
    )
    app.add_page(
        listing_page(lang), route=f"/{lang}/categories/[handle]", on_load=ListingState.load(lang), title=site
    )
    app.add_page(
        listing_page(lang), route=f"/{lang}/collections/[handle]", on_load=ListingState.load(lang), title=site
    )
    app.add_page(
        product_page(lang), route=f"/{lang}/products/[handle]", on_load=ProductState.load(lang), title=site
    )
