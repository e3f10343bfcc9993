"""A cart's or order's totals as a definition list (subtotal, discount, shipping, taxes, total)."""

from __future__ import annotations

import reflex as rx

from translations import gettext


def _row(label: str, value, testid: str, strong: bool = False) -> rx.Component:
    return rx.el.div(
        rx.el.dt(label),
        rx.el.dd(value, data_testid=testid),
        class_name="flex justify-between py-1"
        + (" border-t border-stone-200 pt-2 text-lg font-semibold" if strong else ""),
    )


def totals_table(lang: str, totals, estimate: bool = False) -> rx.Component:
    """`estimate`: before checkout, shipping is not chosen yet and taxes may change with the address."""
    t = gettext(lang)
    return rx.el.dl(
        _row(t("Subtotal"), totals.subtotal, "subtotal"),
        rx.cond(totals.discount != "", _row(t("Discount"), "−" + totals.discount, "discount")),
        rx.cond(
            totals.shipping != "",
            _row(t("Shipping"), totals.shipping, "shipping"),
            _row(t("Shipping"), t("Calculated at checkout") if estimate else "—", "shipping"),
        ),
        _row(t("Estimated taxes") if estimate else t("Taxes"), totals.tax, "tax"),
        _row(t("Total"), totals.total, "total", strong=True),
        class_name="text-sm",
    )
