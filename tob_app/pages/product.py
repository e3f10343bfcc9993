"""`/{lang}/products/{handle}`: gallery, condition and other options, price and stock, and the
negotiation chat."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.chat import chat_panel
from ..components.island import island_html
from ..components.layout import page_shell
from ..components.price import price_line
from ..components.status import guarded
from ..islands import PRODUCT_ISLAND
from ..state.cart import CartState
from ..state.product import ProductState
from ..state.views import ProductOption
from ..urls import localized


def _option_picker(option: ProductOption) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(option.title, class_name="mb-1 text-sm font-medium"),
        rx.el.div(
            rx.foreach(
                option.choices,
                lambda value: rx.el.button(
                    value.value,
                    type="button",
                    on_click=ProductState.choose(option.id, value.value),
                    aria_pressed=ProductState.selection[option.id] == value.value,
                    class_name=rx.cond(
                        ProductState.selection[option.id] == value.value,
                        "rounded border-2 border-stone-900 bg-white px-3 py-1 text-sm",
                        rx.cond(
                            value.available,
                            "rounded border border-stone-300 bg-white px-3 py-1 text-sm",
                            "rounded border border-dashed border-stone-300 px-3 py-1 text-sm text-stone-400",
                        ),
                    ),
                ),
            ),
            class_name="flex flex-wrap gap-2",
        ),
        class_name="mt-4",
    )


def _gallery(lang: str) -> rx.Component:
    t = gettext(lang)
    show_image = t("Show image")
    return rx.el.div(
        rx.cond(
            ProductState.main_image != "",
            rx.el.img(
                src=ProductState.main_image,
                alt=ProductState.product.title,
                class_name="aspect-[4/3] w-full rounded bg-stone-100 object-contain",
                data_testid="main-image",
            ),
        ),
        rx.el.div(
            rx.foreach(
                ProductState.gallery,
                lambda url, index: rx.el.button(
                    rx.el.img(src=url, alt="", class_name="h-16 w-20 object-contain"),
                    type="button",
                    aria_label=f"{show_image} {index + 1}",
                    aria_pressed=ProductState.active_image == index,
                    on_click=ProductState.show_image(index),
                    class_name="rounded border border-stone-300",
                ),
            ),
            class_name="mt-2 flex gap-2",
        ),
    )


def _add_to_cart(lang: str) -> rx.Component:
    t = gettext(lang)
    variant = ProductState.variant
    return rx.el.div(
        rx.el.form(
            rx.el.input(type="hidden", name="variant_id", value=variant.id),
            rx.el.label(
                rx.el.span(t("Quantity"), class_name="mr-2 text-sm"),
                rx.el.input(
                    type="number",
                    name="quantity",
                    default_value="1",
                    min="1",
                    class_name="w-20 rounded border border-stone-300 px-2 py-1",
                    data_testid="quantity",
                ),
            ),
            rx.el.button(
                rx.cond(CartState.busy, t("Adding…"), t("Add to cart")),
                type="submit",
                disabled=~variant.in_stock | CartState.busy | (variant.id == ""),
                class_name="rounded bg-stone-900 px-5 py-2 font-medium text-white disabled:opacity-50",
                data_testid="add-to-cart",
            ),
            on_submit=CartState.add,
            # Medusa judges the stock and we show its answer in the page's language.
            no_validate=True,
            class_name="mt-4 flex items-center gap-3",
        ),
        rx.el.div(
            rx.cond(
                CartState.added != "",
                rx.el.p(
                    CartState.added + " ",
                    rx.el.a(t("View cart"), href=localized(lang, "cart"), class_name="underline"),
                    class_name="text-green-800",
                    data_testid="added",
                ),
            ),
            rx.cond(
                CartState.error != "",
                rx.el.p(CartState.error, role="alert", class_name="text-red-700", data_testid="cart-error"),
            ),
            aria_live="polite",
            class_name="mt-2 text-sm",
        ),
    )


def product_page(lang: str) -> rx.Component:
    t = gettext(lang)
    variant = ProductState.variant
    details = rx.el.div(
        rx.el.a(
            ProductState.product.category.title,
            href=f"/{lang}/categories/" + ProductState.product.category.handle,
            class_name="text-sm text-stone-500 hover:underline",
        ),
        rx.el.h1(
            ProductState.product.title, class_name="text-2xl font-semibold", data_testid="product-title"
        ),
        rx.el.div(
            price_line(variant.price, variant.original_price), class_name="mt-2 text-xl", data_testid="price"
        ),
        rx.cond(
            variant.in_stock,
            rx.el.p(t("In stock"), class_name="text-sm text-green-700", data_testid="stock"),
            rx.el.p(t("Sold out"), class_name="text-sm text-red-700", data_testid="stock"),
        ),
        rx.foreach(ProductState.product.options, _option_picker),
        _add_to_cart(lang),
        chat_panel(lang),
        rx.el.div(ProductState.product.description, class_name="mt-6 whitespace-pre-line text-stone-700"),
    )
    content = rx.cond(
        ProductState.loading & (ProductState.product.id == ""),
        # Until the product is in the state: the server's preview of the page's top (same markup
        # as below, tob_app.components.product_html), or a loading line after an in-app
        # navigation. A screen tall: the footer stays below the fold before and after the product
        # comes in, so its arrival moves nothing the shopper sees (layout shift).
        island_html(
            PRODUCT_ISLAND,
            "",
            aria_live="polite",
            data_loading=t("Loading…"),
            class_name="min-h-screen empty:before:text-stone-500 empty:before:content-[attr(data-loading)]",
        ),
        rx.el.div(_gallery(lang), details, class_name="grid gap-8 md:grid-cols-2"),
    )
    return page_shell(lang, ProductState, guarded(lang, ProductState, content))
