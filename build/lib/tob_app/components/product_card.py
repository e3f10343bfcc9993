"""Product card and grid used by the home, listing, category and collection pages."""

from __future__ import annotations

import reflex as rx

from ..i18n import gettext
from ..state.views import ProductCard


def price_line(price, original_price) -> rx.Component:
    return rx.el.p(
        rx.el.span(price, class_name="font-semibold"),
        rx.cond(
            original_price != "",
            rx.el.s(original_price, class_name="ml-2 text-sm text-stone-500"),
        ),
    )


def product_card(card: ProductCard, lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.li(
        rx.el.a(
            rx.el.img(
                src=card.thumbnail,
                alt=card.title,
                width="400",
                height="300",
                loading="lazy",
                class_name="aspect-[4/3] w-full rounded bg-stone-100 object-contain",
            ),
            rx.el.h3(card.title, class_name="mt-2 text-sm font-medium"),
            rx.el.p(card.conditions, class_name="text-xs text-stone-500"),
            price_line(card.price, card.original_price),
            rx.cond(
                ~card.in_stock,
                rx.el.p(t("Sold out"), class_name="text-xs font-medium text-red-700"),
            ),
            href=f"/{lang}/products/" + card.handle,
            class_name="block rounded p-2 hover:bg-white focus:outline focus:outline-2",
        ),
        data_testid="product-card",
    )


def product_grid(cards, lang: str) -> rx.Component:
    return rx.el.ul(
        rx.foreach(cards, lambda card: product_card(card, lang)),
        class_name="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-4",
    )
