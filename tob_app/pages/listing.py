"""`/{lang}/store`, `/{lang}/search`, `/{lang}/categories/{handle}`, `/{lang}/collections/{handle}`."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.island import island
from ..components.layout import page_shell
from ..components.status import guarded
from ..islands import LISTING_ISLAND
from ..state.catalog import ListingState
from ..state.semantic import SemanticSearchState


def listing_page(lang: str) -> rx.Component:
    """Heading, sort, filters, grid and pagination are one server-rendered island (see
    tob_app.islands): plain links and GET forms, so every listing state has its own URL."""
    return page_shell(
        lang,
        ListingState,
        guarded(
            lang,
            ListingState,
            island(LISTING_ISLAND, ListingState.island_html, lang, loading=ListingState.loading),
        ),
    )


def related_section(lang: str) -> rx.Component:
    """Products related by meaning (the knowledge index), under the keyword results."""
    t = gettext(lang)
    return rx.cond(
        SemanticSearchState.related.length() > 0,  # type: ignore[attr-defined]
        rx.el.section(
            rx.el.h2(t("Related by meaning"), class_name="mb-2 text-lg font-semibold"),
            rx.el.ul(
                rx.foreach(
                    SemanticSearchState.related,
                    lambda link: rx.el.li(
                        rx.el.a(link.title, href=link.href, class_name="text-teal-800 underline"),
                    ),
                ),
                class_name="grid gap-1 sm:grid-cols-2",
            ),
            data_testid="related-results",
            aria_label=t("Related by meaning"),
            class_name="mt-8 border-t border-stone-200 pt-4",
        ),
    )


def search_page(lang: str) -> rx.Component:
    """`/{lang}/search`: the listing (keyword results) and the semantic results beside it."""
    return page_shell(
        lang,
        ListingState,
        guarded(
            lang,
            ListingState,
            rx.el.div(
                island(LISTING_ISLAND, ListingState.island_html, lang, loading=ListingState.loading),
                related_section(lang),
            ),
        ),
    )


def store_title(lang: str) -> str:
    t = gettext(lang)
    return t("All products")


def search_title(lang: str) -> str:
    t = gettext(lang)
    return t("Search")
