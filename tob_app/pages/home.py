"""`/{lang}`: featured collections, categories and new arrivals."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.island import island, island_html
from ..components.layout import page_shell
from ..components.status import guarded
from ..islands import ARRIVALS_ISLAND, CATEGORIES_ISLAND, COLLECTIONS_ISLAND
from ..state.catalog import HomeState
from ..urls import localized


def home_page(lang: str) -> rx.Component:
    t = gettext(lang)
    content = rx.el.div(
        rx.el.section(
            rx.el.h1(t("Open-box deals, inspected and graded"), class_name="text-3xl font-bold"),
            rx.el.p(
                t("Returns, display units and refurbished goods at a fair price — every item tested."),
                class_name="mt-2 text-stone-600",
            ),
            rx.el.a(
                t("Shop all"),
                href=localized(lang, "store"),
                class_name="mt-4 inline-block rounded bg-stone-900 px-4 py-2 text-white",
            ),
            class_name="py-6",
        ),
        rx.el.section(
            rx.el.h2(t("Collections"), class_name="mb-3 text-xl font-semibold"),
            island_html(COLLECTIONS_ISLAND, HomeState.collections_html),
            class_name="py-4",
        ),
        rx.el.section(
            rx.el.h2(t("Categories"), class_name="mb-3 text-xl font-semibold"),
            island_html(CATEGORIES_ISLAND, HomeState.categories_html),
            class_name="py-4",
        ),
        rx.el.section(
            rx.el.h2(t("New arrivals"), class_name="mb-3 text-xl font-semibold"),
            island(ARRIVALS_ISLAND, HomeState.arrivals_html, lang),
            class_name="py-4",
        ),
    )
    return page_shell(lang, HomeState, guarded(lang, HomeState, content))
