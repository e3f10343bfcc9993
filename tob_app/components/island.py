"""A container whose content is server-rendered HTML (see tob_app.islands)."""

from __future__ import annotations

import reflex as rx


def island(element_id: str, html) -> rx.Component:
    """React owns only this element; `tob_app.routing` fills it in the page's HTML and state
    updates replace its content."""
    return rx.html(html, id=element_id, aria_live="polite")
