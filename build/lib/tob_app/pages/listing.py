"""`/{lang}/store`, `/{lang}/categories/{handle}`, `/{lang}/collections/{handle}`."""

from __future__ import annotations

import reflex as rx

from ..components.layout import page_shell
from ..components.product_card import product_grid
from ..components.status import guarded
from ..i18n import gettext
from ..state.catalog import ListingState


def _pagination(lang: str) -> rx.Component:
    t = gettext(lang)
    link = "rounded border border-stone-300 bg-white px-3 py-1"
    return rx.el.nav(
        rx.cond(
            ListingState.page > 1,
            rx.el.a(t("Previous"), href=ListingState.prev_href, rel="prev", class_name=link),
        ),
        rx.el.span(t("Page"), " ", ListingState.page, " / ", ListingState.pages, class_name="text-sm"),
        rx.cond(
            ListingState.page < ListingState.pages,
            rx.el.a(t("Next"), href=ListingState.next_href, rel="next", class_name=link),
        ),
        aria_label=t("Pagination"),
        class_name="mt-6 flex items-center justify-center gap-4",
    )


def listing_page(lang: str, title: str | None = None) -> rx.Component:
    t = gettext(lang)
    heading = title or ListingState.heading
    content = rx.el.div(
        rx.el.h1(heading, class_name="text-2xl font-semibold"),
        rx.cond(
            ListingState.description != "", rx.el.p(ListingState.description, class_name="text-stone-600")
        ),
        rx.el.p(ListingState.count_label, class_name="mb-4 text-sm text-stone-500", data_testid="count"),
        rx.cond(
            ListingState.loading & (ListingState.count == 0),
            rx.el.p(t("Loading…"), class_name="text-stone-500", aria_live="polite"),
            rx.cond(
                ListingState.count == 0,
                rx.el.p(t("No products here yet."), class_name="text-stone-500"),
                product_grid(ListingState.products, lang),
            ),
        ),
        _pagination(lang),
    )
    return page_shell(lang, ListingState, guarded(lang, ListingState, content))


def store_title(lang: str) -> str:
    t = gettext(lang)
    return t("All products")


def store_page(lang: str) -> rx.Component:
    return listing_page(lang, store_title(lang))
