"""What search engines read: per-page title and description, canonical and `hreflang` links,
schema.org Product data, `sitemap.xml` and `robots.txt`. Rendered on the server by the routing
middleware; React does not manage these extra head tags, so hydration is unaffected.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from html import escape
from urllib.parse import urlencode

from catalog import navigation
from catalog.cache import SWRCache
from medusa import Product
from translations import LANGS, MEDUSA_LOCALES, format_money, gettext, normalize_lang

from . import islands
from .state.views import default_selection, images_shown, product_detail, select_variant

# Sitemap data change rarely compared with how often crawlers ask.
_sitemap: SWRCache[str] = SWRCache(ttl=600, max_stale=3600, max_entries=1)
DESCRIPTION_LENGTH = 155
# The cart stays crawlable: its page holds no shopper data before hydration (Lighthouse SEO).
PRIVATE = ("checkout", "account", "order", "admin")


def site_url() -> str:
    """Public origin used in canonical links and the sitemap (`TOB_PUBLIC_URL`)."""
    configured = os.environ.get("TOB_PUBLIC_URL", "").strip().rstrip("/")
    return configured or f"http://localhost:{os.environ.get('TOB_PORT', '3000')}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def alternates(path: str, query: str = "") -> str:
    """canonical + one `hreflang` link per language (+ x-default) for a storefront path."""
    segments = [s for s in path.split("/") if s]
    rest = "/".join(segments[1:])
    base = site_url()
    suffix = f"?{query}" if query else ""

    def url(lang: str) -> str:
        return f"{base}/{lang}{'/' + rest if rest else ''}{suffix}"

    lang = normalize_lang(segments[0] if segments else "")
    links = [f'<link rel="canonical" href="{escape(url(lang))}"/>']
    links += [f'<link rel="alternate" hreflang="{code}-CA" href="{escape(url(code))}"/>' for code in LANGS]
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(url("en"))}"/>')
    return "".join(links)


def product_json_ld(product: Product, lang: str, url: str) -> dict:
    """schema.org Product with one offer per priced variant (open-box units are used goods)."""
    offers = [
        {
            "@type": "Offer",
            "price": str(variant.price.amount.quantize(Decimal("0.01"))),
            "priceCurrency": variant.price.currency,
            "availability": "https://schema.org/" + ("InStock" if variant.in_stock else "OutOfStock"),
            "itemCondition": "https://schema.org/UsedCondition",
            "url": url,
            **({"sku": variant.sku} if variant.sku else {}),
        }
        for variant in product.variants
        if variant.price is not None
    ]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": _short(product.description or product.title),
        "url": url,
        "inLanguage": f"{lang}-CA",
        "offers": offers,
    }
    if product.thumbnail:
        data["image"] = [product.thumbnail]
    return data


def _json_script(data: dict) -> str:
    # "</" inside the JSON must not close the script element.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json">{payload}</script>'


async def head_tags(path: str, query: dict[str, str], region_cookie: str | None) -> tuple[str | None, str]:
    """The page's own title (None: keep the compiled one) and extra <head> markup. May raise
    Medusa errors; the caller gives it a time budget."""
    segments = [s for s in path.split("/") if s]
    lang = normalize_lang(segments[0] if segments else "")
    t = gettext(lang)
    section = segments[1] if len(segments) > 1 else ""
    kept_query = urlencode({"page": query["page"]}) if query.get("page", "1") != "1" else ""
    tags = [alternates(path, kept_query)]
    title = None
    if section in PRIVATE:
        tags.append('<meta name="robots" content="noindex"/>')
    description = t(
        "Open-box appliances, electronics and furniture, inspected, graded and guaranteed 90 days."
    )
    if section == "search":
        tags.append('<meta name="robots" content="noindex"/>')  # result pages are not content
    if section in islands.LISTING_SECTIONS:
        scope = await islands.listing_scope(lang, path, query.get("q", ""))
        title = f"{scope.heading} · {t('The Open Box')}"
        if scope.description:
            description = _short(scope.description)
        elif section != "store":
            description = t(
                "{name}: open-box deals, inspected, graded and guaranteed 90 days.", name=scope.heading
            )
    if section == "products" and len(segments) == 3:
        region = await navigation.region(region_cookie)
        locale = MEDUSA_LOCALES[lang]
        product = await islands.product(segments[2], region.id, locale)
        url = f"{site_url()}/{lang}/products/{product.handle}"
        price = product.lowest_price
        description = _short(product.description or product.title)
        title = f"{product.title} · {t('The Open Box')}"
        if price is not None:
            tags.append(
                f'<meta property="product:price:amount" content="{price.amount.quantize(Decimal("0.01"))}"/>'
            )
            tags.append(f'<meta property="product:price:currency" content="{price.currency}"/>')
            description = _short(f"{format_money(price.amount, price.currency_code, lang)} · {description}")
        tags.append(_json_script(product_json_ld(product, lang, url)))
        tags.append(_main_image_preload(product, lang))
    tags.insert(0, f'<meta name="description" content="{escape(description)}"/>')
    return title, "".join(tags)


def _main_image_preload(product: Product, lang: str) -> str:
    """The product page's largest image is only in the page once its data is in: fetch it now."""
    detail = product_detail(product, lang)
    shown = images_shown(detail, select_variant(detail, default_selection(detail)))
    if not shown:
        return ""
    return f'<link rel="preload" as="image" href="{escape(shown[0])}" fetchpriority="high"/>'


async def sitemap_xml() -> str:
    return await _sitemap.get("sitemap", _build_sitemap)


async def _build_sitemap() -> str:
    from catalog.source import medusa

    base = site_url()
    paths = ["", "store"]
    paths += [f"categories/{c.handle}" for c in await navigation.categories(MEDUSA_LOCALES["en"])]
    paths += [f"collections/{c.handle}" for c in await navigation.collections(MEDUSA_LOCALES["en"])]
    async for product in medusa().store.product.iterate(fields="id,handle,title", order="id", page_size=200):
        paths.append(f"products/{product.handle}")
    entries = []
    for rest in paths:
        urls = {lang: escape(f"{base}/{lang}" + (f"/{rest}" if rest else "")) for lang in LANGS}
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{o}-CA" href="{u}"/>' for o, u in urls.items()
        )
        entries += [f"<url><loc>{loc}</loc>{links}</url>" for loc in urls.values()]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        + "".join(entries)
        + "</urlset>\n"
    )


def robots_txt() -> str:
    disallowed = "".join(f"Disallow: /{lang}/{p}\n" for lang in LANGS for p in PRIVATE)
    return f"User-agent: *\nAllow: /\n{disallowed}Sitemap: {site_url()}/sitemap.xml\n"
