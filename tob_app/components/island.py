"""A container whose content is server-rendered HTML (see tob_app.islands)."""

from __future__ import annotations

import reflex as rx

from translations import gettext


def island(element_id: str, html, lang: str, loading=None) -> rx.Component:
    """React owns only this element; `tob_app.routing` fills it in the page's HTML and state
    updates replace its content. While it is empty (after in-app navigation, before the data
    arrives) CSS shows a loading line, so no state flag has to match between server and client.

    `loading` (a state var) sets `data-state="loading|ready"`: the websocket load replaces the
    server's markup with the same markup once, and tests wait for it before typing into forms."""
    t = gettext(lang)
    extra = {} if loading is None else {"data_state": rx.cond(loading, "loading", "ready")}
    return rx.html(
        html,
        id=element_id,
        aria_live="polite",
        data_loading=t("Loading…"),
        class_name="empty:before:text-stone-500 empty:before:content-[attr(data-loading)]",
        **extra,
    )
