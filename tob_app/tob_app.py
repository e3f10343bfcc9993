"""The Reflex app: one compiled page per route and language, plus the `/` language redirect."""

from __future__ import annotations

import reflex as rx

from catalog.events import api as catalog_events_api
from shop.events import api as shop_events_api
from translations import LANGS, gettext

from .islands import keep_warm
from .pages.account import account_page
from .pages.cart import cart_page
from .pages.checkout import checkout_page
from .pages.home import home_page
from .pages.listing import listing_page, search_title, store_title
from .pages.order import order_page
from .pages.product import product_page
from .pages.reset import new_password_page, request_page
from .routing import StorefrontRouting, pick_lang
from .state.account import AccountPageState, AccountState
from .state.cart import CartPageState, CartState
from .state.catalog import HomeState, ListingState
from .state.checkout import CheckoutState
from .state.order import OrderState
from .state.product import ProductState
from .state.reset import ResetState

app = rx.App(
    # Applied in order: the endpoints Medusa's subscribers post to (catalog changes, shopper
    # events) around Reflex's app, then the storefront routing middleware around all.
    api_transformer=[catalog_events_api(), shop_events_api(), StorefrontRouting],
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
    # Every page refreshes the cart after its own load (header count, region and language), and
    # who is signed in (header link).
    shared = [CartState.refresh, AccountState.refresh]
    app.add_page(home_page(lang), route=f"/{lang}", on_load=[HomeState.load(lang), *shared], title=site)
    app.add_page(
        listing_page(lang),
        route=f"/{lang}/store",
        on_load=[ListingState.load(lang), *shared],
        title=f"{store_title(lang)} · {site}",
    )
    for kind in ("categories", "collections"):
        app.add_page(
            listing_page(lang),
            route=f"/{lang}/{kind}/[handle]",
            on_load=[ListingState.load(lang), *shared],
            title=site,
        )
    app.add_page(
        listing_page(lang),
        route=f"/{lang}/search",
        on_load=[ListingState.load(lang), *shared],
        title=f"{search_title(lang)} · {site}",
    )
    app.add_page(
        product_page(lang),
        route=f"/{lang}/products/[handle]",
        on_load=[ProductState.load(lang), *shared],
        title=site,
    )
    app.add_page(
        cart_page(lang),
        route=f"/{lang}/cart",
        on_load=[CartPageState.load(lang), *shared],
        title=f"{t('Your cart')} · {site}",
    )
    app.add_page(
        checkout_page(lang),
        route=f"/{lang}/checkout",
        on_load=[CheckoutState.load(lang), *shared, CheckoutState.after_load],
        title=f"{t('Checkout')} · {site}",
    )
    app.add_page(
        order_page(lang),
        route=f"/{lang}/order/[id]/confirmed",
        on_load=[OrderState.load(lang), *shared],
        title=f"{t('Thank you for your order')} · {site}",
    )
    app.add_page(
        account_page(lang),
        route=f"/{lang}/account",
        on_load=[AccountPageState.load(lang), *shared],
        title=f"{t('Your account')} · {site}",
    )
    app.add_page(
        order_page(lang, confirmation=False),
        route=f"/{lang}/account/orders/[id]",
        on_load=[OrderState.load(lang), *shared],
        title=f"{t('Order details')} · {site}",
    )
    app.add_page(
        request_page(lang),
        route=f"/{lang}/account/reset",
        on_load=[ResetState.load(lang), *shared],
        title=f"{t('Forgot your password?')} · {site}",
    )
    app.add_page(
        new_password_page(lang),
        route=f"/{lang}/account/reset/new",
        on_load=[ResetState.load(lang), *shared],
        title=f"{t('Choose a new password')} · {site}",
    )
