"""A price with, when Medusa reports a reduction, the struck-through original."""

from __future__ import annotations

import reflex as rx


def price_line(price, original_price) -> rx.Component:
    return rx.el.p(
        rx.el.span(price, class_name="font-semibold"),
        rx.cond(
            original_price != "",
            rx.el.s(original_price, class_name="ml-2 text-sm text-stone-500"),
        ),
    )
