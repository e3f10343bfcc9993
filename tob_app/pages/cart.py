"""`/{lang}/cart`: lines with quantities, promo code, totals from Medusa, and the way to checkout."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.layout import page_shell
from ..components.status import guarded, loading_line
from ..components.totals import totals_table
from ..state.cart import CartPageState, CartState, cart_in
from ..state.cart_views import LineView
from ..urls import localized

MAX_QUANTITY = 10


def _quantity_select(lang: str, line: LineView) -> rx.Component:
    t = gettext(lang)
    return rx.el.label(
        rx.el.span(t("Quantity"), class_name="sr-only"),
        rx.el.select(
            *[rx.el.option(str(n), value=str(n)) for n in range(1, MAX_QUANTITY + 1)],
            value=line.quantity.to_string(),
            on_change=lambda value: CartState.set_quantity(line.id, value),
            disabled=CartState.busy,
            class_name="rounded border border-stone-300 bg-white px-2 py-1",
            data_testid="line-quantity",
        ),
    )


def _line(lang: str, line: LineView) -> rx.Component:
    """One row from a small tablet up; on a phone the quantity, subtotal and "Remove" get a row of
    their own under the picture and title (in one row they were wider than a 412 px screen)."""
    t = gettext(lang)
    return rx.el.li(
        rx.cond(
            line.thumbnail != "",
            rx.el.img(src=line.thumbnail, alt="", class_name="h-18 w-24 object-contain"),
            rx.el.div(class_name="w-24"),
        ),
        rx.el.div(
            rx.el.a(
                line.title, href=f"/{lang}/products/" + line.handle, class_name="font-medium hover:underline"
            ),
            rx.el.p(line.variant_title, class_name="text-sm text-stone-500"),
            rx.el.p(line.unit_price, class_name="text-sm"),
            class_name="min-w-0 sm:flex-1",
        ),
        rx.el.div(
            _quantity_select(lang, line),
            rx.el.p(
                line.subtotal,
                class_name="flex-1 text-right font-medium sm:w-28 sm:flex-none",
                data_testid="line-subtotal",
            ),
            rx.el.button(
                t("Remove"),
                type="button",
                on_click=CartState.remove(line.id),
                disabled=CartState.busy,
                aria_label=t("Remove") + " " + line.title,
                class_name="text-sm text-stone-600 underline",
            ),
            class_name="col-span-2 flex items-center gap-4 sm:contents",
        ),
        class_name="grid grid-cols-[6rem_minmax(0,1fr)] items-center gap-x-4 gap-y-2 border-b border-stone-200 py-4"
        " sm:flex sm:gap-4",
        data_testid="cart-line",
    )


def promo_form(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        rx.el.form(
            rx.el.label(t("Promo code"), html_for="promo-code", class_name="block text-sm font-medium"),
            rx.el.div(
                rx.el.input(
                    id="promo-code",
                    name="code",
                    auto_complete="off",
                    aria_describedby="promo-error",
                    class_name="min-w-0 flex-1 rounded border border-stone-300 px-2 py-1",
                ),
                rx.el.button(
                    t("Apply"),
                    type="submit",
                    disabled=CartState.busy,
                    class_name="rounded border border-stone-900 px-3 py-1 text-sm",
                ),
                class_name="mt-1 flex gap-2",
            ),
            on_submit=CartState.apply_promo,
            reset_on_submit=True,
        ),
        rx.el.p(
            CartState.promo_error,
            id="promo-error",
            role="alert",
            class_name="mt-1 text-sm text-red-700",
            data_testid="promo-error",
        ),
        rx.foreach(
            CartState.cart.promo_codes,
            lambda code: rx.el.p(
                rx.el.span(t("Code applied:") + " ", class_name="text-green-800"),
                rx.el.strong(code),
                rx.el.button(
                    t("Remove"),
                    type="button",
                    on_click=CartState.remove_promo(code),
                    class_name="ml-2 text-sm underline",
                ),
                class_name="mt-1 text-sm",
                data_testid="promo-applied",
            ),
        ),
        class_name="mt-4",
    )


def cart_page(lang: str) -> rx.Component:
    t = gettext(lang)
    filled = rx.el.div(
        rx.el.ul(
            rx.foreach(CartState.cart.lines, lambda line: _line(lang, line)), class_name="md:col-span-2"
        ),
        rx.el.aside(
            totals_table(lang, CartState.cart.totals, estimate=True),
            promo_form(lang),
            rx.el.a(
                t("Go to checkout"),
                href=localized(lang, "checkout"),
                class_name="mt-6 block rounded bg-stone-900 px-4 py-3 text-center font-medium text-white",
                data_testid="checkout-link",
            ),
            class_name="rounded border border-stone-200 bg-white p-4",
        ),
        class_name="grid grid-cols-1 gap-8 md:grid-cols-3",
    )
    empty = rx.el.div(
        rx.el.p(t("Your cart is empty."), class_name="text-lg"),
        rx.el.a(
            t("Browse the store"), href=localized(lang, "store"), class_name="mt-2 inline-block underline"
        ),
        data_testid="cart-empty",
    )
    loading = loading_line(lang)
    content = rx.el.div(
        rx.el.h1(t("Your cart"), class_name="mb-4 text-2xl font-semibold"),
        rx.cond(
            CartState.error != "",
            rx.el.p(
                CartState.error,
                role="alert",
                class_name="mb-4 rounded bg-red-50 p-3 text-red-800",
                data_testid="cart-error",
            ),
        ),
        rx.cond(
            # An add still on its way to Medusa (the header already counts it): the shopper who
            # followed the count here sees the cart load, not "Your cart is empty".
            CartState.loading | (CartState.pending > 0),
            loading,
            rx.cond(
                (CartState.cart.lines.length() > 0) & cart_in(lang),
                filled,
                rx.cond(CartState.unavailable, rx.fragment(), rx.cond(cart_in(lang), empty, loading)),
            ),
        ),
    )
    return page_shell(lang, CartPageState, guarded(lang, CartPageState, content))
