"""Listing pages as HTML strings, rendered by the server: heading, sort, filters, grid, pager.

The same markup is injected into the prerendered page by `tob_app.routing` (so the first product
card paints with the HTML, before any JavaScript) and sent later through state for live updates.
React owns only the empty container (`dangerouslySetInnerHTML`), so there is nothing to hydrate
and no markup to keep in sync with a JSX copy. Everything interpolated is escaped.

Filters, sort and search are plain links and GET forms: they work without JavaScript, and every
state of the listing has its own shareable URL (see catalog.params).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from catalog import params as listing_params
from catalog.facets import Facets, FacetValue
from catalog.params import ListingParams, ParamError
from translations import format_money, gettext

from ..state.views import ProductCard

GRID = "grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-4"
LISTING_GRID = "grid grid-cols-2 gap-4 lg:grid-cols-3"  # beside the filter sidebar
PAGER_LINK = "rounded border border-stone-300 bg-white px-3 py-1"
INPUT = "rounded border border-stone-300 bg-white px-2 py-1 text-sm"
BUTTON = "rounded bg-stone-900 px-3 py-1 text-sm font-medium text-white hover:bg-stone-700"
FACET_LINK = "flex items-center justify-between gap-2 rounded px-1 py-0.5 hover:bg-white"


def card_html(card: ProductCard, lang: str, eager: bool, timing: str = "") -> str:
    t = gettext(lang)
    sold_out_label = t("Sold out")
    original = (
        f'<s class="ml-2 text-sm text-stone-500">{escape(card.original_price)}</s>'
        if card.original_price
        else ""
    )
    sold_out = (
        "" if card.in_stock else f'<p class="text-xs font-medium text-red-700">{escape(sold_out_label)}</p>'
    )
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (
        '<li data-testid="product-card">'
        f'<a href="/{lang}/products/{escape(card.handle)}" '
        'class="block rounded p-2 hover:bg-white focus:outline focus:outline-2">'
        f'<img src="{escape(card.thumbnail)}" alt="{escape(card.title)}" width="400" height="300" {loading} '
        'class="aspect-[4/3] w-full rounded bg-stone-100 object-contain">'
        f'<h3 class="mt-2 text-sm font-medium"{timing}>{escape(card.title)}</h3>'
        f'<p class="text-xs text-stone-500" data-testid="conditions">{escape(card.conditions)}</p>'
        f'<p><span class="font-semibold">{escape(card.price)}</span>{original}</p>'
        f"{sold_out}</a></li>"
    )


def grid_html(cards: list[ProductCard], lang: str, eager: int = 4, grid: str = GRID) -> str:
    """The cards of the first row load eagerly: they are the page's largest paint. The first
    title carries `elementtiming`, so the browser reports when it was painted (bench/)."""
    items = "".join(
        card_html(card, lang, index < eager, ' elementtiming="first-card"' if index == 0 else "")
        for index, card in enumerate(cards)
    )
    return f'<ul class="{grid}">{items}</ul>'


def pager_html(base_path: str, params: ListingParams, pages: int, lang: str) -> str:
    t = gettext(lang)
    label_previous, label_next, label_page, label_pagination = (
        t("Previous"),
        t("Next"),
        t("Page"),
        t("Pagination"),
    )
    page = params.page
    links = []
    if page > 1:
        previous = listing_params.url(base_path, listing_params.with_page(params, min(page - 1, pages)))
        links.append(
            f'<a href="{escape(previous)}" rel="prev" class="{PAGER_LINK}">{escape(label_previous)}</a>'
        )
    links.append(f'<span class="text-sm">{escape(label_page)} {page} / {pages}</span>')
    if page < pages:
        following = listing_params.url(base_path, listing_params.with_page(params, page + 1))
        links.append(
            f'<a href="{escape(following)}" rel="next" class="{PAGER_LINK}">{escape(label_next)}</a>'
        )
    return (
        f'<nav aria-label="{escape(label_pagination)}" class="mt-6 flex items-center justify-center gap-4">'
        f"{''.join(links)}</nav>"
    )


def _hidden_inputs(params: ListingParams, leave_out: Iterable[str]) -> str:
    skip = {*leave_out, "page"}
    return "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in listing_params.to_query(params).items()
        if name not in skip
    )


def sort_form_html(base_path: str, params: ListingParams, lang: str) -> str:
    """A GET form: the select submits itself on change; without JavaScript a button shows."""
    t = gettext(lang)
    choices = [
        ("newest", t("Newest")),
        ("price_asc", t("Price: low to high")),
        ("price_desc", t("Price: high to low")),
        ("title", t("Name")),
    ]
    if params.q:
        choices.insert(0, (listing_params.RELEVANCE, t("Relevance")))
    current = params.effective_sort
    label_sort_by, label_sort = t("Sort by"), t("Sort")
    options = "".join(
        f'<option value="{value}"{" selected" if value == current else ""}>{escape(label)}</option>'
        for value, label in choices
    )
    return (
        f'<form method="get" action="{escape(base_path)}" class="flex items-center gap-2" data-testid="sort-form">'
        f"{_hidden_inputs(params, ['sort'])}"
        f'<label for="listing-sort" class="text-sm text-stone-600">{escape(label_sort_by)}</label>'
        f'<select id="listing-sort" name="sort" class="{INPUT}" onchange="this.form.submit()">{options}</select>'
        f'<noscript><button type="submit" class="{BUTTON}">{escape(label_sort)}</button></noscript></form>'
    )


def _facet_link(href: str, value: FacetValue, lang: str, testid: str) -> str:
    t = gettext(lang)
    box = "bg-stone-900 border-stone-900" if value.selected else "bg-white border-stone-400"
    remove = t("Remove filter:")
    prefix = f'<span class="sr-only">{escape(remove)} </span>' if value.selected else ""
    current = ' aria-current="true"' if value.selected else ""
    return (
        f'<li><a href="{escape(href)}" class="{FACET_LINK}" data-testid="{testid}"{current}>'
        '<span class="flex items-center gap-2">'
        f'<span aria-hidden="true" class="inline-block h-3 w-3 rounded-sm border {box}"></span>'
        f"{prefix}{escape(value.label)}</span>"
        f'<span class="text-xs text-stone-500" data-testid="facet-count">{value.count}</span></a></li>'
    )


def _facet_group(title: str, items: list[str], group_id: str) -> str:
    if not items:
        return ""
    return (
        f'<section class="mb-5" aria-labelledby="{group_id}">'
        f'<h2 id="{group_id}" class="mb-1 text-sm font-semibold">{escape(title)}</h2>'
        f'<ul class="text-sm">{"".join(items)}</ul></section>'
    )


def _money_hint(value, currency: str, lang: str) -> str:
    return format_money(value, currency, lang) if value is not None and currency else ""


def _price_input(name: str, label: str, value) -> str:
    return (
        f'<label class="text-xs text-stone-600">{escape(label)}<input name="{name}" type="number" min="0" '
        f'step="any" inputmode="decimal" value="{escape(str(value))}" class="block w-20 {INPUT}"></label>'
    )


def _clear_link(base_path: str, params: ListingParams, lang: str, testid: str = "clear-filters") -> str:
    href = listing_params.url(base_path, listing_params.cleared(params))
    t = gettext(lang)
    label = t("Clear filters")
    return f'<a href="{escape(href)}" class="text-sm font-medium underline" data-testid="{testid}">{escape(label)}</a>'


def filters_html(base_path: str, params: ListingParams, facets: Facets, currency: str, lang: str) -> str:
    t = gettext(lang)
    url = listing_params.url
    groups = [
        _facet_group(
            t("Category"),
            [
                _facet_link(
                    url(base_path, listing_params.with_category(params, v.key)), v, lang, "facet-category"
                )
                for v in facets.categories
            ],
            "facet-category",
        ),
        _facet_group(
            t("Condition"),
            [
                _facet_link(
                    url(base_path, listing_params.toggled_condition(params, v.key)),
                    v,
                    lang,
                    "facet-condition",
                )
                for v in facets.conditions
            ],
            "facet-condition",
        ),
        _facet_group(
            t("Collection"),
            [
                _facet_link(
                    url(base_path, listing_params.with_collection(params, v.key)), v, lang, "facet-collection"
                )
                for v in facets.collections
            ],
            "facet-collection",
        ),
        _facet_group(
            t("Availability"),
            [
                _facet_link(
                    url(base_path, listing_params.toggled_stock(params)),
                    FacetValue("in_stock", t("In stock only"), facets.in_stock_count, params.in_stock),
                    lang,
                    "facet-stock",
                )
            ],
            "facet-stock",
        ),
    ]
    low = params.min_price if params.min_price is not None else ""
    high = params.max_price if params.max_price is not None else ""
    range_hint = (
        t(
            "From {low} to {high}",
            low=_money_hint(facets.price_low, currency, lang),
            high=_money_hint(facets.price_high, currency, lang),
        )
        if facets.price_low is not None and facets.price_high is not None
        else ""
    )
    label_price, label_min, label_max, label_apply, label_filters = (
        t("Price"),
        t("Min"),
        t("Max"),
        t("Apply"),
        t("Filters"),
    )
    currency_label = (
        f' <span class="font-normal text-stone-500">({escape(currency.upper())})</span>' if currency else ""
    )
    hint = f'<p class="mt-1 text-xs text-stone-500">{escape(range_hint)}</p>' if range_hint else ""
    price_form = (
        '<section class="mb-5" aria-labelledby="facet-price">'
        f'<h2 id="facet-price" class="mb-1 text-sm font-semibold">{escape(label_price)}{currency_label}</h2>'
        f'<form method="get" action="{escape(base_path)}" class="flex flex-wrap items-end gap-2" data-testid="price-form">'
        f"{_hidden_inputs(params, ['min', 'max'])}"
        f"{_price_input('min', label_min, low)}{_price_input('max', label_max, high)}"
        f'<button type="submit" class="{BUTTON}">{escape(label_apply)}</button></form>'
        f"{hint}"
        "</section>"
    )
    clear = f'<p class="mb-4">{_clear_link(base_path, params, lang)}</p>' if _has_filters(params) else ""
    return (
        f'<aside id="filters" aria-label="{escape(label_filters)}" class="md:order-first">'
        f"{clear}{''.join(groups)}{price_form}</aside>"
    )


def _has_filters(params: ListingParams) -> bool:
    return params.filtered and listing_params.cleared(params) != listing_params.with_page(params, 1)


def notices_html(errors: tuple[ParamError, ...], lang: str) -> str:
    if not errors:
        return ""
    t = gettext(lang)
    messages = [t("Ignored {name}: “{value}”", name=e.name, value=e.value) for e in errors]
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return f'<ul role="status" class="mb-4 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="notices">{items}</ul>'


def search_form_html(base_path: str, params: ListingParams, lang: str) -> str:
    t = gettext(lang)
    label, button = t("Search products"), t("Search")
    return (
        f'<form method="get" action="{escape(base_path)}" role="search" class="mb-4 flex gap-2">'
        f'<label for="search-page-q" class="sr-only">{escape(label)}</label>'
        f'<input id="search-page-q" type="search" name="q" value="{escape(params.q)}" class="w-full max-w-md {INPUT}" '
        f'placeholder="{escape(label)}" data-testid="search-page-input">'
        f'<button type="submit" class="{BUTTON}">{escape(button)}</button></form>'
    )


def empty_html(base_path: str, params: ListingParams, lang: str) -> str:
    t = gettext(lang)
    if _has_filters(params):
        message = t("No products match these filters.")
        action = " " + _clear_link(base_path, params, lang, "empty-clear-filters")
    elif params.q:
        message, action = t("No products match “{q}”.", q=params.q), ""
    else:
        message, action = t("No products here yet."), ""
    return f'<p class="text-stone-500" data-testid="empty">{escape(message)}{action}</p>'


@dataclass(frozen=True)
class ListingView:
    heading: str
    description: str
    cards: list[ProductCard]
    count_label: str
    pages: int
    base_path: str
    params: ListingParams
    facets: Facets
    currency: str = ""
    search_box: bool = False


def listing_html(view: ListingView, lang: str) -> str:
    t = gettext(lang)
    # The filters follow the products in the document, so the cards come first for screen readers
    # and for the browser's first layout (on wide screens CSS shows the filters on the left); a
    # link jumps to them (shown when focused on wide screens).
    filters_label = t("Filters")
    products_label = t("Products")
    params = view.params
    intro = f'<p class="text-stone-600">{escape(view.description)}</p>' if view.description else ""
    body = (
        grid_html(view.cards, lang, grid=LISTING_GRID)
        if view.cards
        else empty_html(view.base_path, params, lang)
    )
    pager = pager_html(view.base_path, params, view.pages, lang) if view.cards or params.page > 1 else ""
    return (
        f'<h1 class="text-2xl font-semibold">{escape(view.heading)}</h1>{intro}'
        f"{search_form_html(view.base_path, params, lang) if view.search_box else ''}"
        '<div class="mb-4 mt-2 flex flex-wrap items-center justify-between gap-3">'
        f'<p class="text-sm text-stone-500"><span data-testid="count">{escape(view.count_label)}</span>'
        f' <a href="#filters" class="ml-2 font-medium text-stone-700 underline md:sr-only md:focus:not-sr-only">'
        f"{escape(filters_label)}</a></p>"
        f"{sort_form_html(view.base_path, params, lang)}</div>"
        f"{notices_html(params.errors, lang)}"
        '<div class="grid gap-6 md:grid-cols-[13rem_1fr]">'
        # Cards are h3 under this h2, like the filters' groups further down.
        f'<section aria-labelledby="listing-products"><h2 id="listing-products" class="sr-only">'
        f"{escape(products_label)}</h2>{body}{pager}</section>"
        f"{filters_html(view.base_path, params, view.facets, view.currency, lang)}</div>"
    )


def header_search_html(lang: str) -> str:
    """The header's search box: a plain GET form to `/{lang}/search` (no JavaScript needed)."""
    t = gettext(lang)
    label, button = t("Search products"), t("Search")
    return (
        f'<form method="get" action="/{lang}/search" role="search" class="flex">'
        f'<label for="site-search" class="sr-only">{escape(label)}</label>'
        f'<input id="site-search" type="search" name="q" maxlength="{listing_params.MAX_QUERY_LENGTH}" '
        f'placeholder="{escape(label)}" data-testid="search-input" '
        'class="w-full min-w-0 rounded-l border border-stone-300 bg-white px-2 py-1 text-sm">'
        '<button type="submit" class="rounded-r border border-l-0 border-stone-300 bg-stone-100 px-3 text-sm '
        f'hover:bg-stone-200" data-testid="search-submit">{escape(button)}</button></form>'
    )
