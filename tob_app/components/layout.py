"""The page frame: header (navigation, language and region switches), main content, footer."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.core.banner import has_too_many_connection_errors

from translations import LANGUAGE_NAMES, gettext

from ..islands import NAV_ISLAND
from ..state.account import AccountState
from ..state.cart import CartState
from ..state.site import SiteState
from ..urls import localized
from .island import island_html
from .listing_html import header_search_html


def _region_select(lang: str, page_state: type[rx.State]) -> rx.Component:
    """Always rendered at a fixed width: its options arrive with the state, and a select that
    appeared then would push the header's links and the page down (a layout shift)."""
    t = gettext(lang)
    return rx.el.label(
        rx.el.span(t("Region"), class_name="sr-only"),
        rx.el.select(
            rx.foreach(
                SiteState.regions,
                lambda region: rx.el.option(region.name + " (" + region.currency + ")", value=region.id),
            ),
            value=SiteState.region_id,
            on_change=page_state.change_region,
            class_name=rx.cond(SiteState.regions.length() > 0, "", "invisible")
            + " w-44 rounded border border-stone-300 bg-white px-2 py-1 text-sm",
            data_testid="region-select",
        ),
    )


def _other_language_href(other: str) -> rx.Var:
    """The page's twin in the other language. Until the page's state arrives it is worked out
    from the address bar: the state's default (the other language's home) would replace the
    server's correct link as soon as React renders the header, and a click then went there."""
    from_address_bar = Var(
        _js_expr=(
            f'(typeof window === "undefined" ? "/{other}" : window.location.pathname.replace('
            f'/^\\/(en|fr)(?=\\/|$)/, "/{other}") + window.location.search)'
        ),
        _var_type=str,
    )
    return rx.cond(rx.State.is_hydrated, SiteState.other_lang_href, from_address_bar)


def header(lang: str, page_state: type[rx.State]) -> rx.Component:
    """The markup is in reading order on a wide screen (one row): name, search, region, language,
    account, cart. On a phone a grid shows the name with the cart beside it, then the search, then
    the region, language and account row. Every cell has a fixed place, so a first frame painted
    before the browser has parsed the whole header (a busy phone does paint such frames) only
    gains cells: nothing already drawn moves when the rest arrives."""
    t = gettext(lang)
    other = "fr" if lang == "en" else "en"
    return rx.el.header(
        rx.el.div(
            rx.el.a(
                t("The Open Box"),
                href=localized(lang),
                class_name="col-start-1 row-start-1 justify-self-start text-lg font-bold tracking-tight text-stone-900",
            ),
            rx.html(
                header_search_html(lang),
                class_name="col-span-2 row-start-2 lg:max-w-sm lg:flex-1",
            ),
            rx.el.div(
                _region_select(lang, page_state),
                rx.el.a(
                    LANGUAGE_NAMES[other],
                    href=_other_language_href(other),
                    href_lang=other,
                    lang=other,
                    class_name="whitespace-nowrap text-sm font-medium text-stone-700 hover:underline",
                    data_testid="lang-switch",
                ),
                rx.el.a(
                    rx.cond(AccountState.signed_in, t("Account"), t("Sign in")),
                    href=localized(lang, "account"),
                    class_name="whitespace-nowrap text-sm font-medium text-stone-700 hover:underline",
                    data_testid="account-link",
                ),
                class_name="col-span-2 row-start-3 flex flex-wrap items-center gap-x-3 gap-y-2 lg:ml-auto",
            ),
            rx.el.a(
                t("Cart") + " ",
                rx.el.span(
                    CartState.count,
                    # Hidden (its room kept) until the shopper's cart is read: the page's HTML
                    # cannot know it, and a "0" first would be wrong for anyone with a cart.
                    class_name=rx.cond(CartState.loading, "invisible ", "")
                    + "ml-1 rounded-full bg-stone-900 px-2 py-0.5 text-xs text-white",
                    data_testid="cart-count",
                ),
                rx.el.span(
                    rx.cond(CartState.count == 1, " " + t("item"), " " + t("items")), class_name="sr-only"
                ),
                href=localized(lang, "cart"),
                # Beside the account link from `lg` up (the row's gap is the switches' gap there).
                class_name="col-start-2 row-start-1 justify-self-end whitespace-nowrap text-sm font-medium "
                "text-stone-900 hover:underline lg:-ml-3",
                data_testid="cart-link",
            ),
            # From `lg` up, one row as tall as its tallest item (the search box, 30 px) from the
            # start, so items parsed first are centred where they stay.
            class_name="mx-auto grid max-w-6xl grid-cols-[1fr_auto] items-center gap-x-6 gap-y-2 px-4 py-3 "
            "lg:flex lg:min-h-[3.375rem]",
        ),
        rx.el.nav(
            rx.el.a(t("Shop all"), href=localized(lang, "store"), class_name="font-medium hover:underline"),
            # Server-rendered links (tob_app.islands): the first paint has them, hydration moves nothing.
            island_html(NAV_ISLAND, SiteState.nav_html, class_name="contents"),
            aria_label=t("Main"),
            class_name="mx-auto flex max-w-6xl gap-5 overflow-x-auto whitespace-nowrap px-4 pb-3 text-sm text-stone-700",
        ),
        class_name="border-b border-stone-200 bg-white",
    )


def footer(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.footer(
        rx.el.p(
            t("Open-box goods, inspected and graded. Prices in your region's currency."),
            class_name="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-500",
        ),
        class_name="mt-12 border-t border-stone-200",
    )


def connection_notice(lang: str) -> rx.Component:
    """Shown while the page has lost its live connection to the store (Reflex retries by itself)."""
    t = gettext(lang)
    return rx.cond(
        has_too_many_connection_errors,
        rx.el.div(
            t("Connection to the store lost. Trying to reconnect…"),
            role="alert",
            class_name="fixed inset-x-0 bottom-0 z-50 bg-amber-100 px-4 py-2 text-center text-sm text-amber-900",
            data_testid="connection-notice",
        ),
    )


def page_shell(lang: str, page_state: type[rx.State], *content: rx.Component) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        connection_notice(lang),
        rx.el.a(
            t("Skip to content"),
            href="#main",
            class_name="sr-only focus:not-sr-only focus:absolute focus:p-2",
        ),
        header(lang, page_state),
        rx.el.main(*content, id="main", class_name="mx-auto min-h-[60vh] max-w-6xl px-4 py-6"),
        footer(lang),
        lang=lang,
        # The server sends the right <html lang>; this keeps it right after in-app navigation.
        on_mount=rx.call_script(f"document.documentElement.lang = '{lang}'"),
        class_name="min-h-screen bg-stone-50 text-stone-900",
    )
