"""Loading, outage and not-found states, in the page's language."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..urls import localized


def loading_line(lang: str, size: str = "") -> rx.Component:
    """The line a page shows while its data is on the way (announced politely)."""
    return rx.el.p(gettext(lang)("Loading…"), class_name=f"{size} text-stone-500".strip(), aria_live="polite")


def outage(lang: str, page_state: type[rx.State]) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        rx.el.p(
            t("The store is temporarily unavailable. Please try again in a moment."),
            class_name="font-medium",
        ),
        rx.el.button(
            t("Try again"),
            on_click=page_state.retry,
            class_name="mt-3 rounded bg-stone-900 px-4 py-2 text-sm text-white",
        ),
        role="alert",
        data_testid="outage",
        class_name="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900",
    )


def not_found(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        rx.el.h1(t("Page not found"), class_name="text-2xl font-semibold"),
        rx.el.p(t("This item may have sold out or moved.")),
        rx.el.a(t("Browse the store"), href=localized(lang, "store"), class_name="underline"),
        data_testid="not-found",
        class_name="space-y-3",
    )


def guarded(lang: str, page_state, content: rx.Component) -> rx.Component:
    """Show the outage or not-found message instead of the page content when needed."""
    return rx.cond(
        page_state.unavailable,
        outage(lang, page_state),
        rx.cond(page_state.not_found, not_found(lang), content),
    )
