"""Navigation as HTML strings, rendered by the server: the header's category links and the home
page's collection and category tiles.

Like the listing grids (see listing_html), they are injected into the prerendered page by
`tob_app.routing`, so the first paint already has them and hydration moves nothing (before, the
header and the home page grew when the websocket state arrived: a layout shift of 0.62 on
mobile). Everything interpolated is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import quote

from ..state.views import NavLink

TILE = "block rounded border border-stone-200 bg-white p-4 font-medium hover:border-stone-400"


def _href(lang: str, section: str, handle: str) -> str:
    return escape(f"/{lang}/{section}/{quote(handle)}")


def category_links_html(links: Iterable[NavLink], lang: str) -> str:
    """The header's top-level categories (the container is a flex row)."""
    return "".join(
        f'<a href="{_href(lang, "categories", link.handle)}" class="hover:underline">{escape(link.title)}</a>'
        for link in links
    )


def tiles_html(links: Iterable[NavLink], lang: str, section: str) -> str:
    """Home page tiles linking to `/{lang}/{section}/{handle}` (collections or categories)."""
    items = "".join(
        f'<li><a href="{_href(lang, section, link.handle)}" class="{TILE}">{escape(link.title)}</a></li>'
        for link in links
    )
    return f'<ul class="grid grid-cols-2 gap-3 md:grid-cols-3">{items}</ul>'
