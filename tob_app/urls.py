"""URL helpers: every storefront path starts with the language (`/en/…`, `/fr/…`)."""

from __future__ import annotations

from urllib.parse import unquote, urlencode

from translations import LANGS, normalize_lang


def localized(lang: str, *parts: str) -> str:
    clean = [p.strip("/") for p in parts if p and p.strip("/")]
    return "/" + "/".join([normalize_lang(lang), *clean])


def switch_lang_path(path: str, lang: str) -> str:
    """`/en/products/x` → `/fr/products/x`; a path without a language gets one in front."""
    segments = [s for s in path.split("/") if s]
    if segments and segments[0] in LANGS:
        segments = segments[1:]
    return localized(lang, *segments)


def segment_after(path: str, *names: str) -> str:
    """The path segment after the first one named in `names`, decoded; "" if there is none.
    `/en/products/x` and "products" → `x`. How pages read their dynamic part (a product's handle,
    an order's id) from the browser's URL."""
    segments = [s for s in path.split("/") if s]
    for index, segment in enumerate(segments[:-1]):
        if segment in names:
            return unquote(segments[index + 1])
    return ""


def with_page(path: str, page: int) -> str:
    return path if page <= 1 else f"{path}?{urlencode({'page': page})}"


def parse_page(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def preferred_lang(accept_language: str | None, cookie_lang: str | None = None) -> str:
    """Pick `en` or `fr`: a remembered choice wins, then the browser's Accept-Language order."""
    if cookie_lang and cookie_lang in LANGS:
        return cookie_lang
    weighted: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept_language or "").split(",")):
        lang, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, lang.strip().lower()[:2]))
    for _, _, lang in sorted(weighted):
        if lang in LANGS:
            return lang
    return "en"
