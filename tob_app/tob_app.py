"""The Reflex app: one compiled page per route and language, plus the `/` language redirect."""

from __future__ import annotations

import reflex as rx

from assistant.api import create_app as assistant_api
from assistant.deals import relay as deal_promotions_relay
from assistant.knowledge.search import keep_lexical_warm
from catalog.events import api as catalog_events_api
from jobs.ingest.form_api import api as ingest_form_api
from shop.events import api as shop_events_api
from staff.api import api as staff_api
from translations import LANGS, gettext

from .islands import keep_warm
from .pages.account import account_page
from .pages.admin import admin_page
from .pages.cart import cart_page
from .pages.checkout import checkout_page
from .pages.home import home_page
from .pages.listing import listing_page, search_page, search_title, store_title
from .pages.order import order_page
from .pages.product import product_page
from .pages.reset import new_password_page, request_page
from .routing import StorefrontRouting, pick_lang
from .state.account import AccountPageState, AccountState
from .state.admin import AdminState
from .state.cart import CartPageState, CartState
from .state.catalog import HomeState, ListingState
from .state.chat import ChatState
from .state.checkout import CheckoutState
from .state.order import OrderState
from .state.product import ProductState
from .state.reset import ResetState
from .state.semantic import SemanticSearchState

app = rx.App(
    # Applied in order: the endpoints Medusa's subscribers post to (catalog changes, shopper
    # events), signed product forms (/api/ingest/form), the staff routes and the assistant's API
    # (/api/assistant/…, product questions included) around Reflex's app, then the storefront
    # routing middleware around all.
    api_transformer=[
        catalog_events_api(),
        shop_events_api(),
        ingest_form_api(),
        staff_api(),
        assistant_api(),
        StorefrontRouting,
    ],
    stylesheets=[],
    # No toast library: nothing uses toasts, and Reflex's connection toaster (English only) is
    # replaced by the page frame's own notice in the page's language (components/layout.py).
    toaster=None,
    head_components=[
        rx.el.meta(name="color-scheme", content="light"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
)

app.app_wraps.pop((5, "Overlay"), None)


class RootState(rx.State):
    """Fallback for `/` when the frontend is served without our middleware (dev mode)."""

    @rx.event
    def redirect_by_language(self):
        headers = {
            "accept-language": self.router.headers.accept_language,
            "cookie": self.router.headers.cookie,
        }
        return rx.redirect(f"/{pick_lang(headers)}", replace=True)

    @rx.event
    def redirect_admin_by_language(self):
        headers = {
            "accept-language": self.router.headers.accept_language,
            "cookie": self.router.headers.cookie,
        }
        return rx.redirect(f"/{pick_lang(headers)}/admin", replace=True)


app.register_lifespan_task(keep_warm)
app.register_lifespan_task(deal_promotions_relay)  # pending deal promotions: at startup, then each minute
app.register_lifespan_task(keep_lexical_warm)  # product search's BM25 index follows index refreshes
app.add_page(rx.el.div(), route="/", on_load=RootState.redirect_by_language, title="The Open Box")
app.add_page(rx.el.div(), route="/admin", on_load=RootState.redirect_admin_by_language, title="The Open Box")

# Every page refreshes the cart after its own load (header count, region and language), and who
# is signed in (header link).
SHARED_LOADS = (CartState.refresh, AccountState.refresh)


def built_by(build, *args, **kwargs):
    """The page as a callable that keeps its page module's name: Reflex writes a page's compiled
    components into a JS module named after it, so each page's code (the admin's charts, the
    checkout's forms) ships only with the routes that use it instead of in one bundle for all."""

    def page_component() -> rx.Component:
        return build(*args, **kwargs)

    page_component.__module__ = build.__module__
    return page_component


def add_pages(lang: str) -> None:
    t = gettext(lang)
    site = t("The Open Box")

    def page(component, path: str, load, title: str | rx.Var = "", after=()) -> None:
        app.add_page(
            component,
            route=f"/{lang}{path}",
            on_load=[load, *SHARED_LOADS, *after],
            title=title if isinstance(title, rx.Var) else f"{title} · {site}" if title else site,
        )

    def loaded(name: rx.Var, fallback: str) -> rx.Var:
        """The tab title once the page's data is in (the server already wrote it into the HTML;
        without this, hydration would put the route's fixed title back)."""
        return rx.cond(name, name.to(str) + f" · {site}", fallback)

    page(built_by(home_page, lang), "", HomeState.load(lang))
    page(built_by(listing_page, lang), "/store", ListingState.load(lang), store_title(lang))
    by_heading = loaded(ListingState.heading, site)
    page(built_by(listing_page, lang), "/categories/[handle]", ListingState.load(lang), by_heading)
    page(built_by(listing_page, lang), "/collections/[handle]", ListingState.load(lang), by_heading)
    page(
        built_by(search_page, lang),
        "/search",
        ListingState.load(lang),
        loaded(ListingState.heading, f"{search_title(lang)} · {site}"),
        after=[SemanticSearchState.load(lang)],
    )
    page(
        built_by(product_page, lang),
        "/products/[handle]",
        ProductState.load(lang),
        loaded(ProductState.product.title, site),
        after=[ChatState.restore],
    )
    page(built_by(cart_page, lang), "/cart", CartPageState.load(lang), t("Your cart"))
    page(
        built_by(checkout_page, lang),
        "/checkout",
        CheckoutState.load(lang),
        t("Checkout"),
        after=[CheckoutState.after_load],
    )
    page(
        built_by(order_page, lang),
        "/order/[id]/confirmed",
        OrderState.load(lang),
        t("Thank you for your order"),
    )
    page(built_by(account_page, lang), "/account", AccountPageState.load(lang), t("Your account"))
    page(
        built_by(order_page, lang, confirmation=False),
        "/account/orders/[id]",
        OrderState.load(lang),
        t("Order details"),
    )
    page(built_by(request_page, lang), "/account/reset", ResetState.load(lang), t("Forgot your password?"))
    page(
        built_by(new_password_page, lang),
        "/account/reset/new",
        ResetState.load(lang),
        t("Choose a new password"),
    )
    # Staff only: no storefront header loads; the page is compiled without data.
    app.add_page(
        built_by(admin_page, lang),
        route=f"/{lang}/admin",
        on_load=AdminState.load(lang),
        title=f"{t('Admin')} · {site}",
        meta=[{"name": "robots", "content": "noindex, nofollow"}],
    )


for lang in LANGS:
    add_pages(lang)
