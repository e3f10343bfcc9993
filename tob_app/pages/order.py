"""`/{lang}/order/{id}/confirmed`: thanks, order number, items, totals and addresses."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.layout import page_shell
from ..components.status import guarded, loading_line
from ..components.totals import totals_table
from ..state.order import OrderState
from ..urls import localized


def _address(title: str, lines) -> rx.Component:
    return rx.el.div(
        rx.el.h2(title, class_name="font-semibold"),
        rx.foreach(lines, lambda line: rx.el.p(line, class_name="text-sm")),
    )


def order_page(lang: str, *, confirmation: bool = True) -> rx.Component:
    """The confirmation after checkout, or (`confirmation=False`) an order in the account's history."""
    t = gettext(lang)
    order = OrderState.order
    heading = t("Thank you for your order") if confirmation else t("Order details")
    body = rx.el.div(
        rx.el.h1(heading, class_name="text-2xl font-semibold"),
        rx.el.p(
            t("Order number") + " ",
            rx.el.strong("#" + order.number, data_testid="order-number"),
            class_name="mt-2",
        ),
        rx.cond(
            confirmation,
            rx.el.p(
                t("A confirmation will be sent to") + " ", rx.el.strong(order.email), class_name="text-sm"
            ),
        ),
        rx.el.div(
            rx.el.ul(
                rx.foreach(
                    order.lines,
                    lambda line: rx.el.li(
                        rx.el.span(
                            line.quantity.to_string() + " × " + line.title + " — " + line.variant_title
                        ),
                        rx.el.span(line.subtotal),
                        class_name="flex justify-between gap-3 border-b border-stone-200 py-2",
                        data_testid="order-line",
                    ),
                ),
            ),
            rx.el.div(totals_table(lang, order.totals), class_name="mt-3 max-w-sm ml-auto"),
            class_name="mt-6 rounded border border-stone-200 bg-white p-4",
        ),
        rx.el.div(
            _address(t("Ship to"), order.shipping_address),
            _address(t("Bill to"), order.billing_address),
            rx.el.div(
                rx.el.h2(t("Delivery"), class_name="font-semibold"),
                rx.el.p(order.shipping_method, class_name="text-sm"),
            ),
            class_name="mt-6 grid gap-4 sm:grid-cols-3",
        ),
        rx.el.a(
            t("Continue shopping"), href=localized(lang, "store"), class_name="mt-8 inline-block underline"
        ),
        data_testid="order-confirmed",
    )
    content = rx.cond(
        OrderState.loading & (order.id == ""),
        loading_line(lang),
        body,
    )
    return page_shell(lang, OrderState, guarded(lang, OrderState, content))
