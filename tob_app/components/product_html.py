"""The top of a product page as an HTML string, rendered by the server into the page while React
loads (see tob_app.islands): gallery, category, title, price and stock, the shopper's first view.

The markup and classes are those of `tob_app.pages.product` for the same product and default
variant, so when the page's state arrives and React draws the full page (options, cart, chat,
description below), nothing already on screen moves. Everything interpolated is escaped.
"""

from __future__ import annotations

from html import escape

from translations import gettext

from ..state.views import ProductDetail, VariantView, default_selection, images_shown, select_variant


def product_preview_html(detail: ProductDetail, lang: str) -> str:
    t = gettext(lang)
    variant = select_variant(detail, default_selection(detail)) or VariantView()
    images = images_shown(detail, variant)
    show_image = t("Show image")
    main = (
        f'<img alt="{escape(detail.title)}" class="aspect-[4/3] w-full rounded bg-stone-100 object-contain" '
        f'data-testid="main-image" src="{escape(images[0])}">'
        if images
        else ""
    )
    thumbs = "".join(
        f'<button aria-label="{escape(show_image)} {index + 1}" aria-pressed="{"true" if index == 0 else "false"}" '
        f'class="rounded border border-stone-300" type="button">'
        # Small pictures: the large one (preloaded by the head) gets the network first.
        f'<img alt="" class="h-16 w-20 object-contain" fetchpriority="low" src="{escape(url)}"></button>'
        for index, url in enumerate(images)
    )
    original = (
        f'<s class="ml-2 text-sm text-stone-500">{escape(variant.original_price)}</s>'
        if variant.original_price
        else ""
    )
    price = (
        '<div class="mt-2 text-xl" data-testid="price">'
        f'<p><span class="font-semibold">{escape(variant.price)}</span>{original}</p></div>'
    )
    stock = (
        f'<p class="text-sm text-green-700" data-testid="stock">{escape(t("In stock"))}</p>'
        if variant.in_stock
        else f'<p class="text-sm text-red-700" data-testid="stock">{escape(t("Sold out"))}</p>'
    )
    category = (
        f'<a class="text-sm text-stone-500 hover:underline" '
        f'href="/{lang}/categories/{escape(detail.category.handle)}">{escape(detail.category.title)}</a>'
    )
    return (
        '<div class="grid gap-8 md:grid-cols-2">'
        f'<div>{main}<div class="mt-2 flex gap-2">{thumbs}</div></div>'
        f'<div>{category}<h1 class="text-2xl font-semibold" data-testid="product-title">'
        f"{escape(detail.title)}</h1>{price}{stock}</div></div>"
    )
