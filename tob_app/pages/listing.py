"""`/{lang}/store`, `/{lang}/search`, `/{lang}/categories/{handle}`, `/{lang}/collections/{handle}`."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.island import island
from ..components.layout import page_shell
from ..components.status import guarded
from ..islands import LISTING_ISLAND
from ..state.catalog import ListingState


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


def store_title(lang: str) -> str:
    t = gettext(lang)
    return t("All products")


def search_title(lang: str) -> str:
    t = gettext(lang)
    return t("Search")
