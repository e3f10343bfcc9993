"""Product grids as HTML strings, rendered by the server.

The same markup is injected into the prerendered page by `tob_app.routing` (so the first product
card paints with the HTML, before any JavaScript) and sent later through state for live updates.
React owns only the empty container (`dangerouslySetInnerHTML`), so there is nothing to hydrate
and no markup to keep in sync with a JSX copy. Everything interpolated is escaped.
"""

from __future__ import annotations

from html import escape

from translations import gettext

from ..state.views import ProductCard
from ..urls import with_page

GRID = "grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-4"
PAGER_LINK = "rounded border border-stone-300 bg-white px-3 py-1"


def card_html(card: ProductCard, lang: str, eager: bool, timing: str = "") -> str:
    t = gettext(lang)
    original = (
        f'<s class="ml-2 text-sm text-stone-500">{escape(card.original_price)}</s>'
        if card.original_price
        else ""
    )
    sold_out = (
        "" if card.in_stock else f'<p class="text-xs font-medium text-red-700">{escape(t("Sold out"))}</p>'
    )
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (
        '<li data-testid="product-card">'
        f'<a href="/{lang}/products/{escape(card.handle)}" '
        'class="block rounded p-2 hover:bg-white focus:outline focus:outline-2">'
        f'<img src="{escape(card.thumbnail)}" alt="{escape(card.title)}" width="400" height="300" {loading} '
        'class="aspect-[4/3] w-full rounded bg-stone-100 object-contain">'
        f'<h3 class="mt-2 text-sm font-medium"{timing}>{escape(card.title)}</h3>'
        f'<p class="text-xs text-stone-500">{escape(card.conditions)}</p>'
        f'<p><span class="font-semibold">{escape(card.price)}</span>{original}</p>'
        f"{sold_out}</a></li>"
    )


def grid_html(cards: list[ProductCard], lang: str, eager: int = 4) -> str:
    """The cards of the first row load eagerly: they are the page's largest paint. The first
    title carries `elementtiming`, so the browser reports when it was painted (bench/)."""
    items = "".join(
        card_html(card, lang, index < eager, ' elementtiming="first-card"' if index == 0 else "")
        for index, card in enumerate(cards)
    )
    return f'<ul class="{GRID}">{items}</ul>'


def pager_html(base_path: str, page: int, pages: int, lang: str) -> str:
    t = gettext(lang)
    links = []
    if page > 1:
        previous = with_page(base_path, page - 1)
        links.append(
            f'<a href="{escape(previous)}" rel="prev" class="{PAGER_LINK}">{escape(t("Previous"))}</a>'
        )
    links.append(f'<span class="text-sm">{escape(t("Page"))} {page} / {pages}</span>')
    if page < pages:
        links.append(
            f'<a href="{escape(with_page(base_path, page + 1))}" rel="next" class="{PAGER_LINK}">{escape(t("Next"))}</a>'
        )
    return (
        f'<nav aria-label="{escape(t("Pagination"))}" class="mt-6 flex items-center justify-center gap-4">'
        f"{''.join(links)}</nav>"
    )


def listing_html(
    *,
    heading: str,
    description: str,
    cards: list[ProductCard],
    count_label: str,
    page: int,
    pages: int,
    base_path: str,
    lang: str,
) -> str:
    t = gettext(lang)
    body = (
        grid_html(cards, lang)
        if cards
        else f'<p class="text-stone-500">{escape(t("No products here yet."))}</p>'
    )
    intro = f'<p class="text-stone-600">{escape(description)}</p>' if description else ""
    return (
        f'<h1 class="text-2xl font-semibold">{escape(heading)}</h1>{intro}'
        f'<p class="mb-4 text-sm text-stone-500" data-testid="count">{escape(count_label)}</p>'
        f"{body}{pager_html(base_path, page, pages, lang)}"
    )
